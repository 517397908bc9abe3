#pragma once
/// The kinetics' back-action on the lattice (PHYSICS.md §6, "optional
/// back-action"): the force on a trajectory uses its own kinetic gap Δ(t)
/// (non-equilibrium λ) instead of Δ_eq(U(Q), T). The envelope theorem of §3
/// holds at any self-consistent (Δ, λ), so
///
///     V'(Q) = ħωQ − Δ² U'(Q)/U(Q)²        [meV per site],
///
/// the landscape's own formula (§4) with Δ_eq replaced. With Δ = Δ_eq(U(Q))
/// it is the landscape's V'; with Δ = 0 it is the bare oscillator, bit for bit.
#include "metasc/multiply_add.hpp"
#include "metasc/physics/pairing.hpp"

namespace metasc::stochastic {

struct BackActionForce {
  physics::PairingModel pairing;  ///< U(Q); needs U0 > 0, so that U(Q) > 0 everywhere

  /// V'(Q) [meV per site] at gap² Δ² [meV²]
  double slope(double Q, double gap_squared_meV2) const {
    const double U = pairing.pairing(Q);
    return multiply_add(-gap_squared_meV2, pairing.pairing_slope(Q) / (U * U), pairing.phonon_energy_meV * Q);
  }

  /// An upper bound of V''(Q) [meV] over all Q for gaps up to Δ_max:
  /// ħω + Δ_max² · max_Q (1/U)'', (1/U)'' = 2U'²/U³ − U''/U², sampled on a
  /// grid fine against the scale ΔE/2g on which U varies (for the time-step check).
  double max_curvature_meV(double largest_gap_meV) const;
};

}  // namespace metasc::stochastic
