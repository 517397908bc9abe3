#pragma once
/// Parameters of the [kinetics] section: the Eliashberg model of the
/// quasi-particle rate (PHYSICS.md §6). Energies in meV.
#include <vector>

#include "metasc/config/options.hpp"
#include "metasc/physics/eliashberg.hpp"
#include "metasc/physics/kinetics_lifetime.hpp"
#include "metasc/physics/qp_rate.hpp"

namespace metasc::config {

/// The quasi-particle rate model: α²F (power-law continuum or table, plus the
/// sharp modes) and the upper limit W.
struct KineticsRateParams {
  physics::QuasiparticleRate rate;
  /// Ω_max [meV], top of the inter-molecular continuum: the avalanche edge
  /// 2Δ = Ω_max. With a table it is still `kinetics.continuum_max_meV`.
  double avalanche_edge_meV;

  /// Throws ConfigError naming the key (and for a table the file and line).
  static KineticsRateParams from(const Config& config);
};

/// How the drive prepared the trapped state (exactly one of the three keys).
enum class InitialState {
  pairing,     ///< kinetics.initial_U_meV: U* [meV], n(0) = n*(U*, T)
  distortion,  ///< kinetics.initial_Q: Q*, U* = U(Q*)
  density      ///< kinetics.initial_n: n(0) itself
};

/// The quasi-particle-trapping scenario of metasc-kinetics.
struct KineticsScenarioParams {
  InitialState initial_state;
  double initial_value;                     ///< U* [meV], Q* or n(0), by initial_state
  std::vector<double> sweep_n0;             ///< Fig. 4: n(0) values
  std::vector<double> sweep_temperature_K;  ///< τ_MS vs T
  physics::LifetimeOptions lifetime;        ///< t_max [ps] and tolerance

  static KineticsScenarioParams from(const Config& config);
};

/// Reads a table of (Ω [meV], α²F) rows: two numbers per line separated by
/// blanks or a comma, `#` starts a comment. Throws ConfigError naming `key`,
/// the file and the line.
physics::TabulatedSpectrum read_spectrum_table(const std::string& key, const std::string& path);

void declare_kinetics_keys(Registry& registry);

}  // namespace metasc::config
