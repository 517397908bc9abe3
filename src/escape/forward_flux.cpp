#include "metasc/escape/forward_flux.hpp"

#include <mpi.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/parallel/decomposition.hpp"
#include "metasc/stochastic/integrator.hpp"
#include "metasc/units.hpp"

namespace metasc::escape {

namespace {

constexpr std::uint64_t trials_per_chain = 16;
/// Walkers or chains stepped together (one integrator call per step).
constexpr std::size_t block_size = 64;
/// Flux-stage walkers advance in rounds; the replicas' crossing counts are checked after each.
constexpr std::uint64_t round_steps = 2048;
constexpr std::uint64_t max_rounds = 4096;
/// Trajectory ids of stage s start at (s + 1)·2^40: disjoint from each other and from the
/// brute-force ensemble's ids 0, 1, … with the same seed.
constexpr std::uint64_t stage_ids = std::uint64_t{1} << 40;

std::uint64_t first_id(std::uint64_t stage) { return (stage + 1) * stage_ids; }

void broadcast(const Environment& environment, std::vector<double>& values) {
  auto size = static_cast<std::uint64_t>(values.size());
  MPI_Bcast(&size, 1, MPI_UINT64_T, 0, environment.comm());
  values.resize(size);
  MPI_Bcast(values.data(), static_cast<int>(size), MPI_DOUBLE, 0, environment.comm());
}

/// The integrator and the sets every walker and trial is tested against.
class Dynamics {
 public:
  Dynamics(const EscapeProblem& problem, const config::LangevinParams& langevin, double basin_meV)
      : integrator_(langevin.scheme, problem.oscillator, langevin.dt_ps, problem.well.table, langevin.seed),
        kinetic_(0.5 * units::hbar_meV_ps / problem.oscillator.angular_per_ps),
        Q_barrier_(problem.well.critical.Q_barrier),
        basin_(basin_meV),
        relaxed_(problem.relaxed_meV()) {}

  void step(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step) {
    integrator_.step(Q, P, n, first_trajectory, step, 0.0);
  }
  /// e [meV per site] of the state (Q, stored P).
  double energy(double Q, double P) const {
    const double momentum = integrator_.physical_momentum(Q, P, 0.0);
    return kinetic_ * momentum * momentum + integrator_.force().potential(Q);
  }
  bool in_A(double Q, double e) const { return std::abs(Q) > Q_barrier_ && e < basin_; }
  bool in_B(double Q, double e) const { return std::abs(Q) < Q_barrier_ && e < relaxed_; }
  double stored_momentum(double Q, double physical) const { return integrator_.stored_momentum(Q, physical, 0.0); }

 private:
  stochastic::LangevinIntegrator<stochastic::ForceTable> integrator_;
  double kinetic_;  ///< ħ/(2ω)
  double Q_barrier_, basin_, relaxed_;
};

/// States stored at an interface, one list per replica, as (Q, stored P) pairs.
using Pools = std::vector<std::vector<double>>;

/// What the ranks report from one stage, in global walker/chain order on rank 0.
struct StageTally {
  std::vector<std::int32_t> successes;  ///< per walker (crossings) or per chain
  std::vector<double> states;           ///< the stored states, flattened (Q, P) pairs
  std::vector<double> risk_steps;       ///< flux stage: steps with A as last basin; per walker
  std::vector<double> steps;            ///< steps run, per walker (all) or chain (until its last trial ends)
};

/// Splits the gathered states into per-replica pools (rank 0), then gives every rank a copy.
Pools share_pools(const Environment& environment, const StageTally& tally, std::size_t replicas,
                  std::size_t items_per_replica) {
  Pools pools(replicas);
  if (environment.is_root()) {
    std::size_t offset = 0;
    for (std::size_t item = 0; item < tally.successes.size(); ++item) {
      auto& pool = pools[item / items_per_replica];
      const auto count = 2 * static_cast<std::size_t>(tally.successes[item]);
      pool.insert(pool.end(), tally.states.begin() + static_cast<std::ptrdiff_t>(offset),
                  tally.states.begin() + static_cast<std::ptrdiff_t>(offset + count));
      offset += count;
    }
  }
  for (auto& pool : pools) broadcast(environment, pool);
  return pools;
}

StageTally gather_tally(const Environment& environment, const Decomposition& items, const StageTally& local) {
  return {items.gather(environment, local.successes), gather_in_rank_order(environment, local.states),
          items.gather(environment, local.risk_steps), items.gather(environment, local.steps)};
}

/// Stage 0: walkers from thermal equilibrium in the well, run in rounds until every replica
/// has `target` exits from A through λ_0.
StageTally flux_stage(const Environment& environment, Dynamics& dynamics, const EscapeProblem& problem,
                      const config::LangevinParams& langevin, const config::ForwardFluxParams& settings,
                      const Decomposition& walkers) {
  const std::int64_t local = walkers.local_count();
  const auto n = static_cast<std::size_t>(local);
  std::vector<double> Q(n), P(n);
  std::vector<std::uint8_t> entered(n, 0), armed(n, 0), alive(n, 1);
  StageTally tally{std::vector<std::int32_t>(n, 0), {}, std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
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
  std::uint64_t step = 0;
  for (std::uint64_t round = 0;; ++round) {
    for (std::size_t first = 0; first < n; first += block_size) {
      const std::size_t count = std::min(block_size, n - first);
      for (std::uint64_t s = 0; s < round_steps; ++s) {
        dynamics.step(Q.data() + first, P.data() + first, count, base + first, step + s);
        for (std::size_t w = first; w < first + count; ++w) {
          if (!alive[w]) continue;
          const double e = dynamics.energy(Q[w], P[w]);
          if (dynamics.in_B(Q[w], e)) {
            alive[w] = 0;  // escaped: its time no longer has A as last basin
            continue;
          }
          if (entered[w]) tally.risk_steps[w] += 1.0;
          if (dynamics.in_A(Q[w], e)) {
            entered[w] = armed[w] = 1;
          } else if (armed[w] && e >= lambda_0) {
            armed[w] = 0;
            ++tally.successes[w];
            crossings[w].push_back(Q[w]);
            crossings[w].push_back(P[w]);
          }
        }
      }
    }
    step += round_steps;
    // Exact integer sums: every rank takes the same decision.
    std::vector<std::int64_t> per_replica_count(replicas, 0);
    for (std::size_t w = 0; w < n; ++w) {
      per_replica_count[static_cast<std::size_t>(walkers.global_index(static_cast<std::int64_t>(w))) / per_replica] +=
          tally.successes[w];
    }
    MPI_Allreduce(MPI_IN_PLACE, per_replica_count.data(), static_cast<int>(replicas), MPI_INT64_T, MPI_SUM,
                  environment.comm());
    const auto fewest = *std::min_element(per_replica_count.begin(), per_replica_count.end());
    if (fewest >= settings.flux_crossings) break;
    if (round + 1 == max_rounds) {
      if (fewest == 0)
        throw NumericalError("forward flux: no walker left the basin A in " +
                             format_number(static_cast<double>(max_rounds * round_steps)) +
                             " steps; lower escape.ffs_basin_kT");
      break;
    }
  }
  std::fill(tally.steps.begin(), tally.steps.end(), static_cast<double>(step));
  for (const auto& list : crossings) tally.states.insert(tally.states.end(), list.begin(), list.end());
  return gather_tally(environment, walkers, tally);
}

/// Stage s ≥ 1: trials from the pools of stage s − 1 until e ≥ λ_s (s ≤ n) or B, or back in A.
StageTally interface_stage(const Environment& environment, Dynamics& dynamics, const Pools& pools,
                           std::uint64_t stage, double target_meV, bool to_B, std::uint64_t trials,
                           const Decomposition& chains, std::uint64_t chains_per_replica) {
  const auto n = static_cast<std::size_t>(chains.local_count());
  StageTally tally{std::vector<std::int32_t>(n, 0), {}, std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
  std::vector<std::vector<double>> stored(n);
  for (std::size_t first = 0; first < n; first += block_size) {
    const std::size_t count = std::min(block_size, n - first);
    std::vector<double> Q(count), P(count);
    std::vector<std::uint64_t> next(count), end(count);
    std::vector<std::uint8_t> active(count, 0);
    const auto global = [&](std::size_t c) {
      return static_cast<std::uint64_t>(chains.global_index(static_cast<std::int64_t>(first + c)));
    };
    const auto pool_of = [&](std::size_t c) -> const std::vector<double>& { return pools[global(c) / chains_per_replica]; };
    // Trial t of N starts from stored state ⌊t·M/N⌋ of the replica's M.
    const auto load = [&](std::size_t c) {
      const auto& pool = pool_of(c);
      const std::uint64_t states = pool.size() / 2;
      const std::uint64_t index = next[c] * states / trials;
      Q[c] = pool[2 * index];
      P[c] = pool[2 * index + 1];
    };
    for (std::size_t c = 0; c < count; ++c) {
      const std::uint64_t within = global(c) % chains_per_replica;
      next[c] = within * trials_per_chain;
      end[c] = std::min(trials, next[c] + trials_per_chain);
      active[c] = !pool_of(c).empty() && next[c] < end[c];
      if (active[c]) load(c);
    }
    std::uint64_t step = 0;
    for (auto running = std::count(active.begin(), active.end(), 1); running > 0; ++step) {
      dynamics.step(Q.data(), P.data(), count, first_id(stage) + global(0), step);
      for (std::size_t c = 0; c < count; ++c) {
        if (!active[c]) continue;
        const double e = dynamics.energy(Q[c], P[c]);
        const bool success = dynamics.in_B(Q[c], e) || (!to_B && e >= target_meV);
        if (!success && !dynamics.in_A(Q[c], e)) continue;
        if (success) {
          ++tally.successes[first + c];
          if (!to_B) {
            stored[first + c].push_back(Q[c]);
            stored[first + c].push_back(P[c]);
          }
        }
        if (++next[c] < end[c]) {
          load(c);
        } else {
          active[c] = 0;
          --running;
          tally.steps[first + c] = static_cast<double>(step + 1);
        }
      }
    }
  }
  for (const auto& list : stored) tally.states.insert(tally.states.end(), list.begin(), list.end());
  return gather_tally(environment, chains, tally);
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
  Dynamics dynamics(problem, langevin, interfaces.front());
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
  const std::uint64_t chains_per_replica = (trials + trials_per_chain - 1) / trials_per_chain;
  const Decomposition chains(static_cast<std::int64_t>(chains_per_replica * replicas), environment.size(),
                             environment.rank(), Decomposition::Layout::contiguous);
  const std::size_t stages = interfaces.size();  // n + 1 stages after the flux
  std::vector<double> probabilities(replicas * stages, 0.0);  // (replica, stage)
  for (std::size_t s = 1; s <= stages; ++s) {
    const bool to_B = s == stages;
    const auto tally = interface_stage(environment, dynamics, pools, s, to_B ? 0.0 : interfaces[s], to_B, trials,
                                       chains, chains_per_replica);
    if (environment.is_root()) {
      for (std::size_t c = 0; c < tally.successes.size(); ++c) {
        probabilities[(c / chains_per_replica) * stages + (s - 1)] += tally.successes[c] / static_cast<double>(trials);
        steps[0] += tally.steps[c];
      }
    }
    if (!to_B) pools = share_pools(environment, tally, replicas, static_cast<std::size_t>(chains_per_replica));
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
  // Mean and Student-t interval over the replicas, summed in replica order.
  const auto& rates = result.replica_rates_per_ps;
  const double mean = std::accumulate(rates.begin(), rates.end(), 0.0) / static_cast<double>(replicas);
  double squares = 0.0;
  for (const double rate : rates) squares += (rate - mean) * (rate - mean);
  const double standard_error = std::sqrt(squares / static_cast<double>(replicas - 1) / static_cast<double>(replicas));
  const double t = boost::math::quantile(
      boost::math::complement(boost::math::students_t_distribution<double>(static_cast<double>(replicas - 1)), 0.025));
  result.rate_per_ps = mean;
  result.low_per_ps = std::max(0.0, mean - t * standard_error);
  result.high_per_ps = mean + t * standard_error;
  // The verdict from broadcast numbers only: the same on every rank.
  const double fewest_crossings = *std::min_element(crossings.begin(), crossings.end());
  if (fewest_crossings < static_cast<double>(settings.flux_crossings)) {
    result.failure = "a replica left the basin only " + format_number(fewest_crossings) +
                     " times of escape.ffs_flux_crossings = " + std::to_string(settings.flux_crossings) +
                     " in the walkers' step budget: raise escape.ffs_walkers or lower escape.ffs_basin_kT";
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
    result.rate_per_ps = result.low_per_ps = result.high_per_ps = std::numeric_limits<double>::quiet_NaN();
  }
  return result;
}

}  // namespace metasc::escape
