#pragma once
/// Quasi-particle kinetics of PHYSICS.md §6 (paper Eqs. 4–8, Figs. 3–4): the
/// right-hand side dn/dt(n) at pairing U and temperature T, and the densities
/// that frame the quasi-particle-trapping scenario. Densities per site (both
/// spins), energies and k_B T in meV, rates per ps. Pure functions.
#include <optional>

#include "metasc/physics/bcs.hpp"
#include "metasc/physics/qp_rate.hpp"

namespace metasc::physics {

/// What fixes dn/dt as a function of n alone.
struct KineticsConditions {
  BcsBand band;
  double pairing_meV;  ///< U [meV]
  double kT_meV;       ///< k_B T [meV], > 0
};

/// The state (Δ, λ, branch) at a density and its net generation rate.
struct KineticsPoint {
  KineticState state;
  double rate_per_ps;  ///< dn/dt [1/ps]
};

/// dn/dt at density n: (Δ, λ) from the gap and density equations (§3), then
/// P 6–7. The right-hand side of every kinetic trajectory (in the ensemble U
/// changes from call to call). `hint`, the state at a nearby density or
/// pairing (the previous step's), makes the state solve a few Newton steps.
KineticsPoint density_rate(const QuasiparticleRate& rate, const KineticsConditions& conditions, double density,
                           const std::optional<KineticState>& hint = std::nullopt);

/// n* held by the drive: the equilibrium (λ = 0) density at pairing U*,
/// with Δ* = Δ_eq(U*, T) (0 above T_c(U*)).
double driven_density(const BcsBand& band, double pairing_meV, double kT_meV);

/// The density at which the gap is Δ [meV] (0 < Δ): at fixed Δ the gap
/// equation fixes λ uniquely, and P 5 gives n. nullopt when no λ reaches that
/// gap, i.e. Δ ≥ Δ(U, T = 0). With Δ = Ω_max/2 this is the avalanche density n_av.
std::optional<double> density_at_gap(const KineticsConditions& conditions, double gap_meV);

/// P 8: 1/τ_g ≈ Σ_ν (2π/ħ) g_ν² ν_SC(Ω_ν − Δ) e^{−Ω_ν/T} [1/ps] over the sharp
/// (unbroadened) modes above 2Δ: the limit Ω_ν ≫ T, Δ and λ ≫ T of P 6–7.
double sharp_mode_generation_estimate_per_ps(const EliashbergFunction& spectrum, double gap_meV, double kT_meV);

}  // namespace metasc::physics
