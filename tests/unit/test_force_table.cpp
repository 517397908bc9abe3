// The tabulated landscape: cubic Hermite interpolation of V with V' its exact
// derivative, harmonic tails, even mirroring, and safe reads everywhere.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/integrator.hpp"

using metasc::stochastic::ForceTable;
using metasc::stochastic::HarmonicForce;
using metasc::stochastic::LandscapeNodes;
using metasc::stochastic::NeighbourCoupling;
using metasc::stochastic::StepMap;
using metasc::stochastic::table_step;

namespace {

constexpr double hbar_omega = 90.98;  // meV, f = 22 THz

/// Nodes of V on [first, first + intervals·h].
LandscapeNodes sample(const std::function<double(double)>& V, const std::function<double(double)>& dV, double first,
                      double h, int intervals) {
  LandscapeNodes nodes{.Q_first = first, .Q_step = h};
  for (int i = 0; i <= intervals; ++i) {
    const double Q = first + h * i;
    nodes.potential_meV.push_back(V(Q));
    nodes.slope_meV.push_back(dV(Q));
  }
  return nodes;
}

// An asymmetric quartic double well: V⁗ = 24 a everywhere.
constexpr double a = 3.0, b = 20.0, c = 1.5;
double quartic(double Q) { return a * Q * Q * Q * Q - b * Q * Q + c * Q; }
double quartic_slope(double Q) { return 4 * a * Q * Q * Q - 2 * b * Q + c; }

}  // namespace

TEST_CASE("a quartic is reproduced with the exact Hermite remainder", "[force_table]") {
  // For a quartic the Hermite remainder is exact: V − p = (V⁗/4!)(Q−Q_i)²(Q−Q_{i+1})² = a (Q−Q_i)²(Q−Q_{i+1})².
  const double first = -2.5, h = 0.25;
  const ForceTable table(sample(quartic, quartic_slope, first, h, 20), hbar_omega);
  for (double Q = first; Q <= 2.5; Q += 0.0137) {
    const double lower = first + h * std::floor((Q - first) / h);
    const double u = Q - lower, v = Q - lower - h;
    const double remainder = a * u * u * v * v;
    const double remainder_slope = 2.0 * a * u * v * (u + v);
    CHECK(table.potential(Q) == Approx(quartic(Q) - remainder).margin(1e-11));
    CHECK(table.slope(Q) == Approx(quartic_slope(Q) - remainder_slope).margin(1e-11));
  }
}

TEST_CASE("interpolation errors fall as h^4 for V and h^3 for V'", "[force_table]") {
  const auto V = [](double Q) { return 5.0 * std::cos(2.0 * Q) + 0.5 * hbar_omega * Q * Q; };
  const auto dV = [](double Q) { return -10.0 * std::sin(2.0 * Q) + hbar_omega * Q; };
  const auto max_errors = [&](double h) {
    const ForceTable table(sample(V, dV, -2.0, h, static_cast<int>(std::lround(4.0 / h))), hbar_omega);
    double potential_error = 0.0, slope_error = 0.0;
    for (double Q = -2.0; Q <= 2.0; Q += 1e-4) {
      potential_error = std::max(potential_error, std::abs(table.potential(Q) - V(Q)));
      slope_error = std::max(slope_error, std::abs(table.slope(Q) - dV(Q)));
    }
    return std::pair{potential_error, slope_error};
  };
  const auto [coarse_V, coarse_dV] = max_errors(0.2);
  const auto [fine_V, fine_dV] = max_errors(0.1);
  // Leading terms: V error ∝ h⁴ V⁗, V' error ∝ h³ V⁗ (ratios 16 and 8); |V − p| ≤ (h⁴/384) max|V⁗|.
  CHECK(coarse_V / fine_V == Approx(16.0).epsilon(0.1));
  CHECK(coarse_dV / fine_dV == Approx(8.0).epsilon(0.1));
  CHECK(coarse_V <= std::pow(0.2, 4) / 384.0 * 80.0 * 1.0001);  // |V⁗| ≤ 5·16 = 80
}

TEST_CASE("V and V' are continuous at the nodes and match the given values", "[force_table]") {
  const double first = -2.5, h = 0.25;
  const auto nodes = sample(quartic, quartic_slope, first, h, 20);
  const ForceTable table(nodes, hbar_omega);
  const double eps = 1e-9;
  for (int i = 0; i <= 20; ++i) {
    const double Q = first + h * i;
    CHECK(table.potential(Q) == Approx(nodes.potential_meV[i]).margin(1e-12));
    CHECK(table.slope(Q) == Approx(nodes.slope_meV[i]).margin(1e-12));
    // Either side of the node (and of each table edge, i = 0 and 20).
    CHECK(std::abs(table.slope(Q + eps) - table.slope(Q - eps)) < 1e-6);
    CHECK(std::abs(table.potential(Q + eps) - table.potential(Q - eps)) < 1e-6);
  }
}

TEST_CASE("the tails are harmonic and continue V and V' at each edge", "[force_table]") {
  const double first = -2.5, h = 0.25;
  const ForceTable table(sample(quartic, quartic_slope, first, h, 20), hbar_omega);
  REQUIRE(table.Q_first() == first);
  REQUIRE(table.Q_last() == Approx(2.5));
  for (const double d : {0.01, 0.3, 2.0, 50.0}) {
    // V'(Q) = ħωQ + c, V continued from the edge value.
    CHECK(table.slope(2.5 + d) == Approx(quartic_slope(2.5) + hbar_omega * d).epsilon(1e-13));
    CHECK(table.potential(2.5 + d) ==
          Approx(quartic(2.5) + quartic_slope(2.5) * d + 0.5 * hbar_omega * d * d).epsilon(1e-13));
    CHECK(table.slope(-2.5 - d) == Approx(quartic_slope(-2.5) - hbar_omega * d).epsilon(1e-13));
    CHECK(table.potential(-2.5 - d) ==
          Approx(quartic(-2.5) - quartic_slope(-2.5) * d + 0.5 * hbar_omega * d * d).epsilon(1e-13));
  }
}

TEST_CASE("the force is the derivative of the potential everywhere", "[force_table]") {
  const ForceTable table(sample(quartic, quartic_slope, -2.5, 0.25, 20), hbar_omega);
  const double delta = 1e-5;  // central difference error ~ δ² V''' ~ 1e-8
  for (double Q = -4.0; Q <= 4.0; Q += 0.0371) {
    const double difference = (table.potential(Q + delta) - table.potential(Q - delta)) / (2.0 * delta);
    CHECK(difference == Approx(table.slope(Q)).margin(1e-6));
  }
}

TEST_CASE("a table of the bare oscillator is the harmonic evaluator", "[force_table]") {
  const HarmonicForce harmonic{hbar_omega};
  const auto V = [&](double Q) { return harmonic.potential(Q); };
  const auto dV = [&](double Q) { return harmonic.slope(Q); };
  const ForceTable table(sample(V, dV, -1.0, 0.1, 20), hbar_omega);
  for (double Q = -3.0; Q <= 3.0; Q += 0.0173) {
    CHECK(table.slope(Q) == Approx(harmonic.slope(Q)).margin(1e-12));
    CHECK(table.potential(Q) == Approx(harmonic.potential(Q)).margin(1e-12));
  }
  CHECK(table.max_curvature_meV() == Approx(hbar_omega).epsilon(1e-12));
}

TEST_CASE("the largest curvature is found, tails included", "[force_table]") {
  const ForceTable table(sample(quartic, quartic_slope, -2.5, 0.05, 100), hbar_omega);
  // V'' = 12 a Q² − 2b is largest at the edges: 12·3·6.25 − 40 = 185 > ħω; Hermite V'' is O(h²) accurate.
  CHECK(table.max_curvature_meV() == Approx(12 * a * 6.25 - 2 * b).epsilon(1e-2));
  const ForceTable soft(sample(quartic, quartic_slope, -1.0, 0.05, 40), hbar_omega);
  CHECK(soft.max_curvature_meV() == hbar_omega);  // 12·3·1 − 40 < ħω: the tails dominate
}

TEST_CASE("an even landscape is mirrored from its half", "[force_table]") {
  const auto V = [](double Q) { return a * Q * Q * Q * Q - b * Q * Q; };
  const auto dV = [](double Q) { return 4 * a * Q * Q * Q - 2 * b * Q; };
  const auto half = sample(V, dV, 0.0, 0.25, 10);
  const ForceTable table = ForceTable::mirrored(half, hbar_omega);
  const ForceTable direct(sample(V, dV, -2.5, 0.25, 20), hbar_omega);
  CHECK(table.Q_first() == -2.5);
  for (double Q = -4.0; Q <= 4.0; Q += 0.0371) {
    // Symmetric to rounding: t is computed from the table's lower edge on both sides.
    CHECK(table.slope(-Q) == Approx(-table.slope(Q)).margin(1e-11));
    CHECK(table.potential(-Q) == Approx(table.potential(Q)).margin(1e-11));
    CHECK(table.slope(Q) == Approx(direct.slope(Q)).margin(1e-12));
  }
  auto odd = half;
  odd.slope_meV.front() = 0.1;
  CHECK_THROWS_AS(ForceTable::mirrored(odd, hbar_omega), metasc::Error);
}

TEST_CASE("reads never leave the table and bad tables are refused", "[force_table]") {
  const ForceTable table(sample(quartic, quartic_slope, -2.5, 0.25, 20), hbar_omega);
  CHECK(std::isnan(table.slope(std::numeric_limits<double>::quiet_NaN())));
  CHECK(std::isnan(table.potential(std::numeric_limits<double>::quiet_NaN())));
  // ±inf reads the tail's polynomial at t = ±inf, whose t² term 0 · inf is NaN:
  // a diverged trajectory stays non-finite, as a NaN one does.
  CHECK(std::isnan(table.slope(std::numeric_limits<double>::infinity())));
  CHECK(std::isnan(table.slope(-std::numeric_limits<double>::infinity())));
  CHECK(table.slope(-1e300) == Approx(-hbar_omega * 1e300));

  auto nodes = sample(quartic, quartic_slope, -2.5, 0.25, 20);
  auto short_slopes = nodes;
  short_slopes.slope_meV.pop_back();
  CHECK_THROWS_AS(ForceTable(short_slopes, hbar_omega), metasc::Error);
  auto not_finite = nodes;
  not_finite.potential_meV[3] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(ForceTable(not_finite, hbar_omega), metasc::Error);
  auto backwards = nodes;
  backwards.Q_step = -0.25;
  CHECK_THROWS_AS(ForceTable(backwards, hbar_omega), metasc::Error);
  CHECK_THROWS_AS(ForceTable(nodes, 0.0), metasc::Error);
}

TEST_CASE("the fused table step is the scalar step of each lane, bit for bit, tails, edges, inf and NaN included",
          "[force_table]") {
  const ForceTable table(sample(quartic, quartic_slope, -2.5, 0.25, 20), hbar_omega);
  const auto kernel = table.slope_kernel();
  // Inside, on the nodes, at both edges, in the tails, ±inf, ±0 and NaN; 83
  // values, so that a remainder after whole groups of eight is covered too.
  std::vector<double> Q;
  for (int k = -30; k <= 30; ++k) Q.push_back(0.1 * k + 0.0137 * (k % 3));
  for (const double special : {-2.5, 2.5, -0.0, 0.0, 1e300, -1e300, std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
                               std::nextafter(2.5, 0.0), std::nextafter(-2.5, 0.0)}) {
    Q.push_back(special);
  }
  for (int k = 0; k < 11; ++k) Q.push_back(-2.5 + 0.25 * k);  // nodes
  const std::size_t n = Q.size();
  REQUIRE(n % 8 != 0);
  std::vector<double> P(n), xi(n), sums(n), limit(n, 0.05);
  for (std::size_t i = 0; i < n; ++i) {
    P[i] = 0.3 - 0.01 * static_cast<double>(i);
    xi[i] = std::sin(static_cast<double>(i));
    sums[i] = 0.2 * static_cast<double>(i % 5);
  }
  const StepMap map{.dt_ps = 0.01, .force_scale = 0.7, .q_from_p = 0.01, .q_from_force = 1e-3, .q_from_noise = 0.02,
                    .p_from_p = 0.9, .p_from_force = 5e-3, .p_from_noise = 0.1, .momentum_shift = 5e-3, .noisy = true};
  const NeighbourCoupling coupling{.stiffness_meV = 2.0, .coordination = 4.0, .neighbour_sums = sums.data()};
  const double drive = 0.25;
  for (const bool coupled : {false, true}) {
    INFO((coupled ? "coupled" : "uncoupled"));
    std::vector<double> Q_fused(Q), P_fused(P);
    Q_fused.push_back(123.0);  // nothing written past n
    const bool watched = table_step(kernel, map, Q_fused.data(), P_fused.data(), xi.data(), n, drive, limit.data(),
                                    coupled ? &coupling : nullptr);
    bool inside = false;
    for (std::size_t i = 0; i < n; ++i) {
      INFO("Q = " << Q[i]);
      const double slope = kernel.slope(Q[i]) + (coupled ? coupling.slope(i, Q[i]) : 0.0);
      const double f = map.acceleration(slope, drive);
      const double q = map.next_position(Q[i], P[i], f, xi[i]), p = map.next_momentum(P[i], f, xi[i]);
      inside = inside || std::abs(q) < limit[i];
      CHECK(std::memcmp(&Q_fused[i], &q, sizeof(double)) == 0);
      CHECK(std::memcmp(&P_fused[i], &p, sizeof(double)) == 0);
    }
    CHECK(watched == inside);
    CHECK(Q_fused.back() == 123.0);
  }
}
