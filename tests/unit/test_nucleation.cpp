// The lattice of PHYSICS.md §8: the neighbour sum against its definition, the
// κ = 0 lattice against independent single domains (bitwise), and the
// harmonic lattice's mode variances against their closed form. Statistical
// bounds are z = 5 standard errors per mode (false alarm < 2e-5 over all modes).
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/nucleation/lattice.hpp"
#include "metasc/nucleation/lattice_dynamics.hpp"
#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/integrator.hpp"
#include "metasc/units.hpp"

using namespace metasc::nucleation;
using metasc::stochastic::HarmonicForce;
using metasc::stochastic::LangevinIntegrator;
using metasc::stochastic::Oscillator;
using metasc::stochastic::Scheme;
using metasc::units::hbar_meV_ps;

namespace {

constexpr double z = 5.0;

/// Q of cell (i, j, k): integers that tell cells apart, so sums in any order are exact.
double probe(std::int64_t i, std::int64_t j, std::int64_t k) { return static_cast<double>(1 + i + 10 * j + 100 * k); }

}  // namespace

TEST_CASE("neighbour sum: every cell's 2d neighbours, periodic, for extents 1, 2 and more") {
  for (const std::vector<std::int64_t>& extents :
       {std::vector<std::int64_t>{5}, std::vector<std::int64_t>{1}, std::vector<std::int64_t>{2, 7},
        std::vector<std::int64_t>{3, 1, 4}, std::vector<std::int64_t>{2, 3, 2}}) {
    const PeriodicLattice lattice(extents);
    std::array<std::int64_t, 3> size{1, 1, 1};
    for (std::size_t a = 0; a < extents.size(); ++a) size[a] = extents[a];
    std::vector<double> Q(lattice.cells()), sum(lattice.cells());
    for (std::int64_t i = 0; i < size[0]; ++i)
      for (std::int64_t j = 0; j < size[1]; ++j)
        for (std::int64_t k = 0; k < size[2]; ++k) Q[lattice.index({i, j, k})] = probe(i, j, k);
    lattice.neighbour_sum(Q.data(), sum.data());
    for (std::int64_t i = 0; i < size[0]; ++i)
      for (std::int64_t j = 0; j < size[1]; ++j)
        for (std::int64_t k = 0; k < size[2]; ++k) {
          double expected = 0.0;
          for (std::size_t a = 0; a < extents.size(); ++a) {
            for (const std::int64_t shift : {-1, 1}) {
              std::array<std::int64_t, 3> at{i, j, k};
              at[a] += shift;
              expected += Q[lattice.index(at)];
            }
          }
          INFO("extents " << extents.size() << "-D, cell " << i << "," << j << "," << k);
          CHECK(sum[lattice.index({i, j, k})] == expected);
        }
  }
  CHECK_THROWS_AS(PeriodicLattice({2, 2, 2, 2}), metasc::Error);
  CHECK_THROWS_AS(PeriodicLattice({3, 0}), metasc::Error);
}

TEST_CASE("kappa = 0: every cell is the single domain of its noise id, bit for bit") {
  const double energy = 20.0;
  const Oscillator oscillator{.angular_per_ps = energy / hbar_meV_ps, .damping_per_ps = 3.0, .kT_meV = 8.0,
                              .domain_sites = 5.0};
  const std::size_t cells = 4 * 5;
  const std::uint64_t lattice_index = 3, seed = 11;
  LatticeDynamics<HarmonicForce> lattice(Scheme::baoab, oscillator, 0.01, HarmonicForce{energy}, seed,
                                         PeriodicLattice({4, 5}), 0.0);
  LangevinIntegrator<HarmonicForce> single(Scheme::baoab, oscillator, 0.01, HarmonicForce{energy}, seed);
  std::vector<double> Q(cells), P(cells, 0.0);
  for (std::size_t c = 0; c < cells; ++c) Q[c] = 0.1 * static_cast<double>(c);
  auto Q_single = Q, P_single = P;
  lattice.couple(Q.data());
  for (std::uint64_t n = 0; n < 200; ++n) {
    const double drive = 50.0 * std::sin(0.3 * static_cast<double>(n));
    lattice.step(Q.data(), P.data(), lattice_index, n, drive);
    for (std::size_t c = 0; c < cells; ++c) {
      single.step(&Q_single[c], &P_single[c], 1, lattice_index * cells + c, n, drive);
    }
  }
  CHECK(Q == Q_single);
  CHECK(P == P_single);
}

TEST_CASE("harmonic lattice: every mode's variance is k_BT / (N_s [hbar omega + 4 kappa sum sin^2(k_i/2)])",
          "[stochastic]") {
  // Underdamped modes (omega_k > gamma/2) relax as e^{-gamma t}: 1.5 ps at gamma = 30/ps leaves e^{-45}.
  const double energy = 20.0, kappa = 15.0, kT = 8.0, sites = 4.0, dt = 0.01;
  const std::vector<std::int64_t> extents{4, 6};
  const Oscillator oscillator{.angular_per_ps = energy / hbar_meV_ps, .damping_per_ps = 30.0, .kT_meV = kT,
                              .domain_sites = sites};
  const PeriodicLattice shape(extents);
  const std::size_t cells = shape.cells(), lattices = 4000, steps = 150;
  LatticeDynamics<HarmonicForce> dynamics(Scheme::baoab, oscillator, dt, HarmonicForce{energy}, 5, shape, kappa);
  // Sample means of |Q̂_k|² and |P̂_k|² over independent lattices, per mode (m1, m2).
  std::vector<double> Q_power(cells, 0.0), P_power(cells, 0.0);
  std::vector<double> Q(cells), P(cells);
  const double two_pi = 2.0 * std::numbers::pi;
  const double L1 = static_cast<double>(extents[0]), L2 = static_cast<double>(extents[1]);
  for (std::size_t l = 0; l < lattices; ++l) {
    std::fill(Q.begin(), Q.end(), 0.0);
    std::fill(P.begin(), P.end(), 0.0);
    dynamics.couple(Q.data());
    for (std::size_t n = 0; n < steps; ++n) dynamics.step(Q.data(), P.data(), l, n, 0.0);
    for (std::int64_t m1 = 0; m1 < extents[0]; ++m1)
      for (std::int64_t m2 = 0; m2 < extents[1]; ++m2) {
        std::complex<double> q_hat = 0.0, p_hat = 0.0;
        for (std::int64_t i = 0; i < extents[0]; ++i)
          for (std::int64_t j = 0; j < extents[1]; ++j) {
            const double phase = two_pi * (static_cast<double>(m1 * i) / L1 + static_cast<double>(m2 * j) / L2);
            const auto w = std::polar(1.0, -phase);
            const std::size_t c = shape.index({i, j, 0});
            q_hat += Q[c] * w;
            p_hat += P[c] * w;
          }
        const std::size_t mode = shape.index({m1, m2, 0});
        Q_power[mode] += std::norm(q_hat) / static_cast<double>(cells) / static_cast<double>(lattices);
        P_power[mode] += std::norm(p_hat) / static_cast<double>(cells) / static_cast<double>(lattices);
      }
  }
  const double momentum_variance = oscillator.angular_per_ps * kT / (sites * hbar_meV_ps);
  for (std::int64_t m1 = 0; m1 < extents[0]; ++m1)
    for (std::int64_t m2 = 0; m2 < extents[1]; ++m2) {
      const double s1 = std::sin(std::numbers::pi * static_cast<double>(m1) / L1);
      const double s2 = std::sin(std::numbers::pi * static_cast<double>(m2) / L2);
      const double expected = kT / (sites * (energy + 4.0 * kappa * (s1 * s1 + s2 * s2)));
      // |Q̂_k|² is s·Exp(1) for a complex mode, s·χ²₁ (variance 2s²) for a real one (k = −k).
      const bool real_mode = (2 * m1) % extents[0] == 0 && (2 * m2) % extents[1] == 0;
      const double relative_error = (real_mode ? std::sqrt(2.0) : 1.0) / std::sqrt(static_cast<double>(lattices));
      const std::size_t mode = shape.index({m1, m2, 0});
      INFO("mode (" << m1 << ", " << m2 << ")");
      CHECK(std::abs(Q_power[mode] / expected - 1.0) < z * relative_error);
      CHECK(std::abs(P_power[mode] / momentum_variance - 1.0) < z * relative_error);
    }
}
