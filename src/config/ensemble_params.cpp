#include "metasc/config/ensemble_params.hpp"

namespace metasc::config {

void declare_ensemble_keys(Registry& registry) {
  registry.add({.key = "ensemble.settle_ps", .unit = "ps", .default_value = "20", .bounds = between(0.0, 1e9),
                .help = "trapping is checked this long after the pulse is over (energy relaxes in ~1/gamma)"});
  registry.add({.key = "ensemble.output_interval_ps", .unit = "ps", .default_value = "1",
                .bounds = {.min = 0.0, .max = 1e9, .min_open = true},
                .help = "spacing of the output grid of ensemble moments and sampled trajectories"});
  registry.add({.key = "ensemble.samples", .kind = Kind::integer, .default_value = "8", .bounds = between(0, 1e4),
                .help = "the first K trajectories are recorded on the output grid"});
  registry.add({.key = "ensemble.kinetics_interval_ps", .unit = "ps", .default_value = "1",
                .bounds = {.min = 0.0, .max = 1e6, .min_open = true},
                .help = "with kinetics.enabled: n is advanced every this long with U averaged over the interval"});
  registry.add({.key = "kinetics.solver", .kind = Kind::choice, .default_value = "table", .choices = {"table", "direct"},
                .help = "with kinetics.enabled: table (tabulated state and rate, checked against direct at start-up) | "
                        "direct (the (Delta, lambda) solve at every evaluation, the reference)"});
  registry.add({.key = "kinetics.table_tolerance", .default_value = "1e-6", .bounds = between(1e-10, 1e-2),
                .help = "kinetics.solver = table: largest error of the table against the direct solver at the start-up "
                        "check (relative in the rate and in Delta)"});
  registry.add({.key = "escape.transient_ps", .unit = "ps", .default_value = "0", .bounds = between(0.0, 1e9),
                .help = "time after the trapping check discarded before the escape rate is estimated"});
}

EnsembleParams EnsembleParams::from(const Config& config) {
  return {.settle_ps = config.real("ensemble.settle_ps"),
          .output_interval_ps = config.real("ensemble.output_interval_ps"),
          .samples = config.integer("ensemble.samples"),
          .margin_kT = config.real("escape.margin_kT"),
          .transient_ps = config.real("escape.transient_ps"),
          .kinetics = config.flag("kinetics.enabled"),
          .kinetics_interval_ps = config.real("ensemble.kinetics_interval_ps"),
          .back_action = config.flag("kinetics.back_action"),
          .kinetics_table = config.text("kinetics.solver") == "table",
          .table_tolerance = config.real("kinetics.table_tolerance")};
}

}  // namespace metasc::config
