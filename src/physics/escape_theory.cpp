#include "metasc/physics/escape_theory.hpp"

#include <algorithm>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>

#include "metasc/error.hpp"
#include "metasc/units.hpp"

namespace metasc::physics {

namespace {

void require_positive(double value, const char* what) {
  if (!(value > 0.0 && std::isfinite(value)))
    throw NumericalError(std::string("escape theory: ") + what + " must be finite and > 0 (got " +
                         std::to_string(value) + ")");
}

/// ln(1 − e^{−t}) for t > 0 without cancellation at either end.
double log_one_minus_exp(double t) {
  return t > std::numbers::ln2 ? std::log1p(-std::exp(-t)) : std::log(-std::expm1(-t));
}

}  // namespace

double depletion_factor(double energy_loss) {
  require_positive(energy_loss, "the energy loss δ");
  const double delta = energy_loss;
  // x = cot(φ)/2 maps [0, ∞) onto (0, π/2] with dx/(x²+1/4) = −2dφ and x²+1/4 = 1/(4 sin²φ):
  //   ln A = (2/π) ∫_0^{π/2} ln(1 − exp(−δ/(4 sin²φ))) dφ.
  // For small δ the integrand is ≈ ln(δ/(4φ²)) down to φ ~ √δ and vanishes below, so a
  // logarithmic variable φ = e^u makes it smooth on the scale of u for every δ. Below
  // φ_min = √δ/40 the integrand is smaller than e^{−400}.
  const double phi_max = std::numbers::pi / 2.0;
  const double phi_min = std::sqrt(delta) / 40.0;
  if (phi_min >= phi_max) return 1.0;  // δ > 3900: ln A < e^{−970}, A = 1 in double precision
  const auto integrand = [delta](double u) {
    const double phi = std::exp(u);
    const double sine = std::sin(phi);
    return phi * log_one_minus_exp(delta / (4.0 * sine * sine));
  };
  double error_estimate = 0.0;
  const double integral = boost::math::quadrature::gauss_kronrod<double, 31>::integrate(
      integrand, std::log(phi_min), std::log(phi_max), 20, 1e-13, &error_estimate);
  if (!std::isfinite(integral) || error_estimate > 1e-9 * std::max(1.0, std::abs(integral)))
    throw NumericalError("depletion_factor: quadrature did not converge at δ = " + std::to_string(delta));
  return std::exp(2.0 / std::numbers::pi * integral);
}

EscapeRates escape_rates(const WellGeometry& well, double damping_per_ps, double kT_meV) {
  require_positive(well.omega_well_per_ps, "ω_a [rad/ps]");
  require_positive(well.omega_barrier_per_ps, "ω_b [rad/ps]");
  require_positive(well.barrier_meV, "the barrier ΔE_b [meV]");
  require_positive(well.action_meV_ps, "the barrier action I_b [meV·ps]");
  require_positive(damping_per_ps, "the damping γ [1/ps]");
  require_positive(kT_meV, "k_B T [meV]");

  EscapeRates rates;
  rates.barrier_over_kT = well.barrier_meV / kT_meV;
  rates.energy_loss = damping_per_ps * well.action_meV_ps / kT_meV;
  rates.depletion = depletion_factor(rates.energy_loss);
  rates.transition_state_per_ps = well.omega_well_per_ps / units::two_pi * std::exp(-rates.barrier_over_kT);
  // sqrt(γ²/4 + ω_b²) − γ/2 = ω_b² / (sqrt(γ²/4 + ω_b²) + γ/2): no cancellation at strong damping.
  const double half_gamma = 0.5 * damping_per_ps;
  const double omega_b = well.omega_barrier_per_ps;
  const double reactive_frequency = omega_b * omega_b / (std::hypot(half_gamma, omega_b) + half_gamma);
  rates.kramers_per_ps = rates.transition_state_per_ps * reactive_frequency / omega_b;
  rates.energy_diffusion_per_ps = rates.energy_loss * rates.transition_state_per_ps;
  rates.turnover_per_ps = rates.depletion * rates.kramers_per_ps;
  return rates;
}

double far_turning_point(const Potential& potential, double q_barrier, double q_metastable,
                         std::optional<std::pair<double, double>> bracket) {
  const double v_barrier = potential(q_barrier);
  if (!(potential(q_metastable) < v_barrier))
    throw NumericalError("far_turning_point: V(Q_MS) is not below V(Q_B) (Q_B = " + std::to_string(q_barrier) +
                         ", Q_MS = " + std::to_string(q_metastable) + ")");
  const auto excess = [&](double q) { return potential(q) - v_barrier; };

  if (!bracket) {
    // Walk away from the barrier in doubling steps until the wall rises above V(Q_B).
    const double direction = q_metastable > q_barrier ? 1.0 : -1.0;
    double step = 0.5 * std::abs(q_metastable - q_barrier);
    double inner = q_metastable;
    constexpr int max_doublings = 60;
    for (int i = 0; i < max_doublings && !bracket; ++i, step *= 2.0) {
      const double outer = inner + direction * step;
      if (excess(outer) >= 0.0)
        bracket = std::pair{inner, outer};
      else
        inner = outer;
    }
    if (!bracket)
      throw NumericalError("far_turning_point: the well beyond Q_MS = " + std::to_string(q_metastable) +
                           " never rises to the barrier energy");
  }
  const double lo = std::min(bracket->first, bracket->second);
  const double hi = std::max(bracket->first, bracket->second);
  const double f_lo = excess(lo);
  const double f_hi = excess(hi);
  if (f_lo == 0.0) return lo;
  if (f_hi == 0.0) return hi;
  if ((f_lo < 0.0) == (f_hi < 0.0))
    throw NumericalError("far_turning_point: V − V(Q_B) does not change sign on [" + std::to_string(lo) + ", " +
                         std::to_string(hi) + "]");
  std::uintmax_t iterations = 200;
  const auto [left, right] = boost::math::tools::toms748_solve(excess, lo, hi, f_lo, f_hi,
                                                               boost::math::tools::eps_tolerance<double>(), iterations);
  if (iterations >= 200) throw NumericalError("far_turning_point: root finder did not converge");
  return 0.5 * (left + right);
}

double barrier_action(const Potential& potential, double q_barrier, double q_turn, double omega_per_ps,
                      double domain_sites) {
  require_positive(omega_per_ps, "the phonon ω [rad/ps]");
  require_positive(domain_sites, "N_s");
  if (!(std::isfinite(q_barrier) && std::isfinite(q_turn) && q_barrier != q_turn))
    throw NumericalError("barrier_action: the orbit endpoints must be finite and distinct");
  const double v_orbit = potential(q_barrier);
  const double lo = std::min(q_barrier, q_turn);
  const double hi = std::max(q_barrier, q_turn);
  if (!(potential(0.5 * (lo + hi)) < v_orbit))
    throw NumericalError("barrier_action: the potential between Q_B and Q_turn is not below V(Q_B)");
  const double stiffness = omega_per_ps / units::hbar_meV_ps;  // ω/ħ [1/(meV·ps²)]
  // P(Q) = sqrt(2(ω/ħ)(V_B − V)); rounding may make V_B − V slightly negative at the ends.
  const auto momentum = [&](double q) { return std::sqrt(2.0 * stiffness * std::max(0.0, v_orbit - potential(q))); };
  // tanh–sinh: the square-root endpoint behaviour at a turning point costs it nothing.
  boost::math::quadrature::tanh_sinh<double> integrator;
  double error_estimate = 0.0;
  const double integral = integrator.integrate(momentum, lo, hi, 1e-12, &error_estimate);
  if (!std::isfinite(integral) || error_estimate > 1e-8 * integral)
    throw NumericalError("barrier_action: quadrature did not converge");
  return 2.0 * domain_sites / stiffness * integral;
}

}  // namespace metasc::physics
