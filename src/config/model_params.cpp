#include "metasc/config/model_params.hpp"

#include "metasc/units.hpp"

namespace metasc::config {

namespace {
const std::vector<std::string> coupling_keys{"phonon.g_ratio", "phonon.g_meV"};
const std::vector<std::string> pairing_fix_keys{"electrons.Tc_K", "electrons.Delta0_meV", "electrons.U0_meV"};
}  // namespace

void declare_model_keys(Registry& registry) {
  registry.add({.key = "phonon.frequency_THz", .unit = "THz", .default_value = "22",
                .bounds = {.min = 0.0, .max = 1000.0, .min_open = true},
                .help = "phonon frequency f; hbar*omega = h f is also the BCS cutoff"});
  registry.add({.key = "phonon.g_ratio", .bounds = {.min = 0.0, .max = 100.0, .min_open = true},
                .help = "coupling g / (hbar omega); exactly one of g_ratio, g_meV"});
  registry.add({.key = "phonon.g_meV", .unit = "meV", .bounds = {.min = 0.0, .max = 1e5, .min_open = true},
                .help = "coupling g per unit Q; exactly one of g_ratio, g_meV"});
  registry.add({.key = "phonon.damping_per_ps", .unit = "1/ps", .default_value = "0.1",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true},
                .help = "friction rate gamma: energy decays as exp(-gamma t)"});
  registry.add({.key = "phonon.domain_sites", .kind = Kind::integer, .default_value = "1",
                .bounds = between(1, 1e9), .help = "N_s, sites of a coherent domain (noise scales as 1/N_s)"});
  registry.add({.key = "electrons.dos_per_meV", .unit = "1/meV", .default_value = "0.01",
                .bounds = {.min = 0.0, .max = 10.0, .min_open = true},
                .help = "density of states nu(0) per spin per site"});
  registry.add({.key = "electrons.splitting_meV", .unit = "meV", .default_value = "40",
                .bounds = {.min = 0.0, .max = 1e5, .min_open = true}, .help = "level splitting Delta E"});
  registry.add({.key = "electrons.Tc_K", .unit = "K", .bounds = {.min = 0.0, .max = 1e4, .min_open = true},
                .help = "equilibrium T_c fixing U0; exactly one of Tc_K, Delta0_meV, U0_meV"});
  registry.add({.key = "electrons.Delta0_meV", .unit = "meV", .bounds = {.min = 0.0, .max = 1e4, .min_open = true},
                .help = "T = 0 gap fixing U0; exactly one of Tc_K, Delta0_meV, U0_meV"});
  registry.add({.key = "electrons.U0_meV", .unit = "meV", .bounds = between(0.0, 1e5),
                .help = "bare pairing U0; exactly one of Tc_K, Delta0_meV, U0_meV"});
  registry.add({.key = "bath.temperature_K", .unit = "K", .default_value = "100", .bounds = between(0.0, 1e4),
                .help = "bath temperature (0 allowed: deterministic dynamics, T = 0 landscape)"});
  registry.exclusive(coupling_keys);
  registry.exclusive(pairing_fix_keys);
}

PhononParams PhononParams::from(const Config& config) {
  PhononParams phonon{};
  phonon.frequency_THz = config.real("phonon.frequency_THz");
  phonon.energy_meV = units::phonon_energy_meV(phonon.frequency_THz);
  phonon.angular_per_ps = units::angular_per_ps(phonon.frequency_THz);
  const auto coupling_key = config.exactly_one_of(coupling_keys);
  phonon.coupling_meV = coupling_key == "phonon.g_meV" ? config.real("phonon.g_meV")
                                                       : config.real("phonon.g_ratio") * phonon.energy_meV;
  phonon.damping_per_ps = config.real("phonon.damping_per_ps");
  phonon.domain_sites = config.integer("phonon.domain_sites");
  return phonon;
}

ElectronParams ElectronParams::from(const Config& config) {
  ElectronParams electrons{};
  electrons.dos_per_meV = config.real("electrons.dos_per_meV");
  electrons.splitting_meV = config.real("electrons.splitting_meV");
  const auto fix_key = config.exactly_one_of(pairing_fix_keys);
  electrons.pairing_fix = fix_key == "electrons.Tc_K"         ? PairingFix::critical_temperature
                          : fix_key == "electrons.Delta0_meV" ? PairingFix::zero_temperature_gap
                                                              : PairingFix::bare_pairing;
  electrons.pairing_value = config.real(fix_key);
  return electrons;
}

BathParams BathParams::from(const Config& config) {
  const double temperature_K = config.real("bath.temperature_K");
  return {.temperature_K = temperature_K, .kT_meV = units::kT_meV(temperature_K)};
}

}  // namespace metasc::config
