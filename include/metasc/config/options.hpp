#pragma once
/// Options declared once — key, unit, default, allowed range, help — and the
/// resolved configuration (INI file + `--section.key=value` overrides) read
/// against those declarations. Every value given is validated at parse time,
/// whether or not the running program uses it, so a typo can never pass silently.
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace metasc::config {

enum class Kind { real, integer, text, choice, choice_list, flag, real_list, grid };

/// Allowed interval for reals, integers, list elements and grid end points.
struct Bounds {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;        ///< min itself excluded
  bool max_open = false;        ///< max itself excluded
  bool allow_infinite = false;  ///< ±inf accepted as a value (e.g. "no upper limit")
};

inline Bounds positive() { return {.min = 0.0, .min_open = true}; }
inline Bounds non_negative() { return {.min = 0.0}; }
inline Bounds between(double lo, double hi) { return {.min = lo, .max = hi}; }

struct OptionSpec {
  std::string key;                           ///< "section.name_unit"
  Kind kind = Kind::real;
  std::string unit;                          ///< shown in --help; "" when dimensionless
  std::optional<std::string> default_value;  ///< nullopt: must be given (or one of a group)
  Bounds bounds = {};
  std::vector<std::string> choices = {};     ///< Kind::choice and Kind::choice_list
  std::string help;

  /// What values are allowed, in words, for messages and --help.
  std::string allowed() const;
};

/// A linearly or geometrically spaced grid "start:stop:count[:log]".
struct Grid {
  double start = 0.0;
  double stop = 0.0;
  std::int64_t count = 1;
  bool logarithmic = false;
  std::vector<double> values() const;
};

class Registry {
 public:
  void add(OptionSpec spec);
  const OptionSpec& spec(const std::string& key) const;
  bool has(const std::string& key) const { return specs_.count(key) != 0; }
  const std::map<std::string, OptionSpec>& all() const { return specs_; }
  /// Declares keys exactly one of which a configuration gives (e.g. Tc_K, Delta0_meV,
  /// U0_meV): a member on the command line replaces the file's member.
  void exclusive(const std::vector<std::string>& keys);
  /// The other members of `key`'s exclusive group; empty when it has none.
  std::vector<std::string> rivals(const std::string& key) const;
  /// Every key with unit, default, allowed values and help, grouped by section.
  std::string help_text() const;

 private:
  std::map<std::string, OptionSpec> specs_;
  std::vector<std::vector<std::string>> exclusive_groups_;
};

/// The registry of every key any metasc program knows: one input file serves all
/// programs, so a key one program does not use is still a known key.
const Registry& registry();

class Config {
 public:
  Config(const Registry& registry, std::map<std::string, std::string> given, std::string source_file);

  bool given(const std::string& key) const { return given_.count(key) != 0; }
  double real(const std::string& key) const;
  std::int64_t integer(const std::string& key) const;
  std::string text(const std::string& key) const;
  bool flag(const std::string& key) const;
  std::vector<double> reals(const std::string& key) const;
  std::vector<std::string> texts(const std::string& key) const;  ///< Kind::choice_list
  Grid grid(const std::string& key) const;

  /// Keys K with a scan axis `scan.K = start:stop:count[:log]` (any numeric key),
  /// in alphabetical order: the order of a scan's axes.
  std::vector<std::string> scan_axes() const;
  /// This configuration with `key` set to `value` as if given on the command line
  /// (replacing the file's member of an exclusive group): one point of a scan.
  Config with(const std::string& key, double value) const;

  /// The key exactly one of which must be given, e.g. {"electrons.Tc_K", ...}.
  std::string exactly_one_of(const std::vector<std::string>& keys) const;

  /// The full resolved configuration as INI text (defaults included).
  std::string resolved_ini() const;
  /// key → resolved value text, for every key that has a value.
  std::map<std::string, std::string> resolved_values() const;
  const std::string& source_file() const { return source_file_; }

 private:
  std::string raw(const std::string& key) const;

  const Registry* registry_;
  std::map<std::string, std::string> given_;
  std::string source_file_;
};

/// "scan.bath.temperature_K" → "bath.temperature_K"; empty for any other key.
std::string scan_axis_target(const std::string& key);

/// Parses and validates one value against its declaration; throws ConfigError
/// naming the key, the value and what is allowed.
void validate(const OptionSpec& spec, const std::string& value);

/// What the command line asked for besides the configuration itself.
struct CommandLine {
  bool help = false;
  bool version = false;
  std::string config_file;
  std::string restart_file;  ///< `--restart FILE`, empty when absent
  std::map<std::string, std::string> overrides;
};

/// Reads argv: `prog CONFIG.ini [--section.key=value ...] [--restart FILE]`.
CommandLine parse_command_line(const Registry& registry, int argc, const char* const* argv);

/// Reads the INI file and merges the command-line overrides (which win).
Config load(const Registry& registry, const CommandLine& command_line);

}  // namespace metasc::config
