// metasc-ensemble: Langevin ensembles of the driven, damped phonon in the
// adiabatic landscape under one or more pump pulses; trapping, escape and
// survival statistics reduced over all ranks.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "metasc/config/run_params.hpp"
#include "metasc/error.hpp"
#include "metasc/drivers/program.hpp"
#include "metasc/ensemble/checkpoint.hpp"
#include "metasc/ensemble/job.hpp"
#include "metasc/ensemble/output.hpp"
#include "metasc/ensemble/scan.hpp"
#include "metasc/io/h5_writer.hpp"
#include "metasc/parallel/stop_signal.hpp"

namespace {

using namespace metasc;

void print_summary(std::ostream& out, const ensemble::EnsembleJob& job,
                   const std::vector<ensemble::PulseOutcome>& outcomes, const std::string& file) {
  const auto& critical = job.landscape.critical;
  char line[320];
  std::snprintf(line, sizeof line,
                "metasc-ensemble: %lld trajectories x %zu pulse(s), T = %g K, N_s = %lld, gamma = %g /ps, dt = %g ps, "
                "t_end = %g ps\n",
                static_cast<long long>(job.langevin.trajectories), job.pulses.size(), job.bath.temperature_K,
                static_cast<long long>(job.phonon.domain_sites), job.phonon.damping_per_ps, job.langevin.dt_ps,
                job.langevin.t_end_ps);
  out << line;
  if (job.no_well_reason.empty()) {
    std::snprintf(line, sizeof line, "  landscape %s: Q_B = %.4g, Q_MS = %.4g, barrier N_s*dV = %.3g k_BT\n",
                  physics::class_name(critical.kind), critical.Q_barrier, critical.Q_metastable,
                  static_cast<double>(job.phonon.domain_sites) * (critical.V_barrier_meV - critical.V_metastable_meV) /
                      job.bath.kT_meV);
    out << line;
  } else {
    out << "  landscape " << physics::class_name(critical.kind) << ": " << job.no_well_reason
        << "; nothing can be trapped\n";
  }
  // A median the data do not reach is +inf, and so is every bound beyond the
  // observation window: say so instead of printing inf.
  const auto lifetime_cell = [](double median_ps, double low_ps, double high_ps) {
    char cell[96];
    if (std::isinf(median_ps)) {
      if (std::isinf(low_ps)) return std::string("not reached by t_end");
      std::snprintf(cell, sizeof cell, "not reached  [%.4g, inf]", low_ps);
    } else {
      std::snprintf(cell, sizeof cell, "%-20.4g  [%.4g, %.4g]", median_ps, low_ps, high_ps);
    }
    return std::string(cell);
  };
  out << "  pulse                        P_trap  [95% CI]           escapes  rate [1/ps]  [95% CI]"
         "           collapses  median lifetime [ps]  [95% CI]\n";
  for (std::size_t p = 0; p < outcomes.size(); ++p) {
    const auto& outcome = outcomes[p];
    const auto& escape = outcome.escape;
    const auto& lifetime = outcome.lifetime;
    const auto collapses = std::count(outcome.lifetimes.cause.begin(), outcome.lifetimes.cause.end(),
                                      static_cast<std::uint8_t>(stochastic::LifetimeCause::collapse));
    // Rates span decades between pulses: one exponent format keeps the column comparable at a glance.
    std::snprintf(line, sizeof line,
                  "  %-28s %.3f  [%.3f, %.3f]   %7llu  %-11.2e  [%-8.2e, %-8.2e]  %9lld  %s\n",
                  job.pulses[p].label.c_str(), outcome.trapping.estimate, outcome.trapping.low,
                  outcome.trapping.high, escape ? static_cast<unsigned long long>(escape->exposure.escapes) : 0ULL,
                  escape ? escape->rate.rate_per_ps : NAN, escape ? escape->rate.low_per_ps : NAN,
                  escape ? escape->rate.high_per_ps : NAN, static_cast<long long>(collapses),
                  lifetime_cell(lifetime ? lifetime->median.median_ps : NAN, lifetime ? lifetime->median.low_ps : NAN,
                                lifetime ? lifetime->median.high_ps : NAN)
                      .c_str());
    out << line;
  }
  out << "  results: " << file << "\n";
}

/// A [scan]: every point's ensemble in turn, one /scan table.
void run_scan(const Environment& environment, const config::Config& configuration,
              const config::CommandLine& command_line) {
  config::OutputParams output{};
  std::optional<ensemble::ScanPlan> plan;
  std::vector<ensemble::EnsembleJob> jobs;
  environment.collectively([&] {
    if (!command_line.restart_file.empty()) {
      throw ConfigError("--restart: a [scan] does not checkpoint; split a long scan with scan.part instead");
    }
    output = config::OutputParams::from(configuration);
    plan = ensemble::ScanPlan::from(configuration);
    jobs = ensemble::scan_jobs(configuration, *plan);
    if (environment.is_root()) io::check_writable("output.file", output.file);
  });
  const auto rows = ensemble::run_scan(environment, *plan, jobs, output.progress);
  environment.collectively([&] {
    if (!environment.is_root()) return;
    io::H5Writer writer(output.file);
    writer.configuration(configuration, "metasc-ensemble", environment.size());
    ensemble::write_scan(writer, *plan, jobs, rows);
    writer.commit();
    std::size_t without_well = 0;
    for (const auto& job : jobs) without_well += job.no_well_reason.empty() ? 0 : 1;
    environment.out() << "metasc-ensemble scan: points " << plan->first << " to " << plan->last - 1 << " of "
                      << plan->points << " (part " << plan->part << "/" << plan->parts << ") x "
                      << jobs.front().pulses.size() << " pulse(s); " << without_well
                      << " point(s) without a metastable well (P_trap = 0)\n  results: " << output.file << "\n";
  });
}

void run(const Environment& environment, const config::Config& configuration,
         const config::CommandLine& command_line) {
  if (ensemble::ScanPlan::requested(configuration)) return run_scan(environment, configuration, command_line);
  std::optional<ensemble::EnsembleJob> job;
  config::OutputParams output{};
  ensemble::Checkpointing checkpointing;
  environment.collectively([&] {
    output = config::OutputParams::from(configuration);
    job = ensemble::EnsembleJob::from(configuration);
    checkpointing.file = configuration.text("checkpoint.file");
    checkpointing.interval_s = configuration.real("checkpoint.interval_s");
    if (!command_line.restart_file.empty()) {
      checkpointing.restored = ensemble::read_checkpoint(command_line.restart_file, configuration);
    }
    if (environment.is_root()) {
      io::check_writable("output.file", output.file);
      io::check_writable("checkpoint.file", checkpointing.file);
    }
  });
  checkpointing.save = [&](const stochastic::CompletedBlocks& local) {
    ensemble::write_checkpoint(environment, checkpointing.file, configuration, local);
  };
  install_stop_handlers();
  const auto outcomes = ensemble::run_ensembles(environment, *job, output.progress, checkpointing);
  environment.collectively([&] {
    if (!environment.is_root()) return;
    io::H5Writer writer(output.file);
    writer.configuration(configuration, "metasc-ensemble", environment.size());
    ensemble::write_ensemble(writer, *job, outcomes);
    writer.commit();
    print_summary(environment.out(), *job, outcomes, output.file);
  });
}

}  // namespace

int main(int argc, char** argv) {
  return metasc::run_program(
      {.name = "metasc-ensemble",
       .purpose = "Langevin ensembles under pump pulses: trapping, escape and survival statistics",
       .accepts_restart = true},
      argc, argv, run);
}
