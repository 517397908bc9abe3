#include "metasc/escape/forward_flux.hpp"

#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <utility>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/parallel/decomposition.hpp"
#include "metasc/stats/mean_interval.hpp"
#include "metasc/stochastic/integrator.hpp"
#include "metasc/stochastic/rng.hpp"
#include "metasc/units.hpp"

namespace metasc::escape {

namespace {

/// Lanes stepped together (one integrator call per step).
constexpr std::size_t block_size = 64;
/// An interface stage deals a replica's trials to blocks of this many; a block's lanes take
/// the next trial of its queue as soon as theirs ends, so a lane idles only at the queue's end.
constexpr std::uint64_t trials_per_block = 32 * block_size;
/// Flux-stage walkers advance in rounds; the replicas' crossing counts are checked after each.
constexpr std::uint64_t round_steps = 2048;
constexpr std::uint64_t max_rounds = 4096;
/// Trajectory ids of stage s start at (s + 1)·2^40: disjoint from each other and from the
/// brute-force ensemble's ids 0, 1, … with the same seed.
constexpr std::uint64_t stage_ids = std::uint64_t{1} << 40;
/// A stored state: Q, stored P and its weight.
constexpr std::size_t state_size = 3;

std::uint64_t first_id(std::uint64_t stage) { return (stage + 1) * stage_ids; }

void broadcast(const Environment& environment, std::vector<double>& values) {
  auto size = static_cast<std::uint64_t>(values.size());
  MPI_Bcast(&size, 1, MPI_UINT64_T, 0, environment.comm());
  values.resize(size);
  MPI_Bcast(values.data(), static_cast<int>(size), MPI_DOUBLE, 0, environment.comm());
}

/// The integrator and the sets every walker and trial is tested against, every
/// `check_steps` steps.
class Dynamics {
 public:
  Dynamics(const EscapeProblem& problem, const config::LangevinParams& langevin, double basin_meV,
           std::uint64_t check_steps)
      : integrator_(langevin.scheme, problem.oscillator, langevin.dt_ps, problem.well.table, langevin.seed),
        kinetic_(0.5 * units::hbar_meV_ps / problem.oscillator.angular_per_ps),
        Q_barrier_(problem.well.critical.Q_barrier),
        basin_(basin_meV),
        relaxed_(problem.relaxed_meV()),
        check_steps_(check_steps) {}

  std::uint64_t check_steps() const { return check_steps_; }
  /// check_steps() steps from step `first_step` on.
  void advance(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory, std::uint64_t first_step) {
    for (std::uint64_t s = 0; s < check_steps_; ++s) integrator_.step(Q, P, n, first_trajectory, first_step + s, 0.0);
  }
  /// e [meV per site] of the states (Q, stored P).
  void energies(const double* Q, const double* P, double* e, std::size_t n) const {
    const auto force = integrator_.force().slope_kernel();
    const auto& map = integrator_.step_map();
    for (std::size_t i = 0; i < n; ++i) {
      const auto local = force.slope_and_potential(Q[i]);
      const double momentum = map.physical_momentum(P[i], local.slope_meV, 0.0);
      e[i] = kinetic_ * momentum * momentum + local.potential_meV;
    }
  }
  bool in_A(double Q, double e) const { return std::abs(Q) > Q_barrier_ && e < basin_; }
  bool in_B(double Q, double e) const { return std::abs(Q) < Q_barrier_ && e < relaxed_; }
  double stored_momentum(double Q, double physical) const { return integrator_.stored_momentum(Q, physical, 0.0); }

 private:
  stochastic::LangevinIntegrator<stochastic::ForceTable> integrator_;
  double kinetic_;  ///< ħ/(2ω)
  double Q_barrier_, basin_, relaxed_;
  std::uint64_t check_steps_;
};

/// States stored at an interface, one list per replica, as (Q, stored P, weight) triples.
using Pools = std::vector<std::vector<double>>;

/// What the ranks report from one stage, in global walker/block order on rank 0.
struct StageTally {
  std::vector<std::int32_t> successes;  ///< per walker (crossings) or per block
  std::vector<double> weights;          ///< the successes' summed weights, per walker or block
  std::vector<double> states;           ///< the stored states, flattened triples
  std::vector<double> risk_steps;       ///< flux stage: steps with A as last basin; per walker
  std::vector<double> steps;            ///< steps run, per walker or block (summed over its trials)
};

StageTally empty_tally(std::size_t items) {
  return {std::vector<std::int32_t>(items, 0), std::vector<double>(items, 0.0), {}, std::vector<double>(items, 0.0),
          std::vector<double>(items, 0.0)};
}

/// Splits the gathered states into per-replica pools (rank 0), then gives every rank a copy.
Pools share_pools(const Environment& environment, const StageTally& tally, std::size_t replicas,
                  std::size_t items_per_replica) {
  Pools pools(replicas);
  if (environment.is_root()) {
    std::size_t offset = 0;
    for (std::size_t item = 0; item < tally.successes.size(); ++item) {
      auto& pool = pools[item / items_per_replica];
      const auto count = state_size * static_cast<std::size_t>(tally.successes[item]);
      pool.insert(pool.end(), tally.states.begin() + static_cast<std::ptrdiff_t>(offset),
                  tally.states.begin() + static_cast<std::ptrdiff_t>(offset + count));
      offset += count;
    }
  }
  for (auto& pool : pools) broadcast(environment, pool);
  return pools;
}

StageTally gather_tally(const Environment& environment, const Decomposition& items, const StageTally& local) {
  return {items.gather(environment, local.successes), items.gather(environment, local.weights),
          gather_in_rank_order(environment, local.states), items.gather(environment, local.risk_steps),
          items.gather(environment, local.steps)};
}

/// Stage 0: walkers from thermal equilibrium in the well, run in rounds until every replica
/// has `target` exits from A through λ_0.
StageTally flux_stage(const Environment& environment, Dynamics& dynamics, const EscapeProblem& problem,
                      const config::LangevinParams& langevin, const config::ForwardFluxParams& settings,
                      const Decomposition& walkers) {
  const std::int64_t local = walkers.local_count();
  const auto n = static_cast<std::size_t>(local);
  std::vector<double> Q(n), P(n), e(n);
  std::vector<std::uint8_t> entered(n, 0), armed(n, 0), alive(n, 1);
  auto tally = empty_tally(n);
  std::vector<std::vector<double>> crossings(n);

  const stochastic::NormalStream initial(langevin.seed, stochastic::Stream::initial_state);
  const double kT_site = problem.kT_per_site_meV();
  const double Q_width = std::sqrt(kT_site / problem.well.curvature_metastable_meV);
  const double P_width = std::sqrt(stochastic::momentum_variance(problem.oscillator));
  const std::uint64_t base = first_id(0) + static_cast<std::uint64_t>(local ? walkers.global_index(0) : 0);
  for (std::size_t w = 0; w < n; ++w) {
    Q[w] = problem.well.critical.Q_metastable + Q_width * initial.normal(base + w, 0, 0);
    P[w] = dynamics.stored_momentum(Q[w], P_width * initial.normal(base + w, 0, 1));
  }
  const auto replicas = static_cast<std::size_t>(settings.replicas);
  const auto per_replica = static_cast<std::size_t>(settings.walkers);
  const double lambda_0 = energy_interfaces(problem, settings).front();
  const std::uint64_t stride = dynamics.check_steps();
  const std::uint64_t checks_per_round = std::max<std::uint64_t>(1, round_steps / stride);
  std::uint64_t step = 0;
  for (std::uint64_t round = 0;; ++round) {
    for (std::size_t first = 0; first < n; first += block_size) {
      const std::size_t count = std::min(block_size, n - first);
      for (std::uint64_t check = 0; check < checks_per_round; ++check) {
        dynamics.advance(Q.data() + first, P.data() + first, count, base + first, step + check * stride);
        dynamics.energies(Q.data() + first, P.data() + first, e.data() + first, count);
        for (std::size_t w = first; w < first + count; ++w) {
          if (!alive[w]) continue;
          if (dynamics.in_B(Q[w], e[w])) {
            alive[w] = 0;  // escaped: its time no longer has A as last basin
            continue;
          }
          if (entered[w]) tally.risk_steps[w] += static_cast<double>(stride);
          if (dynamics.in_A(Q[w], e[w])) {
            entered[w] = armed[w] = 1;
          } else if (armed[w] && e[w] >= lambda_0) {
            armed[w] = 0;
            ++tally.successes[w];
            tally.weights[w] += 1.0;
            crossings[w].insert(crossings[w].end(), {Q[w], P[w], 1.0});
          }
        }
      }
    }
    step += checks_per_round * stride;
    // Exact integer sums: every rank takes the same decision. Per replica,
    // its crossings and then its walkers still out of B.
    std::vector<std::int64_t> per_replica_count(2 * replicas, 0);
    for (std::size_t w = 0; w < n; ++w) {
      const auto r =
          static_cast<std::size_t>(walkers.global_index(static_cast<std::int64_t>(w))) / per_replica;
      per_replica_count[r] += tally.successes[w];
      per_replica_count[replicas + r] += alive[w];
    }
    MPI_Allreduce(MPI_IN_PLACE, per_replica_count.data(), static_cast<int>(2 * replicas), MPI_INT64_T, MPI_SUM,
                  environment.comm());
    const auto counts_end = per_replica_count.begin() + static_cast<std::ptrdiff_t>(replicas);
    const auto fewest = *std::min_element(per_replica_count.begin(), counts_end);
    if (fewest >= settings.flux_crossings) break;
    // A replica short of its crossings whose walkers have all reached B can
    // gain none: the verdict below needs no more rounds.
    bool stuck = false;
    for (std::size_t r = 0; r < replicas; ++r) {
      stuck = stuck || (per_replica_count[r] < settings.flux_crossings && per_replica_count[replicas + r] == 0);
    }
    if (stuck) break;
    if (round + 1 == max_rounds) {
      if (fewest == 0)
        throw NumericalError("forward flux: no walker left the basin A in " + format_number(static_cast<double>(step)) +
                             " steps; lower escape.ffs_basin_kT");
      break;
    }
  }
  std::fill(tally.steps.begin(), tally.steps.end(), static_cast<double>(step));
  for (const auto& list : crossings) tally.states.insert(tally.states.end(), list.begin(), list.end());
  return gather_tally(environment, walkers, tally);
}

/// The start states of a stage's trials in one replica: systematic resampling of the pool in
/// proportion to the weights, at a uniform offset U, so that trial t of N starts from the state
/// whose cumulative-weight interval holds (t + U)·W/N. Every state is chosen N w/W times on
/// average, which keeps the product of the stage estimates unbiased.
class Resampler {
 public:
  Resampler() = default;  ///< empty: no states to start from
  Resampler(const std::vector<double>& pool, std::uint64_t trials, double offset)
      : pool_(&pool), trials_(static_cast<double>(trials)), offset_(offset) {
    double total = 0.0;
    for (std::size_t j = 0; j < pool.size() / state_size; ++j) cumulative_.push_back(total += pool[state_size * j + 2]);
  }
  bool empty() const { return cumulative_.empty(); }
  /// Q and stored P of trial t's start.
  std::pair<double, double> start(std::uint64_t trial) const {
    const double position = (static_cast<double>(trial) + offset_) * cumulative_.back() / trials_;
    const auto found = std::upper_bound(cumulative_.begin(), cumulative_.end(), position);
    const auto j = static_cast<std::size_t>(std::min<std::ptrdiff_t>(found - cumulative_.begin(),
                                                                     static_cast<std::ptrdiff_t>(cumulative_.size()) - 1));
    return {(*pool_)[state_size * j], (*pool_)[state_size * j + 1]};
  }

 private:
  const std::vector<double>* pool_ = nullptr;
  std::vector<double> cumulative_;
  double trials_ = 0.0, offset_ = 0.0;
};

/// What an interface stage needs to know besides the states.
struct StageSpec {
  std::uint64_t stage;                   ///< s ≥ 1: trials from λ_{s−1}
  const std::vector<double>* interfaces;  ///< λ_0 … λ_n
  std::uint64_t trials;                  ///< per replica
  std::uint64_t blocks_per_replica;
  double prune;

  /// The last stage, from λ_n to B.
  bool to_B() const { return stage == interfaces->size(); }
};

/// Stage s ≥ 1: trials from the pools of stage s − 1 until e ≥ λ_s (s ≤ n) or B, or back in A.
/// Pruning (Allen, Frenkel, ten Wolde 2006): a trial that falls through λ_j, j ≤ s − 2, ends
/// there with probability p and otherwise goes on with its weight times 1/(1 − p); a success
/// counts with its weight, so the stage estimate Σw/N keeps its mean, and the pruned trials no
/// longer run all the way back to A, which at weak damping takes ~1/γ.
StageTally interface_stage(const Environment& environment, Dynamics& dynamics, const Pools& pools,
                           const StageSpec& spec, const Decomposition& blocks, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(blocks.local_count());
  auto tally = empty_tally(n);
  std::vector<std::vector<double>> stored(n);
  const stochastic::UniformStream roulette(seed, stochastic::Stream::roulette);
  const auto& interfaces = *spec.interfaces;
  const double target = spec.to_B() ? 0.0 : interfaces[spec.stage];
  const std::uint64_t stride = dynamics.check_steps();
  std::vector<double> Q(block_size), P(block_size), e(block_size), weight(block_size);
  std::vector<std::uint64_t> trial(block_size);
  std::vector<std::int64_t> level(block_size);
  std::vector<std::uint8_t> active(block_size);
  Resampler resampler;
  auto resampler_replica = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t b = 0; b < n; ++b) {
    const auto block = static_cast<std::uint64_t>(blocks.global_index(static_cast<std::int64_t>(b)));
    const std::uint64_t replica = block / spec.blocks_per_replica;
    // A rank's blocks are contiguous: each rank builds a replica's resampler once.
    if (resampler_replica != replica) {
      resampler = Resampler(pools[replica], spec.trials, roulette.uniform(first_id(spec.stage) + replica, 0));
      resampler_replica = replica;
    }
    if (resampler.empty()) continue;
    const std::uint64_t trial_ids = first_id(spec.stage) + replica * spec.trials;
    std::uint64_t next = (block % spec.blocks_per_replica) * trials_per_block;
    const std::uint64_t end = std::min(spec.trials, next + trials_per_block);
    std::int64_t running = 0;
    const auto load = [&](std::size_t lane) {
      trial[lane] = next++;
      std::tie(Q[lane], P[lane]) = resampler.start(trial[lane]);
      weight[lane] = 1.0;
      level[lane] = static_cast<std::int64_t>(spec.stage) - 2;
    };
    for (std::size_t lane = 0; lane < block_size; ++lane) {
      active[lane] = next < end;
      if (active[lane]) {
        load(lane);
        ++running;
      }
    }
    for (std::uint64_t step = 0; running > 0; step += stride) {
      dynamics.advance(Q.data(), P.data(), block_size, first_id(spec.stage) + block * block_size, step);
      dynamics.energies(Q.data(), P.data(), e.data(), block_size);
      for (std::size_t lane = 0; lane < block_size; ++lane) {
        if (!active[lane]) continue;
        tally.steps[b] += static_cast<double>(stride);
        const bool success = dynamics.in_B(Q[lane], e[lane]) || (!spec.to_B() && e[lane] >= target);
        bool ended = success || dynamics.in_A(Q[lane], e[lane]);
        for (; !ended && level[lane] >= 0 && e[lane] < interfaces[static_cast<std::size_t>(level[lane])]; --level[lane]) {
          ended = roulette.uniform(trial_ids + trial[lane], static_cast<std::uint64_t>(level[lane]) + 1) < spec.prune;
          weight[lane] /= 1.0 - spec.prune;
        }
        if (!ended) continue;
        if (success) {
          ++tally.successes[b];
          tally.weights[b] += weight[lane];
          if (!spec.to_B()) stored[b].insert(stored[b].end(), {Q[lane], P[lane], weight[lane]});
        }
        if (next < end) {
          load(lane);
        } else {
          active[lane] = 0;
          --running;
        }
      }
    }
  }
  for (const auto& list : stored) tally.states.insert(tally.states.end(), list.begin(), list.end());
  return gather_tally(environment, blocks, tally);
}

}  // namespace

std::vector<double> energy_interfaces(const EscapeProblem& problem, const config::ForwardFluxParams& settings) {
  const auto& critical = problem.well.critical;
  const double kT_site = problem.kT_per_site_meV();
  const double lambda_0 = critical.V_metastable_meV + settings.basin_kT * kT_site;
  const double span = critical.V_barrier_meV - lambda_0;
  const auto stages = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(span / (settings.spacing_kT * kT_site))));
  std::vector<double> interfaces{lambda_0};
  for (std::int64_t i = 1; i < stages; ++i) interfaces.push_back(lambda_0 + span * static_cast<double>(i) / static_cast<double>(stages));
  interfaces.push_back(critical.V_barrier_meV);
  return interfaces;
}

ForwardFluxResult forward_flux(const Environment& environment, const EscapeProblem& problem,
                               const config::LangevinParams& langevin, const config::ForwardFluxParams& settings) {
  const auto interfaces = energy_interfaces(problem, settings);
  Dynamics dynamics(problem, langevin, interfaces.front() - settings.gap_kT * problem.kT_per_site_meV(),
                    static_cast<std::uint64_t>(settings.check_steps));
  const auto replicas = static_cast<std::size_t>(settings.replicas);

  // Stage 0: the flux out of A.
  const Decomposition walkers(settings.replicas * settings.walkers, environment.size(), environment.rank(),
                              Decomposition::Layout::contiguous);
  const auto flux = flux_stage(environment, dynamics, problem, langevin, settings, walkers);
  auto pools = share_pools(environment, flux, replicas, static_cast<std::size_t>(settings.walkers));
  // Per replica: Φ_r, then the stage probabilities; computed on rank 0, broadcast as bits.
  std::vector<double> flux_per_replica(replicas, 0.0), crossings(replicas, 0.0), steps(1, 0.0);
  if (environment.is_root()) {
    std::vector<double> risk(replicas, 0.0);
    for (std::size_t w = 0; w < flux.successes.size(); ++w) {
      const std::size_t r = w / static_cast<std::size_t>(settings.walkers);
      crossings[r] += flux.successes[w];
      risk[r] += flux.risk_steps[w];
      steps[0] += flux.steps[w];
    }
    for (std::size_t r = 0; r < replicas; ++r) flux_per_replica[r] = crossings[r] / (risk[r] * langevin.dt_ps);
  }

  // Stages 1 … n to the interfaces, stage n + 1 to B.
  const auto trials = static_cast<std::uint64_t>(settings.trials);
  const std::uint64_t blocks_per_replica = (trials + trials_per_block - 1) / trials_per_block;
  const Decomposition blocks(static_cast<std::int64_t>(blocks_per_replica * replicas), environment.size(),
                             environment.rank(), Decomposition::Layout::contiguous);
  const std::size_t stages = interfaces.size();  // n + 1 stages after the flux
  std::vector<double> probabilities(replicas * stages, 0.0);  // (replica, stage)
  for (std::size_t s = 1; s <= stages; ++s) {
    const StageSpec spec{.stage = s, .interfaces = &interfaces, .trials = trials,
                         .blocks_per_replica = blocks_per_replica, .prune = settings.prune};
    const auto tally = interface_stage(environment, dynamics, pools, spec, blocks, langevin.seed);
    if (environment.is_root()) {
      for (std::size_t b = 0; b < tally.weights.size(); ++b) {
        probabilities[(b / blocks_per_replica) * stages + (s - 1)] += tally.weights[b] / static_cast<double>(trials);
        steps[0] += tally.steps[b];
      }
    }
    if (!spec.to_B()) pools = share_pools(environment, tally, replicas, static_cast<std::size_t>(blocks_per_replica));
  }
  broadcast(environment, flux_per_replica);
  broadcast(environment, crossings);
  broadcast(environment, probabilities);
  broadcast(environment, steps);

  ForwardFluxResult result{};
  result.interfaces_meV = interfaces;
  result.trajectory_steps = steps[0];
  double crossings_total = 0.0, risk_total = 0.0;
  for (std::size_t r = 0; r < replicas; ++r) {
    double rate = flux_per_replica[r];
    for (std::size_t s = 0; s < stages; ++s) rate *= probabilities[r * stages + s];
    result.replica_rates_per_ps.push_back(rate);
    crossings_total += crossings[r];
    risk_total += crossings[r] / flux_per_replica[r];
  }
  result.flux_crossings = static_cast<std::uint64_t>(crossings_total);
  result.flux_per_ps = crossings_total / risk_total;
  for (std::size_t s = 0; s < stages; ++s) {
    double sum = 0.0;
    for (std::size_t r = 0; r < replicas; ++r) sum += probabilities[r * stages + s];
    result.probabilities.push_back(sum / static_cast<double>(replicas));
  }
  // The verdict from broadcast numbers only: the same on every rank.
  const double fewest_crossings = *std::min_element(crossings.begin(), crossings.end());
  if (fewest_crossings < static_cast<double>(settings.flux_crossings)) {
    result.failure = "a replica left the basin only " + format_number(fewest_crossings) +
                     " times of escape.ffs_flux_crossings = " + std::to_string(settings.flux_crossings) +
                     " before its walkers reached B or their step budget ran out: raise escape.ffs_walkers or "
                     "lower escape.ffs_basin_kT";
  }
  for (std::size_t s = 0; s < stages && result.failure.empty(); ++s) {
    for (std::size_t r = 0; r < replicas; ++r) {
      if (probabilities[r * stages + s] > 0.0) continue;
      result.failure = "replica " + std::to_string(r) + " had no success of escape.ffs_trials = " +
                       std::to_string(settings.trials) + " at stage " + std::to_string(s + 1) + " of " +
                       std::to_string(stages) + ": raise escape.ffs_trials or lower escape.ffs_spacing_kT";
      break;
    }
  }
  result.converged = result.failure.empty();
  if (!result.converged) {
    // A replica without crossings has no finite rate: the verdict says why.
    result.rate_per_ps = result.low_per_ps = result.high_per_ps = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  // Mean and Student-t interval over the replicas, summed in replica order
  // (from broadcast numbers: the same bits on every rank).
  const stats::MeanEstimate estimate = stats::mean_with_interval(result.replica_rates_per_ps);
  result.rate_per_ps = estimate.mean;
  result.low_per_ps = std::max(0.0, estimate.low);
  result.high_per_ps = estimate.high;
  return result;
}

}  // namespace metasc::escape
