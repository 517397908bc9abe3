// The analytic test wells (cubic, quartic): their closed forms against
// definitions — derivatives by finite differences, orbit actions by quadrature.
#include <catch2/catch.hpp>

#include <cmath>

#include "metasc/error.hpp"
#include "metasc/physics/escape_theory.hpp"
#include "metasc/physics/test_landscapes.hpp"
#include "metasc/units.hpp"

using namespace metasc::physics;
using metasc::units::hbar_meV_ps;
using metasc::units::two_pi;

namespace {

constexpr double omega = two_pi * 22.0;  // rad/ps
constexpr double sites = 80.0;

/// Central difference of f at x, step h (error O(h²)).
template <class F>
double derivative(const F& f, double x, double h) {
  return (f(x + h) - f(x - h)) / (2.0 * h);
}

void check_common(const AnalyticWell& well, double barrier, double q_b, double q_ms) {
  const auto c = well.critical_points();
  CHECK(c.Q_barrier == q_b);
  CHECK(c.Q_metastable == q_ms);
  CHECK(well.potential(0.0) == 0.0);
  CHECK(c.V_barrier_meV - c.V_metastable_meV == Approx(barrier).epsilon(1e-13));
  for (const double Q : {0.0, q_b, q_ms}) CHECK(std::abs(well.slope(Q)) <= 1e-12 * barrier / q_ms);
  CHECK(well.curvature(q_b) < 0.0);
  CHECK(well.curvature(q_ms) > 0.0);
  // Even in Q; V' and V'' are the derivatives of V and V'. Away from the joins at 0 and Q_B
  // (where V''' jumps, so central differences err by O(h)) to O(h²); V'' is continuous at the joins.
  const double h = 1e-5 * q_ms;
  const double scale = barrier / (q_ms * q_ms);
  for (const double Q : {-1.3 * q_ms, -0.5 * q_b, 0.3 * q_b, 0.5 * (q_b + q_ms), q_ms, 1.4 * q_ms}) {
    CHECK(well.potential(-Q) == well.potential(Q));
    CHECK(well.slope(-Q) == -well.slope(Q));
    CHECK(well.curvature(-Q) == well.curvature(Q));
    CHECK(derivative([&](double x) { return well.potential(x); }, Q, h) == Approx(well.slope(Q)).margin(1e-6 * scale * q_ms));
    CHECK(derivative([&](double x) { return well.slope(x); }, Q, h) == Approx(well.curvature(Q)).margin(1e-5 * scale));
  }
  for (const double join : {0.0, q_b}) {
    CHECK(well.curvature(join - 1e-9 * q_ms) == Approx(well.curvature(join + 1e-9 * q_ms)).margin(1e-5 * scale));
    CHECK(derivative([&](double x) { return well.potential(x); }, join, h) == Approx(well.slope(join)).margin(1e-6 * scale * q_ms));
  }
  // The far turning point closes the barrier orbit, and the closed-form actions are the quadratures.
  const double q_turn = well.far_turning_point();
  CHECK(q_turn > q_ms);
  CHECK(well.potential(q_turn) == Approx(c.V_barrier_meV).epsilon(1e-13));
  CHECK(far_turning_point([&](double Q) { return well.potential(Q); }, q_b, q_ms) == Approx(q_turn).epsilon(1e-12));
  const Potential V = [&](double Q) { return well.potential(Q); };
  CHECK(well.barrier_orbit_action(omega, sites) == Approx(barrier_action(V, q_b, q_turn, omega, sites)).epsilon(1e-9));
  CHECK(well.normal_orbit_action(omega, sites) == Approx(barrier_action(V, -q_b, q_b, omega, sites)).epsilon(1e-9));
}

}  // namespace

TEST_CASE("Cubic test well: standard cubic at the barrier, C2 join, closed forms", "[escape][landscape]") {
  const double barrier = 1.3, q_b = 0.2, q_ms = 0.35, L = q_ms - q_b;
  const AnalyticWell well(WellForm::cubic, barrier, q_b, q_ms);
  check_common(well, barrier, q_b, q_ms);
  // Near the metastable minimum it is ΔV(3y² − 2y³) above V(Q_MS), y = (Q_MS − Q)/L.
  for (const double y : {-0.4, 0.25, 0.8}) {
    CHECK(well.potential(q_ms - y * L) - well.potential(q_ms) == Approx(barrier * y * y * (3.0 - 2.0 * y)).epsilon(1e-13));
  }
  CHECK(well.curvature(q_ms) == Approx(6.0 * barrier / (L * L)).epsilon(1e-13));
  CHECK(well.curvature(q_b) == Approx(-6.0 * barrier / (L * L)).epsilon(1e-13));
  CHECK(well.far_turning_point() == Approx(q_ms + 0.5 * L).epsilon(1e-15));
  // I_b = 36 ΔE_b/(5 ω_a) for the cubic.
  const double omega_a = std::sqrt(omega / hbar_meV_ps * well.curvature(q_ms));
  CHECK(well.barrier_orbit_action(omega, sites) == Approx(36.0 * sites * barrier / (5.0 * omega_a)).epsilon(1e-13));
  CHECK(well.critical_points().kind == LandscapeClass::metastable_I);
}

TEST_CASE("Quartic test well: V' = kappa x (x - Q_B)(x - Q_MS), closed forms", "[escape][landscape]") {
  const double barrier = 0.9, q_b = 0.18, q_ms = 0.33;
  const AnalyticWell well(WellForm::quartic, barrier, q_b, q_ms);
  check_common(well, barrier, q_b, q_ms);
  // ω_b/ω_a = sqrt(Q_B/Q_MS), and V''(0) = κ Q_B Q_MS with V''(Q_MS) = κ Q_MS (Q_MS − Q_B).
  CHECK(-well.curvature(q_b) / well.curvature(q_ms) == Approx(q_b / q_ms).epsilon(1e-13));
  CHECK(well.curvature(0.0) / well.curvature(q_ms) == Approx(q_b / (q_ms - q_b)).epsilon(1e-13));
  // Q_MS = 2 Q_B puts both minima at the same height; further out, the metastable one is lower.
  CHECK(AnalyticWell(WellForm::quartic, 1.0, 0.1, 0.2).potential(0.2) == Approx(0.0).margin(1e-14));
  CHECK(AnalyticWell(WellForm::quartic, 1.0, 0.1, 0.25).critical_points().kind == LandscapeClass::metastable_II);
  CHECK(well.critical_points().kind == LandscapeClass::metastable_I);
}

TEST_CASE("Analytic wells refuse shapes without a metastable well", "[escape][landscape]") {
  CHECK_THROWS_AS(AnalyticWell(WellForm::cubic, 1.0, 0.3, 0.2), metasc::Error);
  CHECK_THROWS_AS(AnalyticWell(WellForm::quartic, 0.0, 0.1, 0.2), metasc::Error);
  CHECK_THROWS_AS(AnalyticWell(WellForm::cubic, 1.0, 0.0, 0.2), metasc::Error);
}
