#pragma once
/// Four-point (cubic Lagrange) interpolation on a uniform axis, the stencil
/// shifted inwards at the ends so that it never leaves the axis. Exact for
/// cubics; the error of a smooth f is O(h⁴ f⁗). Header-only: it sits in the
/// inner loop of the kinetics table.
#include <algorithm>
#include <cmath>
#include <cstddef>

namespace metasc::physics {

/// Nodes first + k·step, k = 0 … count − 1 (count ≥ 4).
struct UniformAxis {
  double first;
  double step;
  std::size_t count;

  double node(std::size_t k) const { return first + static_cast<double>(k) * step; }
  double last() const { return node(count - 1); }
};

/// Weights of the four nodes first … first + 3 for the value and the slope d/dx at x.
struct CubicStencil {
  std::size_t first;
  double value[4];
  double slope[4];
};

inline CubicStencil cubic_stencil(const UniformAxis& axis, double x) {
  const double position = (x - axis.first) / axis.step;
  const auto cell = static_cast<std::ptrdiff_t>(std::floor(position));
  const auto first =
      static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(cell - 1, 0, static_cast<std::ptrdiff_t>(axis.count) - 4));
  // t is x in units of the step, measured from node first + 1.
  const double t = position - static_cast<double>(first) - 1.0;
  const double a = t + 1.0, b = t, c = t - 1.0, d = t - 2.0;
  CubicStencil stencil{first, {}, {}};
  stencil.value[0] = -b * c * d / 6.0;
  stencil.value[1] = a * c * d / 2.0;
  stencil.value[2] = -a * b * d / 2.0;
  stencil.value[3] = a * b * c / 6.0;
  const double per_step = 1.0 / axis.step;
  stencil.slope[0] = -(c * d + b * d + b * c) / 6.0 * per_step;
  stencil.slope[1] = (c * d + a * d + a * c) / 2.0 * per_step;
  stencil.slope[2] = -(b * d + a * d + a * b) / 2.0 * per_step;
  stencil.slope[3] = (b * c + a * c + a * b) / 6.0 * per_step;
  return stencil;
}

/// Σ_ab wa[a] wb[b] values[(sa + a)·stride + sb + b]: a tensor-product value on a row-major grid.
inline double tensor_value(const double* values, std::size_t stride, const CubicStencil& rows, const double (&row_weight)[4],
                           const CubicStencil& columns, const double (&column_weight)[4]) {
  double sum = 0.0;
  for (int a = 0; a < 4; ++a) {
    const double* row = values + (rows.first + a) * stride + columns.first;
    const double inner = column_weight[0] * row[0] + column_weight[1] * row[1] + column_weight[2] * row[2] +
                         column_weight[3] * row[3];
    sum += row_weight[a] * inner;
  }
  return sum;
}

/// Σ_a w[a] nodes[s.first + a]: the cubic interpolant of one line of nodes.
inline double line_value(const double* nodes, const CubicStencil& s) {
  return s.value[0] * nodes[s.first] + s.value[1] * nodes[s.first + 1] + s.value[2] * nodes[s.first + 2] +
         s.value[3] * nodes[s.first + 3];
}

}  // namespace metasc::physics
