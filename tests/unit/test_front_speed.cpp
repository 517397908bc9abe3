// The front speed of a seeded droplet (nucleation/front_speed.hpp) against the
// closed form of a travelling front. A 1-D lattice in the Nagumo well
//   V'(Q) = k Q (Q − a)(Q − 1),  1/2 < a < 1:
// Q = 1 is metastable (V(1) − V(0) = k(2a − 1)/12 > 0), Q = a the barrier,
// Q = 0 the stable phase. In the continuum the lattice's equation is
//   Q_tt + γ Q_t = (ω/ħ)(κ Q_xx − V'(Q)),
// and a front Q(x − vt) turns the inertia into a smaller stiffness,
// κ_eff = κ − ħv²/ω, leaving the overdamped (Nagumo) equation, whose front
// speed is exact: v = B sqrt(κ_eff) with B = (ω/(ħγ)) sqrt(2k) (a − 1/2). So
//   v² = B² κ / (1 + B² ħ/ω),
// which the lattice approaches when the front is many cells wide (the lattice
// Laplacian corrects it at O(1/width²)) and dt is small. The noise is
// negligible (k_BT = 1e-8 meV): this is the deterministic limit of the
// seeded run, measured through the same radius and fit as metasc-nucleation.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/nucleation/front_speed.hpp"
#include "metasc/nucleation/lattice_dynamics.hpp"
#include "metasc/stats/mean_interval.hpp"
#include "metasc/stochastic/force_table.hpp"
#include "metasc/units.hpp"

using namespace metasc::nucleation;
using metasc::units::hbar_meV_ps;

namespace {

constexpr double k = 10.0, a = 0.75;                  // meV, and the barrier at Q = a
constexpr double angular_per_ps = 10.0, kappa = 200.0;  // rad/ps, meV: the front is ~9 cells wide

metasc::stochastic::ForceTable nagumo_well() {
  const int nodes = 2001;
  metasc::stochastic::LandscapeNodes table{.Q_first = -0.5, .Q_step = 2.0 / (nodes - 1), .potential_meV = {},
                                           .slope_meV = {}};
  for (int i = 0; i < nodes; ++i) {
    const double Q = table.Q_first + table.Q_step * i;
    table.potential_meV.push_back(k * (Q * Q * Q * Q / 4.0 - (1.0 + a) * Q * Q * Q / 3.0 + a * Q * Q / 2.0));
    table.slope_meV.push_back(k * Q * (Q - a) * (Q - 1.0));
  }
  return metasc::stochastic::ForceTable(table, hbar_meV_ps * angular_per_ps);
}

/// The front speed measured on two lattices of a 1-D chain seeded with a normal nucleus.
double measured_speed(double damping_per_ps) {
  const std::int64_t cells = 800;
  const double dt = 0.001, output_ps = 0.05, seed_radius = 40.0;
  const metasc::stochastic::Oscillator oscillator{.angular_per_ps = angular_per_ps, .damping_per_ps = damping_per_ps,
                                                  .kT_meV = 1e-8, .domain_sites = 1.0};
  const SeedGeometry seed({cells}, seed_radius);
  LatticeDynamics<metasc::stochastic::ForceTable> dynamics(metasc::stochastic::Scheme::baoab, oscillator, dt,
                                                           nagumo_well(), 3, PeriodicLattice({cells}), kappa);
  const auto stride = static_cast<std::uint64_t>(std::llround(output_ps / dt));
  const std::uint64_t steps = 8000;
  std::vector<double> time_ps, radius;
  for (std::uint64_t lattice = 0; lattice < 2; ++lattice) {
    std::vector<double> Q(cells), P(cells, 0.0);
    for (std::int64_t c = 0; c < cells; ++c) Q[c] = seed.in_seed(c) ? 0.0 : 1.0;
    dynamics.couple(Q.data());
    std::vector<std::int32_t> superconducting, far_superconducting;
    for (std::uint64_t n = 0; n <= steps; ++n) {
      if (n % stride == 0) {
        std::int32_t all = 0, far = 0;
        for (std::int64_t c = 0; c < cells; ++c) {
          const bool superconducting_cell = std::abs(Q[c]) > a;
          all += superconducting_cell ? 1 : 0;
          far += superconducting_cell && seed.far(c) ? 1 : 0;
        }
        superconducting.push_back(all);
        far_superconducting.push_back(far);
        if (lattice == 0) time_ps.push_back(static_cast<double>(n) * dt);
      }
      if (n < steps) dynamics.step(Q.data(), P.data(), lattice, n, 0.0);
    }
    const auto r = seed.front_radius_cells(superconducting, far_superconducting);
    radius.insert(radius.end(), r.begin(), r.end());
  }
  // 1 ps: the step profile relaxes onto the travelling front (its rate ~ V''/(ħγ/ω) ≫ 1/ps).
  const auto fit = fit_front_speed(time_ps, radius, 1.0, seed.fit_end_radius_cells());
  INFO("fitted over " << fit.fit_start_ps << " .. " << fit.fit_end_ps << " ps, " << fit.fit_points << " points");
  REQUIRE(fit.fit_points > 50);
  return fit.speed_cells_per_ps.mean;
}

}  // namespace

TEST_CASE("front speed: a seeded 1-D front moves at the Nagumo speed with the inertial stiffness kappa - hbar v^2/omega") {
  const double mobility = angular_per_ps / hbar_meV_ps;  // ω/ħ [1/(meV ps²)]
  for (const double damping : {30.0, 4.0}) {
    const double B = mobility / damping * std::sqrt(2.0 * k) * (a - 0.5);
    const double exact = std::sqrt(B * B * kappa / (1.0 + B * B / mobility));
    const double overdamped = B * std::sqrt(kappa);
    const double measured = measured_speed(damping);
    INFO("gamma = " << damping << "/ps: v = " << measured << " cells/ps, exact " << exact << ", overdamped "
                    << overdamped << ", sound speed " << std::sqrt(mobility * kappa));
    CHECK(std::abs(measured / exact - 1.0) < 0.005);  // measured: 0.1 % at both dampings
    // At γ = 4/ps inertia slows the front by a third: the overdamped speed is far off.
    if (damping < 10.0) CHECK(std::abs(measured / overdamped - 1.0) > 0.2);
  }
}

TEST_CASE("front speed: the radius of a d-ball of N cells, and the seed's range") {
  for (const int d : {1, 2, 3}) CHECK(ball_radius_cells(ball_cells(7.5, d), d) == Approx(7.5).epsilon(1e-14));
  CHECK(ball_cells(3.0, 1) == 6.0);  // two fronts, each 3 cells out
  CHECK_THROWS_AS(SeedGeometry({64, 64}, 16.5), metasc::ConfigError);  // more than a quarter of the lattice
  CHECK_THROWS_AS(SeedGeometry({64, 64}, 0.0), metasc::ConfigError);
  // An even extent's centre lies between cells: a radius of 0.5 holds the two (1-D) or four (2-D) around it.
  CHECK(SeedGeometry({64}, 0.5).seed_cells() == 2);
  CHECK(SeedGeometry({64, 64}, 0.75).seed_cells() == 4);
}

TEST_CASE("mean with a Student-t interval: two values give the Cauchy quantile tan(0.475 pi)") {
  const std::vector<double> values{0.0, 1.0};
  const auto estimate = metasc::stats::mean_with_interval(values);
  // s = 1/sqrt(2), s/sqrt(2) = 1/2; t_1(0.975) = tan(pi (0.975 - 1/2)) = 12.7062.
  const double half_width = 0.5 * std::tan(std::acos(-1.0) * 0.475);
  CHECK(estimate.mean == 0.5);
  CHECK(estimate.low == Approx(0.5 - half_width).epsilon(1e-12));
  CHECK(estimate.high == Approx(0.5 + half_width).epsilon(1e-12));
  CHECK_THROWS_AS(metasc::stats::mean_with_interval(std::vector<double>{1.0}), metasc::NumericalError);
}
