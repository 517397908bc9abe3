#pragma once
#include <optional>

/// BCS mean field with a Bogolyubov chemical potential λ (PHYSICS.md §3; paper
/// Eqs. 4, 5, 19, 21–25). Energies in meV; temperatures enter as k_B T [meV].
/// Pure functions: no MPI, no I/O. They never return NaN: a gap that does not
/// exist is 0, a solver that cannot deliver throws NumericalError.
namespace metasc::physics {

/// The electronic band: density of states and the BCS cutoff.
struct BcsBand {
  double dos_per_meV;  ///< ν(0) [states/meV/spin/site]
  double cutoff_meV;   ///< ω_c [meV] (the phonon energy ħω)
};

/// 1/(νU) residual of the gap equation (P 4):
///   ∫_0^ω_c dξ tanh((E+λ)/2T)/E − 1/(νU),  E = sqrt(ξ²+Δ²).  Δ > 0.
double gap_equation_residual(const BcsBand& band, double pairing_meV, double kT_meV, double lambda_meV,
                             double gap_meV);

/// Δ(U, T, λ) [meV]: the largest root of the gap equation, 0 when there is none
/// (or U = 0). Solved in ln Δ so exponentially small gaps keep relative precision;
/// gaps below 3e-300 meV underflow to 0. `hint_meV` > 0 is a starting guess (e.g. the
/// neighbouring grid point's gap): Newton from it costs ~3 µs, ~4× less than without.
double gap(const BcsBand& band, double pairing_meV, double kT_meV, double lambda_meV = 0.0, double hint_meV = 0.0);

/// dΔ/dU at the root Δ = gap(band, U, T, λ) (implicit differentiation of the
/// gap equation); 0 where Δ = 0.
double gap_derivative_wrt_pairing(const BcsBand& band, double pairing_meV, double kT_meV, double lambda_meV,
                                  double gap_meV);

/// n = 4ν ∫_0^ω_c dξ f(E), f(E) = 1/(exp((E+λ)/T)+1): quasi-particles per site (P 5).
double density(const BcsBand& band, double gap_meV, double kT_meV, double lambda_meV);

/// λ [meV] such that density(band, Δ, T, λ) = n, at fixed Δ. T > 0, 0 < n < 4ν ω_c.
double chemical_potential_from_density(const BcsBand& band, double gap_meV, double kT_meV, double density);

/// F_SC(Δ; U, T, λ) [meV per site], normal state at the same λ subtracted (P 21–24).
double free_energy(const BcsBand& band, double pairing_meV, double kT_meV, double lambda_meV, double gap_meV);

/// k_B T_c [meV] of pairing U (λ = 0): the T where the gap closes; 0 for U = 0.
double critical_kT(const BcsBand& band, double pairing_meV);

/// U0 [meV] with critical temperature k_B T_c [meV].
double pairing_from_critical_kT(const BcsBand& band, double critical_kT_meV);

/// U0 [meV] with T = 0 gap Δ0 [meV]: 1/(νU0) = asinh(ω_c/Δ0).
double pairing_from_zero_temperature_gap(const BcsBand& band, double gap0_meV);

/// Which solution of the joint gap + density equations a kinetic state is on.
enum class GapBranch {
  larger_root,   ///< the equilibrium-connected root (∂residual/∂Δ < 0)
  smaller_root,  ///< quasi-particles in excess beyond the saddle-node: stable at fixed n
  normal         ///< no gap: Δ = 0, λ from n in closed form
};

struct KineticState {
  double gap_meV;
  double lambda_meV;
  GapBranch branch;
};

/// (Δ, λ) at quasi-particle density n, pairing U and temperature T > 0: the
/// gap and density equations solved jointly (PHYSICS.md §3, "State at given n").
/// Along the solution curve of the gap equation, parametrised by Δ from Δ0 down to 0,
/// n rises from 0; above T_c(U) it rises monotonically to the normal equilibrium
/// density n(Δ=0, λ=0), below T_c(U) it peaks (on the smaller-root branch) above that
/// density and falls back to it as Δ → 0. The state is the largest-Δ solution, the one
/// reached continuously as n grows from 0; beyond the peak, or when the gap would be
/// below 3e-300 meV, the state is normal.
KineticState state_from_density(const BcsBand& band, double pairing_meV, double kT_meV, double density);

/// The same state, found from `hint`, the state at a nearby density or pairing (e.g. the
/// previous kinetic step): a few Newton steps along the curve instead of a walk down
/// from Δ0, falling back to that walk when they do not land on the same solution.
KineticState state_from_density(const BcsBand& band, double pairing_meV, double kT_meV, double density,
                                const KineticState& hint);

/// λ [meV] at which Δ [meV] solves the gap equation at pairing U and T > 0 (unique: the
/// residual increases with λ); nullopt for Δ ≥ Δ0 = ω_c/sinh(1/νU) (or U = 0), where
/// no λ does (as Δ → Δ0, λ → +∞).
std::optional<double> chemical_potential_for_gap(const BcsBand& band, double pairing_meV, double kT_meV,
                                                 double gap_meV);

}  // namespace metasc::physics
