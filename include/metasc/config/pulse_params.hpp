#pragma once
/// Parameters of the [pulse] section. A run may scan several pulses: the set
/// is the product pulse.shape × pulse.amplitude (both comma-separated lists).
#include <cstddef>
#include <string>
#include <vector>

#include "metasc/config/options.hpp"
#include "metasc/physics/pulse.hpp"

namespace metasc::config {

/// One pulse of the scan.
struct PulseEntry {
  std::string label;     ///< e.g. "gaussian A=0.2"
  physics::Pulse pulse;  ///< shape and amplitude via pulse.form().shape, pulse.amplitude()
};

struct PulseParams {
  std::vector<physics::PulseShape> shapes;  ///< pulse.shape, in the order given
  std::vector<double> amplitudes;           ///< pulse.amplitude A [oscillator lengths], in the order given
  physics::PulseForm form;                  ///< every other [pulse] key; form.shape is set per entry

  /// Reads the table file (once, shared by the entries) when a shape is `table`.
  /// Throws ConfigError for a missing or bad table, or a shape/amplitude listed twice.
  static PulseParams from(const Config& config);

  /// Number of pulses in the scan: shapes × amplitudes.
  std::size_t count() const { return shapes.size() * amplitudes.size(); }
  /// The scan, shape-major: entry i has shape i / amplitudes.size() and amplitude
  /// i % amplitudes.size(). ω [rad/ps] is the phonon frequency (a = ω²A s).
  std::vector<PulseEntry> pulses(double angular_per_ps) const;
};

/// Reads a pulse table file: two columns, t [ps] and env², separated by blanks
/// or a comma, '#' starting a comment. Throws ConfigError naming `key`, the
/// file and the line.
physics::IntensityTable read_intensity_table(const std::string& key, const std::string& path);

void declare_pulse_keys(Registry& registry);

}  // namespace metasc::config
