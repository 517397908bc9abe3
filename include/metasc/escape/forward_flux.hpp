#pragma once
/// Forward flux sampling (Allen, Valeriani, ten Wolde 2009) of the escape rate,
/// with interfaces in the energy per site e = (ħ/ω)P²/2 + V(Q) — the slow
/// variable at weak damping, and a valid order parameter at any damping:
///
///   A   = the metastable basin {|Q| > Q_B, e < λ_0 − g k_BT/N_s}
///   λ_0 = V(Q_MS) + b k_BT/N_s
///   λ_i = λ_0 + i (V(Q_B) − λ_0)/n,  i = 1 … n, spaced at most s k_BT/N_s apart
///   B   = the relaxed normal well, the escape set of every method
///
///   k = Φ_{A,0} · Π_{i<n} P(λ_{i+1} | λ_i) · P(B | λ_n).
///
/// Stage 0 runs walkers from thermal equilibrium in the well and counts the
/// exits from A through λ_0 per unit time spent with A as last visited basin
/// (Φ), storing the crossing states; stage i runs trials from the states stored
/// at λ_{i−1} until they reach λ_i (or B, at the last stage) or fall back into A,
/// storing the successes. The gap g between A and λ_0 matters at weak damping,
/// where e diffuses slowly: with A bounded by λ_0 itself, every diffusive
/// recrossing of λ_0 would count in Φ and almost every trial from it would fail
/// at once (P(λ_1|λ_0) ≈ 0.01 at βΔE_b = 20, δ = 0.08, against 0.23 with g = 1/2).
///
/// Pruning (Allen, Frenkel, ten Wolde 2006): a trial of stage i that falls
/// through λ_j, j < i − 1, ends there with probability p (Russian roulette) and
/// otherwise goes on with its weight times 1/(1 − p); P(λ_{i+1}|λ_i) is the
/// successes' summed weight over the trials, and the next stage draws its start
/// states in proportion to the weights (systematic resampling at a uniform
/// offset: state j is the start of N w_j/W trials on average). Both keep every
/// stage estimate's mean, so the rate stays unbiased; at weak damping a failing
/// trial no longer relaxes all the way back to A, which takes ~1/γ.
///
/// The sets and interfaces are tested every c steps (c = escape.ffs_check_steps):
/// this is FFS of the Markov chain of the states every c steps, exact for that
/// chain; its escape is the continuous one's unless a trajectory enters B and
/// leaves it within c steps, which needs its energy to climb the margin
/// m k_BT/N_s in c·dt. Over c·dt the energy moves ~sqrt(4γ c dt (e − V) k_BT/N_s)
/// (the kinetic energy e − V): keep that far below m k_BT/N_s.
///
/// Error bar: R independent replicas (their own walkers, states and noise), each
/// a complete FFS estimate k_r; the rate is their mean and the 95% interval
/// k̄ ± t_{R−1}(0.975) s/√R, s the replicas' standard deviation. This counts every
/// correlation the branching creates (trials sharing an ancestor), which the
/// binomial stage-by-stage formula would miss.
///
/// Parallel and reproducible: a stage's trials, replica by replica, are dealt to
/// blocks of 2048, the blocks to ranks in contiguous runs; a block's 64 lanes
/// step together, and a lane whose trial ends takes the block's next trial. Lane
/// l of block b draws its noise from NormalStream(seed, langevin_noise) at
/// trajectory id (stage + 1)·2^40 + 64 b + l and the block's step count; the
/// roulette and resampling uniforms are Philox at counters keyed by the trial's
/// id (Stream::roulette). Start states come from the stage's stored states,
/// gathered in global block order and broadcast. Nothing depends on which rank
/// runs a block. Energies meV, times ps.
#include <cstdint>
#include <string>
#include <vector>

#include "metasc/config/escape_params.hpp"
#include "metasc/config/langevin_params.hpp"
#include "metasc/escape/problem.hpp"
#include "metasc/parallel/environment.hpp"

namespace metasc::escape {

/// Its own accuracy: every replica reached escape.ffs_flux_crossings in the flux stage and
/// had at least one success at every stage. Short of that a replica's rate is a count of
/// zero or a flux from too few crossings, the spread no longer measures the error, and the
/// rate and its interval are NaN, with the reason.
struct ForwardFluxResult {
  double rate_per_ps;                       ///< mean over the replicas; NaN unless converged
  double low_per_ps, high_per_ps;           ///< 95% Student-t interval over the replicas (low ≥ 0); NaN unless converged
  bool converged;
  std::string failure;                      ///< why not (empty when converged)
  std::vector<double> replica_rates_per_ps;
  std::vector<double> interfaces_meV;       ///< λ_0 … λ_n (λ_n = V(Q_B))
  double flux_per_ps;                       ///< Φ_{A,0}, replicas pooled
  std::vector<double> probabilities;        ///< P(λ_{i+1}|λ_i), i < n, then P(B|λ_n); replicas pooled
  std::uint64_t flux_crossings;             ///< exits through λ_0, all replicas
  double trajectory_steps;                  ///< cost: every step of every walker and trial
};

/// Collective; every rank gets the same result. The time step, integrator and seed
/// are langevin's; throws ConfigError naming langevin.dt_ps if the step is unstable.
ForwardFluxResult forward_flux(const Environment& environment, const EscapeProblem& problem,
                               const config::LangevinParams& langevin, const config::ForwardFluxParams& settings);

/// The interfaces λ_0 … λ_n [meV per site] for these settings.
std::vector<double> energy_interfaces(const EscapeProblem& problem, const config::ForwardFluxParams& settings);

}  // namespace metasc::escape
