#pragma once
/// The Eliashberg function α²F(Ω) of the quasi-particle kinetics (PHYSICS.md §6,
/// paper Eqs. 6, 30): a low-energy continuum of inter-molecular modes (a power
/// law or a table) plus sharp intra-molecular modes whose weight
/// g_ν² ν_SC(Ω_ν − Δ) depends on the gap. α²F is dimensionless; energies in meV.
/// Pure: no I/O (a table is read by config::KineticsParams).
#include <span>
#include <variant>
#include <vector>

namespace metasc::physics {

/// ν_SC(E) = exp(−E²/2σ_b²)/(√(2π) σ_b) [1/meV]: the narrow quasi-particle band
/// that suppresses pair breaking by high-energy modes.
struct GaussianBand {
  double sigma_meV;  ///< σ_b [meV], standard deviation
  /// ν_SC(E) [1/meV] at E [meV]
  double dos_per_meV(double energy_meV) const;
};

/// α²F = a_c (Ω/Ω_max)^p on (0, Ω_max], zero above. p > 0 keeps the P 6
/// integral finite even at Δ = 0.
struct PowerLawContinuum {
  double coupling;  ///< a_c (dimensionless)
  double power;     ///< p > 0
  double max_meV;   ///< Ω_max [meV]
};

/// α²F from nodes (Ω_i [meV], α²F_i): linear in between, zero outside
/// [Ω_first, Ω_last]. Ω strictly increasing from Ω_first ≥ 0, α²F ≥ 0, and
/// α²F = 0 at Ω = 0 (a finite α²F(0⁺) would make P 6 diverge at Δ = 0).
struct TabulatedSpectrum {
  std::vector<double> energy_meV;
  std::vector<double> value;
};

/// One intra-molecular mode: α²F += g² ν_SC(Ω − Δ) G_w(Ω − Ω_ν), with G_w a
/// normalised Gaussian of standard deviation w; w = 0 is the δ-function of P 30.
/// With w > 0 the band factor is taken at the absorbed energy Ω (not Ω_ν) — the
/// two agree as w → 0.
struct SharpMode {
  double energy_meV;       ///< Ω_ν [meV]
  double coupling_meV;     ///< g_ν [meV]
  double width_meV = 0.0;  ///< w [meV], 0 = sharp
};

class EliashbergFunction {
 public:
  /// Throws metasc::Error when a parameter is out of its domain (negative
  /// coupling, unsorted table, σ_b ≤ 0, ...).
  EliashbergFunction(std::variant<PowerLawContinuum, TabulatedSpectrum> continuum, std::vector<SharpMode> modes,
                     GaussianBand band);

  /// Smooth part of α²F(Ω) at gap Δ [meV]: continuum plus broadened modes.
  double smooth(double energy_meV, double gap_meV) const;

  /// Weight g_ν² ν_SC(Ω_ν − Δ) [meV] of a δ-mode: α²F ∋ weight · δ(Ω − Ω_ν).
  double delta_weight_meV(const SharpMode& mode, double gap_meV) const;

  /// Modes with w = 0, contributing in closed form.
  std::span<const SharpMode> delta_modes() const { return delta_modes_; }

  /// Ascending energies [meV] where the smooth part has a kink or a step, or
  /// varies on a scale short compared with its range (table nodes, Ω_max, each
  /// broadened mode's centre and flanks); the last one is the top of its support.
  std::span<const double> breakpoints_meV() const { return breakpoints_; }

  /// Largest energy [meV] at which the smooth part is non-zero (broadened
  /// modes end 8w above their centre, where G_w/G_w(0) = e^{−32}).
  double smooth_support_top_meV() const { return breakpoints_.empty() ? 0.0 : breakpoints_.back(); }

  const GaussianBand& band() const { return band_; }

  /// The same α²F without its δ-modes: the part a quadrature integrates.
  EliashbergFunction smooth_part() const { return EliashbergFunction(continuum_, broadened_modes_, band_); }

 private:
  double continuum(double energy_meV) const;

  std::variant<PowerLawContinuum, TabulatedSpectrum> continuum_;
  std::vector<SharpMode> broadened_modes_;
  std::vector<SharpMode> delta_modes_;
  GaussianBand band_;
  std::vector<double> breakpoints_;
};

}  // namespace metasc::physics
