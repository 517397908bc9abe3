#include "metasc/config/pulse_params.hpp"

namespace metasc::config {

void declare_pulse_keys(Registry& registry) {
  registry.add({.key = "pulse.shape", .kind = Kind::choice, .default_value = "gaussian",
                .choices = {"gaussian", "sech2", "flattop", "double", "chirp", "table"},
                .help = "envelope of the pump field"});
  registry.add({.key = "pulse.amplitude", .default_value = "0.2", .bounds = between(0.0, 1e3),
                .help = "A: cycle-averaged peak displacement of the bare oscillator, in oscillator lengths"});
  registry.add({.key = "pulse.fwhm_ps", .unit = "ps", .default_value = "0.3", .bounds = {.min = 0.0, .max = 1e6, .min_open = true},
                .help = "full width at half maximum of the intensity envelope env^2"});
  registry.add({.key = "pulse.center_ps", .unit = "ps", .default_value = "1.0", .bounds = between(-1e6, 1e6),
                .help = "time of the envelope peak"});
  registry.add({.key = "pulse.carrier_THz", .unit = "THz", .default_value = "41", .bounds = between(0.0, 1e4),
                .help = "carrier frequency Omega_d/2pi; 0 = cycle-averaged (no 2 Omega_d term)"});
}

}  // namespace metasc::config
