#include "metasc/physics/bcs.hpp"

#include <algorithm>
#include <boost/math/policies/error_handling.hpp>
#include <boost/math/tools/minima.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include "bcs_integrals.hpp"
#include "metasc/error.hpp"

namespace metasc::physics {
namespace {

// Gaps below e^-690 ≈ 3e-300 meV are reported as 0: the substitution ξ = Δ sinh u
// needs cosh(u_c) ≈ 2ω_c/Δ to stay finite.
constexpr double kLogGapFloor = -690.0;
constexpr double kGapFloor = 2.9e-300;  // ≈ e^kLogGapFloor, rounded down

constexpr std::uintmax_t kNewtonIterations = 40;
constexpr std::uintmax_t kBracketIterations = 200;

void require(bool ok, const char* name, const char* condition, double value) {
  if (ok) return;
  std::ostringstream message;
  message << "bcs: " << name << " must be " << condition << " (got " << value << ")";
  throw NumericalError(message.str());
}

void check_band(const BcsBand& band) {
  require(std::isfinite(band.dos_per_meV) && band.dos_per_meV > 0.0, "dos_per_meV", "finite and > 0",
          band.dos_per_meV);
  require(std::isfinite(band.cutoff_meV) && band.cutoff_meV > 0.0, "cutoff_meV", "finite and > 0", band.cutoff_meV);
}
void check_pairing(double pairing_meV) {
  require(std::isfinite(pairing_meV) && pairing_meV >= 0.0, "pairing_meV", "finite and >= 0", pairing_meV);
}
void check_kT(double kT_meV) { require(std::isfinite(kT_meV) && kT_meV >= 0.0, "kT_meV", "finite and >= 0", kT_meV); }
void check_lambda(double lambda_meV) { require(std::isfinite(lambda_meV), "lambda_meV", "finite", lambda_meV); }
void check_gap(double gap_meV) { require(std::isfinite(gap_meV) && gap_meV >= 0.0, "gap_meV", "finite and >= 0", gap_meV); }
void check_density(const BcsBand& band, double density) {
  require(density > 0.0 && density < 4.0 * band.dos_per_meV * band.cutoff_meV, "density", "in (0, 4 nu omega_c)",
          density);
}

/// Absolute tolerance on the bracket width for Boost's TOMS 748 (its eps_tolerance is relative, useless near 0).
struct AbsoluteTolerance {
  double width;
  bool operator()(double a, double b) const { return std::abs(a - b) <= width; }
};

template <class F>
double bracketed_root(const F& function, double lo, double hi, double f_lo, double f_hi, double tolerance) {
  std::uintmax_t iterations = kBracketIterations;
  const auto [a, b] =
      boost::math::tools::toms748_solve(function, lo, hi, f_lo, f_hi, AbsoluteTolerance{tolerance}, iterations);
  return 0.5 * (a + b);
}

struct NewtonRoot {
  double root;
  double slope;  ///< F'(root) from the last evaluation
};

/// Root of F on [lo, hi] by Boost's safeguarded Newton–Raphson from `guess`, with the
/// analytic slope: value_slope(v) → {F, F'}. Iterates until a step falls below about
/// `stop_step` (quadratic convergence leaves an error ~ stop_step²·F''/F'); nullopt
/// unless it got there, so a wander to the bracket edge or a stall is reported, not returned.
template <class F>
std::optional<NewtonRoot> newton_root(const F& value_slope, double guess, double lo, double hi, double stop_step) {
  // Boost stops once a step is below 2^(1−digits)·|t|. In t = 1 + (v − lo)/(hi − lo) ∈ [1, 2]
  // that is an absolute bound on v; in v itself a root near v = 0 would never meet it.
  const double width = hi - lo;
  const int digits = std::clamp(1 + static_cast<int>(std::ceil(std::log2(width / stop_step))), 2, 52);
  double last_v = guess;
  double last_step = std::numeric_limits<double>::infinity();  // the Newton step −F/F' there
  double last_slope = 0.0;
  const auto in_t = [&](double t) {
    last_v = lo + (t - 1.0) * width;
    const auto [value, slope] = value_slope(last_v);
    last_step = -value / slope;
    last_slope = slope;
    return std::make_pair(value, slope * width);
  };
  std::uintmax_t iterations = kNewtonIterations;
  try {
    boost::math::tools::newton_raphson_iterate(in_t, std::clamp(1.0 + (guess - lo) / width, 1.0, 2.0), 1.0, 2.0,
                                               digits, iterations);
  } catch (const boost::math::evaluation_error&) {
    return std::nullopt;
  }
  if (!(std::abs(last_step) <= 4.0 * stop_step)) return std::nullopt;
  // The full Newton step from the last evaluation: Boost may have returned a point
  // halfway to a bracket end instead, which is only as close as that step when the
  // root sits on the end (e.g. Δ → Δ0 when the thermal occupation is negligible).
  return NewtonRoot{std::clamp(last_v + last_step, lo, hi), last_slope};
}

/// The gap residual R = ∫_0^ω_c tanh((E+λ)/2T)/E dξ − 1/(νU) and its partial derivatives.
struct Residual {
  double value;
  double d_log_gap;  ///< ∂R/∂ln Δ
  double d_lambda;   ///< ∂R/∂λ [1/meV]
};

/// R and its partials at T > 0 from the occupation moments at (Δ, λ): tanh = 1 − 2f.
Residual thermal_residual(const BcsBand& band, double inv_coupling, double kT, double lambda, double gap,
                          const detail::OccupationMoments& m) {
  const double cutoff = band.cutoff_meV;
  const double energy_c = std::hypot(cutoff, gap);
  const double tanh_cutoff = std::tanh((energy_c + lambda) / (2.0 * kT));
  return {std::asinh(cutoff / gap) - inv_coupling - 2.0 * m.f, -tanh_cutoff * cutoff / energy_c + 2.0 * m.gE,
          2.0 * m.g};
}

Residual residual(const BcsBand& band, double inv_coupling, double kT, double lambda, double gap) {
  const double cutoff = band.cutoff_meV;
  const double u_c = std::asinh(cutoff / gap);
  const double energy_c = std::hypot(cutoff, gap);
  if (kT == 0.0) {
    // tanh → sign(E + λ): states below the edge E = −λ are filled and count negatively.
    const double mu = -lambda;
    if (mu <= gap) return {u_c - inv_coupling, -cutoff / energy_c, 0.0};
    if (mu >= energy_c) return {-u_c - inv_coupling, cutoff / energy_c, 0.0};
    const double xi_edge = std::sqrt((mu - gap) * (mu + gap));
    const double u_edge = std::log1p((mu - gap + xi_edge) / gap);  // acosh(μ/Δ)
    return {u_c - 2.0 * u_edge - inv_coupling, -cutoff / energy_c + 2.0 * mu / xi_edge, 2.0 / xi_edge};
  }
  return thermal_residual(band, inv_coupling, kT, lambda, gap, detail::occupation_moments(gap, kT, lambda, cutoff));
}

/// ln(1 + e^z) without overflow or cancellation.
double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))); }

/// λ of the normal state (Δ = 0) holding n quasi-particles, T > 0: with y = n/(4νT),
/// e^{−λ/T} = expm1(y) / (1 − e^{y − ω_c/T}).
double normal_lambda(const BcsBand& band, double kT, double density) {
  const double y = density / (4.0 * band.dos_per_meV * kT);
  const double log_expm1_y = y > 30.0 ? y + std::log1p(-std::exp(-y)) : std::log(std::expm1(y));
  return -kT * (log_expm1_y - std::log(-std::expm1(y - band.cutoff_meV / kT)));
}

/// Solves R(ln Δ) = 0 at fixed U, T > 0 and λ for the largest root.
class GapSolver {
 public:
  GapSolver(const BcsBand& band, double inv_coupling, double kT, double lambda, double log_gap0)
      : band_(band), inv_coupling_(inv_coupling), kT_(kT), lambda_(lambda), log_gap0_(log_gap0) {}

  double solve(double hint_meV) const {
    if (hint_meV > 0.0) {
      if (const auto root = newton_near(std::log(hint_meV))) return std::exp(*root);
    }
    return lambda_ >= 0.0 ? unique_root() : larger_root();
  }

 private:
  Residual at(double log_gap) const { return residual(band_, inv_coupling_, kT_, lambda_, std::exp(log_gap)); }
  double value(double log_gap) const { return at(log_gap).value; }

  /// Newton in a window of e^±2 around the hint, accepted only on the decreasing
  /// side of R: for λ < 0 that is the larger of the two roots.
  std::optional<double> newton_near(double log_hint) const {
    const double centre = std::clamp(log_hint, kLogGapFloor, log_gap0_);
    const double lo = std::max(kLogGapFloor, centre - 2.0);
    const double hi = std::min(log_gap0_, centre + 2.0);
    const auto value_slope = [&](double x) {
      const auto r = at(x);
      return std::make_pair(r.value, r.d_log_gap);
    };
    const auto root = newton_root(value_slope, centre, lo, hi, 1e-7);
    if (!root || !(root->slope < 0.0)) return std::nullopt;
    return root->root;
  }

  /// λ ≥ 0: R decreases monotonically in Δ, from R(Δ0) < 0 (tanh < 1) upwards as Δ → 0.
  double unique_root() const {
    // Below T_c(λ=0) the Δ → 0⁺ limit of R is positive; above it there is no gap at λ = 0.
    if (lambda_ == 0.0 && detail::normal_pairing_integral(kT_, band_.cutoff_meV) <= inv_coupling_) return 0.0;
    const double f_hi = value(log_gap0_);
    if (!(f_hi < 0.0)) return std::exp(log_gap0_);  // f negligible: R(Δ0) = 0 within rounding
    const double lo = lower_bound();
    const double f_lo = value(lo);
    // R(lo) ≥ 0 holds exactly above the floor, so f_lo ≤ 0 there is rounding at the root.
    if (!(f_lo > 0.0)) return lo > kLogGapFloor ? std::exp(lo) : 0.0;
    return std::exp(bracketed_root([&](double x) { return value(x); }, lo, log_gap0_, f_lo, f_hi, 1e-14));
  }

  /// A ln Δ with R ≥ 0 when λ > 0: tanh((E+λ)/2T) ≥ τ = tanh(λ/2T) gives R ≥ τ asinh(ω_c/Δ) − 1/(νU).
  double lower_bound() const {
    if (lambda_ <= 0.0) return kLogGapFloor;
    const double z = inv_coupling_ / std::tanh(lambda_ / (2.0 * kT_));
    const double log_sinh_z = z + std::log1p(-std::exp(-2.0 * z)) - std::numbers::ln2;
    return std::clamp(std::log(band_.cutoff_meV) - log_sinh_z, kLogGapFloor, log_gap0_);
  }

  /// λ < 0: R → −∞ as Δ → 0 and R ≤ 0 for Δ ≥ Δ0, with one maximum in between.
  double larger_root() const {
    const double mu = -lambda_;
    // Start left of the maximum (∂R/∂ln Δ > 0); it sits near Δ ≈ max(μ, sqrt(μT)).
    double left = std::max(kLogGapFloor, std::log(std::min(mu, std::exp(log_gap0_))) - 4.0);
    Residual r_left = at(left);
    while (r_left.d_log_gap <= 0.0 && left > kLogGapFloor) {
      left = std::max(kLogGapFloor, left - 8.0);
      r_left = at(left);
    }
    if (r_left.d_log_gap <= 0.0) {  // decreasing all the way down to the floor
      if (!(r_left.value > 0.0)) return 0.0;
      return std::exp(bracketed_root([&](double x) { return value(x); }, left, log_gap0_, r_left.value,
                                     value(log_gap0_), 1e-14));
    }
    const Residual r_top = at(log_gap0_);
    if (!(r_top.value < 0.0)) return std::exp(log_gap0_);  // f negligible: R(Δ0) = 0 within rounding
    if (r_top.d_log_gap >= 0.0) return 0.0;                 // increasing up to Δ0, where R < 0
    std::uintmax_t iterations = kBracketIterations;
    const auto [peak, minus_peak_value] = boost::math::tools::brent_find_minima(
        [&](double x) { return -value(x); }, left, log_gap0_, 30, iterations);
    if (!(-minus_peak_value > 0.0)) return 0.0;
    return std::exp(bracketed_root([&](double x) { return value(x); }, peak, log_gap0_, -minus_peak_value,
                                   r_top.value, 1e-14));
  }

  BcsBand band_;
  double inv_coupling_;
  double kT_;
  double lambda_;
  double log_gap0_;
};

/// The solution curve of the gap equation at fixed U and T > 0, parametrised by
/// x = ln Δ < ln Δ0. At each Δ the λ solving R(Δ, λ) = 0 is unique: R increases with λ.
class GapCurve {
 public:
  struct Point {
    double log_gap;
    double lambda_meV;
    double density;         ///< n(Δ, λ(Δ))
    double density_slope;   ///< dn/d ln Δ along the curve
    double residual_slope;  ///< ∂R/∂ln Δ: < 0 on the larger-root branch, > 0 on the smaller
  };

  /// `lambda_guess` [meV]: where to start the first λ solve (NaN: no guess).
  GapCurve(const BcsBand& band, double inv_coupling, double kT, double lambda_guess)
      : band_(band), inv_coupling_(inv_coupling), kT_(kT), last_lambda_(lambda_guess) {}

  Point at(double log_gap) const {
    const double gap = std::exp(log_gap);
    const double lambda = lambda_at(gap);
    const auto m = detail::occupation_moments(gap, kT_, lambda, band_.cutoff_meV);
    const auto r = thermal_residual(band_, inv_coupling_, kT_, lambda, gap, m);
    const double four_nu = 4.0 * band_.dos_per_meV;
    // dn/dx = ∂n/∂x + ∂n/∂λ dλ/dx with dλ/dx = −(∂R/∂x)/(∂R/∂λ), ∂n/∂x = −4νΔ²∫g du, ∂n/∂λ = −4ν∫gE du.
    const double slope = -four_nu * gap * gap * m.g + four_nu * m.gE * r.d_log_gap / r.d_lambda;
    return {log_gap, lambda, four_nu * m.fE, slope, r.d_log_gap};
  }

  /// λ with R(Δ, λ) = 0, for 0 < Δ < Δ0.
  double lambda_at(double gap) const {
    // tanh((E+λ)/2T) is monotone in E ∈ [Δ, E_c], so R(λ) lies between u_c tanh((Δ+λ)/2T) − 1/(νU)
    // and u_c tanh((E_c+λ)/2T) − 1/(νU): the root has E + λ = 2T atanh(1/(νU u_c)) for some such E.
    const double u_c = std::asinh(band_.cutoff_meV / gap);
    const double edge = kT_ * std::log((u_c + inv_coupling_) / (u_c - inv_coupling_));
    const double lo = edge - std::hypot(band_.cutoff_meV, gap);
    const double hi = edge - gap;
    const auto value_slope = [&](double lambda) {
      const auto r = residual(band_, inv_coupling_, kT_, lambda, gap);
      return std::make_pair(r.value, r.d_lambda);
    };
    // Neighbouring points along the curve have close λ: start from the last one.
    const double guess = last_lambda_ > lo && last_lambda_ < hi ? last_lambda_ : hi;
    if (const auto root = newton_root(value_slope, guess, lo, hi, 1e-7 * kT_)) return last_lambda_ = root->root;
    const auto value = [&](double lambda) { return value_slope(lambda).first; };
    const double f_lo = value(lo);
    const double f_hi = value(hi);
    // The bounds hold exactly: a sign the wrong way is rounding at a root on the bound.
    if (!(f_lo < 0.0)) return last_lambda_ = lo;
    if (!(f_hi > 0.0)) return last_lambda_ = hi;
    return last_lambda_ = bracketed_root(value, lo, hi, f_lo, f_hi, 1e-13 * kT_);
  }

 private:

  BcsBand band_;
  double inv_coupling_;
  double kT_;
  mutable double last_lambda_;
};

/// Largest-Δ solution of n(Δ, λ(Δ)) = n on the gap curve; nullopt when the curve
/// never reaches n (the state is normal).
std::optional<GapCurve::Point> curve_point_with_density(const GapCurve& curve, double log_gap0, double density_value) {
  // Near Δ0, λ → +∞ and n → 0 like Δ0 − Δ: start just below Δ0, closer for tiny n.
  double offset = 1e-3;
  GapCurve::Point above = curve.at(log_gap0 + std::log1p(-offset));
  while (above.density > density_value && offset > 1e-14) {
    offset *= 1e-3;
    above = curve.at(log_gap0 + std::log1p(-offset));
  }
  if (above.density > density_value) return above;  // n below ~1e-15 of its scale: Δ = Δ0 to double precision
  const auto excess = [&](double x) { return curve.at(x).density - density_value; };
  const auto solve_between = [&](double lo, double hi) {
    // n(lo) ≥ n > n(hi), with dn/d ln Δ < 0 in between.
    const auto value_slope = [&](double x) {
      const auto p = curve.at(x);
      return std::make_pair(p.density - density_value, p.density_slope);
    };
    const auto root = newton_root(value_slope, 0.5 * (lo + hi), lo, hi, 1e-7);
    return curve.at(root ? root->root : bracketed_root(excess, lo, hi, excess(lo), excess(hi), 1e-13));
  };
  // Walk down in ln Δ with doubling steps. From Δ0 the density rises as Δ falls; below
  // T_c(U) it peaks (on the smaller-root branch) and falls back to the normal value as
  // Δ → 0, so the walk stops at the first crossing or at the peak, whichever comes first.
  double step = 0.25;
  while (above.log_gap > kLogGapFloor) {
    const GapCurve::Point below = curve.at(std::max(kLogGapFloor, above.log_gap - step));
    if (below.density >= density_value) return solve_between(below.log_gap, above.log_gap);
    if (below.density_slope > 0.0) {  // the peak lies between below and above
      std::uintmax_t iterations = kBracketIterations;
      const auto [peak, minus_peak_density] = boost::math::tools::brent_find_minima(
          [&](double x) { return -curve.at(x).density; }, below.log_gap, above.log_gap, 30, iterations);
      if (-minus_peak_density < density_value) return std::nullopt;
      return solve_between(peak, above.log_gap);
    }
    above = below;
    step *= 2.0;
  }
  return std::nullopt;  // the gap would lie below the representable floor
}

/// The solution next to a previous one at ln Δ = log_hint: Newton along the curve,
/// accepted only on its rising side (dn/d ln Δ < 0), where the walk from Δ0 stops.
std::optional<GapCurve::Point> curve_point_near(const GapCurve& curve, double log_gap0, double density_value,
                                                double log_hint) {
  const double top = log_gap0 + std::log1p(-1e-12);  // λ(Δ) → ∞ at Δ0
  const double centre = std::clamp(log_hint, kLogGapFloor, top);
  const double lo = std::max(kLogGapFloor, centre - 1.0);
  const double hi = std::min(top, centre + 1.0);
  if (!(lo < hi)) return std::nullopt;
  GapCurve::Point last{};
  const auto value_slope = [&](double x) {
    last = curve.at(x);
    return std::make_pair(last.density - density_value, last.density_slope);
  };
  const auto root = newton_root(value_slope, centre, lo, hi, 1e-7);
  if (!root || !(root->slope < 0.0)) return std::nullopt;
  last.log_gap = root->root;  // the last evaluation lies within a converged Newton step of the root
  return last;
}

/// ∫_0^ω_c [(μ−E)₊ − (μ−ξ)₊] dξ [meV²], μ = −λ: the T = 0 part of the quasi-particle
/// free energy relative to the normal state, written without cancellation.
double filled_states_shift(double cutoff, double gap, double mu) {
  const double xi_normal = std::clamp(mu, 0.0, cutoff);
  double xi_edge = 0.0;   // where E = μ, clipped to the band
  double mu_minus_xi_edge = mu;
  if (mu > gap) {
    const double xi_root = std::sqrt((mu - gap) * (mu + gap));
    xi_edge = std::min(cutoff, xi_root);
    mu_minus_xi_edge = xi_root <= cutoff ? gap * gap / (mu + xi_root) : mu - cutoff;
  }
  const double energy_edge = std::hypot(xi_edge, gap);
  // −∫_0^ξe (E − ξ) dξ − ∫_ξe^ξn (μ − ξ) dξ
  return -xi_edge * gap * gap / (2.0 * (energy_edge + xi_edge)) - 0.5 * gap * gap * std::asinh(xi_edge / gap) -
         0.5 * (mu_minus_xi_edge * mu_minus_xi_edge - (mu - xi_normal) * (mu - xi_normal));
}

}  // namespace

double gap_equation_residual(const BcsBand& band, double pairing_meV, double kT_meV, double lambda_meV,
                             double gap_meV) {
  check_band(band);
  require(pairing_meV > 0.0 && std::isfinite(pairing_meV), "pairing_meV", "finite and > 0", pairing_meV);
  check_kT(kT_meV);
  check_lambda(lambda_meV);
  require(std::isfinite(gap_meV) && gap_meV >= kGapFloor, "gap_meV", ">= 3e-300", gap_meV);
  return residual(band, 1.0 / (band.dos_per_meV * pairing_meV), kT_meV, lambda_meV, gap_meV).value;
}

double gap(const BcsBand& band, double pairing_meV, double kT_meV, double lambda_meV, double hint_meV) {
  check_band(band);
  check_pairing(pairing_meV);
  check_kT(kT_meV);
  check_lambda(lambda_meV);
  require(std::isfinite(hint_meV) && hint_meV >= 0.0, "hint_meV", "finite and >= 0", hint_meV);
  if (pairing_meV == 0.0) return 0.0;
  const double inv_coupling = 1.0 / (band.dos_per_meV * pairing_meV);
  // Δ0 solves the T = 0 equation; since tanh < 1 every root at T > 0 lies below it.
  const double gap0 = band.cutoff_meV / std::sinh(inv_coupling);
  if (kT_meV == 0.0) return lambda_meV >= -gap0 ? gap0 : 0.0;
  if (!(gap0 >= kGapFloor)) return 0.0;
  return GapSolver(band, inv_coupling, kT_meV, lambda_meV, std::log(gap0)).solve(hint_meV);
}

double gap_derivative_wrt_pairing(const BcsBand& band, double pairing_meV, double kT_meV, double lambda_meV,
                                  double gap_meV) {
  check_band(band);
  check_pairing(pairing_meV);
  check_kT(kT_meV);
  check_lambda(lambda_meV);
  check_gap(gap_meV);
  if (gap_meV < kGapFloor || pairing_meV == 0.0) return 0.0;
  const double nu = band.dos_per_meV;
  const auto r = residual(band, 1.0 / (nu * pairing_meV), kT_meV, lambda_meV, gap_meV);
  if (r.d_log_gap == 0.0) throw NumericalError("bcs: dDelta/dU diverges at a saddle-node of the gap equation");
  // dΔ/dU = −(∂R/∂U)/(∂R/∂Δ), ∂R/∂U = 1/(νU²), ∂R/∂Δ = (∂R/∂ln Δ)/Δ.
  return -gap_meV / (nu * pairing_meV * pairing_meV * r.d_log_gap);
}

double density(const BcsBand& band, double gap_meV, double kT_meV, double lambda_meV) {
  check_band(band);
  check_gap(gap_meV);
  check_kT(kT_meV);
  check_lambda(lambda_meV);
  const double four_nu = 4.0 * band.dos_per_meV;
  if (kT_meV == 0.0) {
    const double mu = -lambda_meV;
    return mu > gap_meV ? four_nu * std::min(band.cutoff_meV, std::sqrt((mu - gap_meV) * (mu + gap_meV))) : 0.0;
  }
  if (gap_meV < kGapFloor) {
    // 4ν∫_0^ω_c f(ξ+λ) dξ = 4νT [ln(1+e^{−λ/T}) − ln(1+e^{−(ω_c+λ)/T})]
    return four_nu * kT_meV *
           (softplus(-lambda_meV / kT_meV) - softplus(-(band.cutoff_meV + lambda_meV) / kT_meV));
  }
  return four_nu * detail::occupation_moments(gap_meV, kT_meV, lambda_meV, band.cutoff_meV).fE;
}

double chemical_potential_from_density(const BcsBand& band, double gap_meV, double kT_meV, double density_value) {
  check_band(band);
  check_gap(gap_meV);
  check_kT(kT_meV);
  check_density(band, density_value);
  const double four_nu = 4.0 * band.dos_per_meV;
  if (kT_meV == 0.0) return -std::hypot(density_value / four_nu, gap_meV);
  const double lambda_normal = normal_lambda(band, kT_meV, density_value);
  if (gap_meV < kGapFloor) return lambda_normal;
  // n decreases in λ, and E ∈ [ξ, ξ+Δ] gives n(Δ, λ) ≤ n(0, λ) and n(Δ, λ−Δ) ≥ n(0, λ):
  // the root lies in [λ_normal − Δ, λ_normal].
  const double lo = lambda_normal - gap_meV;
  const double hi = lambda_normal;
  const auto value_slope = [&](double lambda) {
    const auto m = detail::occupation_moments(gap_meV, kT_meV, lambda, band.cutoff_meV);
    return std::make_pair(four_nu * m.fE - density_value, -four_nu * m.gE);
  };
  const double tolerance = 1e-13 * std::max(kT_meV, std::abs(lambda_normal));
  if (hi - lo <= tolerance) return lambda_normal;  // a gap too small to matter at this λ
  if (const auto root = newton_root(value_slope, hi - 0.5 * gap_meV, lo, hi, 1e-7 * kT_meV)) return root->root;
  const auto excess = [&](double lambda) { return value_slope(lambda).first; };
  return bracketed_root(excess, lo, hi, excess(lo), excess(hi), tolerance);
}

double free_energy(const BcsBand& band, double pairing_meV, double kT_meV, double lambda_meV, double gap_meV) {
  check_band(band);
  check_pairing(pairing_meV);
  check_kT(kT_meV);
  check_lambda(lambda_meV);
  check_gap(gap_meV);
  if (gap_meV < kGapFloor) return 0.0;
  require(pairing_meV > 0.0, "pairing_meV", "> 0 when gap_meV > 0", pairing_meV);
  const double nu = band.dos_per_meV;
  const double cutoff = band.cutoff_meV;
  const double gap2 = gap_meV * gap_meV;
  // ∫_0^ω_c (E − ξ) dξ = ω_c(E_c − ω_c)/2 + (Δ²/2) asinh(ω_c/Δ), with E_c − ω_c = Δ²/(E_c + ω_c).
  const double condensation =
      cutoff * gap2 / (2.0 * (std::hypot(cutoff, gap_meV) + cutoff)) + 0.5 * gap2 * std::asinh(cutoff / gap_meV);
  // T ln(1 + e^{−x/T}) = (−x)₊ + T ln(1 + e^{−|x|/T}): the first part in closed form.
  double quasi_particles = filled_states_shift(cutoff, gap_meV, -lambda_meV);
  if (kT_meV > 0.0) {
    quasi_particles += kT_meV * (detail::gapped_log_occupation(gap_meV, kT_meV, lambda_meV, cutoff) -
                                 detail::normal_log_occupation(kT_meV, lambda_meV, cutoff));
  }
  return gap2 / pairing_meV - 2.0 * nu * condensation - 4.0 * nu * quasi_particles;
}

double critical_kT(const BcsBand& band, double pairing_meV) {
  check_band(band);
  check_pairing(pairing_meV);
  if (pairing_meV == 0.0) return 0.0;
  const double inv_coupling = 1.0 / (band.dos_per_meV * pairing_meV);
  // ∫_0^ω_c tanh(ξ/2T)/ξ dξ = ln(2e^γ ω_c/(πT)) + O(e^{−ω_c/T}): exact in double once ω_c/T ≥ 80.
  const double weak_coupling = 2.0 * std::exp(std::numbers::egamma) / std::numbers::pi * band.cutoff_meV *
                               std::exp(-inv_coupling);
  if (band.cutoff_meV >= 80.0 * weak_coupling) return weak_coupling;
  const auto excess = [&](double kT) { return detail::normal_pairing_integral(kT, band.cutoff_meV) - inv_coupling; };
  std::uintmax_t iterations = kBracketIterations;
  const auto [a, b] = boost::math::tools::bracket_and_solve_root(
      excess, weak_coupling, 2.0, false, boost::math::tools::eps_tolerance<double>(50), iterations);
  return 0.5 * (a + b);
}

double pairing_from_critical_kT(const BcsBand& band, double critical_kT_meV) {
  check_band(band);
  require(std::isfinite(critical_kT_meV) && critical_kT_meV >= 0.0, "critical_kT_meV", "finite and >= 0",
          critical_kT_meV);
  if (critical_kT_meV == 0.0) return 0.0;
  return 1.0 / (band.dos_per_meV * detail::normal_pairing_integral(critical_kT_meV, band.cutoff_meV));
}

double pairing_from_zero_temperature_gap(const BcsBand& band, double gap0_meV) {
  check_band(band);
  check_gap(gap0_meV);
  if (gap0_meV == 0.0) return 0.0;
  return 1.0 / (band.dos_per_meV * std::asinh(band.cutoff_meV / gap0_meV));
}

namespace {

/// state_from_density, optionally starting next to a previous state.
KineticState solve_state(const BcsBand& band, double pairing_meV, double kT_meV, double density_value,
                         const KineticState* hint) {
  check_band(band);
  check_pairing(pairing_meV);
  require(std::isfinite(kT_meV) && kT_meV > 0.0, "kT_meV", "finite and > 0", kT_meV);
  check_density(band, density_value);
  const KineticState normal{0.0, normal_lambda(band, kT_meV, density_value), GapBranch::normal};
  if (pairing_meV == 0.0) return normal;
  const double inv_coupling = 1.0 / (band.dos_per_meV * pairing_meV);
  const double gap0 = band.cutoff_meV / std::sinh(inv_coupling);
  if (!(gap0 >= kGapFloor)) return normal;
  // At or above T_c(U), R(Δ, 0) < 0 for every Δ, so λ(Δ) > 0 along the whole curve and
  // every gapped state holds fewer quasi-particles than the normal state at λ = 0.
  if (density_value >= density(band, 0.0, kT_meV, 0.0) &&
      detail::normal_pairing_integral(kT_meV, band.cutoff_meV) <= inv_coupling) {
    return normal;
  }
  const bool gapped_hint = hint != nullptr && hint->branch != GapBranch::normal && hint->gap_meV > 0.0;
  const GapCurve curve(band, inv_coupling, kT_meV,
                       gapped_hint ? hint->lambda_meV : std::numeric_limits<double>::quiet_NaN());
  const double log_gap0 = std::log(gap0);
  auto point = gapped_hint ? curve_point_near(curve, log_gap0, density_value, std::log(hint->gap_meV))
                           : std::optional<GapCurve::Point>{};
  if (!point) point = curve_point_with_density(curve, log_gap0, density_value);
  if (!point) return normal;
  // Near Δ0 the curve's λ(Δ) is ill-conditioned (R depends on asinh(ω_c/Δ) − 1/(νU) → 0),
  // while n(λ) at fixed Δ is not: the density equation fixes λ, the gap equation then
  // holds to rounding because ∂R/∂λ is as small as n there.
  const double gap_meV = std::exp(point->log_gap);
  return {gap_meV, chemical_potential_from_density(band, gap_meV, kT_meV, density_value),
          point->residual_slope < 0.0 ? GapBranch::larger_root : GapBranch::smaller_root};
}

}  // namespace

KineticState state_from_density(const BcsBand& band, double pairing_meV, double kT_meV, double density_value) {
  return solve_state(band, pairing_meV, kT_meV, density_value, nullptr);
}

KineticState state_from_density(const BcsBand& band, double pairing_meV, double kT_meV, double density_value,
                                const KineticState& hint) {
  return solve_state(band, pairing_meV, kT_meV, density_value, &hint);
}

std::optional<double> chemical_potential_for_gap(const BcsBand& band, double pairing_meV, double kT_meV,
                                                 double gap_meV) {
  check_band(band);
  check_pairing(pairing_meV);
  require(std::isfinite(kT_meV) && kT_meV > 0.0, "kT_meV", "finite and > 0", kT_meV);
  require(std::isfinite(gap_meV) && gap_meV >= kGapFloor, "gap_meV", ">= 3e-300", gap_meV);
  if (pairing_meV == 0.0) return std::nullopt;
  const double inv_coupling = 1.0 / (band.dos_per_meV * pairing_meV);
  // λ → +∞ as Δ → Δ0: tanh → 1 turns the gap equation into its T = 0 form.
  if (!(std::asinh(band.cutoff_meV / gap_meV) > inv_coupling)) return std::nullopt;
  return GapCurve(band, inv_coupling, kT_meV, std::numeric_limits<double>::quiet_NaN()).lambda_at(gap_meV);
}

}  // namespace metasc::physics
