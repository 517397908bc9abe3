// The sampled escape rates against the exact MFPT: the brute-force ensemble
// (censored MLE, χ² interval) and forward flux sampling (Student-t interval
// over replicas) on a cubic well at βΔE_b ≈ 6, and forward flux alone at
// βΔE_b ≈ 15, where brute force would need ~10⁹ steps per escape; and at βΔE_b ≈ 3.5,
// where escapes are frequent, brute-force mean first-passage times against the exact
// MFPT at K3C60's weak damping γ/ω = 0.001 and at 0.05 to 2%. Fixed seeds:
// each 95% interval misses the truth for one seed in twenty; these seeds are
// not chosen, they are the first tried. Runs on 2 ranks only: the blocks,
// chains and noise do not depend on the ranks, integration/escape_rank_invariance.sh
// holds every method's numbers bitwise on 1, 2 and 3 ranks, and each further
// rank count would repeat the same statistics for ~1.5 CPU-minutes.
// mpi-ranks: 2
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

#include "metasc/escape/ensemble_rate.hpp"
#include "metasc/escape/forward_flux.hpp"
#include "metasc/escape/mfpt.hpp"
#include "metasc/parallel/decomposition.hpp"
#include "metasc/stochastic/integrator.hpp"
#include "metasc/units.hpp"
#include "test_environment.hpp"

using namespace metasc;

namespace {

constexpr double kT = 8.617;  // meV, 100 K

/// The cubic test well at βΔE_b with γ = ω_b/2: KGH regime, short trials.
escape::EscapeProblem cubic_well(double barrier_over_kT) {
  const physics::AnalyticWell shape(physics::WellForm::cubic, 1.0, 0.2, 0.35);
  const double sites = barrier_over_kT * kT;  // ΔV = 1 meV
  const escape::EscapeProblem problem{
      escape::analytic_well(shape, "cubic", 401, 40.0 * kT / sites, units::phonon_energy_meV(22.0)),
      {.angular_per_ps = units::angular_per_ps(22.0), .damping_per_ps = 1.0, .kT_meV = kT, .domain_sites = sites},
      2.0};
  return problem.with_damping(0.5 * problem.geometry().omega_barrier_per_ps);
}

double exact_rate(const escape::EscapeProblem& problem) {
  return escape::mfpt_rate(test_environment().comm(), problem,
                           {.resolution = 16.0, .wall_kT = 10.0, .solver = config::MfptSolver::lu, .rtol = 1e-10, .tolerance = 0.02})
      .rate_per_ps;
}

/// ω_b dt = 0.12: BAOAB's configurational error is then ~(ω dt)² ≈ 1%, inside the intervals.
config::LangevinParams langevin(std::int64_t trajectories, double t_end_ps, std::uint64_t seed) {
  return {.trajectories = trajectories, .dt_ps = 0.0005, .t_end_ps = t_end_ps, .seed = seed,
          .scheme = stochastic::Scheme::baoab};
}

config::ForwardFluxParams forward_flux_settings(std::int64_t trials) {
  return {.replicas = 8, .walkers = 32, .flux_crossings = 1000, .trials = trials, .basin_kT = 1.0, .gap_kT = 0.5,
          .spacing_kT = 1.5, .prune = 0.5, .check_steps = 1};
}

/// n states (Q, physical P) from the Boltzmann distribution of the metastable well restricted to
/// {Q > Q_B, e < V(Q_B)}, the distribution the MFPT averages over (its mirror at −Q_MS is the
/// same by symmetry): Q uniform on [Q_B, Q_out] (V(Q_out) = V(Q_B)) kept with probability
/// e^{−N_s(V − V(Q_MS))/k_BT} ≤ 1, P thermal, the pair kept when e < V(Q_B). Exact rejection.
std::vector<std::pair<double, double>> well_boltzmann_states(const escape::EscapeProblem& problem, std::size_t n,
                                                             std::uint64_t seed) {
  const auto& critical = problem.well.critical;
  const auto& table = problem.well.table;
  double Q_out = critical.Q_metastable;
  while (table.potential(Q_out) < critical.V_barrier_meV) Q_out += 1e-4;
  const double kT_site = problem.kT_per_site_meV();
  const double P_width = std::sqrt(stochastic::momentum_variance(problem.oscillator));
  const double kinetic = 0.5 * units::hbar_meV_ps / problem.oscillator.angular_per_ps;
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> thermal(0.0, P_width);
  std::vector<std::pair<double, double>> states;
  while (states.size() < n) {
    const double Q = critical.Q_barrier + (Q_out - critical.Q_barrier) * unit(engine);
    const double V = table.potential(Q);
    if (unit(engine) >= std::exp(-(V - critical.V_metastable_meV) / kT_site)) continue;
    const double P = thermal(engine);
    if (kinetic * P * P + V < critical.V_barrier_meV) states.emplace_back(Q, P);
  }
  return states;
}

/// Mean first-passage time into the relaxed normal well from `starts`, by brute force: lanes of
/// 64 trajectories stepped together, each lane taking its block's next start as soon as its
/// trajectory escapes (the first step whose starting state is in the set, as the ensemble
/// observes it). Blocks of 1024 starts are dealt to the ranks; every start runs to its escape,
/// so nothing is censored. Returns, on rank 0, the mean and the 95% CLT half-width.
std::pair<double, double> brute_force_mfpt(const Environment& environment, const escape::EscapeProblem& problem,
                                           const std::vector<std::pair<double, double>>& starts, double dt_ps,
                                           std::uint64_t seed) {
  constexpr std::size_t lanes = 64, per_block = 1024;
  constexpr std::uint64_t never = std::numeric_limits<std::uint64_t>::max();
  stochastic::LangevinIntegrator<stochastic::ForceTable> integrator(stochastic::Scheme::baoab, problem.oscillator, dt_ps,
                                                                     problem.well.table, seed);
  const double Q_barrier = problem.well.critical.Q_barrier, relaxed = problem.relaxed_meV();
  const double kinetic = 0.5 * units::hbar_meV_ps / problem.oscillator.angular_per_ps;
  const Decomposition blocks(static_cast<std::int64_t>((starts.size() + per_block - 1) / per_block), environment.size(),
                             environment.rank(), Decomposition::Layout::contiguous);
  std::vector<double> sums, squares;
  for (std::int64_t k = 0; k < blocks.local_count(); ++k) {
    const auto block = static_cast<std::size_t>(blocks.global_index(k));
    std::size_t next = block * per_block;
    const std::size_t end = std::min(starts.size(), next + per_block);
    std::vector<double> Q(lanes), P(lanes);
    std::vector<std::uint64_t> started(lanes), hit(lanes, never);
    std::vector<std::uint8_t> active(lanes, 0);
    double sum = 0.0, sum_squares = 0.0;
    std::size_t running = 0;
    const auto load = [&](std::size_t lane, std::uint64_t step) {
      Q[lane] = starts[next].first;
      P[lane] = integrator.stored_momentum(Q[lane], starts[next].second, 0.0);
      ++next;
      started[lane] = step;
      hit[lane] = never;
    };
    for (std::size_t lane = 0; lane < lanes && next < end; ++lane, ++running) {
      active[lane] = 1;
      load(lane, 0);
    }
    for (std::uint64_t step = 0; running > 0; ++step) {
      std::uint64_t* first_hit = hit.data();
      integrator.step_observing(Q.data(), P.data(), lanes, block * lanes, step, 0.0,
                                [=](std::size_t i, double q, double momentum, double V) {
                                  const bool in_B = std::abs(q) < Q_barrier && kinetic * momentum * momentum + V < relaxed;
                                  first_hit[i] = in_B && first_hit[i] == never ? step : first_hit[i];
                                });
      for (std::size_t lane = 0; lane < lanes; ++lane) {
        if (!active[lane] || hit[lane] == never) continue;
        const double time = static_cast<double>(hit[lane] - started[lane]) * dt_ps;
        sum += time;
        sum_squares += time * time;
        if (next < end) {
          load(lane, step + 1);
        } else {
          active[lane] = 0;
          --running;
        }
      }
    }
    sums.push_back(sum);
    squares.push_back(sum_squares);
  }
  const auto all_sums = blocks.gather(environment, sums), all_squares = blocks.gather(environment, squares);
  if (!environment.is_root()) return {0.0, 0.0};
  // Summed in global block order.
  const double n = static_cast<double>(starts.size());
  const double mean = std::accumulate(all_sums.begin(), all_sums.end(), 0.0) / n;
  const double variance = (std::accumulate(all_squares.begin(), all_squares.end(), 0.0) / n - mean * mean) * n / (n - 1.0);
  return {mean, 1.96 * std::sqrt(variance / n)};
}

}  // namespace

TEST_CASE("Sampling at beta dE_b = 6: brute force and forward flux hold the exact MFPT rate in their 95% intervals",
          "[escape][sampling][stochastic]") {
  const auto& environment = test_environment();
  const auto problem = cubic_well(6.0);
  const double exact = exact_rate(problem);

  // 1000 trajectories watched for ~3 mean lifetimes: ~950 escapes, interval ±7%.
  const auto ensemble = escape::ensemble_rate(environment, problem, langevin(1000, 40.0, 11), 0.0);
  if (environment.is_root()) {
    REQUIRE(ensemble.escape);
    const auto& rate = ensemble.escape->rate;
    INFO("ensemble " << rate.rate_per_ps << " [" << rate.low_per_ps << ", " << rate.high_per_ps << "], MFPT " << exact);
    CHECK(ensemble.trapped > 950);
    CHECK(ensemble.escape->exposure.escapes > 800);
    CHECK(rate.low_per_ps < exact);
    CHECK(exact < rate.high_per_ps);
    CHECK(rate.high_per_ps - rate.low_per_ps < 0.2 * exact);
  }

  const auto ffs = escape::forward_flux(environment, problem, langevin(0, 1.0, 12), forward_flux_settings(2000));
  INFO("forward flux " << ffs.rate_per_ps << " [" << ffs.low_per_ps << ", " << ffs.high_per_ps << "], MFPT " << exact);
  CHECK(ffs.low_per_ps < exact);
  CHECK(exact < ffs.high_per_ps);
  CHECK(ffs.high_per_ps - ffs.low_per_ps < 0.4 * exact);
  // The interfaces: λ_0 one k_BT/N_s above the bottom, λ_n at the barrier, at most 1.5 k_BT/N_s apart.
  const double kT_site = problem.kT_per_site_meV();
  CHECK(ffs.interfaces_meV.front() == Approx(problem.well.critical.V_metastable_meV + kT_site));
  CHECK(ffs.interfaces_meV.back() == problem.well.critical.V_barrier_meV);
  CHECK(ffs.interfaces_meV.size() == 5);
  CHECK(ffs.probabilities.size() == ffs.interfaces_meV.size());
  // Forward flux costs a small fraction of brute force.
  CHECK(ffs.trajectory_steps < 0.1 * ensemble.trajectory_steps);
}

TEST_CASE("Sampling at beta dE_b = 15: forward flux holds the exact MFPT rate in its 95% interval",
          "[escape][sampling][stochastic]") {
  const auto& environment = test_environment();
  const auto problem = cubic_well(15.0);
  const double exact = exact_rate(problem);
  const auto ffs = escape::forward_flux(environment, problem, langevin(0, 1.0, 13), forward_flux_settings(4000));
  INFO("forward flux " << ffs.rate_per_ps << " [" << ffs.low_per_ps << ", " << ffs.high_per_ps << "], MFPT " << exact);
  CHECK(ffs.low_per_ps < exact);
  CHECK(exact < ffs.high_per_ps);
  CHECK(ffs.high_per_ps - ffs.low_per_ps < 0.5 * exact);
  // Brute force would need 1/(k dt) ≈ 2·10⁸ trajectory-steps for a single escape; forward flux
  // needs a tenth of that for the whole estimate.
  CHECK(ffs.trajectory_steps < 0.1 / (exact * 0.0005));
}

TEST_CASE("Brute force at gamma/omega = 0.001 and 0.05, beta dE_b = 3.5: the mean first-passage time within 5% of the "
          "exact MFPT, from the same Boltzmann start, with a 2.5% interval",
          "[escape][sampling][stochastic]") {
  const auto& environment = test_environment();
  const physics::AnalyticWell shape(physics::WellForm::cubic, 1.0, 0.2, 0.35);
  const double omega = units::angular_per_ps(22.0);
  const escape::EscapeProblem base{
      escape::analytic_well(shape, "cubic", 401, 40.0 * kT / 30.0, units::phonon_energy_meV(22.0)),
      {.angular_per_ps = omega, .damping_per_ps = 1.0, .kT_meV = kT, .domain_sites = 30.0},
      2.0};
  // 10⁴ starts: the escape times are close to exponential, so the 95% half-width of their
  // mean is ~1.96/sqrt(10⁴) = 2%. BAOAB at omega_a dt = 0.12 (dt = 0.5 fs). The comparison is
  // of mean times, not of rates: from the Boltzmann start 1/<tau> is not the quasi-stationary
  // decay rate (they differ by the start's weight near the barrier, a few % at this height),
  // and the ensemble's censored MLE d/T_risk is 1/<tau> only when nothing is censored.
  const auto starts = well_boltzmann_states(base, 10000, 21);
  // The weak-damping MFPT needs r = 12 to converge (delta = 0.015); at 0.05 r = 8 does.
  for (const auto& [damping_over_omega, resolution] : {std::pair{0.001, 12.0}, std::pair{0.05, 8.0}}) {
    const auto problem = base.with_damping(damping_over_omega * omega);
    const auto exact = escape::mfpt_rate(environment.comm(), problem,
                                         {.resolution = resolution, .wall_kT = 10.0, .solver = config::MfptSolver::lu,
                                          .rtol = 1e-10, .tolerance = 0.02});
    const auto [mean, half_width] = brute_force_mfpt(environment, problem, starts, 0.0005, 22);
    if (!environment.is_root()) continue;
    const double exact_time = 1.0 / exact.rate_per_ps;
    INFO("gamma/omega = " << damping_over_omega << ": brute force " << mean << " +- " << half_width << " ps, MFPT "
                          << exact_time << " ps (grid error " << exact.grid_error << "), ratio " << mean / exact_time);
    CHECK(problem.barrier_over_kT() == Approx(3.48).epsilon(0.01));
    REQUIRE(exact.converged);
    CHECK(half_width < 0.025 * mean);
    CHECK(std::abs(mean / exact_time - 1.0) < 0.05);
  }
}
