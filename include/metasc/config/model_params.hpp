#pragma once
/// Validated parameters of the physical model: phonon, electrons, bath.
/// Internal units: meV, ps, k_B T in meV (see units.hpp).
#include <cstdint>

#include "metasc/config/options.hpp"

namespace metasc::config {

struct PhononParams {
  double frequency_THz;     ///< f [THz]
  double energy_meV;        ///< ħω [meV], also the BCS cutoff ω_c
  double angular_per_ps;    ///< ω = 2π f [rad/ps]
  double coupling_meV;      ///< g [meV per unit Q]
  double damping_per_ps;    ///< γ [1/ps], energy decay rate
  std::int64_t domain_sites;  ///< N_s

  static PhononParams from(const Config& config);
};

/// How the bare pairing U0 is fixed: by T_c, by the T = 0 gap Δ0, or directly.
enum class PairingFix { critical_temperature, zero_temperature_gap, bare_pairing };

struct ElectronParams {
  double dos_per_meV;     ///< ν(0) [states/meV/spin/site]
  double splitting_meV;   ///< ΔE [meV]
  PairingFix pairing_fix;
  double pairing_value;   ///< T_c [K], Δ0 [meV] or U0 [meV], by pairing_fix

  static ElectronParams from(const Config& config);
};

struct BathParams {
  double temperature_K;
  double kT_meV;

  static BathParams from(const Config& config);
};

void declare_model_keys(Registry& registry);

}  // namespace metasc::config
