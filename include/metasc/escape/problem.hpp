#pragma once
/// One escape problem (PHYSICS.md §5, §7): a metastable well, the damped
/// oscillator in it (ω, γ, k_BT, N_s) and the escape criterion — entry into
/// the relaxed normal well {|Q| < Q_B, e < V(Q_B) − m k_BT/N_s}, e the energy
/// per site. Every rate method solves exactly this problem. Energies meV per
/// site unless named otherwise, times ps.
#include "metasc/escape/well.hpp"
#include "metasc/physics/escape_theory.hpp"
#include "metasc/stochastic/ensemble.hpp"
#include "metasc/stochastic/integrator.hpp"

namespace metasc::escape {

struct EscapeProblem {
  Well well;
  stochastic::Oscillator oscillator;  ///< ω [rad/ps], γ [1/ps], k_BT [meV], N_s
  double margin_kT;                   ///< m

  /// k_BT/N_s [meV]: the thermal energy per site.
  double kT_per_site_meV() const { return oscillator.kT_meV / oscillator.domain_sites; }
  /// V(Q_B) − m k_BT/N_s [meV]: below it, inside |Q| < Q_B, a trajectory has escaped.
  double relaxed_meV() const { return well.critical.V_barrier_meV - margin_kT * kT_per_site_meV(); }
  /// ω/ħ [1/(meV·ps²)]: P = dQ/dt has energy (ħ/ω)P²/2 per site, force −(ω/ħ)V'.
  double stiffness() const;
  /// The trapping and escape sets in the form the ensemble engine takes.
  stochastic::WellCriteria criteria() const;
  /// ω_a, ω_b, ΔE_b = N_s(V(Q_B) − V(Q_MS)) and the barrier-orbit action I_b.
  physics::WellGeometry geometry() const;
  /// KGH, energy diffusion and Mel'nikov–Meshkov at this γ and k_BT.
  physics::EscapeRates theory() const;
  /// βΔE_b.
  double barrier_over_kT() const;
  /// The same problem at another friction γ [1/ps].
  EscapeProblem with_damping(double damping_per_ps) const;
};

}  // namespace metasc::escape
