// The sampled escape rates against the exact MFPT: the brute-force ensemble
// (censored MLE, χ² interval) and forward flux sampling (Student-t interval
// over replicas) on a cubic well at βΔE_b ≈ 6, and forward flux alone at
// βΔE_b ≈ 15, where brute force would need ~10⁹ steps per escape. Fixed seeds:
// each 95% interval misses the truth for one seed in twenty; these seeds are
// not chosen, they are the first tried. Runs on 1, 2 and 3 ranks, with the
// same numbers on each (the blocks, chains and noise do not depend on the ranks).
#include <catch2/catch.hpp>

#include <cmath>

#include "metasc/escape/ensemble_rate.hpp"
#include "metasc/escape/forward_flux.hpp"
#include "metasc/escape/mfpt.hpp"
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
  return {.replicas = 8, .walkers = 32, .flux_crossings = 1000, .trials = trials, .basin_kT = 1.0, .spacing_kT = 1.5};
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
