#pragma once
/// Physical constants and unit conversions. Internal units: energy meV, time ps,
/// temperature as an energy k_B T in meV, distortion Q in oscillator lengths.
#include <numbers>

namespace metasc::units {

inline constexpr double boltzmann_meV_per_K = 0.08617333262;   ///< k_B [meV/K]
inline constexpr double hbar_meV_ps = 0.6582119569;            ///< ħ [meV·ps]
inline constexpr double planck_meV_per_THz = 4.135667696;      ///< h [meV/THz]: ħω = h f
inline constexpr double two_pi = 2.0 * std::numbers::pi;

/// k_B T [meV] from a temperature [K].
constexpr double kT_meV(double temperature_K) { return boltzmann_meV_per_K * temperature_K; }
/// Temperature [K] from k_B T [meV].
constexpr double kelvin(double kT_meV) { return kT_meV / boltzmann_meV_per_K; }
/// Phonon quantum ħω [meV] from a frequency f [THz].
constexpr double phonon_energy_meV(double frequency_THz) { return planck_meV_per_THz * frequency_THz; }
/// Angular frequency ω = 2π f [rad/ps] from f [THz].
constexpr double angular_per_ps(double frequency_THz) { return two_pi * frequency_THz; }

}  // namespace metasc::units
