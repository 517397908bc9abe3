#include "metasc/ensemble/job.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "metasc/config/kinetics_params.hpp"
#include "metasc/config/model.hpp"
#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/parallel/decomposition.hpp"
#include "metasc/parallel/progress.hpp"
#include "metasc/parallel/stop_signal.hpp"
#include "metasc/physics/bcs.hpp"
#include "metasc/stochastic/back_action_force.hpp"
#include "metasc/stochastic/kinetics_table_build.hpp"
#include "metasc/stochastic/landscape_table.hpp"
#include "metasc/units.hpp"

namespace metasc::ensemble {

// The job wires the stochastic kernels together.
using stochastic::BackActionForce;
using stochastic::BlockKey;
using stochastic::BlockResult;
using stochastic::collect;
using stochastic::CompletedBlocks;
using stochastic::EnsembleResults;
using stochastic::EnsembleRunner;
using stochastic::EnsembleSpec;
using stochastic::KineticCoupling;
using stochastic::Oscillator;
using stochastic::trajectories_per_block;
using stochastic::WellCriteria;

namespace {

/// Why the landscape at the bath temperature has no metastable well to be
/// trapped in; empty when it has one.
std::string describe_missing_well(const physics::Model& model, const physics::LandscapeSummary& landscape,
                           const config::ElectronParams& electrons) {
  const auto& critical = landscape.critical;
  if (!std::isnan(critical.Q_barrier)) return "";
  const std::string T = "T = " + format_number(landscape.temperature_K) + " K";
  if (critical.kind == physics::LandscapeClass::distorted) {
    return "no metastable well: the landscape is distorted (V''(0) < 0 at " + T + "), with no barrier";
  }
  const std::string material = "nu(0) = " + format_number(electrons.dos_per_meV) + " /meV, dE = " +
                               format_number(electrons.splitting_meV) + " meV";
  const double saturated_Tc_K = units::kelvin(physics::critical_kT(model.band, model.pairing.saturated_pairing()));
  if (landscape.temperature_K >= saturated_Tc_K) {
    return "no metastable well: no superconducting solution at " + T + " for " + material +
           " (T_c of the saturated pairing U0 + g^2/hw is " + format_number(saturated_Tc_K) + " K)";
  }
  // T_B from the bottom of the temperature range: at the bath temperature there is no minimum to start from.
  const double T_B_K = units::kelvin(physics::blocking_kT(model.band, model.pairing, 0.0));
  if (std::isnan(T_B_K)) return "no metastable well at any temperature for " + material;
  return "no metastable well: " + T + " is at or above T_B = " + format_number(T_B_K) + " K";
}

}  // namespace

EnsembleJob EnsembleJob::from(const config::Config& config) {
  const auto phonon = config::PhononParams::from(config);
  const auto electrons = config::ElectronParams::from(config);
  const auto bath = config::BathParams::from(config);
  const auto langevin = config::LangevinParams::from(config);
  const auto observation = config::EnsembleParams::from(config);
  const auto pulse_params = config::PulseParams::from(config);
  const auto landscape_params = config::LandscapeParams::from(config);
  if (observation.back_action && !observation.kinetics) {
    throw ConfigError("kinetics.back_action = true needs kinetics.enabled = true (the force uses each trajectory's "
                      "kinetic gap)");
  }
  const auto model = config::build_model(phonon, electrons);
  if (observation.back_action && !(model.pairing.bare_meV > 0.0)) {
    throw ConfigError("kinetics.back_action = true needs a bare pairing U0 > 0 (got U0 = " +
                      format_number(model.pairing.bare_meV) + " meV from the [electrons] keys): the force divides by U(Q)");
  }
  auto landscape = physics::summarize_landscape(model, bath.temperature_K, landscape_params.points, {});
  const auto& critical = landscape.critical;
  const std::string no_well = describe_missing_well(model, landscape, electrons);
  auto force = stochastic::landscape_table(landscape, phonon.energy_meV);
  const Oscillator oscillator{.angular_per_ps = phonon.angular_per_ps,
                              .damping_per_ps = phonon.damping_per_ps,
                              .kT_meV = bath.kT_meV,
                              .domain_sites = static_cast<double>(phonon.domain_sites)};
  const double sites = static_cast<double>(phonon.domain_sites);
  // Without a well nothing can be bound: |Q| > inf never holds, so no trajectory is trapped.
  constexpr double infinity = std::numeric_limits<double>::infinity();
  const WellCriteria criteria =
      no_well.empty()
          ? WellCriteria{.Q_barrier = critical.Q_barrier,
                         .barrier_meV = critical.V_barrier_meV,
                         .relaxed_meV = critical.V_barrier_meV - observation.margin_kT * bath.kT_meV / sites}
          : WellCriteria{.Q_barrier = infinity, .barrier_meV = -infinity, .relaxed_meV = -infinity};
  std::shared_ptr<const KineticCoupling> kinetics;
  std::uint64_t kinetics_stride = 0;
  if (observation.kinetics) {
    if (bath.kT_meV <= 0.0) {
      throw ConfigError("bath.temperature_K = 0: kinetics.enabled needs a temperature > 0 (detailed balance at T)");
    }
    auto rate = config::KineticsRateParams::from(config);
    kinetics = std::make_shared<const KineticCoupling>(std::move(rate.rate), model.band, model.pairing, bath.kT_meV,
                                                       rate.avalanche_edge_meV, observation.kinetics_interval_ps);
    kinetics_stride = static_cast<std::uint64_t>(
        std::max(1.0, std::round(observation.kinetics_interval_ps / langevin.dt_ps)));
    if (observation.kinetics_table && !(model.pairing.bare_meV > 0.0)) {
      throw ConfigError("kinetics.solver = table needs a bare pairing U0 > 0 (got U0 = " +
                        format_number(model.pairing.bare_meV) +
                        " meV from the [electrons] keys): the table follows the gap-equation curve from U0; use "
                        "kinetics.solver = direct");
    }
    if (observation.back_action) {
      // No gap exceeds the T = 0 gap of the saturated pairing (λ > 0 raises Δ towards it).
      const double largest_gap = physics::gap(model.band, model.pairing.saturated_pairing(), 0.0);
      const double largest_curvature = BackActionForce{model.pairing}.max_curvature_meV(largest_gap);
      try {
        check_time_step(langevin.scheme, langevin.dt_ps,
                        std::sqrt(phonon.angular_per_ps / units::hbar_meV_ps * largest_curvature),
                        phonon.damping_per_ps);
      } catch (const ConfigError& error) {
        throw ConfigError(std::string(error.what()) + "; with kinetics.back_action the stiffest force is that of a " +
                          format_number(largest_gap) + " meV gap, the largest the kinetics can reach");
      }
    }
  }
  const std::uint64_t steps = langevin.step_count();
  const auto stride = static_cast<std::uint64_t>(std::max(1.0, std::round(observation.output_interval_ps / langevin.dt_ps)));

  EnsembleJob job{phonon, bath, langevin, observation, std::move(landscape), force,
                  pulse_params.pulses(phonon.angular_per_ps), {}, no_well};
  for (const auto& entry : job.pulses) {
    const double check_ps = entry.pulse.end_time_ps() + observation.settle_ps;
    const auto check_step = static_cast<std::uint64_t>(std::ceil(check_ps / langevin.dt_ps));
    if (check_step >= steps) {
      throw ConfigError("langevin.t_end_ps = " + format_number(langevin.t_end_ps) + " ends before the trapping check at " +
                        format_number(check_ps) + " ps (end of pulse '" + entry.label + "' + ensemble.settle_ps)");
    }
    job.specs.push_back({.scheme = langevin.scheme,
                         .oscillator = oscillator,
                         .dt_ps = langevin.dt_ps,
                         .steps = steps,
                         .seed = langevin.seed,
                         .check_step = check_step,
                         .output_stride = stride,
                         .samples = static_cast<std::uint64_t>(
                             std::min<std::int64_t>(observation.samples, langevin.trajectories)),
                         .criteria = criteria,
                         .initial_curvature_meV = job.landscape.critical.curvature_origin_meV > 0
                                                      ? job.landscape.critical.curvature_origin_meV
                                                      : phonon.energy_meV,
                         .kinetics = kinetics,
                         .kinetics_stride = kinetics_stride,
                         .back_action = observation.back_action});
  }
  // The integrator checks dt against the stiffest frequency of the landscape.
  EnsembleRunner(job.specs.front(), job.force, {});
  return job;
}

namespace {

/// Trapping and escape statistics of one pulse, on rank 0.
PulseOutcome reduce(EnsembleResults results, const EnsembleSpec& spec, double transient_ps) {
  PulseOutcome outcome;
  outcome.results = std::move(results);
  for (const auto trapped : outcome.results.trapped) outcome.trapped_count += trapped;
  outcome.trapping = stats::wilson_interval(outcome.trapped_count, outcome.results.trapped.size());
  const double at_risk_ps = static_cast<double>(spec.steps - spec.check_step) * spec.dt_ps;
  const auto observations = stats::censored_times(outcome.results.escape_time_ps, 0.0, at_risk_ps);
  // Escape statistics need someone still at risk after the transient.
  if (!observations.empty() && stats::exposure(observations, transient_ps).time_at_risk_ps > 0.0) {
    outcome.escape = stats::summarize_escapes(observations, transient_ps);
  }
  outcome.lifetimes = stochastic::lifetimes(outcome.results.trapped, outcome.results.escape_time_ps, outcome.results.tau_MS_ps);
  if (outcome.trapped_count > 0) outcome.lifetime = stochastic::summarize_lifetimes(outcome.lifetimes, at_risk_ps);
  if (!outcome.results.tau_MS_ps.empty()) {
    const auto lifetimes = stats::censored_times(outcome.results.tau_MS_ps, 0.0, at_risk_ps);
    for (const auto& lifetime : lifetimes) outcome.tau_MS_observed += lifetime.escaped ? 1 : 0;
    outcome.tau_MS_median_ps = stats::median_time(stats::kaplan_meier(lifetimes));
  }
  return outcome;
}

}  // namespace

std::vector<PulseOutcome> run_ensembles(const Environment& environment, const EnsembleJob& job, bool progress_on,
                                        const Checkpointing& checkpointing) {
  const auto trajectories = static_cast<std::uint64_t>(job.langevin.trajectories);
  const std::uint64_t block_count = (trajectories + trajectories_per_block - 1) / trajectories_per_block;
  const Decomposition blocks(static_cast<std::int64_t>(block_count), environment.size(), environment.rank(),
                             Decomposition::Layout::contiguous);
  // Every rank takes part in every agreement, also past its own last block.
  const std::int64_t rounds = blocks.count_of(0);
  const auto block_size = [&](std::int64_t k) {
    const auto first = static_cast<std::uint64_t>(blocks.global_index(k)) * trajectories_per_block;
    return static_cast<std::size_t>(std::min<std::uint64_t>(trajectories_per_block, trajectories - first));
  };
  const double steps = static_cast<double>(job.specs.front().steps);
  double local_work = 0.0;
  for (std::int64_t k = 0; k < blocks.local_count(); ++k) local_work += steps * static_cast<double>(block_size(k));
  Progress progress(progress_on && environment.is_root(), "ensemble", "trajectory-steps",
                    local_work * static_cast<double>(job.pulses.size()));
  double done = 0.0;

  // Test hook: METASC_FAULT_RANK=r makes rank r fail at its first block while
  // the others wait in a collective — the failure path must end the whole job.
  if (const char* fault = std::getenv("METASC_FAULT_RANK"); fault && std::atoi(fault) == environment.rank()) {
    throw NumericalError("injected fault on rank " + std::to_string(environment.rank()) + " (METASC_FAULT_RANK)");
  }
  auto specs = job.specs;
  if (job.observation.kinetics && job.observation.kinetics_table) {
    const auto& direct = *specs.front().kinetics;
    const auto built = stochastic::build_kinetics_table(environment, direct.table_spec(), job.observation.table_tolerance,
                                            job.langevin.t_end_ps, true);
    const auto coupling = std::make_shared<const KineticCoupling>(direct.with_table(built.table));
    for (auto& spec : specs) spec.kinetics = coupling;
  }
  CompletedBlocks completed;
  auto last_checkpoint = std::chrono::steady_clock::now();
  std::vector<PulseOutcome> outcomes;
  for (std::size_t p = 0; p < job.pulses.size(); ++p) {
    // Every pulse sees the same noise (common random numbers): differences
    // between pulses are the pulses', not the sampling's.
    EnsembleRunner runner(specs[p], job.force,
                          physics::drive_table(job.pulses[p].pulse, job.langevin.dt_ps, job.specs[p].steps));
    std::vector<BlockResult> local;
    for (std::int64_t k = 0; k < rounds; ++k) {
      if (k < blocks.local_count()) {
        const BlockKey key{p, static_cast<std::uint64_t>(blocks.global_index(k))};
        const auto restored = checkpointing.restored.find(key);
        auto result = restored != checkpointing.restored.end()
                          ? restored->second
                          : runner.run_block(key.block * trajectories_per_block, block_size(k));
        completed.emplace(key, result);
        local.push_back(std::move(result));
        done += steps * static_cast<double>(block_size(k));
        progress.update(done);
      }
      const bool interval_elapsed =
          checkpointing.interval_s > 0.0 &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - last_checkpoint).count() >=
              checkpointing.interval_s;
      const auto decision = agree_on_checkpoint(environment, interval_elapsed);
      if (decision.save) {
        checkpointing.save(completed);
        last_checkpoint = std::chrono::steady_clock::now();
      }
      if (decision.stop) {
        throw StoppedAtCheckpoint("signal received: checkpoint written to " + checkpointing.file +
                                  "; resume with --restart " + checkpointing.file);
      }
    }
    auto results = collect(environment, local, runner.output_times());
    outcomes.push_back(environment.is_root() ? reduce(std::move(results), specs[p], job.observation.transient_ps)
                                             : PulseOutcome{});
  }
  progress.finish();
  return outcomes;
}

}  // namespace metasc::ensemble
