#include "metasc/config/landscape_params.hpp"

namespace metasc::config {

void declare_landscape_keys(Registry& registry) {
  registry.add({.key = "landscape.points", .kind = Kind::integer, .default_value = "401",
                .bounds = between(16, 1e6), .help = "Q grid points of the landscape table on [0, Q_max] (mirrored to Q < 0)"});
  registry.add({.key = "landscape.temperatures_K", .kind = Kind::real_list, .unit = "K",
                .default_value = "0, 50, 100, 150, 200", .bounds = between(0.0, 1e4),
                .help = "temperatures at which V(Q;T) is also tabulated (Fig. 2a)"});
}

LandscapeParams LandscapeParams::from(const Config& config) {
  return {.points = static_cast<int>(config.integer("landscape.points")),
          .temperatures_K = config.reals("landscape.temperatures_K")};
}

}  // namespace metasc::config
