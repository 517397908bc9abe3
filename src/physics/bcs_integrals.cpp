#include "bcs_integrals.hpp"

#include <algorithm>
#include <array>
#include <boost/math/quadrature/gauss.hpp>
#include <cmath>
#include <cstddef>
#include <numbers>

namespace metasc::physics::detail {
namespace {

// Beyond 40 T from the edge the occupation (or its deviation from 1) has fallen
// below e^{-40} ≈ 4e-18 of its edge value: the integrals are cut there.
constexpr double kDepthT = 40.0;
// Panel boundaries at x0 ± T·2^k: each panel spans at most its distance to the
// Fermi poles x = ±iπT, so 10 Gauss nodes reach double precision on every panel.
constexpr std::array<double, 6> kGradingT{1.0, 2.0, 4.0, 8.0, 16.0, 32.0};
constexpr int kNodes = 10;
static_assert(kNodes % 2 == 0, "the node loop below assumes no node at the panel centre");
using Rule = boost::math::quadrature::gauss<double, kNodes>;
// Width in u of the panel next to a feature. In u the integrands depend on
// E = Δ cosh u ≈ Δ e^u/2, so features sit at the top of a long u-panel and the
// panels below may double in width (their contribution falls like e^{u − u_top}).
constexpr double kFeatureWidthU = 2.0;

/// Sorted panel boundaries in x = E + λ, graded around the Fermi edge x0.
struct EdgeGrid {
  std::array<double, 2 * kGradingT.size() + 3> x{};
  std::size_t size = 0;
  void push(double value) {
    if (size == 0 || value > x[size - 1]) x[size++] = value;
  }
};

/// Boundaries on [x_lo, x_hi] ∩ [x0 − 40T (if two_sided), x0 + 40T], x0 = the
/// Fermi edge x = 0 clamped into the band: where the occupation changes fastest.
EdgeGrid edge_grid(double x_lo, double x_hi, double kT, bool two_sided) {
  const double x0 = std::clamp(0.0, x_lo, x_hi);
  const double upper = std::min(x_hi, x0 + kDepthT * kT);
  const double lower = two_sided ? std::max(x_lo, x0 - kDepthT * kT) : x_lo;
  EdgeGrid grid;
  grid.push(lower);
  for (auto step = kGradingT.rbegin(); step != kGradingT.rend(); ++step) {
    if (x0 - *step * kT > lower) grid.push(x0 - *step * kT);
  }
  grid.push(x0);
  for (const double step : kGradingT) {
    if (x0 + step * kT < upper) grid.push(x0 + step * kT);
  }
  grid.push(upper);
  return grid;
}

template <class Kernel>
void gauss_panel(double a, double b, Kernel& kernel) {
  const double mid = 0.5 * (a + b);
  const double half = 0.5 * (b - a);
  const auto& nodes = Rule::abscissa();
  const auto& weights = Rule::weights();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    kernel(mid - half * nodes[i], half * weights[i]);
    kernel(mid + half * nodes[i], half * weights[i]);
  }
}

/// The Fermi edge in u: u_edge where E + λ = 0 (clamped into the band) and the width
/// in u over which E changes by T there.
struct EdgeInU {
  double u;
  double width;
};

/// [a, b] in u, split from the top. Two limits on the width w of a piece ending at `top`:
/// w ≤ max(2, b − top), because the integrands grow like e^u towards the top; and,
/// below the edge, w ≤ max(u_edge − top, width) so that the Fermi poles at distance
/// ≈ πT/(dE/du) from u_edge stay as far from each piece as its length (E = Δ cosh u is
/// convex, which stretches the energy grading on that side).
template <class Kernel>
void graded_u_panel(double a, double b, const EdgeInU& edge, Kernel& kernel) {
  double top = b;
  const auto allowed = [&](double t) {
    const double growth = std::max(kFeatureWidthU, b - t);
    return t <= edge.u ? std::min(growth, std::max(edge.u - t, edge.width)) : growth;
  };
  for (double width = allowed(top); top - a > width; width = allowed(top)) {
    gauss_panel(top - width, top, kernel);
    top -= width;
  }
  gauss_panel(a, top, kernel);
}

/// u ≥ 0 with Δ cosh u = Δ + s (s ≥ 0): acosh(1 + s/Δ) without cancellation.
double u_above_band_bottom(double s, double gap) {
  const double ratio = s / gap;
  // acosh(1+r) = ln(2(1+r)) − O(r^-2): exact in double once r > 1e8.
  return ratio < 1e8 ? std::log1p(ratio + std::sqrt(ratio * (2.0 + ratio))) : std::numbers::ln2 + std::log1p(ratio);
}

/// Calls kernel(u, weight) on the nodes of ∫_0^{u_c} du, graded around the edge.
template <class Kernel>
void gapped_nodes(double gap, double kT, double lambda, double cutoff, bool two_sided, Kernel& kernel) {
  const double x_lo = gap + lambda;
  const double x_hi = std::hypot(cutoff, gap) + lambda;
  const double u_c = std::asinh(cutoff / gap);
  const auto grid = edge_grid(x_lo, x_hi, kT, two_sided);
  const auto u_at = [&](double x) { return x >= x_hi ? u_c : std::min(u_c, u_above_band_bottom(x - x_lo, gap)); };
  // dE/du = Δ sinh u and d²E/du² = Δ cosh u at the edge: width from Δ(sinh·w + cosh·w²/2) = T.
  const double u_edge = u_at(std::clamp(0.0, x_lo, x_hi));
  const double slope = gap * std::sinh(u_edge);
  const double edge_width = 2.0 * kT / (slope + std::sqrt(slope * slope + 2.0 * kT * gap * std::cosh(u_edge)));
  const EdgeInU edge{u_edge, edge_width};
  double u_prev = u_at(grid.x[0]);
  for (std::size_t i = 1; i < grid.size; ++i) {
    const double u = u_at(grid.x[i]);
    if (u > u_prev) graded_u_panel(u_prev, u, edge, kernel);
    u_prev = u;
  }
}

/// Calls kernel(x, weight) on the nodes of ∫_0^ω_c dξ in x = ξ + λ, graded around x = 0.
template <class Kernel>
void normal_nodes(double kT, double lambda, double cutoff, bool two_sided, Kernel& kernel) {
  const auto grid = edge_grid(lambda, cutoff + lambda, kT, two_sided);
  for (std::size_t i = 1; i < grid.size; ++i) gauss_panel(grid.x[i - 1], grid.x[i], kernel);
}

/// E = Δ cosh u and x = E + λ at u. E − Δ = 2Δ sinh²(u/2) keeps x exact near the band
/// bottom, where Δ cosh u + λ would cancel to Δ·ε when −λ ≈ Δ ≫ T.
struct BandPoint {
  double energy;
  double x;
};
BandPoint band_point(double u, double gap, double x_lo) {
  // From e^{u/2} alone (one exp per node); its cancellation at small u costs only
  // an absolute Δ·u·ε in E − Δ ≈ Δu²/2.
  const double exp_half = std::exp(0.5 * u);
  const double sinh_half = 0.5 * (exp_half - 1.0 / exp_half);
  const double above_bottom = 2.0 * gap * sinh_half * sinh_half;
  return {gap + above_bottom, x_lo + above_bottom};
}

/// ln(1 + e^{−|x|/T}): the log partition function minus its T → 0 part (−x/T)₊.
double smooth_log_occupation(double x, double kT) { return std::log1p(std::exp(-std::abs(x) / kT)); }

}  // namespace

OccupationMoments occupation_moments(double gap_meV, double kT_meV, double lambda_meV, double cutoff_meV) {
  OccupationMoments sum{};
  const double x_lo = gap_meV + lambda_meV;
  auto kernel = [&](double u, double weight) {
    const auto [energy, x] = band_point(u, gap_meV, x_lo);
    // e^{−|x|/T} never overflows; f and f(1−f) follow without cancellation on either side.
    const double boltzmann = std::exp(-std::abs(x) / kT_meV);
    const double inverse = 1.0 / (1.0 + boltzmann);
    const double f = x >= 0.0 ? boltzmann * inverse : inverse;
    const double g = boltzmann * inverse * inverse / kT_meV;
    sum.f += weight * f;
    sum.fE += weight * f * energy;
    sum.g += weight * g;
    sum.gE += weight * g * energy;
  };
  gapped_nodes(gap_meV, kT_meV, lambda_meV, cutoff_meV, false, kernel);
  return sum;
}

double gapped_log_occupation(double gap_meV, double kT_meV, double lambda_meV, double cutoff_meV) {
  double sum = 0.0;
  const double x_lo = gap_meV + lambda_meV;
  auto kernel = [&](double u, double weight) {
    const auto [energy, x] = band_point(u, gap_meV, x_lo);
    sum += weight * energy * smooth_log_occupation(x, kT_meV);
  };
  gapped_nodes(gap_meV, kT_meV, lambda_meV, cutoff_meV, true, kernel);
  return sum;
}

double normal_log_occupation(double kT_meV, double lambda_meV, double cutoff_meV) {
  double sum = 0.0;
  auto kernel = [&](double x, double weight) { sum += weight * smooth_log_occupation(x, kT_meV); };
  normal_nodes(kT_meV, lambda_meV, cutoff_meV, true, kernel);
  return sum;
}

double normal_pairing_integral(double kT_meV, double cutoff_meV) {
  double sum = 0.0;
  auto kernel = [&](double xi, double weight) { sum += weight * std::tanh(xi / (2.0 * kT_meV)) / xi; };
  normal_nodes(kT_meV, 0.0, cutoff_meV, false, kernel);
  // Past 40 T, tanh = 1 to double precision: the rest is a logarithm.
  const double covered = std::min(cutoff_meV, kDepthT * kT_meV);
  return sum + std::log(cutoff_meV / covered);
}

}  // namespace metasc::physics::detail
