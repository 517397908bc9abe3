#include "metasc/config/pulse_params.hpp"

#include <algorithm>
#include <memory>
#include <sstream>
#include <utility>

#include "metasc/error.hpp"
#include "metasc/two_column_table.hpp"

namespace metasc::config {

void declare_pulse_keys(Registry& registry) {
  registry.add({.key = "pulse.shape", .kind = Kind::choice_list, .default_value = "gaussian",
                .choices = {"gaussian", "sech2", "flattop", "double", "chirp", "table"},
                .help = "envelope(s) of the pump; a list scans each shape with every amplitude"});
  registry.add({.key = "pulse.amplitude", .kind = Kind::real_list, .default_value = "0.2", .bounds = between(0.0, 1e3),
                .help = "A: cycle-averaged peak displacement of the bare oscillator, in oscillator lengths; "
                        "a list scans the amplitudes"});
  registry.add({.key = "pulse.fwhm_ps", .unit = "ps", .default_value = "0.3", .bounds = {.min = 0.0, .max = 1e6, .min_open = true},
                .help = "full width at half maximum of the intensity envelope env^2 (gaussian, sech2, double, chirp)"});
  registry.add({.key = "pulse.center_ps", .unit = "ps", .default_value = "1.0", .bounds = between(-1e6, 1e6),
                .help = "time of the envelope peak (flattop: plateau middle; double: first pulse; not table)"});
  registry.add({.key = "pulse.carrier_THz", .unit = "THz", .default_value = "41", .bounds = between(0.0, 1e4),
                .help = "carrier frequency Omega_d/2pi; 0 = cycle-averaged (no 2 Omega_d term)"});
  registry.add({.key = "pulse.carrier_phase_rad", .unit = "rad", .default_value = "0", .bounds = between(-1e3, 1e3),
                .help = "carrier phase phi0 at the envelope peak: s = env^2 (1 + cos 2 phi)"});
  registry.add({.key = "pulse.rise_ps", .unit = "ps", .default_value = "0.1",
                .bounds = {.min = 0.0, .max = 1e6, .min_open = true},
                .help = "flattop: length of each sin^2 ramp of env^2 (FWHM = flat + rise)"});
  registry.add({.key = "pulse.flat_ps", .unit = "ps", .default_value = "1.0", .bounds = between(0.0, 1e6),
                .help = "flattop: length of the plateau env^2 = 1, centred on center_ps"});
  registry.add({.key = "pulse.delay_ps", .unit = "ps", .default_value = "1.0", .bounds = between(0.0, 1e6),
                .help = "double: second pulse peak after the first (the two add incoherently)"});
  registry.add({.key = "pulse.ratio", .default_value = "1.0", .bounds = between(0.0, 1e3),
                .help = "double: field amplitude ratio second/first (intensity ratio ratio^2)"});
  registry.add({.key = "pulse.chirp_THz_per_ps", .unit = "THz/ps", .default_value = "0", .bounds = between(-1e4, 1e4),
                .help = "chirp: carrier frequency slope, f(t) = carrier_THz + chirp (t - center_ps)"});
  registry.add({.key = "pulse.table_file", .kind = Kind::text,
                .help = "table: file of two columns, t [ps] and env^2 ('#' comments); linear interpolation, "
                        "0 outside, rescaled to peak 1"});
}

physics::IntensityTable read_intensity_table(const std::string& key, const std::string& path) {
  auto table = read_two_column_table(key, path, {"pulse table", "t [ps]", "env^2"});
  try {
    return physics::IntensityTable(std::move(table.x), std::move(table.y));
  } catch (const ConfigError& error) {
    throw ConfigError(key + ": " + path + ": " + error.what());
  }
}

PulseParams PulseParams::from(const Config& config) {
  PulseParams params;
  for (const auto& name : config.texts("pulse.shape")) {
    const auto shape = physics::pulse_shape_from_name(name);
    if (std::find(params.shapes.begin(), params.shapes.end(), shape) != params.shapes.end()) {
      throw ConfigError("pulse.shape lists " + name + " twice");
    }
    params.shapes.push_back(shape);
  }
  for (const double amplitude : config.reals("pulse.amplitude")) {
    if (std::find(params.amplitudes.begin(), params.amplitudes.end(), amplitude) != params.amplitudes.end()) {
      std::ostringstream message;
      message << "pulse.amplitude lists " << amplitude << " twice";
      throw ConfigError(message.str());
    }
    params.amplitudes.push_back(amplitude);
  }
  params.form = {.center_ps = config.real("pulse.center_ps"),
                 .fwhm_ps = config.real("pulse.fwhm_ps"),
                 .rise_ps = config.real("pulse.rise_ps"),
                 .flat_ps = config.real("pulse.flat_ps"),
                 .delay_ps = config.real("pulse.delay_ps"),
                 .ratio = config.real("pulse.ratio"),
                 .chirp_THz_per_ps = config.real("pulse.chirp_THz_per_ps"),
                 .carrier_THz = config.real("pulse.carrier_THz"),
                 .carrier_phase_rad = config.real("pulse.carrier_phase_rad")};
  const bool needs_table =
      std::find(params.shapes.begin(), params.shapes.end(), physics::PulseShape::table) != params.shapes.end();
  if (needs_table) {
    if (!config.given("pulse.table_file")) {
      throw ConfigError("pulse.table_file must be given when pulse.shape includes table");
    }
    params.form.table = std::make_shared<const physics::IntensityTable>(
        read_intensity_table("pulse.table_file", config.text("pulse.table_file")));
  }
  return params;
}

std::vector<PulseEntry> PulseParams::pulses(double angular_per_ps) const {
  std::vector<PulseEntry> entries;
  entries.reserve(count());
  for (const auto shape : shapes) {
    physics::PulseForm shaped = form;
    shaped.shape = shape;
    for (const double amplitude : amplitudes) {
      std::ostringstream label;
      label << physics::pulse_shape_name(shape) << " A=" << amplitude;
      entries.push_back({.label = label.str(), .pulse = physics::Pulse(shaped, amplitude, angular_per_ps)});
    }
  }
  return entries;
}

}  // namespace metasc::config
