// Lifetime of the quasi-particle-trapped state by PETSc TS with TSEvent
// (PHYSICS.md §6, Fig. 4): against the quadrature τ_MS = ∫ dn / (dn/dt), its
// monotonic fall with n(0), the estimate (n_av − n(0)) τ_g, and the Arrhenius
// slope Ω_ν. Every rank runs the same serial integrations (PETSC_COMM_SELF).
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "metasc/kinetics/lifetime.hpp"
#include "metasc/units.hpp"
#include "test_environment.hpp"

using namespace metasc::physics;
using metasc::kinetics::trapped_lifetime;

namespace {

const BcsBand k_band{.dos_per_meV = 0.015, .cutoff_meV = metasc::units::phonon_energy_meV(22.0)};
const double k_bare = pairing_from_zero_temperature_gap(k_band, 7.0);
constexpr double k_edge = 8.0;   // Ω_max
constexpr double k_mode = 52.0;  // Ω_ν

QuasiparticleRate rate_model(double band_sigma_meV) {
  return QuasiparticleRate(EliashbergFunction(PowerLawContinuum{.coupling = 0.05, .power = 2.0, .max_meV = k_edge},
                                              {{.energy_meV = k_mode, .coupling_meV = 0.3}},
                                              GaussianBand{.sigma_meV = band_sigma_meV}));
}

KineticsConditions relaxed(double temperature_K) {
  return {.band = k_band, .pairing_meV = k_bare, .kT_meV = metasc::units::kT_meV(temperature_K)};
}

// to the full collapse, tight; and as the sweeps run: until τ_MS only
const LifetimeOptions k_options{.t_max_ps = 1e12, .relative_tolerance = 1e-8};
const LifetimeOptions k_sweep{.t_max_ps = 1e12, .relative_tolerance = 1e-6, .until_collapse = false};

}  // namespace

TEST_CASE("tau_MS by TS + TSEvent equals the quadrature of dn / (dn/dt) from n(0) to n_av", "[kinetics]") {
  REQUIRE(test_environment().size() >= 1);  // PETSc is up
  const auto rate = rate_model(12.0);
  const auto conditions = relaxed(100.0);
  const double n_av = *density_at_gap(conditions, 0.5 * k_edge);
  for (const double fraction : {0.1, 0.6}) {
    const double n0 = fraction * n_av;
    auto options = k_options;
    options.record_trajectory = true;
    const auto life = trapped_lifetime(rate, conditions, k_edge, n0, options);
    const double quadrature = boost::math::quadrature::gauss_kronrod<double, 21>::integrate(
        [&](double n) { return 1.0 / density_rate(rate, conditions, n).rate_per_ps; }, n0, n_av, 10, 1e-10);
    INFO("n(0) = " << n0 << ", n_av = " << n_av << ": tau_MS = " << life.lifetime_ps << " ps, quadrature " << quadrature
                   << " ps, " << life.steps << " steps");
    CHECK(life.lifetime_ps == Approx(quadrature).epsilon(1e-6));
    REQUIRE(life.collapse_time_ps.has_value());
    CHECK(*life.collapse_time_ps > life.lifetime_ps);
    REQUIRE_FALSE(life.trajectory.empty());
    const auto& last = life.trajectory.back();
    CHECK(last.time_ps == Approx(*life.collapse_time_ps).epsilon(1e-12));
    CHECK(last.gap_meV == Approx(0.01 * life.initial_state.gap_meV).epsilon(1e-6).margin(1e-7));
    for (std::size_t i = 1; i < life.trajectory.size(); ++i) {
      CHECK(life.trajectory[i].density >= life.trajectory[i - 1].density);  // λ > 0 throughout: n only grows
    }
    // as the sweeps run it: stopped at τ_MS, at the looser default tolerance
    const auto sweep = trapped_lifetime(rate, conditions, k_edge, n0, k_sweep);
    CHECK_FALSE(sweep.collapse_time_ps.has_value());
    CHECK(sweep.lifetime_ps == Approx(quadrature).epsilon(1e-5));
  }
}

TEST_CASE("tau_MS falls monotonically with n(0) and vanishes once 2 Delta(0) <= Omega_max", "[kinetics]") {
  const auto rate = rate_model(12.0);
  const auto conditions = relaxed(100.0);
  const double n_av = *density_at_gap(conditions, 0.5 * k_edge);
  double previous = INFINITY;
  for (const double fraction : {0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99}) {
    const auto life = trapped_lifetime(rate, conditions, k_edge, fraction * n_av, k_sweep);
    INFO("n(0) = " << fraction << " n_av: tau_MS = " << life.lifetime_ps << " ps");
    CHECK(life.lifetime_ps < previous);
    CHECK(life.lifetime_ps > 0.0);
    previous = life.lifetime_ps;
  }
  const auto beyond = trapped_lifetime(rate, conditions, k_edge, 1.2 * n_av, k_options);
  CHECK(2.0 * beyond.initial_state.gap_meV <= k_edge);
  CHECK(beyond.lifetime_ps == 0.0);
  REQUIRE(beyond.collapse_time_ps.has_value());
  CHECK(std::isfinite(*beyond.collapse_time_ps));
}

TEST_CASE("no net generation (n(0) at or above equilibrium): the trapped state never decays", "[kinetics]") {
  const auto rate = rate_model(12.0);
  const auto conditions = relaxed(30.0);  // below T_c: a gapped equilibrium exists
  const double n_eq = driven_density(k_band, k_bare, conditions.kT_meV);
  const auto life = trapped_lifetime(rate, conditions, k_edge, 1.05 * n_eq, k_options);
  CHECK(life.initial_rate_per_ps < 0.0);
  CHECK(std::isinf(life.lifetime_ps));
  CHECK(std::isinf(life.collapse_time_ps.value()));
}

TEST_CASE("while 2 Delta stays in the phonon gap, tau_MS = (n_av - n(0)) tau_g within 20%", "[kinetics]") {
  // The estimate assumes the P 8 rate all the way, i.e. λ ≫ T until n_av. With
  // Ω_max = 12 meV the gap only falls from 14 to 12 meV, deep in the phonon gap,
  // and n_av stays far below the thermal density (λ/T > 2 at n_av); with
  // Ω_max = 8 meV λ/T falls to ~1 at n_av and the rate with it (τ_MS ≈ 1.3 ×
  // the estimate at 100 K, see the K3C60 input).
  const auto rate = rate_model(25.0);
  constexpr double edge = 12.0;
  for (const double temperature_K : {100.0, 300.0}) {
    const auto conditions = relaxed(temperature_K);
    const double n_av = *density_at_gap(conditions, 0.5 * edge);
    const double n0 = 0.05 * n_av;
    const auto life = trapped_lifetime(rate, conditions, edge, n0, k_sweep);
    const double estimate = (n_av - n0) / life.initial_rate_per_ps;
    INFO("T = " << temperature_K << " K: tau_MS = " << life.lifetime_ps << " ps, estimate " << estimate << " ps");
    CHECK(life.lifetime_ps == Approx(estimate).epsilon(0.2));
    CHECK(life.lifetime_ps > estimate);  // the rate only falls as λ falls
  }
}

TEST_CASE("Arrhenius: ln tau_MS against 1/k_B T has the slope Omega_nu within 10%", "[kinetics]") {
  const auto rate = rate_model(60.0);
  std::vector<double> inverse_kT, log_tau;
  for (const double temperature_K : {50.0, 60.0, 70.0, 80.0}) {
    const auto conditions = relaxed(temperature_K);
    const double n0 = 0.05 * *density_at_gap(conditions, 0.5 * k_edge);
    const auto life = trapped_lifetime(rate, conditions, k_edge, n0, k_sweep);
    inverse_kT.push_back(1.0 / conditions.kT_meV);
    log_tau.push_back(std::log(life.lifetime_ps));
  }
  // least-squares slope
  const double count = static_cast<double>(inverse_kT.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < inverse_kT.size(); ++i) {
    sx += inverse_kT[i];
    sy += log_tau[i];
    sxx += inverse_kT[i] * inverse_kT[i];
    sxy += inverse_kT[i] * log_tau[i];
  }
  const double slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
  INFO("d ln tau_MS / d(1/k_B T) = " << slope << " meV");
  CHECK(slope == Approx(k_mode).epsilon(0.1));
}
