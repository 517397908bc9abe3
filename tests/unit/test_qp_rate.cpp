// The net quasi-particle rate dn/dt of P 6–7 (PHYSICS.md §6): detailed balance,
// signs, the P 8 limit, closed forms of the edge integral, and the fixed Gauss
// rule against an adaptive one on the unsubstituted singular integrand.
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/physics/qp_rate.hpp"
#include "metasc/units.hpp"

using namespace metasc::physics;
using metasc::units::hbar_meV_ps;

namespace {

const GaussianBand k_band{.sigma_meV = 20.0};

EliashbergFunction continuum_only(double coupling, double power, double max_meV = 8.0) {
  return EliashbergFunction(PowerLawContinuum{.coupling = coupling, .power = power, .max_meV = max_meV}, {}, k_band);
}

EliashbergFunction with_modes(std::vector<SharpMode> modes, double coupling = 0.0) {
  return EliashbergFunction(PowerLawContinuum{.coupling = coupling, .power = 2.0, .max_meV = 8.0}, std::move(modes),
                            k_band);
}

/// (π/2ħ) ∫_{2Δ}^{top} α²F √(Ω/(Ω−2Δ)) Γ by tanh-sinh in Ω itself, panel by panel
/// at the model's breakpoints; the edge singularity is left to the
/// double-exponential rule, which takes the complement Ω − 2Δ exactly.
double reference_net_per_ps(const QuasiparticleRate& rate, double gap, double lambda, double kT) {
  const auto& spectrum = rate.spectrum();
  const double two_gap = 2.0 * gap;
  const double top = std::min(rate.max_energy_meV(), spectrum.smooth_support_top_meV());
  std::vector<double> edges{two_gap};
  for (const double point : spectrum.breakpoints_meV()) {
    if (point > two_gap && point < top) edges.push_back(point);
  }
  edges.push_back(top);
  boost::math::quadrature::tanh_sinh<double> integrator;
  double sum = 0.0;
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    const double a = edges[i], b = edges[i + 1];
    if (b <= a) continue;
    sum += integrator.integrate(
        [&](double energy, double complement) {
          const double above_edge = (i == 0 && energy < 0.5 * (a + b)) ? -complement : energy - two_gap;
          return spectrum.smooth(energy, gap) * std::sqrt(energy / above_edge) *
                 net_pair_factor(energy, gap, lambda, kT);
        },
        a, b, 1e-13);
  }
  return std::numbers::pi / (2.0 * hbar_meV_ps) * sum;
}

}  // namespace

TEST_CASE("net pair factor of P 7 is 4 x (generation P 27 - recombination P 29)", "[qp_rate]") {
  for (const double kT : {0.5, 8.6, 30.0}) {
    for (const double gap : {0.0, 1.0, 7.0}) {
      for (const double lambda : {-9.0, -0.3, 0.2, 5.0, 20.0}) {
        for (const double energy : {2.0 * gap + 0.1, 8.0, 52.0}) {
          const double gen = generation_factor(energy, gap, lambda, kT);
          const double rec = recombination_factor(energy, gap, lambda, kT);
          const double net = net_pair_factor(energy, gap, lambda, kT);
          INFO("kT=" << kT << " gap=" << gap << " lambda=" << lambda << " Omega=" << energy);
          CHECK(net == Approx(4.0 * (gen - rec)).epsilon(1e-11).margin(1e-13 * 4.0 * (gen + rec)));
        }
      }
    }
  }
}

TEST_CASE("detailed balance: dn/dt = 0 at lambda = 0, and generation equals recombination there", "[qp_rate]") {
  const QuasiparticleRate rate(with_modes(
      {{.energy_meV = 52.0, .coupling_meV = 0.3}, {.energy_meV = 30.0, .coupling_meV = 0.2, .width_meV = 2.0}}, 0.05));
  for (const double kT : {1.0, 8.617, 25.85}) {
    for (const double gap : {0.0, 0.5, 3.0, 7.0}) {
      INFO("kT=" << kT << " gap=" << gap);
      CHECK(rate.net_per_ps(gap, 0.0, kT) == 0.0);
      const auto rates = rate.rates_per_ps(gap, 0.0, kT);
      REQUIRE(rates.generation_per_ps > 0.0);
      CHECK(std::abs(rates.generation_per_ps - rates.recombination_per_ps) <= 1e-12 * rates.generation_per_ps);
    }
  }
}

TEST_CASE("dn/dt has the sign of lambda and equals generation minus recombination", "[qp_rate]") {
  const QuasiparticleRate rate(with_modes({{.energy_meV = 52.0, .coupling_meV = 0.3}}, 0.05));
  for (const double kT : {2.0, 8.617, 25.85}) {
    for (const double gap : {0.0, 0.01, 2.0, 7.0}) {
      for (const double lambda : {-20.0, -3.0, -1e-6, 1e-6, 0.5, 7.0, 40.0}) {
        const double net = rate.net_per_ps(gap, lambda, kT);
        const auto rates = rate.rates_per_ps(gap, lambda, kT);
        INFO("kT=" << kT << " gap=" << gap << " lambda=" << lambda);
        CHECK(std::signbit(net) == std::signbit(lambda));
        CHECK(net != 0.0);
        CHECK(net == Approx(rates.generation_per_ps - rates.recombination_per_ps)
                         .epsilon(1e-10)
                         .margin(1e-12 * (rates.generation_per_ps + rates.recombination_per_ps)));
      }
    }
  }
}

TEST_CASE("the hyperbolic products never overflow: |lambda|/T up to 20 and beyond, Omega/T up to 200", "[qp_rate]") {
  const double kT = 1.0;
  for (const double lambda : {-50.0, -20.0, 20.0, 50.0}) {
    for (const double energy : {10.0, 100.0, 200.0}) {
      const double net = net_pair_factor(energy, 3.0, lambda, kT);
      INFO("lambda/T=" << lambda << " Omega/T=" << energy);
      CHECK(std::isfinite(net));
      CHECK(std::signbit(net) == std::signbit(lambda));
      const double gen = generation_factor(energy, 3.0, lambda, kT);
      const double rec = recombination_factor(energy, 3.0, lambda, kT);
      CHECK(net == Approx(4.0 * (gen - rec)).epsilon(1e-12));
    }
  }
  const QuasiparticleRate rate(with_modes({{.energy_meV = 100.0, .coupling_meV = 0.3}}, 0.05));
  CHECK(std::isfinite(rate.net_per_ps(5.0, 20.0, kT)));
  CHECK(std::isfinite(rate.net_per_ps(5.0, -20.0, kT)));
  CHECK(rate.net_per_ps(5.0, -20.0, kT) < 0.0);
}

TEST_CASE("P 8 limit: one sharp mode, Omega_nu/T >= 10 and lambda/T >= 10 gives (2 pi/hbar) g^2 nu_SC e^{-Omega/T}",
          "[qp_rate]") {
  // With x = Ω/2T, a = (Δ+λ)/2T, b = (Ω−Δ+λ)/2T, c = λ/T all large:
  //   csch x → 2e^{−x}, sech a → 2e^{−a}, sech b → 2e^{−b}, sinh c → e^{c}/2,
  // so Γ/√(Ω/(Ω−2Δ)) → 4 e^{−x−a−b+c} = 4 e^{−Ω/T}: the quasi-particle
  // occupations drop out. The prefactor of P 8 is then (π/2ħ)·4 = 2π/ħ, the
  // golden-rule prefactor of P 27, and √(Ω/(Ω−2Δ)) → 1 for Δ ≪ Ω_ν.
  const double g = 0.3, omega = 52.0;
  const QuasiparticleRate rate(with_modes({{.energy_meV = omega, .coupling_meV = g}}));
  for (const double kT : {5.2, 4.0, 2.5}) {
    for (const double lambda_over_T : {10.0, 14.0}) {
      const double gap = 0.1;
      const double lambda = lambda_over_T * kT;
      const double limit =
          2.0 * std::numbers::pi / hbar_meV_ps * g * g * k_band.dos_per_meV(omega - gap) * std::exp(-omega / kT);
      INFO("Omega/T=" << omega / kT << " lambda/T=" << lambda_over_T);
      CHECK(rate.net_per_ps(gap, lambda, kT) == Approx(limit).epsilon(0.01));
      // At a gap comparable with Ω_ν only the coherence factor √(Ω/(Ω−2Δ)) survives.
      const double big_gap = 7.0;
      CHECK(rate.net_per_ps(big_gap, lambda, kT) ==
            Approx(2.0 * std::numbers::pi / hbar_meV_ps * g * g * k_band.dos_per_meV(omega - big_gap) *
                   std::exp(-omega / kT) * std::sqrt(omega / (omega - 2.0 * big_gap)))
                .epsilon(0.01));
    }
  }
}

TEST_CASE("edge integral of sqrt(Omega/(Omega-2 Delta)) against its closed form", "[qp_rate]") {
  // ∫_a^W √(Ω/(Ω−a)) dΩ = √(W(W−a)) + a ln((√W + √(W−a))/√a)
  for (const double two_gap : {1e-6, 0.3, 6.0, 14.0}) {
    for (const double upper : {two_gap + 1e-3, two_gap + 2.0, 60.0}) {
      const double exact = std::sqrt(upper * (upper - two_gap)) +
                           two_gap * std::log((std::sqrt(upper) + std::sqrt(upper - two_gap)) / std::sqrt(two_gap));
      const std::vector<double> breakpoints{0.5 * two_gap, two_gap + 0.5, 30.0, 100.0};
      INFO("2Delta=" << two_gap << " W=" << upper);
      CHECK(pair_edge_integral([](double) { return 1.0; }, two_gap, upper, {}) == Approx(exact).epsilon(1e-13));
      CHECK(pair_edge_integral([](double) { return 1.0; }, two_gap, upper, breakpoints) ==
            Approx(exact).epsilon(1e-13));
    }
  }
  CHECK(pair_edge_integral([](double) { return 1.0; }, 5.0, 5.0, {}) == 0.0);
  CHECK(pair_edge_integral([](double) { return 1.0; }, 5.0, 4.0, {}) == 0.0);
}

TEST_CASE("high-temperature limit with a constant alpha^2F: the P 6 integral in closed form", "[qp_rate]") {
  // T ≫ Ω, Δ, λ: Γ/√(Ω/(Ω−2Δ)) → (2T/Ω)·1·1·(λ/T) = 2λ/Ω, relative corrections
  // O((Ω/T)²) ~ 1e-7 here, and ∫ dΩ /√(Ω(Ω−a)) = 2 ln(√Ω + √(Ω−a)).
  const double c = 0.07, low = 1.0, high = 8.0, kT = 1e4;
  const QuasiparticleRate rate(
      EliashbergFunction(TabulatedSpectrum{.energy_meV = {low, high}, .value = {c, c}}, {}, k_band));
  for (const double gap : {0.0, 0.2, 0.45, 2.0}) {
    for (const double lambda : {-0.5, 0.3}) {
      const double a = 2.0 * gap;
      const double from = std::max(low, a);
      const double exact =
          std::numbers::pi / (2.0 * hbar_meV_ps) * c * 2.0 * lambda * 2.0 *
          (std::log(std::sqrt(high) + std::sqrt(high - a)) - std::log(std::sqrt(from) + std::sqrt(from - a)));
      INFO("gap=" << gap << " lambda=" << lambda);
      CHECK(rate.net_per_ps(gap, lambda, kT) == Approx(exact).epsilon(1e-6));
    }
  }
}

TEST_CASE("the fixed Gauss rule on the substituted integral matches an adaptive rule on the singular one",
          "[qp_rate]") {
  const std::vector<QuasiparticleRate> rates{
      QuasiparticleRate(continuum_only(0.05, 2.0)),
      QuasiparticleRate(continuum_only(0.05, 1.0)),
      QuasiparticleRate(continuum_only(0.05, 4.0, 10.0)),
      QuasiparticleRate(with_modes({{.energy_meV = 30.0, .coupling_meV = 0.3, .width_meV = 3.0},
                                    {.energy_meV = 52.0, .coupling_meV = 0.3, .width_meV = 0.5}})),
      QuasiparticleRate(EliashbergFunction(
          TabulatedSpectrum{.energy_meV = {0.0, 2.0, 5.0, 6.0, 9.0}, .value = {0.0, 0.03, 0.05, 0.01, 0.0}},
          {{.energy_meV = 45.0, .coupling_meV = 0.3, .width_meV = 1.0}}, k_band)),
      QuasiparticleRate(continuum_only(0.05, 2.0), 6.5),
  };
  double worst = 0.0;
  for (const auto& rate : rates) {
    for (const double temperature_K : {10.0, 30.0, 100.0, 300.0, 400.0}) {
      const double kT = metasc::units::kT_meV(temperature_K);
      for (const double gap : {0.0, 0.01, 0.5, 2.0, 3.9}) {
        for (const double lambda : {-2.0, 0.1, 5.0}) {
          const double reference = reference_net_per_ps(rate, gap, lambda, kT);
          const double fast = rate.net_per_ps(gap, lambda, kT);
          INFO("T=" << temperature_K << " K gap=" << gap << " lambda=" << lambda);
          CHECK(fast == Approx(reference).epsilon(1e-10).margin(1e-300));
          if (reference != 0.0) worst = std::max(worst, std::abs(fast / reference - 1.0));
        }
      }
    }
  }
  WARN("largest relative deviation of the fixed Gauss rule from tanh-sinh: " << worst);
}

TEST_CASE("a broadened mode tends to the closed-form delta mode as its width vanishes", "[qp_rate]") {
  const QuasiparticleRate sharp(with_modes({{.energy_meV = 52.0, .coupling_meV = 0.3}}));
  const QuasiparticleRate narrow(with_modes({{.energy_meV = 52.0, .coupling_meV = 0.3, .width_meV = 0.02}}));
  for (const double kT : {8.617, 25.85}) {
    for (const double gap : {3.0, 7.0}) {
      // Averaging the weight over the Gaussian shifts it by ½w² (d²/dΩ²) of
      // ν_SC(Ω−Δ)·e^{−Ω/T}·…, i.e. relatively ≈ ½w² (1/T + (Ω−Δ)/σ_b²)².
      const double slope = 1.0 / kT + (52.0 - gap) / (k_band.sigma_meV * k_band.sigma_meV);
      const double expected = 0.5 * 0.02 * 0.02 * slope * slope;
      const double difference = narrow.net_per_ps(gap, 2.0, kT) / sharp.net_per_ps(gap, 2.0, kT) - 1.0;
      INFO("kT=" << kT << " gap=" << gap << " relative difference " << difference << ", estimate " << expected);
      CHECK(difference == Approx(expected).epsilon(0.2));
    }
  }
}

TEST_CASE("the upper limit W cuts modes and continuum; the edge 2 Delta excludes what lies below", "[qp_rate]") {
  const auto spectrum = with_modes({{.energy_meV = 52.0, .coupling_meV = 0.3}}, 0.05);
  const QuasiparticleRate unlimited(spectrum);
  const QuasiparticleRate below_mode(spectrum, 40.0);
  const QuasiparticleRate continuum(continuum_only(0.05, 2.0));
  const double kT = 8.617;
  CHECK(below_mode.net_per_ps(2.0, 3.0, kT) == Approx(continuum.net_per_ps(2.0, 3.0, kT)).epsilon(1e-14));
  CHECK(unlimited.net_per_ps(2.0, 3.0, kT) > below_mode.net_per_ps(2.0, 3.0, kT));
  // 2Δ above Ω_max: only the sharp mode breaks pairs
  const QuasiparticleRate mode_only(with_modes({{.energy_meV = 52.0, .coupling_meV = 0.3}}));
  CHECK(unlimited.net_per_ps(4.5, 3.0, kT) == Approx(mode_only.net_per_ps(4.5, 3.0, kT)).epsilon(1e-14));
  // 2Δ above every phonon: nothing
  CHECK(unlimited.net_per_ps(27.0, 3.0, kT) == 0.0);
  CHECK(QuasiparticleRate(spectrum, 3.0).net_per_ps(2.0, 3.0, kT) == 0.0);
}

TEST_CASE("the rate refuses what it cannot deliver instead of returning NaN", "[qp_rate]") {
  const QuasiparticleRate rate(with_modes({{.energy_meV = 52.0, .coupling_meV = 0.3}}, 0.05));
  CHECK_THROWS_AS(rate.net_per_ps(26.0, 3.0, 8.6), metasc::NumericalError);  // δ-mode exactly at 2Δ
  CHECK_THROWS_AS(rate.net_per_ps(3.0, 3.0, 0.0), metasc::NumericalError);
  CHECK_THROWS_AS(rate.net_per_ps(3.0, std::nan(""), 8.6), metasc::NumericalError);
  CHECK_THROWS_AS(rate.net_per_ps(-1.0, 3.0, 8.6), metasc::NumericalError);
  CHECK_THROWS_AS(QuasiparticleRate(with_modes({}), 0.0), metasc::Error);
}
