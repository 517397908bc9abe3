#include "metasc/nucleation/job.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "metasc/config/ensemble_params.hpp"
#include "metasc/config/landscape_params.hpp"
#include "metasc/config/model.hpp"
#include "metasc/config/pulse_params.hpp"
#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/parallel/progress.hpp"
#include "metasc/stats/censored_times.hpp"
#include "metasc/physics/landscape_summary.hpp"
#include "metasc/stochastic/landscape_force.hpp"
#include "metasc/units.hpp"

namespace metasc::nucleation {

namespace {

/// Bytes one lattice needs at once, all ranks together: Q, P, the neighbour sums and
/// the noise per cell, PETSc's global, ghosted and (for the final gather) natural and
/// root copies of Q, and rank 0's Q_final of every lattice.
double lattice_bytes(const config::FieldParams& field) {
  const double cells = static_cast<double>(field.cell_count());
  return (8.0 * cells + static_cast<double>(field.lattices) * cells) * sizeof(double);
}

/// The machine's physical memory [bytes]: a lattice beyond it can only swap.
double physical_memory_bytes() {
  return static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
}

stochastic::Oscillator oscillator_of(const NucleationJob& job) {
  return {.angular_per_ps = job.phonon.angular_per_ps,
          .damping_per_ps = job.phonon.damping_per_ps,
          .kT_meV = job.bath.kT_meV,
          .domain_sites = static_cast<double>(job.phonon.domain_sites)};
}

LatticeShape shape_of(const config::FieldParams& field) { return {field.cells, field.stiffness_meV}; }

}  // namespace

double NucleationJob::uniform_barrier_meV() const {
  return static_cast<double>(field.cell_count()) * static_cast<double>(phonon.domain_sites) *
         (critical.V_barrier_meV - critical.V_metastable_meV);
}

NucleationJob NucleationJob::from(const config::Config& config) {
  const auto phonon = config::PhononParams::from(config);
  const auto bath = config::BathParams::from(config);
  const auto langevin = config::LangevinParams::from(config);
  const auto field = config::FieldParams::from(config);
  const auto observation = config::EnsembleParams::from(config);
  const auto pulses = config::PulseParams::from(config).pulses(phonon.angular_per_ps);
  if (!(bath.kT_meV > 0.0)) {
    throw ConfigError("bath.temperature_K must be > 0 for thermal nucleation (got '" +
                      format_number(bath.temperature_K) + "')");
  }
  if (pulses.size() != 1) {
    throw ConfigError("pulse.amplitude: metasc-nucleation runs one pulse, the [pulse] keys give " +
                      std::to_string(pulses.size()) + " (a scan of shapes x amplitudes)");
  }
  const double needed = lattice_bytes(field), available = physical_memory_bytes();
  if (needed > available) {
    throw ConfigError("field.cells: the lattice (" + std::to_string(field.cell_count()) + " cells x " +
                      std::to_string(field.lattices) + " field.lattices) needs " + format_number(needed) +
                      " bytes, more than the " + format_number(available) + " bytes of physical memory");
  }
  const auto model = config::build_model(phonon, config::ElectronParams::from(config));
  const auto landscape =
      physics::summarize_landscape(model, bath.temperature_K, config::LandscapeParams::from(config).points, {});
  const auto& critical = landscape.critical;
  if (std::isnan(critical.Q_barrier)) {
    throw ConfigError("bath.temperature_K = " + format_number(bath.temperature_K) + ": the landscape is " +
                      physics::class_name(critical.kind) +
                      ", with no metastable well to nucleate from (T below T_B = " +
                      format_number(landscape.blocking_temperature_K) + " K, see metasc-landscape)");
  }
  auto force = stochastic::landscape_force(landscape, phonon.energy_meV);
  // V''(Q_MS) by a central difference of the integrated force, over a hundredth of the well.
  const double h = 1e-2 * (critical.Q_metastable - critical.Q_barrier);
  const double curvature =
      (force.slope(critical.Q_metastable + h) - force.slope(critical.Q_metastable - h)) / (2.0 * h);
  const double sites = static_cast<double>(phonon.domain_sites);
  NucleationJob job{phonon,
                    bath,
                    langevin,
                    field,
                    critical,
                    curvature,
                    critical.V_barrier_meV - observation.margin_kT * bath.kT_meV / sites,
                    std::move(force),
                    pulses.front().pulse,
                    observation.transient_ps,
                    static_cast<std::uint64_t>(std::max(1.0, std::round(observation.output_interval_ps / langevin.dt_ps)))};
  if (!(job.transient_ps < langevin.t_end_ps)) {
    throw ConfigError("escape.transient_ps must be below langevin.t_end_ps = " + format_number(langevin.t_end_ps) +
                      " (got '" + format_number(job.transient_ps) + "')");
  }
  if (langevin.step_count() < 1) {
    throw ConfigError("langevin.t_end_ps must span at least one step of langevin.dt_ps = " +
                      format_number(langevin.dt_ps) + " (got '" + format_number(langevin.t_end_ps) + "')");
  }
  // The stiffest lattice mode sets the step (ConfigError naming langevin.dt_ps).
  stochastic::StepMap::make(langevin.scheme, oscillator_of(job), langevin.dt_ps,
                            job.force.max_curvature_meV() + 4.0 * static_cast<double>(field.cells.size()) *
                                                                 field.stiffness_meV);
  return job;
}

NucleationOutcome run_nucleation(const Environment& environment, const NucleationJob& job, bool progress_on) {
  const auto steps = job.langevin.step_count();
  const auto lattices = static_cast<std::uint64_t>(job.field.lattices);
  const auto cells = static_cast<std::uint64_t>(job.field.cell_count());
  const double dt = job.langevin.dt_ps;
  const double hbar_over_omega = units::hbar_meV_ps / job.phonon.angular_per_ps;
  const double Q_B = job.critical.Q_barrier, relaxed = job.relaxed_meV;

  NucleationOutcome outcome;
  for (std::uint64_t n = 0; n <= steps; n += job.output_stride) outcome.time_ps.push_back(static_cast<double>(n) * dt);
  const std::size_t samples = outcome.time_ps.size();
  // The pump once per step, shared by every lattice.
  std::vector<double> drive(steps);
  for (std::uint64_t n = 0; n < steps; ++n) drive[n] = job.pulse.acceleration(static_cast<double>(n) * dt);

  Lattice lattice(environment.comm(), shape_of(job.field), job.langevin.scheme, oscillator_of(job), dt, job.force,
                  job.langevin.seed);
  Progress progress(progress_on && environment.is_root(), "nucleation", "cell-steps",
                    static_cast<double>(lattices * cells * steps));
  std::vector<long long> superconducting(samples);
  const double start = MPI_Wtime();
  for (std::uint64_t l = 0; l < lattices; ++l) {
    lattice.thermal_start(l, job.critical.Q_metastable, job.curvature_metastable_meV);
    std::uint64_t first_step = steps + 1;  // this rank's first entry into the relaxed normal well
    std::size_t sample = 0;
    for (std::uint64_t n = 0;; ++n) {
      const double* Q = lattice.Q();
      const double* P = lattice.P();
      const std::size_t owned = lattice.owned();
      if (first_step > steps) {
        // e: the cell's own on-site energy per site, (ħ/ω)P²/2 + V(Q), without the bonds.
        for (std::size_t i = 0; i < owned; ++i) {
          if (std::abs(Q[i]) < Q_B && 0.5 * hbar_over_omega * P[i] * P[i] + job.force.potential(Q[i]) < relaxed) {
            first_step = n;
            break;
          }
        }
      }
      if (n % job.output_stride == 0) {
        long long count = 0;
        for (std::size_t i = 0; i < owned; ++i) count += std::abs(Q[i]) > Q_B;
        superconducting[sample++] = count;
      }
      if (n == steps) break;
      lattice.step(n, drive[n]);
      progress.update(static_cast<double>(l * cells * steps + (n + 1) * cells));
    }
    // Integer reductions only: counts and the earliest step.
    MPI_Allreduce(MPI_IN_PLACE, superconducting.data(), static_cast<int>(samples), MPI_LONG_LONG, MPI_SUM,
                  environment.comm());
    unsigned long long earliest = first_step;
    MPI_Allreduce(MPI_IN_PLACE, &earliest, 1, MPI_UNSIGNED_LONG_LONG, MPI_MIN, environment.comm());
    for (std::size_t s = 0; s < samples; ++s) {
      outcome.f_SC.push_back(static_cast<double>(superconducting[s]) / static_cast<double>(cells));
    }
    outcome.first_time_ps.push_back(earliest <= steps ? static_cast<double>(earliest) * dt
                                                      : std::numeric_limits<double>::infinity());
    const auto Q_final = lattice.gather_Q();
    outcome.Q_final.insert(outcome.Q_final.end(), Q_final.begin(), Q_final.end());
  }
  outcome.cell_steps_per_s = static_cast<double>(lattices * cells * steps) / (MPI_Wtime() - start);
  progress.finish();

  // Every lattice is at risk with all M cells from the transient t0 until its first nucleation or t_end.
  const double end_ps = static_cast<double>(steps) * dt;
  auto exposure = stats::exposure(stats::censored_times(outcome.first_time_ps, 0.0, end_ps), job.transient_ps);
  exposure.time_at_risk_ps *= static_cast<double>(cells);
  outcome.nucleated = exposure.escapes;
  // Every lattice nucleated within t0: nothing was at risk, there is no rate to give.
  const double unknown = std::numeric_limits<double>::quiet_NaN();
  outcome.rate_per_cell = exposure.time_at_risk_ps > 0.0 ? stats::censored_rate(exposure)
                                                          : stats::RateEstimate{unknown, unknown, unknown};
  return outcome;
}

}  // namespace metasc::nucleation
