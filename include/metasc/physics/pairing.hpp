#pragma once
/// Pairing strength as a function of the phonon distortion (PHYSICS.md §2,
/// paper Eqs. 3, 17):  U(Q) = U0 + (g²/ħω)·4g²Q²/ΔE_eff², ΔE_eff² = ΔE² + 4g²Q².
/// Q in oscillator lengths, energies in meV.
namespace metasc::physics {

struct PairingModel {
  double bare_meV;           ///< U0
  double coupling_meV;       ///< g, per unit Q
  double phonon_energy_meV;  ///< ħω
  double splitting_meV;      ///< ΔE

  /// U(Q) [meV]
  double pairing(double Q) const {
    const double four_g2_Q2 = 4.0 * coupling_meV * coupling_meV * Q * Q;
    return bare_meV + enhancement_scale() * four_g2_Q2 / (splitting_meV * splitting_meV + four_g2_Q2);
  }
  /// U'(Q) = (g²/ħω)·8g²Q ΔE²/ΔE_eff⁴ [meV]
  double pairing_slope(double Q) const {
    const double g2 = coupling_meV * coupling_meV;
    const double effective2 = splitting_meV * splitting_meV + 4.0 * g2 * Q * Q;
    return enhancement_scale() * 8.0 * g2 * Q * splitting_meV * splitting_meV / (effective2 * effective2);
  }
  /// U''(Q) [meV]
  double pairing_curvature(double Q) const {
    const double g2 = coupling_meV * coupling_meV;
    const double split2 = splitting_meV * splitting_meV;
    const double effective2 = split2 + 4.0 * g2 * Q * Q;
    return enhancement_scale() * 8.0 * g2 * split2 * (split2 - 12.0 * g2 * Q * Q) /
           (effective2 * effective2 * effective2);
  }
  /// g²/ħω: U(Q) → U0 + g²/ħω as Q → ∞.
  double enhancement_scale() const { return coupling_meV * coupling_meV / phonon_energy_meV; }
  double saturated_pairing() const { return bare_meV + enhancement_scale(); }
};

}  // namespace metasc::physics
