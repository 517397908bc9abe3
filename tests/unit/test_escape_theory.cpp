// Rate theory of PHYSICS.md §7 against tabulated values, closed forms and its limits.
#include <catch2/catch.hpp>

#include <boost/math/special_functions/zeta.hpp>
#include <cmath>
#include <numbers>

#include "metasc/error.hpp"
#include "metasc/physics/escape_theory.hpp"
#include "metasc/units.hpp"

using namespace metasc::physics;
using metasc::units::hbar_meV_ps;
using metasc::units::two_pi;

TEST_CASE("Depletion factor matches the Mel'nikov-Meshkov table", "[escape_theory]") {
  CHECK(std::abs(depletion_factor(0.1) - 0.0771) <= 0.5e-4);
  CHECK(std::abs(depletion_factor(1.0) - 0.443) <= 0.5e-3);
  CHECK(std::abs(depletion_factor(10.0) - 0.974) <= 0.5e-3);
  CHECK_THROWS_AS(depletion_factor(0.0), metasc::NumericalError);
}

TEST_CASE("Depletion factor at weak energy loss: A = delta (1 + zeta(1/2) sqrt(delta/pi) + ...)", "[escape_theory]") {
  // ln(A/δ) = (1/π)∫ ln[(1−e^{−t})/t]/(x²+1/4) dx with t = δ(x²+1/4); scaling x = y/√δ gives
  // √δ/π ∫_0^∞ ln[(1−e^{−y²})/y²]/y² dy = ζ(1/2) √(δ/π) at leading order, next order O(δ).
  const double slope = boost::math::zeta(0.5) / std::sqrt(std::numbers::pi);
  for (const double delta : {1e-4, 1e-6, 1e-8, 1e-12}) {
    const double a = depletion_factor(delta);
    CHECK(std::abs(a / delta - 1.0) <= std::sqrt(delta));
    CHECK(std::log(a / delta) / std::sqrt(delta) == Approx(slope).margin(2.0 * std::sqrt(delta) + 1e-6));
  }
}

TEST_CASE("Depletion factor at strong energy loss: 1 - A = 2 exp(-delta/4)/sqrt(pi delta) (1 - 2/delta)", "[escape_theory]") {
  // Laplace's method at x = 0: ln A ≈ −(1/π)∫ e^{−δ(x²+1/4)}/(1/4) dx (1 − ...); the quartic term
  // of sec² in the angular form gives the relative correction −2/δ, the next one is O(1/δ²).
  for (const double delta : {40.0, 60.0, 100.0}) {
    const double one_minus_a = -std::expm1(std::log(depletion_factor(delta)));
    const double leading = 2.0 * std::exp(-delta / 4.0) / std::sqrt(std::numbers::pi * delta);
    CHECK(one_minus_a / leading == Approx(1.0 - 2.0 / delta).margin(20.0 / (delta * delta)));
  }
  CHECK(depletion_factor(1e4) == 1.0);
}

TEST_CASE("Rates: transition state, Kramers-Grote-Hynes and turnover limits", "[escape_theory]") {
  const WellGeometry well{.omega_well_per_ps = 50.0, .omega_barrier_per_ps = 40.0, .barrier_meV = 80.0,
                          .action_meV_ps = 11.5};
  const double kT = 8.0;
  const double arrhenius = std::exp(-well.barrier_meV / kT);
  const double tst = well.omega_well_per_ps / two_pi * arrhenius;

  SECTION("gamma -> 0: KGH tends to the transition-state rate, k_MM to energy diffusion") {
    const double gamma = 1e-6 * kT / well.action_meV_ps;  // δ = 1e-6
    const EscapeRates r = escape_rates(well, gamma, kT);
    CHECK(r.barrier_over_kT == Approx(10.0).epsilon(1e-15));
    CHECK(r.energy_loss == Approx(1e-6).epsilon(1e-14));
    CHECK(r.transition_state_per_ps == Approx(tst).epsilon(1e-14));
    // KGH/TST = sqrt(1 + (γ/2ω_b)²) − γ/2ω_b = 1 − γ/(2ω_b) + O(γ²).
    CHECK(std::abs(r.kramers_per_ps / tst - 1.0) <= gamma / well.omega_barrier_per_ps);
    CHECK(r.energy_diffusion_per_ps == Approx(1e-6 * tst).epsilon(1e-13));
    // k_MM/k_ED = (A/δ)(KGH/TST): off by 0.82√δ and γ/(2ω_b).
    CHECK(std::abs(r.turnover_per_ps / r.energy_diffusion_per_ps - 1.0) <=
          std::sqrt(r.energy_loss) + gamma / well.omega_barrier_per_ps);
  }
  SECTION("delta >> 1: turnover equals KGH") {
    const double gamma = 60.0 * kT / well.action_meV_ps;  // δ = 60
    const EscapeRates r = escape_rates(well, gamma, kT);
    const double kgh = tst / well.omega_barrier_per_ps *
                       (std::sqrt(gamma * gamma / 4.0 + well.omega_barrier_per_ps * well.omega_barrier_per_ps) -
                        gamma / 2.0);
    CHECK(r.kramers_per_ps == Approx(kgh).epsilon(1e-13));
    CHECK(std::abs(r.turnover_per_ps / r.kramers_per_ps - 1.0) <= 2.0 * std::exp(-60.0 / 4.0) / std::sqrt(60.0));
  }
  SECTION("gamma >> omega_b: KGH tends to the Smoluchowski rate omega_a omega_b/(2 pi gamma)") {
    const double gamma = 1e5;
    const EscapeRates r = escape_rates(well, gamma, kT);
    const double smoluchowski = well.omega_well_per_ps * well.omega_barrier_per_ps / (two_pi * gamma) * arrhenius;
    const double x = well.omega_barrier_per_ps / gamma;
    // γ/(γ/2 + sqrt(γ²/4 + ω_b²)) = 1 − x² + 2x⁴ − ..., x = ω_b/γ.
    CHECK(r.kramers_per_ps / smoluchowski == Approx(1.0 - x * x).margin(3.0 * x * x * x * x + 1e-15));
    CHECK(r.depletion == 1.0);
  }
  CHECK_THROWS_AS(escape_rates(well, 0.0, kT), metasc::NumericalError);
  CHECK_THROWS_AS(escape_rates(well, 0.1, -1.0), metasc::NumericalError);
}

TEST_CASE("Barrier action of a harmonic orbit is 2 pi E / Omega", "[escape_theory]") {
  // V = ½κ(Q−Q0)² per site, mass N_s ħ/ω: N_s(ħ/ω) Q̈ = −N_s κ (Q−Q0), so Ω² = (ω/ħ)κ. The orbit with
  // turning points Q0 ± a has energy E = N_s κ a²/2 and action ∮ p dq = 2πE/Ω.
  const double kappa = 3.0, q0 = 0.7, a = 0.4, omega = two_pi * 22.0, sites = 80.0;
  const Potential harmonic = [=](double q) { return 0.5 * kappa * (q - q0) * (q - q0); };
  const double q_turn = far_turning_point(harmonic, q0 - a, q0);
  CHECK(q_turn == Approx(q0 + a).epsilon(1e-14));
  const double frequency = std::sqrt(omega / hbar_meV_ps * kappa);
  const double energy = sites * 0.5 * kappa * a * a;
  CHECK(barrier_action(harmonic, q0 - a, q_turn, omega, sites) == Approx(two_pi * energy / frequency).epsilon(1e-11));
  // Same orbit from the other side.
  CHECK(far_turning_point(harmonic, q0 + a, q0) == Approx(q0 - a).epsilon(1e-14));
}

TEST_CASE("Barrier action of the cubic well is 36 dE_b / (5 omega_a)", "[escape_theory]") {
  // V = κQ²/2 − bQ³/3: barrier at Q_B = κ/b with ΔV = κ³/(6b²), far turning point −Q_B/2, and the
  // separatrix action 2∫ sqrt(2m̃(ΔE_b − N_sV)) dQ = 36 ΔE_b/(5 ω_a) with ω_a² = (ω/ħ)κ.
  const double kappa = 2.0, b = 5.0, omega = two_pi * 22.0, sites = 100.0;
  const Potential cubic = [=](double q) { return 0.5 * kappa * q * q - b * q * q * q / 3.0; };
  const double q_barrier = kappa / b;
  const double q_turn = far_turning_point(cubic, q_barrier, 0.0);
  CHECK(q_turn == Approx(-0.5 * q_barrier).epsilon(1e-13));
  CHECK(far_turning_point(cubic, q_barrier, 0.0, std::pair{-1.0, -0.01}) == Approx(-0.5 * q_barrier).epsilon(1e-13));
  const double barrier = sites * kappa * kappa * kappa / (6.0 * b * b);
  const double omega_a = std::sqrt(omega / hbar_meV_ps * kappa);
  CHECK(barrier_action(cubic, q_barrier, q_turn, omega, sites) == Approx(36.0 * barrier / (5.0 * omega_a)).epsilon(1e-10));

  CHECK_THROWS_AS(far_turning_point(cubic, q_barrier, 0.0, std::pair{0.01, 0.1}), metasc::NumericalError);
  CHECK_THROWS_AS(far_turning_point(cubic, 0.0, q_barrier), metasc::NumericalError);  // roles swapped
  const Potential open_well = [](double q) { return -q * q * q; };
  CHECK_THROWS_AS(far_turning_point(open_well, -1.0, 0.5), metasc::NumericalError);
}
