// The energy-diffusion MFPT on the graph of orbits: its orbit actions against
// the closed forms of the test wells, its limits — the energy-diffusion rate
// k_ED = δ (ω_a/2π) e^{−βΔE_b} when nothing re-traps, and the re-trapping
// factor of the relaxed-normal-well criterion at high barriers.
#include <catch2/catch.hpp>

#include <cmath>

#include "metasc/escape/energy_diffusion.hpp"
#include "metasc/units.hpp"

using namespace metasc;

namespace {

constexpr double kT = 8.617;  // meV, 100 K

escape::EscapeProblem test_problem(physics::WellForm form, double barrier_over_kT, double margin_kT) {
  const physics::AnalyticWell shape(form, 1.0, 0.2, 0.35);
  const double sites = barrier_over_kT * kT / 1.0;  // ΔE_b = N_s ΔV with ΔV = 1 meV
  const auto well = escape::analytic_well(shape, "test", 401, 40.0 * kT / sites, units::phonon_energy_meV(22.0));
  return {well,
          {.angular_per_ps = units::angular_per_ps(22.0), .damping_per_ps = 0.05, .kT_meV = kT, .domain_sites = sites},
          margin_kT};
}

}  // namespace

TEST_CASE("Energy diffusion: orbit actions at the barrier energy are the closed forms", "[escape][energy_diffusion]") {
  for (const auto form : {physics::WellForm::cubic, physics::WellForm::quartic}) {
    const auto problem = test_problem(form, 10.0, 2.0);
    const physics::AnalyticWell shape(form, 1.0, 0.2, 0.35);
    const auto result = escape::energy_diffusion_mfpt(problem);
    const double omega = problem.oscillator.angular_per_ps, sites = problem.oscillator.domain_sites;
    CHECK(result.metastable_action_meV_ps == Approx(shape.barrier_orbit_action(omega, sites)).epsilon(1e-8));
    CHECK(result.normal_action_meV_ps == Approx(shape.normal_orbit_action(omega, sites)).epsilon(1e-8));
    CHECK(result.metastable_action_meV_ps == Approx(problem.geometry().action_meV_ps).epsilon(1e-8));
  }
}

TEST_CASE("Energy diffusion: without a margin the rate tends to k_ED as 1/(beta dE_b)", "[escape][energy_diffusion]") {
  // Margin 0: absorbed on reaching the barrier energy in the normal well, which every crossing does
  // at once, so the graph reduces to first passage to the separatrix — Kramers' energy-diffusion
  // problem, whose rate is k_ED up to the anharmonicity of the well and the logarithmic growth of
  // the orbit period at the separatrix, both O(1/βΔE_b).
  for (const auto form : {physics::WellForm::cubic, physics::WellForm::quartic}) {
    for (const double height : {10.0, 40.0, 160.0}) {
      const auto problem = test_problem(form, height, 0.0);
      const auto result = escape::energy_diffusion_mfpt(problem);
      const double ratio = result.rate_per_ps / problem.theory().energy_diffusion_per_ps;
      CHECK(ratio < 1.0);
      CHECK(ratio > 1.0 - 2.5 / height);
      CHECK(result.junction_time_ps == 0.0);
    }
  }
}

TEST_CASE("Energy diffusion: re-trapping after the crossing divides the rate by 1 + 2(1 - e^-m) I_M/I_N",
          "[escape][energy_diffusion]") {
  // After the first crossing the trajectory diffuses in energy on the graph; relaxing in N costs
  // γτ_B = ζ_free ∫_{−m}^{0} e^{s}/I_N ds ≈ 2ζ_M (1 − e^{−m})/I_N at high barriers (ζ_free ≈ 2ζ_M, the
  // two metastable wells' weight), against the first passage γτ ≈ ζ_M/I_M: the rate falls by
  // 1 + 2(1 − e^{−m}) I_M/I_N, up to the variation of I_N across the margin, ~1% at βΔE_b = 80.
  for (const double margin : {1.0, 2.0, 4.0}) {
    const auto free_crossing = escape::energy_diffusion_mfpt(test_problem(physics::WellForm::cubic, 80.0, 0.0));
    const auto with_margin = escape::energy_diffusion_mfpt(test_problem(physics::WellForm::cubic, 80.0, margin));
    const double expected = 1.0 / (1.0 + 2.0 * (1.0 - std::exp(-margin)) * with_margin.metastable_action_meV_ps /
                                             with_margin.normal_action_meV_ps);
    CHECK(with_margin.rate_per_ps / free_crossing.rate_per_ps == Approx(expected).epsilon(0.015));
  }
}

TEST_CASE("Energy diffusion: tau scales as 1/gamma", "[escape][energy_diffusion]") {
  const auto problem = test_problem(physics::WellForm::quartic, 8.0, 2.0);
  const auto slow = escape::energy_diffusion_mfpt(problem);
  const auto fast = escape::energy_diffusion_mfpt(problem.with_damping(4.0 * problem.oscillator.damping_per_ps));
  CHECK(fast.mean_time_ps * 4.0 == Approx(slow.mean_time_ps).epsilon(1e-12));
}
