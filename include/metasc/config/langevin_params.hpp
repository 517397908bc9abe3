#pragma once
/// Parameters of the [langevin] section.
#include <cstdint>

#include "metasc/config/options.hpp"
#include "metasc/stochastic/integrator.hpp"

namespace metasc::config {

struct LangevinParams {
  std::int64_t trajectories;  ///< ensemble size, all ranks together
  double dt_ps;               ///< time step [ps]; its stability is checked by the integrator
  double t_end_ps;            ///< end of the simulated interval [ps]
  std::uint64_t seed;         ///< Philox key: results depend on it, not on the rank count
  stochastic::Scheme scheme;  ///< langevin.integrator

  /// Steps to reach t_end: ceil(t_end/dt), where a ratio within 1e-9 of an
  /// integer counts as that integer (t_end = 100, dt = 0.001 is 100000 steps).
  std::uint64_t step_count() const;

  static LangevinParams from(const Config& config);
};

void declare_langevin_keys(Registry& registry);

}  // namespace metasc::config
