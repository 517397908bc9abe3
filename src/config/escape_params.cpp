#include "metasc/config/escape_params.hpp"

namespace metasc::config {

void declare_escape_keys(Registry& registry) {
  registry.add({.key = "escape.margin_kT", .unit = "k_B T", .default_value = "2", .bounds = between(0.0, 1e3),
                .help = "an escape is entry into the normal well this far below the barrier energy"});
  registry.add({.key = "escape.landscape", .kind = Kind::choice, .default_value = "bcs",
                .choices = {"bcs", "cubic", "quartic"}, .help = "BCS landscape or an analytic test well"});
}

}  // namespace metasc::config
