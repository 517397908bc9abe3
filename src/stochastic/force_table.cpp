#include "metasc/stochastic/force_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "metasc/error.hpp"

namespace metasc::stochastic {

ForceTable::ForceTable(const LandscapeNodes& nodes, double phonon_energy_meV) {
  const std::size_t count = nodes.potential_meV.size();
  if (count < 2 || nodes.slope_meV.size() != count) {
    throw Error("force table: need >= 2 nodes with as many V as V' values (got " + std::to_string(count) + " V, " +
                std::to_string(nodes.slope_meV.size()) + " V')");
  }
  if (count - 1 > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error("force table: too many nodes (" + std::to_string(count) + ")");
  }
  if (!(nodes.Q_step > 0.0) || !std::isfinite(nodes.Q_step) || !std::isfinite(nodes.Q_first)) {
    throw Error("force table: need a finite first node and a finite spacing > 0 (got Q_first = " +
                std::to_string(nodes.Q_first) + ", Q_step = " + std::to_string(nodes.Q_step) + ")");
  }
  if (!(phonon_energy_meV > 0.0) || !std::isfinite(phonon_energy_meV)) {
    throw Error("force table: the harmonic tails need a finite hbar*omega > 0 (got " +
                std::to_string(phonon_energy_meV) + " meV)");
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (!std::isfinite(nodes.potential_meV[i]) || !std::isfinite(nodes.slope_meV[i])) {
      throw Error("force table: non-finite V or V' at node " + std::to_string(i) +
                  " (Q = " + std::to_string(nodes.Q_first + nodes.Q_step * static_cast<double>(i)) + ")");
    }
  }

  first_ = nodes.Q_first;
  step_ = nodes.Q_step;
  inverse_step_ = 1.0 / step_;
  last_ = static_cast<double>(count - 1);
  max_curvature_meV_ = phonon_energy_meV;
  const double tail_slope = phonon_energy_meV * step_;  // dV'/dt in the tails
  segments_.resize(count + 1);
  // V' = c0 + c1 t + c2 t² on segment k (cell k − 1, t = Q/h − u, u = Q_i/h)
  // expanded in powers of Q; in long double, so that the expansion adds little
  // rounding of its own.
  const auto store = [&](std::size_t k, long double c0, long double c1, long double c2, double v0) {
    const long double h = step_, u = static_cast<long double>(first_) / h + (static_cast<long double>(k) - 1.0L);
    segments_[k] = {.a0 = static_cast<double>(c0 - c1 * u + c2 * u * u),
                    .a1 = static_cast<double>((c1 - 2.0L * c2 * u) / h),
                    .a2 = static_cast<double>(c2 / (h * h)),
                    .v0 = v0};
  };
  for (std::size_t i = 0; i + 1 < count; ++i) {
    const double secant = (nodes.potential_meV[i + 1] - nodes.potential_meV[i]) / step_;
    const double s0 = nodes.slope_meV[i];
    const double s1 = nodes.slope_meV[i + 1];
    // Derivative of the cubic Hermite basis h00 V0 + h10 h s0 + h01 V1 + h11 h s1, collected in powers of t.
    const double c1 = 6.0 * secant - 4.0 * s0 - 2.0 * s1;
    const double c2 = 3.0 * (s0 + s1 - 2.0 * secant);
    store(i + 1, s0, c1, c2, nodes.potential_meV[i]);
    // V'' = (c1 + 2 c2 t)/h is linear on the segment: its maximum is at an end.
    max_curvature_meV_ = std::max(max_curvature_meV_, std::max(c1, c1 + 2.0 * c2) / step_);
  }
  // The lower tail from Q_first − h: V and V' at t = 1 are the first node's.
  const double first_slope = nodes.slope_meV.front();
  store(0, first_slope - tail_slope, tail_slope, 0.0,
        nodes.potential_meV.front() - step_ * (first_slope - 0.5 * tail_slope));
  // The upper tail from Q_last: V and V' where the last segment ends, evaluated
  // as a look-up at Q_last evaluates them.
  const SlopeAndPotential end = slope_kernel().at(static_cast<std::int64_t>(count - 2), Q_last(), 1.0);
  store(count, end.slope_meV, tail_slope, 0.0, end.potential_meV);
}

ForceTable ForceTable::mirrored(const LandscapeNodes& half, double phonon_energy_meV) {
  const std::size_t count = half.potential_meV.size();
  if (half.Q_first != 0.0 || count < 2 || half.slope_meV.size() != count) {
    throw Error("force table: a mirrored table needs >= 2 nodes starting at Q = 0 (got Q_first = " +
                std::to_string(half.Q_first) + ", " + std::to_string(count) + " nodes)");
  }
  double largest_slope = 0.0;
  for (const double slope : half.slope_meV) largest_slope = std::max(largest_slope, std::abs(slope));
  if (std::abs(half.slope_meV.front()) > 1e-12 * largest_slope) {
    throw Error("force table: an even landscape needs V'(0) = 0 (got " + std::to_string(half.slope_meV.front()) +
                " meV)");
  }
  LandscapeNodes whole{.Q_first = -half.Q_step * static_cast<double>(count - 1), .Q_step = half.Q_step};
  whole.potential_meV.reserve(2 * count - 1);
  whole.slope_meV.reserve(2 * count - 1);
  for (std::size_t i = count - 1; i > 0; --i) {
    whole.potential_meV.push_back(half.potential_meV[i]);
    whole.slope_meV.push_back(-half.slope_meV[i]);
  }
  whole.potential_meV.push_back(half.potential_meV.front());
  whole.slope_meV.push_back(0.0);
  for (std::size_t i = 1; i < count; ++i) {
    whole.potential_meV.push_back(half.potential_meV[i]);
    whole.slope_meV.push_back(half.slope_meV[i]);
  }
  return ForceTable(whole, phonon_energy_meV);
}

}  // namespace metasc::stochastic
