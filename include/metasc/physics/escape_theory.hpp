#pragma once
/// Escape (nucleation) rate of a metastable well by rate theory (PHYSICS.md §7):
/// transition state, Kramers–Grote–Hynes, energy diffusion and the
/// Mel'nikov–Meshkov turnover, plus the barrier-orbit action that sets the
/// energy-loss parameter δ. Energies meV, times ps, angular frequencies rad/ps,
/// Q in oscillator lengths. Pure functions: no MPI, no I/O; a quantity that
/// cannot be computed throws NumericalError.
#include <functional>
#include <optional>
#include <utility>

namespace metasc::physics {

/// The well as rate theory sees it, for a domain of N_s sites (mass m̃ = N_s ħ/ω).
struct WellGeometry {
  double omega_well_per_ps;     ///< ω_a = sqrt((ω/ħ) V''(Q_MS)) [rad/ps]
  double omega_barrier_per_ps;  ///< ω_b = sqrt(−(ω/ħ) V''(Q_B)) [rad/ps]
  double barrier_meV;           ///< ΔE_b = N_s (V(Q_B) − V(Q_MS)) [meV]
  double action_meV_ps;         ///< I_b = ∮ m̃ Q̇ dQ on the barrier-energy orbit [meV·ps]
};

/// The rates of one well at one damping and temperature, all [1/ps].
struct EscapeRates {
  double barrier_over_kT;         ///< βΔE_b; the formulas need ≳ 5 (corrections O(1/βΔE_b))
  double energy_loss;             ///< δ = γ I_b / k_B T, energy lost per barrier orbit in units of k_B T
  double depletion;               ///< Mel'nikov–Meshkov A(δ)
  double transition_state_per_ps; ///< k_TST = (ω_a/2π) e^{−βΔE_b}
  double kramers_per_ps;          ///< k_KGH = (ω_a/(2πω_b)) (sqrt(γ²/4 + ω_b²) − γ/2) e^{−βΔE_b}
  double energy_diffusion_per_ps; ///< k_ED = δ (ω_a/2π) e^{−βΔE_b}, valid for δ ≪ 1
  double turnover_per_ps;         ///< k_MM = A(δ) k_KGH, all damping
};

/// Mel'nikov–Meshkov depletion factor
///   A(δ) = exp[(1/π) ∫_0^∞ dx ln(1 − e^{−δ(x²+1/4)}) / (x²+1/4)],  δ > 0;
/// A → δ for δ → 0 and A → 1 for δ → ∞.
double depletion_factor(double energy_loss);

/// All rates of `well` at friction γ = `damping_per_ps` > 0 [1/ps] and k_B T = `kT_meV` > 0.
EscapeRates escape_rates(const WellGeometry& well, double damping_per_ps, double kT_meV);

/// A 1-D potential V(Q) [meV per site].
using Potential = std::function<double(double)>;

/// Q_turn: the point beyond the minimum Q_MS, on the side away from Q_B, where
/// V(Q_turn) = V(Q_B). Bracketed in `bracket` when given, otherwise found by
/// stepping outward from Q_MS in steps that start at |Q_MS − Q_B|/2 and double,
/// up to the first step whose end is at or above V(Q_B).
/// Throws NumericalError if V(Q_MS) ≥ V(Q_B) or the well does not close.
double far_turning_point(const Potential& potential, double q_barrier, double q_metastable,
                         std::optional<std::pair<double, double>> bracket = std::nullopt);

/// I_b = 2 ∫ N_s (ħ/ω) sqrt(2(ω/ħ)(V(Q_B) − V(Q))) dQ between the barrier top Q_B and
/// the far turning point Q_turn [meV·ps]: the action ∮ m̃ Q̇ dQ of the orbit at energy
/// N_s V(Q_B) for H = N_s[(ħ/ω)P²/2 + V(Q)], P = dQ/dt. `omega_per_ps` is the phonon ω
/// [rad/ps], `domain_sites` N_s. Q_B may also be a turning point (any orbit endpoint).
double barrier_action(const Potential& potential, double q_barrier, double q_turn, double omega_per_ps,
                      double domain_sites);

}  // namespace metasc::physics
