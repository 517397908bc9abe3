#include "metasc/config/escape_params.hpp"

#include <algorithm>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"

namespace metasc::config {

void declare_escape_keys(Registry& registry) {
  registry.add({.key = "escape.margin_kT", .unit = "k_B T", .default_value = "2", .bounds = between(0.0, 1e3),
                .help = "an escape is entry into the normal well this far below the barrier energy"});
  registry.add({.key = "escape.landscape", .kind = Kind::choice, .default_value = "bcs",
                .choices = {"bcs", "cubic", "quartic"}, .help = "BCS landscape or an analytic test well"});
  registry.add({.key = "escape.barrier_meV", .unit = "meV", .default_value = "1",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true},
                .help = "cubic/quartic test well: barrier V(Q_B) - V(Q_MS) per site"});
  registry.add({.key = "escape.Q_barrier", .default_value = "0.2", .bounds = {.min = 0.0, .max = 1e3, .min_open = true},
                .help = "cubic/quartic test well: barrier position Q_B, in oscillator lengths"});
  registry.add({.key = "escape.Q_metastable", .default_value = "0.35",
                .bounds = {.min = 0.0, .max = 1e3, .min_open = true},
                .help = "cubic/quartic test well: metastable minimum Q_MS > Q_B, in oscillator lengths"});
  registry.add({.key = "escape.methods", .kind = Kind::choice_list, .default_value = "theory, mfpt, ensemble, ffs",
                .choices = {"theory", "mfpt", "ensemble", "ffs"},
                .help = "rate methods besides rate theory (always on): mfpt (exact, PETSc), ensemble (brute "
                        "force, censored MLE), ffs (forward flux sampling)"});
  registry.add({.key = "escape.mfpt_resolution", .default_value = "16", .bounds = between(2.0, 1e3),
                .help = "MFPT mesh cells per thermal width: sigma_Q = sqrt(k_BT/(N_s V''(Q_MS))) in Q, k_BT/N_s "
                        "in energy (finer across the separatrix layer); solves at r/4, r/2 and r measure convergence"});
  registry.add({.key = "escape.mfpt_wall_kT", .unit = "k_B T", .default_value = "10", .bounds = between(1.0, 1e3),
                .help = "the MFPT domain is the energy shell N_s e <= N_s V(Q_B) + this"});
  registry.add({.key = "escape.mfpt_solver", .kind = Kind::choice, .default_value = "lu", .choices = {"lu", "gmres"},
                .help = "lu: sparse LU on rank 0 of the gathered matrix (exact, independent of the rank count) | "
                        "gmres: distributed GMRES with ASM/ILU, for grids too large for one rank"});
  registry.add({.key = "escape.mfpt_rtol", .default_value = "1e-10", .bounds = {.min = 0.0, .max = 0.1, .min_open = true},
                .help = "relative residual tolerance of the gmres MFPT solver"});
  registry.add({.key = "escape.mfpt_tolerance", .default_value = "0.02", .bounds = {.min = 0.0, .max = 1.0, .min_open = true},
                .help = "the MFPT's accuracy target: when the first-order extrapolation moves more than this from (r/4, r/2) to (r/2, r), "
                        "rate_mfpt_per_ps is NaN and mfpt_converged = 0"});
  registry.add({.key = "escape.ffs_replicas", .kind = Kind::integer, .default_value = "8", .bounds = between(2, 1e6),
                .help = "independent forward-flux runs; the error bar is their spread (Student t)"});
  registry.add({.key = "escape.ffs_walkers", .kind = Kind::integer, .default_value = "64", .bounds = between(1, 1e8),
                .help = "flux-stage trajectories per replica"});
  registry.add({.key = "escape.ffs_flux_crossings", .kind = Kind::integer, .default_value = "1000",
                .bounds = between(1, 1e10), .help = "the flux stage runs until every replica has this many crossings "
                                                    "of the first interface"});
  registry.add({.key = "escape.ffs_trials", .kind = Kind::integer, .default_value = "1000", .bounds = between(1, 1e10),
                .help = "trial trajectories per interface per replica"});
  registry.add({.key = "escape.ffs_basin_kT", .unit = "k_B T", .default_value = "1", .bounds = between(0.0, 1e3),
                .help = "first interface lambda_0 = V(Q_MS) + this k_BT/N_s"});
  registry.add({.key = "escape.ffs_gap_kT", .unit = "k_B T", .default_value = "0.5", .bounds = between(0.0, 1e3),
                .help = "the metastable basin A is e < lambda_0 - this k_BT/N_s (below escape.ffs_basin_kT): the flux "
                        "counts a walker again only once it fell this far, not each diffusive recrossing of lambda_0"});
  registry.add({.key = "escape.ffs_prune", .default_value = "0.5", .bounds = {.min = 0.0, .max = 1.0, .max_open = true},
                .help = "pruned FFS: a trial falling through a lower interface ends with this probability, else "
                        "carries 1/(1 - this) times its weight (unbiased); 0 runs every failing trial back to A"});
  registry.add({.key = "escape.ffs_check_steps", .kind = Kind::integer, .default_value = "1", .bounds = between(1, 1e6),
                .help = "the interfaces, A and the escape are tested every this many steps (exact FFS of the sampled "
                        "chain; keep the energy's change over these steps far below escape.margin_kT)"});
  registry.add({.key = "escape.ffs_spacing_kT", .unit = "k_B T", .default_value = "1.5",
                .bounds = {.min = 0.0, .max = 1e3, .min_open = true},
                .help = "largest spacing of the energy interfaces between lambda_0 and V(Q_B)"});
  registry.add({.key = "escape.damping_scan_per_ps", .kind = Kind::grid, .unit = "1/ps",
                .bounds = {.min = 0.0, .max = 1e4, .min_open = true},
                .help = "turnover scan: every method at each damping gamma, start:stop:count[:log] (optional)"});
}

EscapeParams EscapeParams::from(const Config& config) {
  EscapeParams params{};
  const auto landscape = config.text("escape.landscape");
  params.landscape = landscape == "cubic"     ? EscapeLandscape::cubic
                     : landscape == "quartic" ? EscapeLandscape::quartic
                                              : EscapeLandscape::bcs;
  params.shape = {.barrier_meV = config.real("escape.barrier_meV"),
                  .Q_barrier = config.real("escape.Q_barrier"),
                  .Q_metastable = config.real("escape.Q_metastable")};
  if (params.landscape != EscapeLandscape::bcs && !(params.shape.Q_metastable > params.shape.Q_barrier)) {
    throw ConfigError("escape.Q_metastable must be > escape.Q_barrier = " + format_number(params.shape.Q_barrier) +
                      " (got '" + format_number(params.shape.Q_metastable) + "')");
  }
  params.margin_kT = config.real("escape.margin_kT");
  params.transient_ps = config.real("escape.transient_ps");
  const auto methods = config.texts("escape.methods");
  const auto has = [&](const char* name) { return std::find(methods.begin(), methods.end(), name) != methods.end(); };
  params.methods = {.mfpt = has("mfpt"), .ensemble = has("ensemble"), .forward_flux = has("ffs")};
  params.mfpt = {.resolution = config.real("escape.mfpt_resolution"),
                 .wall_kT = config.real("escape.mfpt_wall_kT"),
                 .solver = config.text("escape.mfpt_solver") == "gmres" ? MfptSolver::gmres : MfptSolver::lu,
                 .rtol = config.real("escape.mfpt_rtol"),
                 .tolerance = config.real("escape.mfpt_tolerance")};
  params.forward_flux = {.replicas = config.integer("escape.ffs_replicas"),
                         .walkers = config.integer("escape.ffs_walkers"),
                         .flux_crossings = config.integer("escape.ffs_flux_crossings"),
                         .trials = config.integer("escape.ffs_trials"),
                         .basin_kT = config.real("escape.ffs_basin_kT"),
                         .gap_kT = config.real("escape.ffs_gap_kT"),
                         .spacing_kT = config.real("escape.ffs_spacing_kT"),
                         .prune = config.real("escape.ffs_prune"),
                         .check_steps = config.integer("escape.ffs_check_steps")};
  if (config.given("escape.damping_scan_per_ps")) params.damping_scan_per_ps = config.grid("escape.damping_scan_per_ps");
  return params;
}

}  // namespace metasc::config
