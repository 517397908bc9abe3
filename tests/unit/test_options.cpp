#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "metasc/config/options.hpp"
#include "metasc/error.hpp"

using namespace metasc;
using namespace metasc::config;

namespace {

Registry small_registry() {
  Registry registry;
  registry.add({.key = "phonon.damping_per_ps", .unit = "1/ps", .default_value = "0.1", .bounds = positive(),
                .help = "gamma"});
  registry.add({.key = "phonon.g_ratio", .bounds = positive(), .help = "g/hw"});
  registry.add({.key = "phonon.g_meV", .bounds = positive(), .help = "g"});
  registry.add({.key = "kinetics.max_energy_meV", .default_value = "inf",
                .bounds = {.min = 0.0, .min_open = true, .allow_infinite = true}, .help = "W"});
  registry.add({.key = "pulse.shape", .kind = Kind::choice_list, .default_value = "gaussian",
                .choices = {"gaussian", "sech2"}, .help = "shape"});
  registry.add({.key = "scan.dos_per_meV", .kind = Kind::grid, .default_value = "1:4:4", .bounds = positive(),
                .help = "grid"});
  registry.add({.key = "langevin.trajectories", .kind = Kind::integer, .default_value = "10",
                .bounds = between(1, 1e9), .help = "n"});
  return registry;
}

std::string rejection(const Registry& registry, const std::string& key, const std::string& value) {
  try {
    Config config(registry, {{key, value}}, "test.ini");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

std::string write_ini(const std::string& text) {
  const std::string path = "metasc_test_options.ini";
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("values outside their declaration are refused with the key, the value and the rule", "[options]") {
  const auto registry = small_registry();
  const auto message = rejection(registry, "phonon.damping_per_ps", "-0.1");
  CHECK(message.find("phonon.damping_per_ps") != std::string::npos);
  CHECK(message.find("-0.1") != std::string::npos);
  CHECK(message.find("> 0") != std::string::npos);
  for (const std::string bad : {"nan", "inf", "", "0.1x", "0", "1e999"}) {
    INFO(bad);
    CHECK_FALSE(rejection(registry, "phonon.damping_per_ps", bad).empty());
  }
  CHECK(rejection(registry, "kinetics.max_energy_meV", "inf").empty());
  CHECK_FALSE(rejection(registry, "kinetics.max_energy_meV", "-inf").empty());
  CHECK_FALSE(rejection(registry, "langevin.trajectories", "2.5").empty());
  CHECK_FALSE(rejection(registry, "langevin.trajectories", "0").empty());
  CHECK_FALSE(rejection(registry, "pulse.shape", "gaussian,square").empty());
  CHECK(rejection(registry, "pulse.shape", "gaussian, sech2").empty());
  CHECK_FALSE(rejection(registry, "scan.dos_per_meV", "1:2").empty());
  CHECK_FALSE(rejection(registry, "scan.dos_per_meV", "0:2:3:log").empty());
  CHECK_FALSE(rejection(registry, "scan.dos_per_meV", "1:2:3:lin").empty());
  CHECK_FALSE(rejection(registry, "phonon.unknown", "1").empty());
}

TEST_CASE("grids are spaced linearly or geometrically and end exactly at stop", "[options]") {
  const Grid linear{.start = 1.0, .stop = 4.0, .count = 4};
  CHECK(linear.values() == std::vector<double>{1.0, 2.0, 3.0, 4.0});
  const Grid geometric{.start = 1e-4, .stop = 1.0, .count = 5, .logarithmic = true};
  const auto values = geometric.values();
  for (std::size_t i = 1; i < values.size(); ++i) CHECK(values[i] / values[i - 1] == Approx(10.0));
  CHECK(values.back() == 1.0);
}

TEST_CASE("exactly one of a group of keys must be given", "[options]") {
  const auto registry = small_registry();
  CHECK_THROWS_AS(Config(registry, {}, "x").exactly_one_of({"phonon.g_ratio", "phonon.g_meV"}), ConfigError);
  CHECK_THROWS_WITH(
      Config(registry, {{"phonon.g_ratio", "0.6"}, {"phonon.g_meV", "50"}}, "x")
          .exactly_one_of({"phonon.g_ratio", "phonon.g_meV"}),
      Catch::Contains("phonon.g_ratio, phonon.g_meV"));
  CHECK(Config(registry, {{"phonon.g_meV", "50"}}, "x").exactly_one_of({"phonon.g_ratio", "phonon.g_meV"}) ==
        "phonon.g_meV");
}

TEST_CASE("a command-line member of an exclusive group replaces the file's member; two at one level are an error",
          "[options]") {
  auto registry = small_registry();
  registry.exclusive({"phonon.g_ratio", "phonon.g_meV"});
  const std::vector<std::string> group{"phonon.g_ratio", "phonon.g_meV"};
  const auto path = write_ini("[phonon]\ng_ratio = 0.6\n");
  const char* argv[] = {"prog", path.c_str(), "--phonon.g_meV=50"};
  const auto config = load(registry, parse_command_line(registry, 3, argv));
  CHECK(config.exactly_one_of(group) == "phonon.g_meV");
  CHECK_FALSE(config.given("phonon.g_ratio"));
  CHECK(config.resolved_ini().find("g_ratio") == std::string::npos);
  // Both on the command line, or both in the file: still an error naming both.
  const char* both_argv[] = {"prog", path.c_str(), "--phonon.g_meV=50", "--phonon.g_ratio=0.5"};
  CHECK_THROWS_WITH(load(registry, parse_command_line(registry, 4, both_argv)).exactly_one_of(group),
                    Catch::Contains("got phonon.g_ratio, phonon.g_meV"));
  const auto both_file = write_ini("[phonon]\ng_ratio = 0.6\ng_meV = 50\n");
  const char* file_argv[] = {"prog", both_file.c_str(), "--phonon.damping_per_ps=0.3"};
  CHECK_THROWS_WITH(load(registry, parse_command_line(registry, 3, file_argv)).exactly_one_of(group),
                    Catch::Contains("got phonon.g_ratio, phonon.g_meV"));
  std::remove(path.c_str());
}

TEST_CASE("INI files with inline comments; unknown keys in a file are errors; the command line wins",
          "[options]") {
  const auto registry = small_registry();
  const auto path = write_ini("[phonon]\ndamping_per_ps = 0.25   # gamma\ng_ratio = 0.6\n");
  const char* argv[] = {"prog", path.c_str(), "--phonon.g_ratio=0.7"};
  const auto command_line = parse_command_line(registry, 3, argv);
  const auto config = load(registry, command_line);
  CHECK(config.real("phonon.damping_per_ps") == 0.25);
  CHECK(config.real("phonon.g_ratio") == 0.7);
  CHECK(config.real("kinetics.max_energy_meV") == HUGE_VAL);
  CHECK(config.integer("langevin.trajectories") == 10);

  const auto typo = write_ini("[phonon]\ndampin_per_ps = 0.25\n");
  const char* typo_argv[] = {"prog", typo.c_str()};
  CHECK_THROWS_WITH(load(registry, parse_command_line(registry, 2, typo_argv)),
                    Catch::Contains("phonon.dampin_per_ps"));
  const char* abbreviated[] = {"prog", path.c_str(), "--phonon.damping=1"};
  CHECK_THROWS_AS(parse_command_line(registry, 3, abbreviated), ConfigError);
  const char* missing[] = {"prog", "/nonexistent/metasc.ini"};
  CHECK_THROWS_WITH(load(registry, parse_command_line(registry, 2, missing)), Catch::Contains("cannot be read"));
  std::remove(path.c_str());
  std::remove(typo.c_str());
}

TEST_CASE("the resolved configuration reads back to the same values", "[options]") {
  const auto registry = small_registry();
  const Config config(registry, {{"phonon.g_ratio", "0.6"}, {"pulse.shape", "sech2"}}, "x");
  const auto path = write_ini(config.resolved_ini());
  const char* argv[] = {"prog", path.c_str()};
  const auto reread = load(registry, parse_command_line(registry, 2, argv));
  CHECK(reread.resolved_values() == config.resolved_values());
  std::remove(path.c_str());
}

TEST_CASE("every declared default of metasc is valid and every key has help", "[options]") {
  for (const auto& [key, spec] : registry().all()) {
    INFO(key);
    CHECK_FALSE(spec.help.empty());
    CHECK(key.find('.') != std::string::npos);
    if (spec.default_value) CHECK_NOTHROW(validate(spec, *spec.default_value));
  }
}
