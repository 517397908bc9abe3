// The lattice stepper of metasc-nucleation on harmonic V = ħωQ²/2 (PHYSICS.md
// §8): every lattice mode is an Ornstein–Uhlenbeck mode with
// ⟨|Q̂_k|²⟩ = k_BT/(N_s[ħω + 4κ Σ_i sin²(k_i/2)]), Q̂_k the unitary DFT.
// BAOAB's Q is exactly Boltzmann for harmonic forces at any stable dt, so the
// bound is statistical only. Runs on 1, 2 and 3 ranks.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

#include "metasc/nucleation/lattice.hpp"
#include "metasc/units.hpp"
#include "test_environment.hpp"

using namespace metasc;

namespace {

/// V = ħωQ²/2 tabulated (the cubic Hermite table is exact on a quadratic).
stochastic::ForceTable harmonic_table(double phonon_energy_meV) {
  stochastic::LandscapeNodes nodes{.Q_first = -4.0, .Q_step = 0.01, .potential_meV = {}, .slope_meV = {}};
  for (int i = 0; i <= 800; ++i) {
    const double Q = nodes.Q_first + nodes.Q_step * i;
    nodes.potential_meV.push_back(0.5 * phonon_energy_meV * Q * Q);
    nodes.slope_meV.push_back(phonon_energy_meV * Q);
  }
  return stochastic::ForceTable(nodes, phonon_energy_meV);
}

}  // namespace

TEST_CASE("harmonic lattice: every mode's variance k_BT/(N_s[hw + 4 kappa sum sin^2(k/2)])", "[nucleation]") {
  const double energy = units::phonon_energy_meV(22.0), kT = 8.617, sites = 10.0, kappa = 20.0;
  const std::vector<std::int64_t> cells{4, 3};
  // γ near critical damping of the softest mode: Q decorrelates in ~2/γ = 0.02 ps.
  const stochastic::Oscillator oscillator{
      .angular_per_ps = units::angular_per_ps(22.0), .damping_per_ps = 100.0, .kT_meV = kT, .domain_sites = sites};
  nucleation::Lattice lattice(MPI_COMM_WORLD, {cells, kappa}, stochastic::Scheme::baoab, oscillator, 0.002,
                              harmonic_table(energy), 7);
  lattice.thermal_start(0, 0.0, energy);
  const int batches = 40, samples_per_batch = 250, stride = 10;  // 10^5 steps, 200 ps
  const std::size_t M = 12;
  std::vector<std::vector<double>> batch_means(M, std::vector<double>(batches, 0.0));
  std::uint64_t step = 0;
  for (int b = 0; b < batches; ++b) {
    for (int s = 0; s < samples_per_batch; ++s) {
      for (int k = 0; k < stride; ++k) lattice.step(step++, 0.0);
      const auto Q = lattice.gather_Q();
      if (Q.empty()) continue;
      for (std::size_t m1 = 0; m1 < 4; ++m1) {
        for (std::size_t m2 = 0; m2 < 3; ++m2) {
          std::complex<double> mode = 0.0;
          for (std::size_t y = 0; y < 3; ++y)
            for (std::size_t x = 0; x < 4; ++x)
              mode += Q[y * 4 + x] * std::polar(1.0, -2.0 * std::numbers::pi * (double(m1 * x) / 4 + double(m2 * y) / 3));
          batch_means[m2 * 4 + m1][static_cast<std::size_t>(b)] += std::norm(mode) / double(M) / samples_per_batch;
        }
      }
    }
  }
  if (lattice.gather_Q().empty()) return;  // rank 0 checks
  for (std::size_t m1 = 0; m1 < 4; ++m1) {
    for (std::size_t m2 = 0; m2 < 3; ++m2) {
      const double s1 = std::sin(std::numbers::pi * double(m1) / 4), s2 = std::sin(std::numbers::pi * double(m2) / 3);
      const double expected = kT / (sites * (energy + 4.0 * kappa * (s1 * s1 + s2 * s2)));
      const auto& means = batch_means[m2 * 4 + m1];
      double mean = 0.0, square = 0.0;
      for (const double x : means) mean += x / batches;
      for (const double x : means) square += (x - mean) * (x - mean) / (batches - 1);
      const double standard_error = std::sqrt(square / batches);
      INFO("mode (" << m1 << ", " << m2 << "): " << mean << " against " << expected << ", batch s.e. " << standard_error);
      // 12 modes at 99.9% together (Bonferroni, Student t with 39 dof: 4.4), and the
      // test has power: its standard error is below 5% of the closed form.
      CHECK(std::abs(mean - expected) < 4.4 * standard_error);
      CHECK(standard_error < 0.05 * expected);
    }
  }
}
