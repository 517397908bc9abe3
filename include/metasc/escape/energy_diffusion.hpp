#pragma once
/// The δ ≪ 1 limit of the exact MFPT (PHYSICS.md §7): at weak damping the
/// energy H = N_s e of the domain is the slow variable and diffuses along the
/// graph of orbits — the two metastable wells M±, the normal well N and the
/// orbits T above the barrier that span all three — with, on every branch,
///
///   (γ k_BT I(H) e^{−βH} τ'(H))' = −T(H) e^{−βH},   T = dI/dH the orbit period,
///
/// I the orbit action ∮ m̃ Q̇ dQ. Absorbing where the ensembles stop: on N at
/// the relaxed energy N_s(V(Q_B) − m k_BT/N_s); reflecting at the bottom of M
/// and as H → ∞; at the barrier energy τ is continuous and the fluxes balance,
/// I_T τ_T' = I_N τ_N' + 2 I_M τ_M'. A trajectory that crosses the barrier thus
/// comes back below it in M± or in N in proportion to their actions, and only
/// in N can it relax: re-trapping is included, as in the 2-D MFPT and the ensembles.
/// Solved by quadrature (every τ ∝ 1/γ). Energies meV, times ps.
#include "metasc/escape/problem.hpp"

namespace metasc::escape {

struct EnergyDiffusionMfpt {
  double mean_time_ps;              ///< ⟨τ⟩ over the Boltzmann distribution of a metastable well
  double rate_per_ps;               ///< 1/⟨τ⟩
  double junction_time_ps;          ///< τ at the barrier energy: the part spent after crossing
  double metastable_action_meV_ps;  ///< I_M at the barrier energy (= I_b)
  double normal_action_meV_ps;      ///< I_N at the barrier energy
};

/// Throws NumericalError when a quadrature fails or the relaxed level lies below V(0)
/// (no absorbing set).
EnergyDiffusionMfpt energy_diffusion_mfpt(const EscapeProblem& problem);

}  // namespace metasc::escape
