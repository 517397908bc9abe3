#include "metasc/escape/energy_diffusion.hpp"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <boost/numeric/odeint.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>

#include "metasc/error.hpp"
#include "metasc/units.hpp"

namespace metasc::escape {

namespace {

/// ∫ y' ds over [from, to] for the system `rates(s, y', y)`, y(from) = 0: adaptive
/// Dormand–Prince for components scaled to O(1), tolerance 1e-7 relative plus 1e-10
/// absolute (the orbit actions it integrates are good to ~1e-9 relative, ~1e-12 absolute
/// near the well bottom: a tighter tolerance only chases their noise). One pass serves
/// the nested integrals of a branch.
template <std::size_t N, class Rates>
std::array<double, N> integrate_branch(const Rates& rates, double from, double to) {
  namespace odeint = boost::numeric::odeint;
  std::array<double, N> y{};
  if (!(to > from)) return y;
  odeint::integrate_adaptive(odeint::make_controlled(1e-10, 1e-7, odeint::runge_kutta_dopri5<std::array<double, N>>()),
                             [&](const std::array<double, N>& state, std::array<double, N>& rate, double s) {
                               rates(s, rate, state);
                             },
                             y, from, to, (to - from) / 64.0);
  for (const double value : y)
    if (!std::isfinite(value)) throw NumericalError("energy-diffusion MFPT: a branch integral is not finite");
  return y;
}

/// Orbit actions I(e) [meV·ps] of the three kinds of orbit at energy e per site.
class OrbitActions {
 public:
  explicit OrbitActions(const EscapeProblem& problem)
      : well_(problem.well),
        scale_(problem.oscillator.domain_sites * std::sqrt(units::hbar_meV_ps / problem.oscillator.angular_per_ps)),
        far_turn_(physics::far_turning_point(well_.potential, well_.critical.Q_barrier, well_.critical.Q_metastable)),
        reference_(std::sqrt(2.0 * (well_.critical.V_barrier_meV - well_.critical.V_metastable_meV)) *
                   (far_turn_ - well_.critical.Q_barrier)) {}

  /// The metastable-well orbit, V(Q_MS) < e ≤ V(Q_B).
  double metastable(double e) const {
    const auto& c = well_.critical;
    // Near the bottom V − e is all cancellation: the harmonic orbit, ∮ = 2π(e − V_MS)/sqrt(V''(Q_MS)),
    // is exact there to O((e − V_MS)/ΔV) = 1e-6.
    const double depth = e - c.V_metastable_meV;
    if (depth <= 1e-6 * (c.V_barrier_meV - c.V_metastable_meV))
      return scale_ * units::two_pi * std::max(0.0, depth) / std::sqrt(well_.curvature_metastable_meV);
    return 2.0 * scale_ * integral(e, turning(e, c.Q_barrier, c.Q_metastable), turning(e, c.Q_metastable, far_turn_));
  }
  /// The normal-well orbit between ±q_n, V(0) < e ≤ V(Q_B).
  double normal(double e) const { return 4.0 * scale_ * integral(e, 0.0, turning(e, 0.0, well_.critical.Q_barrier)); }
  /// The orbit above the barrier, e ≥ V(Q_B), across all three wells; split at Q_B, where
  /// the momentum nearly vanishes just above the barrier energy.
  double spanning(double e) const {
    const double outer = outer_point(well_.potential, well_.critical, e);
    return 4.0 * scale_ * (integral(e, 0.0, well_.critical.Q_barrier) + integral(e, well_.critical.Q_barrier, outer));
  }

 private:
  /// The root of V(Q) = e in [a, b], where V − e changes sign (an end may be the root).
  double turning(double e, double a, double b) const {
    const auto excess = [&](double Q) { return well_.potential(Q) - e; };
    const double fa = excess(a), fb = excess(b);
    if (fa == 0.0) return a;
    if (fb == 0.0) return b;
    // No sign change: the level sits at a critical value at one end (rounding decides the sign).
    if ((fa > 0.0) == (fb > 0.0)) return std::abs(fa) <= std::abs(fb) ? a : b;
    std::uintmax_t iterations = 200;
    const auto [low, high] =
        boost::math::tools::toms748_solve(excess, a, b, fa, fb, boost::math::tools::eps_tolerance<double>(), iterations);
    return 0.5 * (low + high);
  }
  /// ∫_a^b sqrt(2(e − V)) dQ [sqrt(meV)]. With Q = a + (b − a)(1 − cos θ)/2 the square roots at
  /// turning points become smooth in θ, and adaptive Gauss–Kronrod bisects its way past the
  /// kinks of V'' that a tabulated (C¹ cubic Hermite) landscape has at every node.
  double integral(double e, double a, double b) const {
    if (!(b > a)) return 0.0;
    const double half = 0.5 * (b - a);
    const auto integrand = [&](double theta) {
      const double Q = a + half * (1.0 - std::cos(theta));
      return std::sqrt(2.0 * std::max(0.0, e - well_.potential(Q))) * half * std::sin(theta);
    };
    double error = 0.0;
    const double value =
        boost::math::quadrature::gauss_kronrod<double, 15>::integrate(integrand, 0.0, std::numbers::pi, 20, 1e-10, &error);
    // Relative accuracy, with a floor far below the barrier orbit for the smallest orbits.
    if (!std::isfinite(value) || error > 1e-7 * value + 1e-11 * reference_)
      throw NumericalError("energy-diffusion MFPT: orbit action did not converge at e = " + std::to_string(e) + " meV");
    return value;
  }

  const Well& well_;
  double scale_;     ///< N_s sqrt(ħ/ω): I = scale·∮ sqrt(2(e − V)) dQ
  double far_turn_;   ///< outer turning point of the barrier-energy orbit
  double reference_;  ///< sqrt(2ΔV)·(Q_turn − Q_B): the scale of the barrier-orbit integral
};

}  // namespace

EnergyDiffusionMfpt energy_diffusion_mfpt(const EscapeProblem& problem) {
  const auto& c = problem.well.critical;
  const double kT_site = problem.kT_per_site_meV();
  // s = β(H − H_B) = (e − V(Q_B))/(k_BT/N_s); every Boltzmann weight below is scaled by e^{βH_B}.
  const auto energy = [&](double s) { return c.V_barrier_meV + kT_site * s; };
  const double s_bottom = (c.V_metastable_meV - c.V_barrier_meV) / kT_site;
  const double s_origin = (c.V_origin_meV - c.V_barrier_meV) / kT_site;
  const double s_relaxed = -problem.margin_kT;
  if (!(s_relaxed > s_origin))
    throw NumericalError("energy-diffusion MFPT: the relaxed level V(Q_B) − m k_BT/N_s lies below V(0): nothing to "
                         "escape into");
  const OrbitActions actions(problem);
  // Actions in units of the barrier orbit's, I_b, and weights scaled so that every integrated
  // quantity is O(1): then one absolute tolerance serves all (see integrate_branch).
  const double I_b = actions.metastable(energy(0.0));
  const auto I_M = [&](double s) { return actions.metastable(energy(s)) / I_b; };
  const auto I_N = [&](double s) { return actions.normal(energy(s)) / I_b; };

  // Branch M, bottom → barrier. ζ_M(s) = e^{βH_B} ∫_{bottom}^{H} T e^{−βH'} dH' = I_M e^{−s} + ∫ I_M e^{−s'} ds'
  // (by parts) = I_b e^{−s_bottom} ẑ(s), ẑ = I_M e^{−(s − s_bottom)} + y0; y1 = ∫ ẑ² e^{s}/I_M ds gives
  // the Boltzmann average of τ over the well, ∫ ζ_M² e^{s}/I_M ds = I_b e^{−2 s_bottom} y1.
  const auto metastable = integrate_branch<2>(
      [&](double s, std::array<double, 2>& rate, const std::array<double, 2>& y) {
        const double I = I_M(s);
        const double weight = I * std::exp(-(s - s_bottom));
        const double zeta = weight + y[0];
        rate = {weight, I > 0.0 ? zeta * zeta * std::exp(s) / I : 0.0};
      },
      s_bottom, 0.0);
  const double zeta_M = I_M(0.0) * std::exp(s_bottom) + metastable[0];  // ζ_M(0) e^{s_bottom}/I_b

  // Branch N, relaxed level → barrier, where τ = 0: ζ_N(s)/I_b = I_N e^{−s} − I_N(s_r) e^{−s_r} + y0;
  // y1 = ∫ e^{s}/I_N ds and y2 = ∫ (ζ_N/I_b) e^{s}/I_N ds give τ_B once the junction flux is known.
  const double I_N_relaxed = I_N(s_relaxed);
  const auto normal = integrate_branch<3>(
      [&](double s, std::array<double, 3>& rate, const std::array<double, 3>& y) {
        const double I = I_N(s);
        const double zeta = I * std::exp(-s) - I_N_relaxed * std::exp(-s_relaxed) + y[0];
        rate = {I * std::exp(-s), std::exp(s) / I, zeta * std::exp(s) / I};
      },
      s_relaxed, 0.0);
  const double zeta_N = I_N(0.0) - I_N_relaxed * std::exp(-s_relaxed) + normal[0];

  // Branch T, barrier → ∞ (beyond s = 60 the weight is below e^{−60}): ζ_T/I_b = −I_T(0) + ∫ I_T e^{−s} ds.
  const auto spanning = integrate_branch<1>(
      [&](double s, std::array<double, 1>& rate, const std::array<double, 1>&) {
        rate = {actions.spanning(energy(s)) / I_b * std::exp(-s)};
      },
      0.0, 60.0);
  const double zeta_T = -actions.spanning(energy(0.0)) / I_b + spanning[0];

  // Flux balance at the junction: all the weight outside the absorbing set flows through N,
  // γ k_BT I_N e^{−βH} τ_N' = ζ_free − ζ_N(s); hence γ τ_B = ζ_free ∫ e^{s}/I_N − ∫ ζ_N e^{s}/I_N.
  const double zeta_free = zeta_T + zeta_N + 2.0 * std::exp(-s_bottom) * zeta_M;
  const double gamma_tau_junction = zeta_free * normal[1] - normal[2];
  // γ(⟨τ⟩_M − τ_B) = ∫ ζ_M² e^{s}/I_M ds / ζ_M(0): the Boltzmann average, by parts.
  const double gamma_tau_well = std::exp(-s_bottom) * metastable[1] / zeta_M;

  const double gamma = problem.oscillator.damping_per_ps;
  EnergyDiffusionMfpt result;
  result.junction_time_ps = gamma_tau_junction / gamma;
  result.mean_time_ps = (gamma_tau_junction + gamma_tau_well) / gamma;
  result.rate_per_ps = 1.0 / result.mean_time_ps;
  result.metastable_action_meV_ps = I_b;
  result.normal_action_meV_ps = I_N(0.0) * I_b;
  return result;
}

}  // namespace metasc::escape
