#include "metasc/config/kinetics_params.hpp"

namespace metasc::config {

void declare_kinetics_keys(Registry& registry) {
  registry.add({.key = "kinetics.enabled", .kind = Kind::flag, .default_value = "false",
                .help = "metasc-ensemble: every trajectory drives its own n(t)"});
  registry.add({.key = "kinetics.continuum_coupling", .default_value = "0.05", .bounds = between(0.0, 1e3),
                .help = "a_c, amplitude of the continuum alpha^2F = a_c (Omega/Omega_max)^p"});
  registry.add({.key = "kinetics.continuum_power", .default_value = "2", .bounds = between(0.0, 20.0),
                .help = "p, power of the continuum alpha^2F"});
  registry.add({.key = "kinetics.continuum_max_meV", .unit = "meV", .default_value = "8",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true}, .help = "Omega_max, top of the continuum"});
  registry.add({.key = "kinetics.mode_energies_meV", .kind = Kind::real_list, .unit = "meV", .default_value = "52",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true}, .help = "Omega_nu of the sharp modes, comma-separated"});
  registry.add({.key = "kinetics.mode_couplings_meV", .kind = Kind::real_list, .unit = "meV", .default_value = "0.3",
                .bounds = between(0.0, 1e4), .help = "g_nu of the sharp modes, same count as mode_energies_meV"});
  registry.add({.key = "kinetics.band_sigma_meV", .unit = "meV", .default_value = "25",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true}, .help = "sigma_b, standard deviation of nu_SC"});
  registry.add({.key = "kinetics.max_energy_meV", .unit = "meV", .default_value = "inf",
                .bounds = {.min = 0.0, .min_open = true, .allow_infinite = true}, .help = "W, upper limit of the P6 integral"});
  registry.add({.key = "kinetics.initial_U_meV", .unit = "meV", .bounds = {.min = 0.0, .max = 1e5, .min_open = true},
                .help = "U*, pairing held by the drive; exactly one of initial_U_meV, initial_Q, initial_n"});
  registry.add({.key = "kinetics.initial_Q", .bounds = between(-1e3, 1e3),
                .help = "Q*, distortion held by the drive; exactly one of initial_U_meV, initial_Q, initial_n"});
  registry.add({.key = "kinetics.initial_n", .bounds = {.min = 0.0, .max = 4.0, .min_open = true},
                .help = "n(0) per site; exactly one of initial_U_meV, initial_Q, initial_n"});
  registry.add({.key = "kinetics.sweep_n0", .kind = Kind::grid, .default_value = "1e-4:0.2:200:log",
                .bounds = {.min = 0.0, .max = 4.0, .min_open = true}, .help = "metasc-kinetics: n(0) sweep (Fig. 4)"});
  registry.add({.key = "kinetics.sweep_temperature_K", .kind = Kind::grid, .unit = "K", .default_value = "80:320:25",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true}, .help = "metasc-kinetics: tau_MS vs T sweep"});
}

}  // namespace metasc::config
