#include "metasc/config/langevin_params.hpp"

namespace metasc::config {

void declare_langevin_keys(Registry& registry) {
  registry.add({.key = "langevin.trajectories", .kind = Kind::integer, .default_value = "1000",
                .bounds = between(1, 1e10), .help = "ensemble size (all ranks together)"});
  registry.add({.key = "langevin.dt_ps", .unit = "ps", .default_value = "0.001",
                .bounds = {.min = 0.0, .max = 1e3, .min_open = true}, .help = "time step"});
  registry.add({.key = "langevin.t_end_ps", .unit = "ps", .default_value = "100",
                .bounds = {.min = 0.0, .max = 1e9, .min_open = true}, .help = "end of the simulated interval"});
  registry.add({.key = "langevin.seed", .kind = Kind::integer, .default_value = "1", .bounds = between(0, 9e15),
                .help = "random seed (Philox key); results depend on it, not on the rank count"});
}

}  // namespace metasc::config
