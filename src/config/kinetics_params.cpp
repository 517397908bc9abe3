#include "metasc/config/kinetics_params.hpp"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/two_column_table.hpp"

namespace metasc::config {
namespace {

/// Per-mode values given once for all modes or once per mode.
std::vector<double> per_mode(const Config& config, const std::string& key, std::size_t modes, bool broadcast) {
  auto values = config.reals(key);
  if (broadcast && values.size() == 1) values.assign(modes, values.front());
  if (values.size() != modes) {
    throw ConfigError(key + " has " + std::to_string(values.size()) + " values but kinetics.mode_energies_meV has " +
                      std::to_string(modes) +
                      (broadcast ? ": give one value, or one per mode" : ": give one per mode"));
  }
  return values;
}

const std::vector<std::string> initial_state_keys{"kinetics.initial_U_meV", "kinetics.initial_Q", "kinetics.initial_n"};

}  // namespace

physics::TabulatedSpectrum read_spectrum_table(const std::string& key, const std::string& path) {
  auto table = read_two_column_table(key, path, {"alpha^2F table", "Omega [meV]", "alpha^2F"},
                                         [](double energy, double value) -> std::string {
                                           if (energy < 0.0) return "Omega must be >= 0";
                                           if (energy == 0.0 && value != 0.0) {
                                             return "alpha^2F must vanish at Omega = 0 (else dn/dt diverges at Delta = 0)";
                                           }
                                           return "";
                                         });
  physics::TabulatedSpectrum spectrum;
  spectrum.energy_meV = std::move(table.x);
  spectrum.value = std::move(table.y);
  return spectrum;
}

KineticsRateParams KineticsRateParams::from(const Config& config) {
  const auto energies = config.reals("kinetics.mode_energies_meV");
  const auto couplings = per_mode(config, "kinetics.mode_couplings_meV", energies.size(), false);
  const auto widths = per_mode(config, "kinetics.mode_widths_meV", energies.size(), true);
  std::vector<physics::SharpMode> modes;
  for (std::size_t i = 0; i < energies.size(); ++i) {
    modes.push_back({.energy_meV = energies[i], .coupling_meV = couplings[i], .width_meV = widths[i]});
  }

  const double edge_meV = config.real("kinetics.continuum_max_meV");
  std::variant<physics::PowerLawContinuum, physics::TabulatedSpectrum> continuum;
  if (config.given("kinetics.spectrum_file")) {
    for (const std::string other : {"kinetics.continuum_coupling", "kinetics.continuum_power"}) {
      if (config.given(other)) {
        throw ConfigError(other + " cannot be combined with kinetics.spectrum_file (the table replaces the power law)");
      }
    }
    continuum = read_spectrum_table("kinetics.spectrum_file", config.text("kinetics.spectrum_file"));
  } else {
    continuum = physics::PowerLawContinuum{.coupling = config.real("kinetics.continuum_coupling"),
                                           .power = config.real("kinetics.continuum_power"),
                                           .max_meV = edge_meV};
  }
  const physics::GaussianBand band{.sigma_meV = config.real("kinetics.band_sigma_meV")};
  return {.rate = physics::QuasiparticleRate(physics::EliashbergFunction(std::move(continuum), std::move(modes), band),
                                             config.real("kinetics.max_energy_meV")),
          .avalanche_edge_meV = edge_meV};
}

KineticsScenarioParams KineticsScenarioParams::from(const Config& config) {
  const auto initial_key =
      config.exactly_one_of(initial_state_keys);
  return {.initial_state = initial_key == "kinetics.initial_U_meV" ? InitialState::pairing
                           : initial_key == "kinetics.initial_Q"   ? InitialState::distortion
                                                                   : InitialState::density,
          .initial_value = config.real(initial_key),
          .sweep_n0 = config.grid("kinetics.sweep_n0").values(),
          .sweep_temperature_K = config.grid("kinetics.sweep_temperature_K").values(),
          .lifetime = {.t_max_ps = config.real("kinetics.t_max_ps"),
                       .relative_tolerance = config.real("kinetics.relative_tolerance")}};
}

void declare_kinetics_keys(Registry& registry) {
  registry.add({.key = "kinetics.enabled",
                .kind = Kind::flag,
                .default_value = "false",
                .help = "metasc-ensemble: every trajectory drives its own n(t)"});
  registry.add({.key = "kinetics.back_action",
                .kind = Kind::flag,
                .default_value = "false",
                .help = "metasc-ensemble with kinetics.enabled: the force on each trajectory uses its own kinetic "
                        "gap Delta(t) instead of the equilibrium one"});
  registry.add({.key = "kinetics.continuum_coupling",
                .default_value = "0.05",
                .bounds = between(0.0, 1e3),
                .help = "a_c, amplitude of the continuum alpha^2F = a_c (Omega/Omega_max)^p"});
  registry.add({.key = "kinetics.continuum_power",
                .default_value = "2",
                .bounds = {.min = 0.0, .max = 20.0, .min_open = true},
                .help = "p, power of the continuum alpha^2F (> 0 keeps dn/dt finite at Delta = 0)"});
  registry.add(
      {.key = "kinetics.continuum_max_meV",
       .unit = "meV",
       .default_value = "8",
       .bounds = {.min = 0.0, .max = 1e4, .min_open = true},
       .help = "Omega_max, top of the continuum and the avalanche edge 2 Delta = Omega_max (also with a table)"});
  registry.add({.key = "kinetics.spectrum_file",
                .kind = Kind::text,
                .help = "table of alpha^2F replacing the power-law continuum: rows 'Omega_meV alpha2F', # comments, "
                        "linear in between, zero outside; the sharp modes are added to it"});
  registry.add({.key = "kinetics.mode_energies_meV",
                .kind = Kind::real_list,
                .unit = "meV",
                .default_value = "52",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true},
                .help = "Omega_nu of the sharp modes, comma-separated"});
  registry.add({.key = "kinetics.mode_couplings_meV",
                .kind = Kind::real_list,
                .unit = "meV",
                .default_value = "0.3",
                .bounds = between(0.0, 1e4),
                .help = "g_nu of the sharp modes, same count as mode_energies_meV"});
  registry.add(
      {.key = "kinetics.mode_widths_meV",
       .kind = Kind::real_list,
       .unit = "meV",
       .default_value = "0",
       .bounds = between(0.0, 1e3),
       .help = "Gaussian standard deviation of each sharp mode (0 = delta function); one value or one per mode"});
  registry.add({.key = "kinetics.band_sigma_meV",
                .unit = "meV",
                .default_value = "25",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true},
                .help = "sigma_b, standard deviation of nu_SC"});
  registry.add({.key = "kinetics.max_energy_meV",
                .unit = "meV",
                .default_value = "inf",
                .bounds = {.min = 0.0, .min_open = true, .allow_infinite = true},
                .help = "W, upper limit of the P6 integral"});
  registry.add({.key = "kinetics.initial_U_meV",
                .unit = "meV",
                .bounds = {.min = 0.0, .max = 1e5, .min_open = true},
                .help = "U*, pairing held by the drive; exactly one of initial_U_meV, initial_Q, initial_n"});
  registry.add({.key = "kinetics.initial_Q",
                .bounds = between(-1e3, 1e3),
                .help = "Q*, distortion held by the drive; exactly one of initial_U_meV, initial_Q, initial_n"});
  registry.add({.key = "kinetics.initial_n",
                .bounds = {.min = 0.0, .max = 4.0, .min_open = true},
                .help = "n(0) per site; exactly one of initial_U_meV, initial_Q, initial_n"});
  registry.add({.key = "kinetics.t_max_ps",
                .unit = "ps",
                .default_value = "1e9",
                .bounds = {.min = 0.0, .max = 1e15, .min_open = true},
                .help = "metasc-kinetics: end of the time integration; tau_MS not reached by then is reported as inf"});
  registry.add({.key = "kinetics.relative_tolerance",
                .default_value = "1e-6",
                .bounds = between(1e-12, 1e-2),
                .help = "metasc-kinetics: relative error tolerance of the adaptive integration of n(t)"});
  registry.add({.key = "kinetics.sweep_n0",
                .kind = Kind::grid,
                .default_value = "1e-4:0.2:200:log",
                .bounds = {.min = 0.0, .max = 4.0, .min_open = true},
                .help = "metasc-kinetics: n(0) sweep (Fig. 4)"});
  registry.add({.key = "kinetics.sweep_temperature_K",
                .kind = Kind::grid,
                .unit = "K",
                .default_value = "80:320:25",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true},
                .help = "metasc-kinetics: tau_MS vs T sweep"});
  registry.exclusive(initial_state_keys);
}

}  // namespace metasc::config
