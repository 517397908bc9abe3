#include "metasc/nucleation/job.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>

#include "metasc/config/ensemble_params.hpp"
#include "metasc/config/landscape_params.hpp"
#include "metasc/config/model.hpp"
#include "metasc/config/pulse_params.hpp"
#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/nucleation/bond_force.hpp"
#include "metasc/nucleation/distributed_lattice.hpp"
#include "metasc/nucleation/serial_lattice.hpp"
#include "metasc/parallel/decomposition.hpp"
#include "metasc/parallel/progress.hpp"
#include "metasc/parallel/stop_signal.hpp"
#include "metasc/physics/landscape.hpp"
#include "metasc/stats/censored_times.hpp"
#include "metasc/stochastic/landscape_table.hpp"
#include "metasc/units.hpp"

namespace metasc::nucleation {

namespace {

/// The noise counter holds trajectory ids below 2⁴⁹ (rng.hpp): lattice·M + cell must stay there.
constexpr double largest_noise_id = 562949953421312.0;  // 2^49

/// Refuses a dt the lattice's highest mode cannot take, naming both keys it depends on.
void check_lattice_time_step(const NucleationJob& job, double max_curvature_meV) {
  const BondForce bonds{.stiffness_meV = job.field.stiffness_meV, .dimension = job.field.cells.size()};
  const double omega_max =
      std::sqrt(job.phonon.angular_per_ps / units::hbar_meV_ps * (max_curvature_meV + bonds.max_curvature_meV()));
  const double limit = stochastic::time_step_limit_ps(job.langevin.scheme, omega_max, job.phonon.damping_per_ps);
  if (job.langevin.dt_ps < limit) return;
  std::ostringstream message;
  message.precision(6);
  message << "langevin.dt_ps must be < " << limit << " ps for the lattice's highest mode (omega_max^2 = (omega/hbar)"
          << "(max V'' + 4 d field.stiffness_meV) with max V'' = " << max_curvature_meV << " meV, d = "
          << job.field.cells.size() << ", kappa = " << job.field.stiffness_meV << " meV: omega_max = " << omega_max
          << " rad/ps; got " << job.langevin.dt_ps << ")";
  throw ConfigError(message.str());
}

/// Physical memory the machine has [bytes]; +inf when the system does not say.
double physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page)
                               : std::numeric_limits<double>::infinity();
}

}  // namespace

double NucleationJob::uniform_barrier_meV() const {
  const auto& critical = landscape.critical;
  return static_cast<double>(cells_per_lattice()) * static_cast<double>(phonon.domain_sites) *
         (critical.V_barrier_meV - critical.V_metastable_meV);
}

double NucleationJob::sound_speed_cells_per_ps() const {
  return std::sqrt(phonon.angular_per_ps / units::hbar_meV_ps * field.stiffness_meV);
}

double NucleationJob::bytes_needed(int ranks) const {
  const double cells = static_cast<double>(field.cells_per_lattice());
  const double lattices = static_cast<double>(field.lattices);
  const double outputs = static_cast<double>(spec.steps / spec.output_stride + 1);
  // Q, P, neighbour sums, noise and Q_final of the lattice being run; gathered on
  // rank 0: Q_final (twice: local and global), f_SC counts and first times of every lattice.
  const double working = 5.0 * sizeof(double) * cells;
  const double gathered = lattices * (2.0 * sizeof(double) * cells + 2.0 * sizeof(std::int32_t) * outputs + 16.0);
  const double saddle = field.saddle ? droplet_search_bytes(field.cells, ranks) : 0.0;
  // Lattice 0's snapshots (twice: taken and gathered); the seeded run's counts and radii per lattice.
  const double snapshots = 2.0 * sizeof(double) * cells * static_cast<double>(field.snapshots);
  const double front = spec.nucleus ? 4.0 * sizeof(double) * lattices * outputs : 0.0;
  return working + gathered + saddle + snapshots + front;
}

DropletSearch NucleationJob::droplet_search() const {
  return {.extents = field.cells,
          .stiffness_meV = field.stiffness_meV,
          .domain_sites = static_cast<double>(phonon.domain_sites),
          .Q_metastable = landscape.critical.Q_metastable,
          .Q_normal = 0.0};
}

NucleationJob NucleationJob::from(const config::Config& config, const config::CommandLine& command_line) {
  const auto phonon = config::PhononParams::from(config);
  const auto bath = config::BathParams::from(config);
  const auto langevin = config::LangevinParams::from(config);
  const auto field = config::FieldParams::from(config);
  const auto observation = config::EnsembleParams::from(config);
  if (!(bath.kT_meV > 0.0)) {
    throw ConfigError("bath.temperature_K must be > 0 for thermal nucleation (got " + format_number(bath.temperature_K) +
                      ")");
  }
  const double cells = static_cast<double>(field.cells_per_lattice());
  if (cells * static_cast<double>(field.lattices) > largest_noise_id) {
    throw ConfigError("field.cells x field.lattices = " + format_number(cells * static_cast<double>(field.lattices)) +
                      " cells in all exceeds the noise counter's 2^49");
  }
  const auto model = config::build_model(phonon, config::ElectronParams::from(config));
  auto landscape = physics::summarize_landscape(model, bath.temperature_K, config::LandscapeParams::from(config).points, {});
  const auto critical = landscape.critical;
  if (std::isnan(critical.Q_barrier)) {
    throw ConfigError("bath.temperature_K = " + format_number(bath.temperature_K) + ": the landscape is " +
                      physics::class_name(critical.kind) + ", with no metastable well to nucleate from (T below T_B = " +
                      format_number(landscape.blocking_temperature_K) + " K, see metasc-landscape)");
  }
  auto force = stochastic::landscape_table(landscape, phonon.energy_meV);
  const double sites = static_cast<double>(phonon.domain_sites);

  std::vector<double> drive;
  std::uint64_t risk_step = 0;
  const std::uint64_t steps = langevin.step_count();
  if (field.start == config::FieldStart::pulse) {
    const auto pulses = config::PulseParams::from(config).pulses(phonon.angular_per_ps);
    if (pulses.size() != 1) {
      throw ConfigError("pulse.shape x pulse.amplitude lists " + std::to_string(pulses.size()) +
                        " pulses; field.start = pulse takes exactly one");
    }
    const double check_ps = pulses.front().pulse.end_time_ps() + observation.settle_ps;
    risk_step = static_cast<std::uint64_t>(std::ceil(check_ps / langevin.dt_ps));
    if (risk_step >= steps) {
      throw ConfigError("langevin.t_end_ps = " + format_number(langevin.t_end_ps) +
                        " ends before the first-nucleation clock starts at " + format_number(check_ps) +
                        " ps (end of the pulse + ensemble.settle_ps)");
    }
    drive = physics::drive_table(pulses.front().pulse, langevin.dt_ps, steps);
  }
  const bool metastable_start = field.start != config::FieldStart::pulse;
  const double metastable_curvature =
      physics::Landscape(model.band, model.pairing, bath.kT_meV).curvature(critical.Q_metastable);
  // The thermal start's width: the curvature of the well each cell starts in.
  const double start_curvature = metastable_start ? metastable_curvature
                                                  : (critical.curvature_origin_meV > 0.0 ? critical.curvature_origin_meV
                                                                                         : phonon.energy_meV);
  std::optional<SeedGeometry> nucleus;
  if (field.start == config::FieldStart::seeded) nucleus.emplace(field.cells, field.seed_radius_cells);
  // Evenly from t = 0 to t_end, on the step grid: distinct steps only while
  // they are at least one step apart.
  if (field.snapshots > 0 && static_cast<std::uint64_t>(field.snapshots - 1) > steps) {
    throw ConfigError("field.snapshots = " + std::to_string(field.snapshots) + " needs at least " +
                      std::to_string(field.snapshots - 1) + " steps from t = 0 to langevin.t_end_ps = " +
                      format_number(langevin.t_end_ps) + " at langevin.dt_ps = " + format_number(langevin.dt_ps) +
                      " (" + std::to_string(steps) + "); lower field.snapshots (0: none) or raise langevin.t_end_ps");
  }
  std::vector<std::uint64_t> snapshot_steps;
  for (std::int64_t k = 0; k < field.snapshots; ++k) {
    snapshot_steps.push_back(static_cast<std::uint64_t>(
        std::llround(static_cast<double>(k) * static_cast<double>(steps) / static_cast<double>(field.snapshots - 1))));
  }
  const auto stride =
      static_cast<std::uint64_t>(std::max(1.0, std::round(observation.output_interval_ps / langevin.dt_ps)));
  NucleationJob job{
      .phonon = phonon,
      .bath = bath,
      .langevin = langevin,
      .field = field,
      .transient_ps = observation.transient_ps,
      .landscape = std::move(landscape),
      .force = force,
      .spec = {.scheme = langevin.scheme,
               .oscillator = {.angular_per_ps = phonon.angular_per_ps,
                              .damping_per_ps = phonon.damping_per_ps,
                              .kT_meV = bath.kT_meV,
                              .domain_sites = sites},
               .dt_ps = langevin.dt_ps,
               .steps = steps,
               .seed = langevin.seed,
               .extents = field.cells,
               .stiffness_meV = field.stiffness_meV,
               .risk_step = risk_step,
               .output_stride = stride,
               .criteria = {.Q_barrier = critical.Q_barrier,
                            .barrier_meV = critical.V_barrier_meV,
                            .relaxed_meV = critical.V_barrier_meV - observation.margin_kT * bath.kT_meV / sites},
               .neighbour_weight = field.stiffness_meV / metastable_curvature,
               .commit_steps = static_cast<std::uint64_t>(std::round(field.commit_ps / langevin.dt_ps)),
               .initial_Q = metastable_start ? critical.Q_metastable : 0.0,
               .initial_curvature_meV = start_curvature,
               .at_rest = field.start == config::FieldStart::rest || field.start == config::FieldStart::seeded,
               .drive_per_ps2 = std::move(drive),
               .nucleus = std::move(nucleus),
               .snapshot_steps = std::move(snapshot_steps)},
      .checkpointing = {.file = config.text("checkpoint.file"),
                        .interval_s = config.real("checkpoint.interval_s"),
                        .restored = {},
                        .config = &config}};
  if (!command_line.restart_file.empty()) {
    job.checkpointing.restored = read_checkpoint(command_line.restart_file, config);
  }
  check_lattice_time_step(job, force.max_curvature_meV());
  // The relaxed normal well must hold states: its ceiling above the normal minimum V(0).
  if (!(job.spec.criteria.relaxed_meV > critical.V_origin_meV)) {
    throw ConfigError("escape.margin_kT = " + format_number(observation.margin_kT) + " with phonon.domain_sites = " +
                      format_number(sites) + ": m k_BT/N_s = " +
                      format_number(observation.margin_kT * bath.kT_meV / sites) +
                      " meV is not below the normal well's depth V(Q_B) - V(0) = " +
                      format_number(critical.V_barrier_meV - critical.V_origin_meV) +
                      " meV, so no cell could ever count as nucleated (lower the margin or raise N_s)");
  }
  int ranks = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const double needed = job.bytes_needed(ranks), available = physical_memory_bytes();
  if (needed > 0.5 * available) {
    throw ConfigError("field.cells = " + config.text("field.cells") + " with field.lattices = " +
                      std::to_string(field.lattices) + " needs " + format_number(needed, 4) +
                      " bytes on rank 0, more than half the " + format_number(available, 4) +
                      " bytes of memory of this node");
  }
  return job;
}

namespace {

/// Runs lattices `indices` in turn, `rounds` ≥ indices.size() agreements on a
/// checkpoint in all (every rank takes part in each); takes restored lattices
/// instead of running them, and resumes the one in progress. Keeps the results
/// when `keep` (the rank where a lattice's results are complete). With
/// `within_lattices` (every rank at the same step of the same lattice) the
/// ranks also agree every LatticeRunner::progress_steps steps, and a checkpoint
/// then holds the lattice in progress. Progress counts cell-steps of whole lattices.
template <class Lattice>
CompletedLattices run_lattices(const Environment& environment, const NucleationJob& job,
                               LatticeRunner<Lattice>& runner, const std::vector<std::uint64_t>& indices,
                               std::size_t rounds, bool keep, bool within_lattices, Progress& progress) {
  const double work = static_cast<double>(job.cells_per_lattice()) * static_cast<double>(job.spec.steps);
  const auto& checkpointing = job.checkpointing;
  auto last_checkpoint = std::chrono::steady_clock::now();
  CompletedLattices kept;
  // Collective: a checkpoint of what is kept (and `in_progress` when given) if
  // the ranks agree on one; a stop after it if any rank got a signal.
  const auto checkpoint_if_agreed = [&](const std::function<LatticeProgress()>* in_progress) {
    const bool interval_elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - last_checkpoint).count() >=
        checkpointing.interval_s;
    const auto decision = agree_on_checkpoint(environment, interval_elapsed);
    if (decision.save) {
      CheckpointContents contents{.completed = kept, .in_progress = std::nullopt};
      if (in_progress != nullptr) {
        auto taken = (*in_progress)();
        if (keep) contents.in_progress = std::move(taken);
      }
      write_checkpoint(environment, checkpointing.file, *checkpointing.config, contents);
      last_checkpoint = std::chrono::steady_clock::now();
    }
    if (decision.stop) {
      throw StoppedAtCheckpoint("signal received: checkpoint written to " + checkpointing.file +
                                "; resume with --restart " + checkpointing.file);
    }
  };
  const auto& partial = checkpointing.restored.in_progress;
  for (std::size_t k = 0; k < rounds; ++k) {
    if (k < indices.size()) {
      const auto restored = checkpointing.restored.completed.find(indices[k]);
      if (restored != checkpointing.restored.completed.end()) {
        if (keep) kept.insert(*restored);
      } else {
        const double before = static_cast<double>(k) * work;
        const LatticeProgress* resume = partial && partial->lattice_index == indices[k] ? &*partial : nullptr;
        auto result = runner.run(indices[k], resume, [&](std::uint64_t n, const std::function<LatticeProgress()>& snapshot) {
          progress.update(before + work * static_cast<double>(n) / static_cast<double>(job.spec.steps));
          if (within_lattices) checkpoint_if_agreed(&snapshot);
        });
        if (keep) kept.emplace(indices[k], std::move(result));
      }
      progress.update(static_cast<double>(k + 1) * work);
    }
    checkpoint_if_agreed(nullptr);
  }
  progress.finish();
  return kept;
}

}  // namespace

NucleationOutcome run_nucleation(const Environment& environment, const NucleationJob& job, bool progress_on) {
  const auto& spec = job.spec;
  const double cells = static_cast<double>(job.cells_per_lattice());
  const double steps = static_cast<double>(spec.steps);
  const std::size_t outputs = static_cast<std::size_t>(spec.steps / spec.output_stride) + 1;
  // Dealt whole: each rank runs its contiguous block and keeps it. Decomposed:
  // every rank runs every lattice (its part of it) and rank 0 keeps the whole.
  std::vector<std::uint64_t> indices;
  std::size_t rounds = static_cast<std::size_t>(job.field.lattices);
  if (job.field.decompose) {
    for (std::int64_t l = 0; l < job.field.lattices; ++l) indices.push_back(static_cast<std::uint64_t>(l));
  } else {
    const Decomposition lattices(job.field.lattices, environment.size(), environment.rank(),
                                 Decomposition::Layout::contiguous);
    for (std::int64_t k = 0; k < lattices.local_count(); ++k) {
      indices.push_back(static_cast<std::uint64_t>(lattices.global_index(k)));
    }
    // Rank 0 holds the most lattices: every rank agrees as often as it runs.
    rounds = static_cast<std::size_t>(lattices.count_of(0));
  }
  Progress progress(progress_on && environment.is_root(), "nucleation", "cell-steps",
                    static_cast<double>(indices.size()) * cells * steps);
  CompletedLattices kept;
  if (job.field.decompose) {
    DistributedLattice lattice(environment.comm(), {job.field.cells, job.field.stiffness_meV}, spec.scheme,
                               spec.oscillator, spec.dt_ps, job.force, spec.seed);
    LatticeRunner runner(spec, job.force, lattice);
    kept = run_lattices(environment, job, runner, indices, rounds, environment.is_root(), true, progress);
  } else {
    SerialLattice lattice(job.field.cells, job.field.stiffness_meV, spec.scheme, spec.oscillator, spec.dt_ps,
                          job.force, spec.seed);
    LatticeRunner runner(spec, job.force, lattice);
    kept = run_lattices(environment, job, runner, indices, rounds, true, false, progress);
  }

  NucleationOutcome outcome;
  std::vector<double> first_times, Q_final, front_radius;
  std::vector<std::int64_t> local_counts(outputs, 0), counts(outputs, 0);
  for (const auto& [index, result] : kept) {
    first_times.push_back(result.first_time_ps);
    Q_final.insert(Q_final.end(), result.Q_final.begin(), result.Q_final.end());
    for (std::size_t i = 0; i < outputs; ++i) local_counts[i] += result.superconducting_cells[i];
    if (spec.nucleus) {
      const auto radius = spec.nucleus->front_radius_cells(result.superconducting_cells, result.far_superconducting_cells);
      front_radius.insert(front_radius.end(), radius.begin(), radius.end());
    }
    // Lattice 0 is on rank 0 in either layout.
    if (index == 0) outcome.snapshots = result.snapshots;
  }
  // Contiguous blocks (or everything on rank 0): rank order is lattice order.
  outcome.first_time_ps = gather_in_rank_order(environment, first_times);
  outcome.Q_final = gather_in_rank_order(environment, Q_final);
  outcome.front_radius_cells = gather_in_rank_order(environment, front_radius);
  // Counts per (lattice, output time) are integers: summed exactly, in any order.
  MPI_Reduce(local_counts.data(), counts.data(), static_cast<int>(outputs), MPI_INT64_T, MPI_SUM, 0,
             environment.comm());
  outcome.cell_steps = static_cast<double>(job.field.lattices) * cells * steps;
  // Over every rank, its sums in global order: the same bits on any rank count.
  if (job.field.saddle) {
    auto droplet = find_critical_droplet(environment.comm(), job.droplet_search(), job.force);
    if (environment.is_root()) outcome.droplet = std::move(droplet);
  }
  if (!environment.is_root()) return outcome;

  const double all_cells = cells * static_cast<double>(job.field.lattices);
  for (std::size_t i = 0; i < outputs; ++i) {
    outcome.time_ps.push_back(static_cast<double>(i * job.spec.output_stride) * job.spec.dt_ps);
    outcome.superconducting_fraction.push_back(static_cast<double>(counts[i]) / all_cells);
  }
  for (const auto step : spec.snapshot_steps) outcome.snapshot_time_ps.push_back(static_cast<double>(step) * spec.dt_ps);
  if (spec.nucleus) {
    outcome.front = fit_front_speed(outcome.time_ps, outcome.front_radius_cells, job.transient_ps,
                                    spec.nucleus->fit_end_radius_cells());
  }
  const double at_risk_ps = static_cast<double>(job.spec.steps - job.spec.risk_step) * job.spec.dt_ps;
  const auto observations = stats::censored_times(outcome.first_time_ps, 0.0, at_risk_ps);
  outcome.exposure = stats::exposure(observations, job.transient_ps);
  if (outcome.exposure.time_at_risk_ps > 0.0) {
    const auto lattice_rate = stats::censored_rate(outcome.exposure);
    // The first nucleation among M cells: the lattice rate is M j.
    outcome.rate_per_cell = stats::RateEstimate{.rate_per_ps = lattice_rate.rate_per_ps / cells,
                                                .low_per_ps = lattice_rate.low_per_ps / cells,
                                                .high_per_ps = lattice_rate.high_per_ps / cells};
  }
  return outcome;
}

}  // namespace metasc::nucleation
