#include "metasc/stochastic/ziggurat.hpp"

#include <limits>
#include <numbers>
#include <string>

#include "metasc/error.hpp"

namespace metasc::stochastic::ziggurat {

namespace {

double density(double x) { return std::exp(-0.5 * x * x); }  // f(x), unnormalised

/// v(r) = r f(r) + ∫_r^∞ f, the area of the base layer and so of every layer.
double layer_area(double r) {
  return r * density(r) + std::sqrt(0.5 * std::numbers::pi) * std::erfc(r / std::numbers::sqrt2);
}

/// f_{N−1} + v/x_{N−1} − 1: how far the top layer reaches above the peak.
/// Decreasing in r; +inf when the layers already pass the peak below layer N−1
/// (r too small: the layers are too fat).
double top_excess(double r, std::size_t layer_count) {
  const double v = layer_area(r);
  double x = r;
  double f = density(r);
  for (std::size_t i = 1; i + 1 < layer_count; ++i) {
    f += v / x;
    if (!(f < 1.0)) return std::numeric_limits<double>::infinity();
    x = std::sqrt(-2.0 * std::log(f));
  }
  return f + v / x - 1.0;
}

}  // namespace

double tail_start(std::size_t layer_count) {
  // Bisection on a bracket of the root, keeping the end `low` where the top
  // layer reaches the peak (top_excess ≥ 0) so that the layers cover the whole
  // region under f; stop when the ends are neighbouring doubles.
  double low = 2.0, high = 5.0;
  if (!(top_excess(low, layer_count) >= 0.0 && top_excess(high, layer_count) < 0.0)) {
    throw NumericalError("ziggurat: the tail start r for " + std::to_string(layer_count) +
                         " layers is not in [2, 5]");
  }
  while (std::nextafter(low, high) < high) {
    const double middle = 0.5 * (low + high);
    if (middle <= low || middle >= high) break;
    (top_excess(middle, layer_count) >= 0.0 ? low : high) = middle;
  }
  return low;
}

Tables build_tables() {
  Tables t{};
  const double r = tail_start(layers);
  const double v = layer_area(r);
  t.tail_start = r;
  t.layer_area = v;
  t.height[0] = 0.0;
  t.height[1] = density(r);
  t.edge[0] = v / density(r);
  t.edge[1] = r;
  for (std::size_t i = 1; i + 1 < layers; ++i) {
    t.height[i + 1] = t.height[i] + v / t.edge[i];
    t.edge[i + 1] = std::sqrt(-2.0 * std::log(t.height[i + 1]));
  }
  t.height[layers] = t.height[layers - 1] + v / t.edge[layers - 1];
  for (std::size_t i = 0; i < layers; ++i) {
    // Floor: the integer test never admits a point beyond x_{i+1} (the layer-0
    // and wedge branches of resolve() take the few that it turns away wrongly).
    const double next_edge = i + 1 < layers ? t.edge[i + 1] : 0.0;
    const double grid = std::ldexp(1.0, core_uniform_bits);
    const double limit = std::floor(grid * (next_edge / t.edge[i]));
    const double scale = t.edge[i] / grid;
    t.core[i] = {scale, limit};
  }
  if (!(t.height[layers] >= 1.0) || !std::isfinite(t.edge[layers - 1])) {
    throw NumericalError("ziggurat: the layers do not cover the density (top " +
                         std::to_string(t.height[layers]) + ")");
  }
  return t;
}

const Tables& tables() {
  static const Tables built = build_tables();
  return built;
}

}  // namespace metasc::stochastic::ziggurat
