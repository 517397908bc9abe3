// BCS solver (PHYSICS.md §3): closed forms, limits and identities of the gap
// equation, the density and the free energy.
#include <algorithm>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <initializer_list>
#include <numbers>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/physics/bcs.hpp"
#include "metasc/units.hpp"

namespace {

using metasc::physics::BcsBand;
namespace bcs = metasc::physics;

constexpr BcsBand kK3C60{.dos_per_meV = 0.015, .cutoff_meV = 91.0};

/// U [meV] with dimensionless coupling νU.
double pairing(const BcsBand& band, double coupling) { return coupling / band.dos_per_meV; }

/// Δ0 = ω_c / sinh(1/νU) and F_SC = −ν ω_c² (coth(1/νU) − 1): T = 0, λ = 0.
double zero_temperature_gap(const BcsBand& band, double coupling) {
  return band.cutoff_meV / std::sinh(1.0 / coupling);
}
double zero_temperature_free_energy(const BcsBand& band, double coupling) {
  // coth x − 1 = 2/(e^{2x} − 1), without cancellation
  return -band.dos_per_meV * band.cutoff_meV * band.cutoff_meV * 2.0 / std::expm1(2.0 / coupling);
}

double relative(double value, double reference) { return std::abs(value / reference - 1.0); }

}  // namespace

TEST_CASE("T = 0, lambda = 0: gap and free energy equal their closed forms", "[bcs]") {
  for (double coupling = 0.1; coupling <= 1.0 + 1e-12; coupling += 0.05) {
    CAPTURE(coupling);
    const double U = pairing(kK3C60, coupling);
    const double gap0 = zero_temperature_gap(kK3C60, coupling);
    const double free0 = zero_temperature_free_energy(kK3C60, coupling);
    CHECK(relative(bcs::gap(kK3C60, U, 0.0), gap0) < 1e-8);
    CHECK(relative(bcs::free_energy(kK3C60, U, 0.0, 0.0, gap0), free0) < 1e-8);
    CHECK(std::abs(bcs::gap_equation_residual(kK3C60, U, 0.0, 0.0, gap0)) < 1e-12);
    // The finite-T solver far below T_c (thermal corrections ~ e^{−50}): same gap; F_SC
    // shifted by exactly (π²/3)νT² (the normal-state subtraction, up to e^{−ω_c/T}).
    const double kT = gap0 / 50.0;
    const double gap_T = bcs::gap(kK3C60, U, kT);
    CHECK(relative(gap_T, gap0) < 1e-8);
    const double sommerfeld = std::numbers::pi * std::numbers::pi / 3.0 * kK3C60.dos_per_meV * kT * kT;
    CHECK(relative(bcs::free_energy(kK3C60, U, kT, 0.0, gap_T) - sommerfeld, free0) < 1e-8);
  }
}

TEST_CASE("At small T, F_SC lies (pi^2/3) nu (k_B T)^2 above the T = 0 closed form", "[bcs]") {
  for (const double coupling : {0.2, 0.35, 0.6}) {
    const double U = pairing(kK3C60, coupling);
    const double gap0 = zero_temperature_gap(kK3C60, coupling);
    for (const double ratio : {15.0, 30.0}) {
      CAPTURE(coupling, ratio);
      const double kT = gap0 / ratio;
      const double shift = bcs::free_energy(kK3C60, U, kT, 0.0, bcs::gap(kK3C60, U, kT)) -
                           zero_temperature_free_energy(kK3C60, coupling);
      // Next order: thermal quasi-particles, relative size ~ (12/π²) sqrt(πΔ/2T) e^{−Δ/T} ≲ 2e-6.
      CHECK(relative(shift, std::numbers::pi * std::numbers::pi / 3.0 * kK3C60.dos_per_meV * kT * kT) < 1e-4);
    }
  }
}

TEST_CASE("Critical temperature: weak-coupling limit, round trips and the gap closing at T_c", "[bcs]") {
  for (const double cutoff : {20.0, 91.0, 200.0}) {
    const BcsBand band{.dos_per_meV = 0.015, .cutoff_meV = cutoff};
    for (const double coupling : {0.1, 0.15, 0.2, 0.25}) {
      CAPTURE(cutoff, coupling);
      const double weak = 1.134 * cutoff * std::exp(-1.0 / coupling);
      CHECK(relative(bcs::critical_kT(band, pairing(band, coupling)), weak) < 0.01);
    }
    for (double coupling = 0.1; coupling <= 1.0 + 1e-12; coupling += 0.1) {
      CAPTURE(cutoff, coupling);
      const double U = pairing(band, coupling);
      const double kTc = bcs::critical_kT(band, U);
      CHECK(relative(bcs::pairing_from_critical_kT(band, kTc), U) < 1e-10);
      // T_c is where the Δ → 0⁺ residual vanishes: R(Δ) ≈ −0.107 (Δ/T_c)² there.
      CHECK(std::abs(bcs::gap_equation_residual(band, U, kTc, 0.0, 1e-9 * kTc)) < 1e-10);
      CHECK(bcs::gap(band, U, kTc * (1.0 + 1e-6)) == 0.0);
      CHECK(bcs::gap(band, U, kTc * (1.0 + 1e-6), 0.0, 0.5 * kTc) == 0.0);
      CHECK(bcs::gap(band, U, 2.0 * kTc) == 0.0);
      // Ginzburg–Landau limit (weak coupling, ω_c ≫ T_c): Δ = 3.0633 T_c sqrt(1 − T/T_c).
      if (cutoff / kTc > 40.0) {
        const double reduced = 1e-4;
        CHECK(relative(bcs::gap(band, U, kTc * (1.0 - reduced)), 3.0633 * kTc * std::sqrt(reduced)) < 1e-3);
      }
      CHECK(bcs::gap(band, U, kTc * (1.0 - 1e-8)) > 0.0);
    }
    const double kTc20 = metasc::units::kT_meV(20.0);
    CHECK(relative(bcs::critical_kT(band, bcs::pairing_from_critical_kT(band, kTc20)), kTc20) < 1e-10);
  }
  const double gap0 = 7.0;
  const double U0 = bcs::pairing_from_zero_temperature_gap(kK3C60, gap0);
  CHECK(relative(bcs::gap(kK3C60, U0, 0.0), gap0) < 1e-12);
  CHECK(relative(bcs::gap(kK3C60, U0, 1e-3), gap0) < 1e-12);
}

TEST_CASE("The gap equation holds at the returned root, and it is the largest root", "[bcs]") {
  for (const double cutoff : {20.0, 91.0, 200.0}) {
    const BcsBand band{.dos_per_meV = 0.015, .cutoff_meV = cutoff};
    for (const double kelvin : {1.0, 20.0, 100.0, 300.0, 400.0}) {
      const double kT = metasc::units::kT_meV(kelvin);
      for (const double coupling : {0.1, 0.2, 0.35, 0.5, 0.75, 1.0}) {
        const double U = pairing(band, coupling);
        const double gap0 = zero_temperature_gap(band, coupling);
        for (const double lambda_over_kT : {-20.0, -5.0, -1.0, -0.2, 0.0, 0.2, 1.0, 5.0, 20.0}) {
          const double lambda = lambda_over_kT * kT;
          CAPTURE(cutoff, kelvin, coupling, lambda_over_kT);
          const double gap = bcs::gap(band, U, kT, lambda);
          REQUIRE(std::isfinite(gap));
          REQUIRE(gap >= 0.0);
          REQUIRE(gap <= gap0);
          const auto residual = [&](double trial) { return bcs::gap_equation_residual(band, U, kT, lambda, trial); };
          if (gap > 0.0) {
            CHECK(std::abs(residual(gap)) < 1e-10);
            CHECK(residual(gap * (1.0 + 1e-6)) < 0.0);
            if (lambda >= 0.0) CHECK(residual(gap * (1.0 - 1e-6)) > 0.0);
          }
          if (lambda > 0.0) CHECK(gap > 0.0);  // λ > 0: R → +∞ as Δ → 0, a root always exists
          // No root above the returned one (Δ = 0: none at all) on a logarithmic grid up to Δ0.
          const double from = gap > 0.0 ? gap * (1.0 + 1e-4) : 1e-12 * gap0;
          for (int i = 0; i <= 60; ++i) {
            const double trial = from * std::pow(gap0 / from, i / 60.0);
            if (trial > from) CHECK(residual(trial) < 0.0);
          }
        }
      }
    }
  }
}

TEST_CASE("A neighbouring solution as hint gives the same root", "[bcs]") {
  const double U = pairing(kK3C60, 0.3);
  for (const double kelvin : {10.0, 60.0, 150.0}) {
    const double kT = metasc::units::kT_meV(kelvin);
    for (const double lambda_over_kT : {-3.0, -0.5, 0.0, 0.5, 3.0}) {
      CAPTURE(kelvin, lambda_over_kT);
      const double lambda = lambda_over_kT * kT;
      const double cold = bcs::gap(kK3C60, U, kT, lambda);
      for (const double factor : {0.01, 0.8, 1.05, 3.0}) {
        const double hinted = bcs::gap(kK3C60, U, kT, lambda, factor * (cold > 0.0 ? cold : 1.0));
        if (cold == 0.0) {
          CHECK(hinted == 0.0);
        } else {
          CHECK(relative(hinted, cold) < 1e-10);
        }
      }
    }
  }
  // λ ≫ T: the root sits within e^{−λ/T} of the upper end Δ0 of the search bracket,
  // where Newton must not stop halfway to it.
  const double kT = metasc::units::kT_meV(100.0);
  for (const double coupling : {0.3, 0.8}) {
    const double U_edge = pairing(kK3C60, coupling);
    const double gap0 = zero_temperature_gap(kK3C60, coupling);
    for (const double lambda_over_kT : {20.0, 40.0}) {
      const double cold = bcs::gap(kK3C60, U_edge, kT, lambda_over_kT * kT);
      for (const double factor : {0.9, 0.95, 0.99, 1.1}) {
        CAPTURE(coupling, lambda_over_kT, factor);
        CHECK(relative(bcs::gap(kK3C60, U_edge, kT, lambda_over_kT * kT, factor * gap0), cold) < 1e-13);
      }
    }
  }
}

TEST_CASE("Exponentially small gaps keep full relative precision", "[bcs]") {
  // λ ≫ T: tanh((E+λ)/2T) = 1 − O(e^{−λ/T}), so the λ = 0, T = 0 closed form holds.
  for (const double coupling : {0.02, 0.05, 0.1}) {
    CAPTURE(coupling);
    const double U = pairing(kK3C60, coupling);
    const double kT = metasc::units::kT_meV(100.0);
    CHECK(relative(bcs::gap(kK3C60, U, kT, 40.0 * kT), zero_temperature_gap(kK3C60, coupling)) < 1e-12);
  }
  // λ ~ T, Δ ≪ T: 1/(νU) = τ ln(2ω_c/Δ) + C + O(Δ/T), τ = tanh(λ/2T),
  // C = ∫_0^ω_c [tanh((ξ+λ)/2T) − τ]/ξ dξ, here computed independently in ξ.
  const double kT = metasc::units::kT_meV(100.0);
  for (const double lambda_over_kT : {0.2, 0.5}) {
    for (const double coupling : {0.05, 0.1}) {
      CAPTURE(lambda_over_kT, coupling);
      const double lambda = lambda_over_kT * kT;
      const double tau = std::tanh(lambda / (2.0 * kT));
      const auto integrand = [&](double xi) { return (std::tanh((xi + lambda) / (2.0 * kT)) - tau) / xi; };
      double constant = 0.0;
      for (double a = 0.0; a < kK3C60.cutoff_meV; a += kT) {
        constant += boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
            integrand, a, std::min(a + kT, kK3C60.cutoff_meV), 10, 1e-15);
      }
      const double expected = 2.0 * kK3C60.cutoff_meV * std::exp(-(1.0 / coupling - constant) / tau);
      const double gap = bcs::gap(kK3C60, pairing(kK3C60, coupling), kT, lambda);
      CAPTURE(gap, expected);
      REQUIRE(expected < 1e-11 * kT);
      CHECK(relative(gap, expected) < 1e-9);
    }
  }
}

TEST_CASE("Density: lambda -> n -> lambda round trip and the normal-state closed form", "[bcs]") {
  for (const double kelvin : {1.0, 20.0, 100.0, 300.0}) {
    const double kT = metasc::units::kT_meV(kelvin);
    for (const double gap : {0.0, 1e-6, 1.0, 7.0, 30.0}) {
      for (const double lambda_over_kT : {-20.0, -3.0, 0.0, 3.0, 20.0}) {
        CAPTURE(kelvin, gap, lambda_over_kT);
        const double lambda = lambda_over_kT * kT;
        const double n = bcs::density(kK3C60, gap, kT, lambda);
        REQUIRE(n > 0.0);
        const double back = bcs::chemical_potential_from_density(kK3C60, gap, kT, n);
        CHECK(std::abs(back - lambda) < 1e-9 * std::max(kT, std::abs(lambda)));
        if (gap == 0.0) {
          // The closed form against the quadrature at a negligible gap (difference O(Δ/T)).
          CHECK(relative(bcs::density(kK3C60, 1e-12, kT, lambda), n) < 1e-10);
        }
      }
    }
  }
  // T = 0: the states below the edge E = −λ are filled.
  CHECK(relative(bcs::density(kK3C60, 3.0, 0.0, -5.0), 4.0 * kK3C60.dos_per_meV * 4.0) < 1e-14);
  CHECK(bcs::density(kK3C60, 3.0, 0.0, -2.0) == 0.0);
}

TEST_CASE("Free energy: dF/dDelta = -2 nu Delta R, zero at the self-consistent gap", "[bcs]") {
  const double U = pairing(kK3C60, 0.3);
  for (const double kelvin : {0.0, 5.0, 50.0, 120.0}) {
    const double kT = metasc::units::kT_meV(kelvin);
    for (const double lambda_over_kT : {-2.0, 0.0, 2.0}) {
      const double lambda = lambda_over_kT * kT;
      const double root = bcs::gap(kK3C60, U, kT, lambda);
      for (const double gap : {0.5, 3.0, 8.0, root}) {
        if (gap <= 0.0) continue;
        CAPTURE(kelvin, lambda_over_kT, gap, root);
        const double h = 1e-5 * gap;
        const double slope = (bcs::free_energy(kK3C60, U, kT, lambda, gap + h) -
                              bcs::free_energy(kK3C60, U, kT, lambda, gap - h)) / (2.0 * h);
        const double identity = -2.0 * kK3C60.dos_per_meV * gap * bcs::gap_equation_residual(kK3C60, U, kT, lambda, gap);
        // Central difference error ~ F''' h²/6 with F ~ νω_c² scale: ≲ 1e-9 meV⁻¹·meV² here.
        CHECK(std::abs(slope - identity) < 1e-7 * (1.0 + std::abs(identity)));
      }
    }
  }
}

TEST_CASE("Free energy at lambda != 0: Sommerfeld limit of the quasi-particle term", "[bcs]") {
  // At small T only states within ~T of the edge E + λ = 0 change: for an edge inside the
  // band (Δ < −λ < ω_c) the gapped density of states there is ν μ/ξ_e (μ = −λ, ξ_e = sqrt(μ²−Δ²))
  // against ν in the normal state, so F(T) − F(0) = (2π²/3) ν T² (1 − μ/ξ_e) + O(T⁴).
  const double U = pairing(kK3C60, 0.3);
  const double gap = 3.0;
  const double mu = 8.0;
  const double xi_edge = std::sqrt(mu * mu - gap * gap);
  const auto deviation = [&](double kT) {
    const double shift = bcs::free_energy(kK3C60, U, kT, -mu, gap) - bcs::free_energy(kK3C60, U, 0.0, -mu, gap);
    return shift / (2.0 * std::numbers::pi * std::numbers::pi / 3.0 * kK3C60.dos_per_meV * kT * kT *
                    (1.0 - mu / xi_edge)) - 1.0;
  };
  // The next order is T⁴: the relative deviation is small and shrinks fourfold when T halves.
  const double coarse = deviation(0.02);
  const double fine = deviation(0.01);
  CHECK(std::abs(coarse) < 2e-4);
  CHECK(coarse / fine == Approx(4.0).epsilon(0.05));
  // λ > 0: every state has E + λ ≥ λ ≫ T, so the thermal term is O(e^{−λ/T}) ≈ e^{−100}.
  const double cold = bcs::free_energy(kK3C60, U, 0.0, 2.0, gap);
  CHECK(relative(bcs::free_energy(kK3C60, U, 0.02, 2.0, gap), cold) < 1e-12);
}

TEST_CASE("dDelta/dU against a finite difference of the gap", "[bcs]") {
  for (const double coupling : {0.2, 0.4, 0.8}) {
    const double U = pairing(kK3C60, coupling);
    for (const double kelvin : {0.0, 30.0, 90.0}) {
      const double kT = metasc::units::kT_meV(kelvin);
      for (const double lambda_over_kT : {-1.0, 0.0, 1.0}) {
        const double lambda = lambda_over_kT * kT;
        const double gap = bcs::gap(kK3C60, U, kT, lambda);
        if (gap == 0.0) continue;
        CAPTURE(coupling, kelvin, lambda_over_kT, gap);
        const double h = 1e-5 * U;
        const double numeric =
            (bcs::gap(kK3C60, U + h, kT, lambda) - bcs::gap(kK3C60, U - h, kT, lambda)) / (2.0 * h);
        CHECK(relative(bcs::gap_derivative_wrt_pairing(kK3C60, U, kT, lambda, gap), numeric) < 1e-6);
      }
    }
  }
  CHECK(bcs::gap_derivative_wrt_pairing(kK3C60, 10.0, 1.0, 0.0, 0.0) == 0.0);
}

TEST_CASE("Out-of-domain arguments throw NumericalError", "[bcs]") {
  CHECK_THROWS_AS(bcs::gap(kK3C60, 10.0, -1.0), metasc::NumericalError);
  CHECK_THROWS_AS(bcs::gap(BcsBand{.dos_per_meV = 0.0, .cutoff_meV = 91.0}, 10.0, 1.0), metasc::NumericalError);
  CHECK_THROWS_AS(bcs::density(kK3C60, -1.0, 1.0, 0.0), metasc::NumericalError);
  CHECK_THROWS_AS(bcs::chemical_potential_from_density(kK3C60, 1.0, 1.0, 4.0 * 0.015 * 91.0),
                  metasc::NumericalError);
  CHECK(bcs::gap(kK3C60, 0.0, 1.0) == 0.0);
  CHECK(bcs::critical_kT(kK3C60, 0.0) == 0.0);
}

TEST_CASE("state_from_density solves gap and density jointly, on both branches, normal beyond", "[bcs]") {
  const double gap0 = 7.0;
  const double U = bcs::pairing_from_zero_temperature_gap(kK3C60, gap0);
  const double kTc = bcs::critical_kT(kK3C60, U);  // ≈ 46 K
  const double n_max = 4.0 * kK3C60.dos_per_meV * kK3C60.cutoff_meV;
  for (const double kelvin : {10.0, 30.0, 100.0}) {
    const double kT = metasc::units::kT_meV(kelvin);
    const double normal_equilibrium = bcs::density(kK3C60, 0.0, kT, 0.0);
    int larger = 0, smaller = 0, normal = 0;
    double previous_gap = gap0;
    // A logarithmic grid, plus the normal equilibrium density: below T_c(U) it lies between
    // the saddle-node density and the peak, on the smaller-root branch.
    std::vector<double> densities{normal_equilibrium};
    for (int i = 0; i <= 40; ++i) densities.push_back(1e-8 * std::pow(0.9 * n_max / 1e-8, i / 40.0));
    std::sort(densities.begin(), densities.end());
    for (const double n : densities) {
      CAPTURE(kelvin, n);
      const auto state = bcs::state_from_density(kK3C60, U, kT, n);
      REQUIRE(std::isfinite(state.gap_meV));
      REQUIRE(std::isfinite(state.lambda_meV));
      // Followed from n → 0 upwards, the gap only decreases (no jump back to a larger root).
      CHECK(state.gap_meV <= previous_gap);
      previous_gap = state.gap_meV;
      if (state.branch == bcs::GapBranch::normal) {
        ++normal;
        CHECK(state.gap_meV == 0.0);
        CHECK(relative(bcs::density(kK3C60, 0.0, kT, state.lambda_meV), n) < 1e-12);
        continue;
      }
      CHECK(relative(bcs::density(kK3C60, state.gap_meV, kT, state.lambda_meV), n) < 1e-10);
      const auto residual = [&](double gap) {
        return bcs::gap_equation_residual(kK3C60, U, kT, state.lambda_meV, gap);
      };
      CHECK(std::abs(residual(state.gap_meV)) < 1e-10);
      const bool decreasing = residual(state.gap_meV * (1.0 + 1e-6)) < residual(state.gap_meV * (1.0 - 1e-6));
      CHECK(decreasing == (state.branch == bcs::GapBranch::larger_root));
      (state.branch == bcs::GapBranch::larger_root ? larger : smaller) += 1;
      if (kT > kTc) {  // above T_c(U): λ > 0 throughout, so R decreases in Δ and n < n_eq(normal)
        CHECK(state.branch == bcs::GapBranch::larger_root);
        CHECK(state.lambda_meV > 0.0);
      }
    }
    CAPTURE(kelvin, larger, smaller, normal);
    CHECK(larger > 0);
    CHECK(normal > 0);
    CHECK((smaller > 0) == (kT < kTc));
    // The normal state starts at the normal equilibrium density above T_c (just below it
    // the gap is exponentially small, ~exp(−C/(n_eq − n))), and beyond a peak density above it below T_c.
    if (kT > kTc) {
      CHECK(bcs::state_from_density(kK3C60, U, kT, 0.99 * normal_equilibrium).branch == bcs::GapBranch::larger_root);
      CHECK(bcs::state_from_density(kK3C60, U, kT, 1.001 * normal_equilibrium).branch == bcs::GapBranch::normal);
    } else {
      // Equilibrium (λ = 0) is a state of the kinetics: its density gives back Δ_eq and λ = 0.
      const double gap_eq = bcs::gap(kK3C60, U, kT);
      const auto state = bcs::state_from_density(kK3C60, U, kT, bcs::density(kK3C60, gap_eq, kT, 0.0));
      CHECK(relative(state.gap_meV, gap_eq) < 1e-9);
      CHECK(std::abs(state.lambda_meV) < 1e-9 * kT);
      CHECK(state.branch == bcs::GapBranch::larger_root);
    }
    // Perfect quasi-particle extraction (n → 0) gives back the T = 0 gap (paper, after Eq. 5).
    CHECK(relative(bcs::state_from_density(kK3C60, U, kT, 1e-8).gap_meV, gap0) < 1e-5);
  }
}

TEST_CASE("state_from_density from a neighbouring state agrees with the cold solve", "[bcs]") {
  const double U = bcs::pairing_from_zero_temperature_gap(kK3C60, 7.0);
  for (const double kelvin : {10.0, 30.0, 100.0}) {
    const double kT = metasc::units::kT_meV(kelvin);
    // n rising as in the kinetics, through both branches into the normal state.
    bcs::KineticState previous = bcs::state_from_density(kK3C60, U, kT, 1e-6);
    for (double n = 1e-6; n < 0.6; n *= 1.15) {
      CAPTURE(kelvin, n);
      const auto cold = bcs::state_from_density(kK3C60, U, kT, n);
      const auto warm = bcs::state_from_density(kK3C60, U, kT, n, previous);
      CHECK(warm.branch == cold.branch);
      CHECK(std::abs(warm.gap_meV - cold.gap_meV) <= 1e-9 * cold.gap_meV);
      CHECK(std::abs(warm.lambda_meV - cold.lambda_meV) <= 1e-9 * std::max(kT, std::abs(cold.lambda_meV)));
      previous = warm;
    }
  }
}

TEST_CASE("chemical_potential_for_gap puts the gap on the gap-equation curve", "[bcs]") {
  const double U = bcs::pairing_from_zero_temperature_gap(kK3C60, 7.0);
  for (const double kelvin : {10.0, 30.0, 100.0, 300.0}) {
    const double kT = metasc::units::kT_meV(kelvin);
    for (const double gap : {1e-6, 0.1, 2.0, 5.0, 6.9, 6.99999}) {
      CAPTURE(kelvin, gap);
      const auto lambda = bcs::chemical_potential_for_gap(kK3C60, U, kT, gap);
      REQUIRE(lambda);
      CHECK(std::abs(bcs::gap_equation_residual(kK3C60, U, kT, *lambda, gap)) < 1e-10);
      const auto state = bcs::state_from_density(kK3C60, U, kT, bcs::density(kK3C60, gap, kT, *lambda));
      if (state.branch != bcs::GapBranch::normal && relative(state.gap_meV, gap) < 1e-6) {
        CHECK(std::abs(state.lambda_meV - *lambda) < 1e-8 * std::max(kT, std::abs(*lambda)));
      }
    }
    CHECK_FALSE(bcs::chemical_potential_for_gap(kK3C60, U, kT, 7.0 * (1.0 + 1e-9)));
    CHECK_FALSE(bcs::chemical_potential_for_gap(kK3C60, U, kT, 20.0));
  }
}
