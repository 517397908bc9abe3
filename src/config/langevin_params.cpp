#include "metasc/config/langevin_params.hpp"

#include <cmath>

namespace metasc::config {

void declare_langevin_keys(Registry& registry) {
  registry.add({.key = "langevin.trajectories", .kind = Kind::integer, .default_value = "1000",
                .bounds = between(1, 1e10), .help = "ensemble size (all ranks together)"});
  registry.add({.key = "langevin.dt_ps", .unit = "ps", .default_value = "0.001",
                .bounds = {.min = 0.0, .max = 1e3, .min_open = true},
                .help = "time step; must be below the integrator's stability limit (2/omega for baoab and gjf, "
                        "omega the stiffest frequency of the landscape)"});
  registry.add({.key = "langevin.t_end_ps", .unit = "ps", .default_value = "100",
                .bounds = {.min = 0.0, .max = 1e9, .min_open = true}, .help = "end of the simulated interval"});
  registry.add({.key = "langevin.seed", .kind = Kind::integer, .default_value = "1", .bounds = between(0, 9e15),
                .help = "random seed (Philox key); results depend on it, not on the rank count"});
  registry.add({.key = "langevin.integrator", .kind = Kind::choice, .default_value = "baoab",
                .choices = {"baoab", "gjf", "euler"},
                .help = "baoab (exact Ornstein-Uhlenbeck step) | gjf (Gronbech-Jensen-Farago) | "
                        "euler (Euler-Maruyama, first-order reference only)"});
}

std::uint64_t LangevinParams::step_count() const {
  const double ratio = t_end_ps / dt_ps;
  const double nearest = std::round(ratio);
  const double steps = std::abs(ratio - nearest) <= 1e-9 * nearest ? nearest : std::ceil(ratio);
  return static_cast<std::uint64_t>(steps);
}

LangevinParams LangevinParams::from(const Config& config) {
  return {.trajectories = config.integer("langevin.trajectories"),
          .dt_ps = config.real("langevin.dt_ps"),
          .t_end_ps = config.real("langevin.t_end_ps"),
          .seed = static_cast<std::uint64_t>(config.integer("langevin.seed")),
          .scheme = stochastic::scheme_from_name(config.text("langevin.integrator"))};
}

}  // namespace metasc::config
