#include "metasc/config/options.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"

namespace po = boost::program_options;

namespace metasc::config {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(trim(part));
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

[[noreturn]] void reject(const OptionSpec& spec, const std::string& value, const std::string& allowed) {
  throw ConfigError(spec.key + " must be " + allowed + " (got '" + value + "')");
}

/// strtod with the whole text consumed; nullopt when it is not a number.
std::optional<double> parse_double(const std::string& text) {
  if (text.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  if (errno == ERANGE && std::isfinite(value) && value != 0.0) return std::nullopt;
  return value;
}

bool inside(const Bounds& bounds, double value) {
  if (std::isnan(value)) return false;
  if (std::isinf(value)) return bounds.allow_infinite && value >= bounds.min && value <= bounds.max;
  const bool above = bounds.min_open ? value > bounds.min : value >= bounds.min;
  const bool below = bounds.max_open ? value < bounds.max : value <= bounds.max;
  return above && below;
}

std::string describe(const Bounds& bounds, const std::string& noun) {
  const bool has_min = std::isfinite(bounds.min);
  const bool has_max = std::isfinite(bounds.max);
  std::string text = bounds.allow_infinite ? noun + " or inf" : "a finite " + noun;
  if (has_min && has_max) {
    text += std::string(" in ") + (bounds.min_open ? "(" : "[") + format_number(bounds.min, 12) + ", " +
            format_number(bounds.max, 12) + (bounds.max_open ? ")" : "]");
  } else if (has_min) {
    text += std::string(bounds.min_open ? " > " : " >= ") + format_number(bounds.min, 12);
  } else if (has_max) {
    text += std::string(bounds.max_open ? " < " : " <= ") + format_number(bounds.max, 12);
  }
  return text;
}

double parse_bounded_real(const OptionSpec& spec, const std::string& text, const std::string& whole) {
  const auto value = parse_double(text);
  if (!value || !inside(spec.bounds, *value)) reject(spec, whole, spec.allowed());
  return *value;
}

std::optional<bool> parse_flag(const std::string& text) {
  if (text == "true" || text == "yes" || text == "on" || text == "1") return true;
  if (text == "false" || text == "no" || text == "off" || text == "0") return false;
  return std::nullopt;
}

Grid parse_grid(const OptionSpec& spec, const std::string& text) {
  const auto parts = split(text, ':');
  if (parts.size() < 3 || parts.size() > 4 || (parts.size() == 4 && parts[3] != "log")) {
    reject(spec, text, spec.allowed());
  }
  Grid grid;
  grid.start = parse_bounded_real(spec, parts[0], text);
  grid.stop = parse_bounded_real(spec, parts[1], text);
  const auto count = parse_double(parts[2]);
  constexpr double max_points = 1e7;  // a grid larger than this is a typo, not a plan
  if (!count || *count < 1 || *count > max_points || *count != std::floor(*count)) {
    reject(spec, text, spec.allowed());
  }
  grid.count = static_cast<std::int64_t>(*count);
  grid.logarithmic = parts.size() == 4;
  if (grid.logarithmic && (grid.start <= 0 || grid.stop <= 0)) {
    reject(spec, text, "start:stop:count:log with start and stop > 0");
  }
  if (grid.count == 1 && grid.start != grid.stop) reject(spec, text, "a grid with count >= 2 unless start = stop");
  return grid;
}

/// The declaration a scan axis is read against: the target's bounds, as a grid.
OptionSpec scan_axis_spec(const Registry& registry, const std::string& key) {
  const auto target = scan_axis_target(key);
  if (!registry.has(target)) {
    throw ConfigError("unknown key '" + key + "': a scan axis scan.SECTION.KEY needs a known key, and '" + target +
                      "' is none (see --help for the keys)");
  }
  const auto& spec = registry.spec(target);
  if (spec.kind != Kind::real && spec.kind != Kind::integer) {
    throw ConfigError(key + ": a scan axis must be a numeric key, and " + target + " is " + spec.allowed());
  }
  return {.key = key, .kind = Kind::grid, .unit = spec.unit, .bounds = spec.bounds, .help = "scan of " + target};
}

}  // namespace

std::string scan_axis_target(const std::string& key) {
  const std::string prefix = "scan.";
  if (key.rfind(prefix, 0) != 0) return "";
  const auto rest = key.substr(prefix.size());
  const auto dot = rest.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) return "";
  return rest;
}

std::string OptionSpec::allowed() const {
  switch (kind) {
    case Kind::real: return describe(bounds, "number");
    case Kind::integer: return describe(bounds, "whole number");
    case Kind::text: return "a non-empty text";
    case Kind::flag: return "true or false";
    case Kind::real_list: return "a comma-separated list of " + describe(bounds, "number") + "s";
    case Kind::grid: return "start:stop:count[:log] with start, stop each " + describe(bounds, "number");
    case Kind::choice:
    case Kind::choice_list: {
      std::string text = kind == Kind::choice ? "one of " : "a comma-separated list of ";
      for (std::size_t i = 0; i < choices.size(); ++i) text += (i ? " | " : "") + choices[i];
      return text;
    }
  }
  return "";
}

std::vector<double> Grid::values() const {
  std::vector<double> points(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    const double fraction = count == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(count - 1);
    points[static_cast<std::size_t>(i)] =
        logarithmic ? start * std::pow(stop / start, fraction) : start + (stop - start) * fraction;
  }
  if (count > 1) points.back() = stop;
  return points;
}

void validate(const OptionSpec& spec, const std::string& value) {
  switch (spec.kind) {
    case Kind::real: parse_bounded_real(spec, value, value); return;
    case Kind::integer: {
      const auto number = parse_double(value);
      if (!number || *number != std::floor(*number) || !inside(spec.bounds, *number) || std::abs(*number) > 9e15) {
        reject(spec, value, spec.allowed());
      }
      return;
    }
    case Kind::text:
      if (value.empty()) reject(spec, value, spec.allowed());
      return;
    case Kind::flag:
      if (!parse_flag(value)) reject(spec, value, spec.allowed());
      return;
    case Kind::choice:
      for (const auto& choice : spec.choices)
        if (choice == value) return;
      reject(spec, value, spec.allowed());
    case Kind::choice_list:
      for (const auto& element : split(value, ',')) {
        bool known = false;
        for (const auto& choice : spec.choices) known = known || choice == element;
        if (!known) reject(spec, value, spec.allowed());
      }
      return;
    case Kind::real_list:
      if (value.empty()) reject(spec, value, spec.allowed());
      for (const auto& element : split(value, ',')) parse_bounded_real(spec, element, value);
      return;
    case Kind::grid: parse_grid(spec, value); return;
  }
}

void Registry::add(OptionSpec spec) {
  if (spec.default_value) validate(spec, *spec.default_value);
  const std::string key = spec.key;
  if (!specs_.emplace(key, std::move(spec)).second) throw Error("option declared twice: " + key);
}

void Registry::exclusive(const std::vector<std::string>& keys) {
  for (const auto& key : keys) spec(key);  // every member is a declared key
  exclusive_groups_.push_back(keys);
}

std::vector<std::string> Registry::rivals(const std::string& key) const {
  std::vector<std::string> others;
  for (const auto& group : exclusive_groups_) {
    if (std::find(group.begin(), group.end(), key) == group.end()) continue;
    for (const auto& member : group)
      if (member != key) others.push_back(member);
  }
  return others;
}

const OptionSpec& Registry::spec(const std::string& key) const {
  const auto found = specs_.find(key);
  if (found == specs_.end()) throw Error("internal: option '" + key + "' was never declared");
  return found->second;
}

std::string Registry::help_text() const {
  std::ostringstream out;
  std::string section;
  for (const auto& [key, spec] : specs_) {
    const auto dot = key.find('.');
    if (key.substr(0, dot) != section) {
      section = key.substr(0, dot);
      out << "\n[" << section << "]\n";
    }
    out << "  " << key.substr(dot + 1);
    if (!spec.unit.empty()) out << "  [" << spec.unit << "]";
    out << "\n      " << spec.help << "\n      default: " << (spec.default_value ? *spec.default_value : "(none)")
        << "; allowed: " << spec.allowed() << "\n";
  }
  return out.str();
}

Config::Config(const Registry& registry, std::map<std::string, std::string> given, std::string source_file)
    : registry_(&registry), given_(std::move(given)), source_file_(std::move(source_file)) {
  for (const auto& [key, value] : given_) {
    if (!registry_->has(key) && !scan_axis_target(key).empty()) {
      const auto spec = scan_axis_spec(*registry_, key);
      const auto grid = parse_grid(spec, value);
      if (registry_->spec(scan_axis_target(key)).kind == Kind::integer) {
        for (const double point : grid.values())
          if (point != std::floor(point)) reject(spec, value, "a grid of whole numbers (the key is an integer)");
      }
      continue;
    }
    if (!registry_->has(key)) throw ConfigError("unknown key '" + key + "' (see --help for the keys)");
    validate(registry_->spec(key), value);
  }
}

std::string Config::raw(const std::string& key) const {
  const auto& spec = registry_->spec(key);
  if (const auto found = given_.find(key); found != given_.end()) return found->second;
  if (spec.default_value) return *spec.default_value;
  throw ConfigError(key + " is missing: it must be given (" + spec.allowed() + ")");
}

double Config::real(const std::string& key) const { return *parse_double(raw(key)); }
std::int64_t Config::integer(const std::string& key) const {
  return static_cast<std::int64_t>(*parse_double(raw(key)));
}
std::string Config::text(const std::string& key) const { return raw(key); }
bool Config::flag(const std::string& key) const { return *parse_flag(raw(key)); }

std::vector<double> Config::reals(const std::string& key) const {
  std::vector<double> values;
  for (const auto& element : split(raw(key), ',')) values.push_back(*parse_double(element));
  return values;
}

std::vector<std::string> Config::texts(const std::string& key) const { return split(raw(key), ','); }

Grid Config::grid(const std::string& key) const {
  if (!registry_->has(key) && !scan_axis_target(key).empty()) {
    return parse_grid(scan_axis_spec(*registry_, key), given_.at(key));
  }
  return parse_grid(registry_->spec(key), raw(key));
}

std::vector<std::string> Config::scan_axes() const {
  std::vector<std::string> targets;
  for (const auto& [key, value] : given_)
    if (!registry_->has(key) && !scan_axis_target(key).empty()) targets.push_back(scan_axis_target(key));
  return targets;
}

Config Config::with(const std::string& key, double value) const {
  Config point = *this;
  for (const auto& rival : registry_->rivals(key)) point.given_.erase(rival);
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);  // round-trips exactly
  point.given_[key] = text;
  validate(registry_->spec(key), text);
  return point;
}

std::string Config::exactly_one_of(const std::vector<std::string>& keys) const {
  std::vector<std::string> present;
  for (const auto& key : keys)
    if (given(key)) present.push_back(key);
  if (present.size() == 1) return present.front();
  std::string names;
  for (std::size_t i = 0; i < keys.size(); ++i) names += (i ? ", " : "") + keys[i];
  std::string got = present.empty() ? "none" : "";
  for (std::size_t i = 0; i < present.size(); ++i) got += (i ? ", " : "") + present[i];
  throw ConfigError("exactly one of " + names + " must be given (got " + got + ")");
}

std::map<std::string, std::string> Config::resolved_values() const {
  std::map<std::string, std::string> values;
  for (const auto& [key, spec] : registry_->all()) {
    if (given(key)) values[key] = given_.at(key);
    else if (spec.default_value) values[key] = *spec.default_value;
  }
  for (const auto& target : scan_axes()) values["scan." + target] = given_.at("scan." + target);
  return values;
}

std::string Config::resolved_ini() const {
  std::ostringstream out;
  std::string section;
  for (const auto& [key, value] : resolved_values()) {
    const auto dot = key.find('.');
    if (key.substr(0, dot) != section) {
      section = key.substr(0, dot);
      out << (out.tellp() > 0 ? "\n" : "") << "[" << section << "]\n";
    }
    out << key.substr(dot + 1) << " = " << value << (given(key) ? "" : "    # default") << "\n";
  }
  return out.str();
}

namespace {

po::options_description describe_keys(const Registry& registry) {
  po::options_description keys;
  for (const auto& [key, spec] : registry.all()) keys.add_options()(key.c_str(), po::value<std::string>(), "");
  return keys;
}

[[noreturn]] void rethrow_as_config_error(const po::error& error, const std::string& where) {
  if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&error)) {
    std::string name = unknown->get_option_name();
    while (!name.empty() && name.front() == '-') name.erase(0, 1);
    name = name.substr(0, name.find('='));
    throw ConfigError("unknown key '" + name + "'" + where + " (see --help for the keys)");
  }
  if (const auto* repeated = dynamic_cast<const po::multiple_occurrences*>(&error)) {
    throw ConfigError("key '" + repeated->get_option_name() + "' is given more than once" + where);
  }
  throw ConfigError(std::string(error.what()) + where);
}

}  // namespace

CommandLine parse_command_line(const Registry& registry, int argc, const char* const* argv) {
  po::options_description generic;
  generic.add_options()("help", "")("version", "")("restart", po::value<std::string>(), "")(
      "config", po::value<std::vector<std::string>>(), "");
  po::options_description all = describe_keys(registry);
  all.add(generic);
  po::positional_options_description positional;
  positional.add("config", -1);

  po::variables_map parsed;
  std::map<std::string, std::string> scan_axes;
  try {
    // No abbreviations: "--phonon.freq" must not silently mean "--phonon.frequency_THz".
    const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    const auto options =
        po::command_line_parser(argc, argv).options(all).positional(positional).style(style).allow_unregistered().run();
    po::store(options, parsed);
    for (const auto& option : options.options) {
      if (!option.unregistered) continue;
      if (scan_axis_target(option.string_key).empty() || option.value.size() != 1) {
        throw ConfigError("unknown key '" + option.string_key + "' on the command line (see --help for the keys)");
      }
      scan_axes[option.string_key] = trim(option.value.front());
    }
  } catch (const po::error& error) {
    rethrow_as_config_error(error, " on the command line");
  }
  CommandLine command_line;
  command_line.help = parsed.count("help") != 0;
  command_line.version = parsed.count("version") != 0;
  if (parsed.count("restart")) command_line.restart_file = parsed["restart"].as<std::string>();
  if (parsed.count("config")) {
    const auto files = parsed["config"].as<std::vector<std::string>>();
    if (files.size() > 1) throw ConfigError("one configuration file expected (got '" + files[1] + "' as well)");
    command_line.config_file = files.front();
  }
  for (const auto& [key, value] : parsed) {
    if (registry.has(key)) command_line.overrides[key] = trim(value.as<std::string>());
  }
  command_line.overrides.insert(scan_axes.begin(), scan_axes.end());
  if (!command_line.help && !command_line.version && command_line.config_file.empty()) {
    throw ConfigError("no configuration file given: usage is PROGRAM CONFIG.ini [--section.key=value ...]");
  }
  return command_line;
}

Config load(const Registry& registry, const CommandLine& command_line) {
  std::ifstream file(command_line.config_file);
  if (!file) {
    throw ConfigError("configuration file '" + command_line.config_file + "' cannot be read (" +
                      std::strerror(errno) + ")");
  }
  po::variables_map parsed;
  std::map<std::string, std::string> given;
  try {
    const auto keys = describe_keys(registry);  // the parsed options refer to it
    const auto options = po::parse_config_file(file, keys, /*allow_unregistered=*/true);
    po::store(options, parsed);
    for (const auto& option : options.options) {
      if (!option.unregistered) continue;
      if (scan_axis_target(option.string_key).empty()) {
        throw ConfigError("unknown key '" + option.string_key + "' in " + command_line.config_file +
                          " (see --help for the keys)");
      }
      if (given.count(option.string_key)) {
        throw ConfigError("key '" + option.string_key + "' is given more than once in " + command_line.config_file);
      }
      given[option.string_key] = trim(option.value.front());
    }
  } catch (const po::error& error) {
    rethrow_as_config_error(error, " in " + command_line.config_file);
  }
  for (const auto& [key, value] : parsed) given[key] = trim(value.as<std::string>());
  // A command-line member of an exclusive group replaces the file's member; two
  // members at the same level stay an error (Config::exactly_one_of).
  for (const auto& [key, value] : command_line.overrides) {
    for (const auto& rival : registry.rivals(key))
      if (!command_line.overrides.count(rival)) given.erase(rival);
  }
  for (const auto& [key, value] : command_line.overrides) given[key] = value;
  return Config(registry, std::move(given), command_line.config_file);
}

}  // namespace metasc::config
