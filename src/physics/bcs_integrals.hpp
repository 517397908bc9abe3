#pragma once
/// Private to the BCS solver (bcs.cpp): band integrals over ξ ∈ [0, ω_c] weighted by
/// the quasi-particle occupation f(x) = 1/(exp(x/T)+1) at x = E + λ, E = sqrt(ξ²+Δ²).
/// Energies in meV, T = k_B T > 0 in meV, Δ > 0 where a gap enters.
///
/// The gapped integrals use ξ = Δ sinh u (dξ = E du, E = Δ cosh u), which removes
/// the 1/E peak of the gap equation and keeps exponentially small gaps harmless;
/// all of them are fixed Gauss–Legendre panels graded geometrically (widths T·2^k)
/// around the Fermi edge x = 0, or the band bottom when the edge lies outside the band.
namespace metasc::physics::detail {

/// Occupation moments ∫_0^{u_c} du (…), u_c = asinh(ω_c/Δ), with f = f(E+λ) and
/// g = f(1−f)/T = −∂f/∂λ. Together they give the gap residual, the density and all
/// their first derivatives from one pass over the nodes.
struct OccupationMoments {
  double f;   ///< ∫ f du            (gap equation: tanh = 1 − 2f)
  double fE;  ///< ∫ f E du = ∫_0^ω_c f dξ [meV]   (density n = 4ν fE)
  double g;   ///< ∫ g du [1/meV]
  double gE;  ///< ∫ g E du = ∫_0^ω_c g dξ
};

OccupationMoments occupation_moments(double gap_meV, double kT_meV, double lambda_meV, double cutoff_meV);

/// ∫_0^ω_c dξ ln(1 + e^{−|E+λ|/T}) [meV]: the smooth part of the quasi-particle log partition function.
double gapped_log_occupation(double gap_meV, double kT_meV, double lambda_meV, double cutoff_meV);

/// ∫_0^ω_c dξ ln(1 + e^{−|ξ+λ|/T}) [meV]: the same for the normal state (Δ = 0).
double normal_log_occupation(double kT_meV, double lambda_meV, double cutoff_meV);

/// ∫_0^ω_c dξ tanh(ξ/2T)/ξ: the λ = 0 gap-equation integral as Δ → 0⁺ (fixes T_c).
double normal_pairing_integral(double kT_meV, double cutoff_meV);

}  // namespace metasc::physics::detail
