#include "metasc/escape/job.hpp"

#include "metasc/config/landscape_params.hpp"
#include "metasc/config/model.hpp"
#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/parallel/progress.hpp"
#include "metasc/stochastic/integrator.hpp"

namespace metasc::escape {

namespace {

/// How far above the barrier energy the analytic wells are tabulated, in k_BT per site:
/// a thermal trajectory never climbs e^{−40} high.
constexpr double table_reach_kT = 40.0;

Well make_well(const config::EscapeParams& settings, const config::Config& config,
               const config::PhononParams& phonon, const config::BathParams& bath) {
  const int points = config::LandscapeParams::from(config).points;
  if (settings.landscape == config::EscapeLandscape::bcs) {
    return bcs_well(config::build_model(phonon, config::ElectronParams::from(config)), bath.temperature_K, points,
                    phonon.energy_meV);
  }
  const bool cubic = settings.landscape == config::EscapeLandscape::cubic;
  const physics::AnalyticWell shape(cubic ? physics::WellForm::cubic : physics::WellForm::quartic,
                                    settings.shape.barrier_meV, settings.shape.Q_barrier, settings.shape.Q_metastable);
  return analytic_well(shape, cubic ? "cubic" : "quartic", points,
                       table_reach_kT * bath.kT_meV / static_cast<double>(phonon.domain_sites), phonon.energy_meV);
}

DampingOutcome run_at(const Environment& environment, const EscapeJob& job, const EscapeProblem& problem,
                      const EnergyDiffusionMfpt& energy_diffusion_at_main, Progress& progress, double& done) {
  DampingOutcome outcome{.damping_per_ps = problem.oscillator.damping_per_ps,
                         .theory = problem.theory(),
                         .energy_diffusion = energy_diffusion_at_main};
  // Energy diffusion: every time scales as 1/γ, exactly.
  const double speedup = outcome.damping_per_ps / job.problem.oscillator.damping_per_ps;
  outcome.energy_diffusion.mean_time_ps /= speedup;
  outcome.energy_diffusion.junction_time_ps /= speedup;
  outcome.energy_diffusion.rate_per_ps *= speedup;
  const auto& methods = job.settings.methods;
  // Each method is collective; rank 0's clock times it.
  const auto timed = [&](double& wall_s, const auto& method) {
    const double start = MPI_Wtime();
    method();
    wall_s = MPI_Wtime() - start;
    progress.update(done += 1.0);
  };
  if (methods.mfpt) {
    timed(outcome.mfpt_wall_s, [&] { outcome.mfpt = mfpt_rate(environment.comm(), problem, job.settings.mfpt); });
  }
  if (methods.ensemble) {
    timed(outcome.ensemble_wall_s,
          [&] { outcome.ensemble = ensemble_rate(environment, problem, job.langevin, job.settings.transient_ps); });
  }
  if (methods.forward_flux) {
    timed(outcome.forward_flux_wall_s,
          [&] { outcome.forward_flux = forward_flux(environment, problem, job.langevin, job.settings.forward_flux); });
  }
  return outcome;
}

}  // namespace

EscapeJob EscapeJob::from(const config::Config& config) {
  const auto phonon = config::PhononParams::from(config);
  const auto bath = config::BathParams::from(config);
  const auto langevin = config::LangevinParams::from(config);
  const auto settings = config::EscapeParams::from(config);
  if (!(bath.kT_meV > 0.0))
    throw ConfigError("bath.temperature_K must be > 0 for thermal escape (got '" + format_number(bath.temperature_K) + "')");

  const stochastic::Oscillator oscillator{.angular_per_ps = phonon.angular_per_ps,
                                          .damping_per_ps = phonon.damping_per_ps,
                                          .kT_meV = bath.kT_meV,
                                          .domain_sites = static_cast<double>(phonon.domain_sites)};
  EscapeJob job{phonon, bath, langevin, settings,
                EscapeProblem{make_well(settings, config, phonon, bath), oscillator, settings.margin_kT}};
  const auto& critical = job.problem.well.critical;
  if (!(job.problem.relaxed_meV() > critical.V_origin_meV)) {
    throw ConfigError("escape.margin_kT must be < N_s (V(Q_B) - V(0))/k_BT = " +
                      format_number((critical.V_barrier_meV - critical.V_origin_meV) / job.problem.kT_per_site_meV()) +
                      ", or the relaxed normal well is empty (got '" + format_number(settings.margin_kT) + "')");
  }
  if (settings.methods.forward_flux && !(settings.forward_flux.basin_kT < job.problem.barrier_over_kT())) {
    throw ConfigError("escape.ffs_basin_kT must be below the barrier N_s (V(Q_B) - V(Q_MS))/k_BT = " +
                      format_number(job.problem.barrier_over_kT()) + " (got '" +
                      format_number(settings.forward_flux.basin_kT) + "')");
  }
  if (settings.methods.forward_flux && !(settings.forward_flux.gap_kT < settings.forward_flux.basin_kT)) {
    throw ConfigError("escape.ffs_gap_kT must be below escape.ffs_basin_kT = " +
                      format_number(settings.forward_flux.basin_kT) + ", or the basin A is empty (got '" +
                      format_number(settings.forward_flux.gap_kT) + "')");
  }
  if (settings.methods.ensemble && langevin.step_count() < 2) {
    throw ConfigError("langevin.t_end_ps must span at least two steps of langevin.dt_ps = " +
                      format_number(langevin.dt_ps) + " (got '" + format_number(langevin.t_end_ps) + "')");
  }
  if (settings.methods.ensemble || settings.methods.forward_flux) {
    // The integrators refuse an unstable step (ConfigError naming langevin.dt_ps) at every damping run.
    std::vector<double> dampings{phonon.damping_per_ps};
    if (settings.damping_scan_per_ps) {
      const auto scanned = settings.damping_scan_per_ps->values();
      dampings.insert(dampings.end(), scanned.begin(), scanned.end());
    }
    for (const double damping : dampings) {
      stochastic::LangevinIntegrator<stochastic::ForceTable>(langevin.scheme, job.problem.with_damping(damping).oscillator,
                                                             langevin.dt_ps, job.problem.well.table, langevin.seed);
    }
  }
  return job;
}

EscapeOutcome run_escape(const Environment& environment, const EscapeJob& job, bool progress_on) {
  const auto& problem = job.problem;
  const auto& methods = job.settings.methods;
  const auto dampings = job.settings.damping_scan_per_ps ? job.settings.damping_scan_per_ps->values() : std::vector<double>{};
  const double runs = static_cast<double>((1 + dampings.size()) * (methods.mfpt + methods.ensemble + methods.forward_flux));
  Progress progress(progress_on && environment.is_root(), "escape", "method runs", runs);
  double done = 0.0;
  const auto energy_diffusion = energy_diffusion_mfpt(problem);
  EscapeOutcome outcome{.main = run_at(environment, job, problem, energy_diffusion, progress, done), .scan = {}};
  for (const double damping : dampings) {
    outcome.scan.push_back(run_at(environment, job, problem.with_damping(damping), energy_diffusion, progress, done));
  }
  progress.finish();
  return outcome;
}

}  // namespace metasc::escape
