// The kinetics right-hand side and the densities framing the trapping scenario
// (PHYSICS.md §6): the n → 0 limit, equilibrium, the avalanche density, P 8.
#include <catch2/catch.hpp>
#include <cmath>

#include "metasc/physics/kinetics.hpp"
#include "metasc/units.hpp"

using namespace metasc::physics;

namespace {

// K3C60-like: ν(0) = 0.015 /meV, ω_c = ħω at 22 THz, U0 from Δ0 = 7 meV.
const BcsBand k_band{.dos_per_meV = 0.015, .cutoff_meV = metasc::units::phonon_energy_meV(22.0)};
const double k_gap0 = 7.0;
const double k_bare = pairing_from_zero_temperature_gap(k_band, k_gap0);

QuasiparticleRate k3c60_rate(double continuum_coupling = 0.05) {
  return QuasiparticleRate(
      EliashbergFunction(PowerLawContinuum{.coupling = continuum_coupling, .power = 2.0, .max_meV = 8.0},
                         {{.energy_meV = 52.0, .coupling_meV = 0.3}}, GaussianBand{.sigma_meV = 12.0}));
}

}  // namespace

TEST_CASE("n -> 0 empties the quasi-particle states: Delta -> Delta(U0, T = 0)", "[kinetics]") {
  // Eq. 4 at λ → ∞ is the T = 0 gap equation, Δ = ω_c / sinh(1/(νU0)).
  const double zero_T_gap = k_band.cutoff_meV / std::sinh(1.0 / (k_band.dos_per_meV * k_bare));
  REQUIRE(zero_T_gap == Approx(k_gap0).epsilon(1e-12));
  double previous = INFINITY;
  for (const double n : {1e-3, 1e-4, 1e-5, 1e-6}) {
    const auto state = state_from_density(k_band, k_bare, metasc::units::kT_meV(100.0), n);
    const double deviation = std::abs(state.gap_meV / zero_T_gap - 1.0);
    INFO("n = " << n << ": Delta = " << state.gap_meV << " meV, lambda = " << state.lambda_meV << " meV");
    CHECK(deviation < previous);
    previous = deviation;
  }
  CHECK(previous < 1e-3);
}

TEST_CASE("at the driven density of U0 itself the state is in equilibrium: lambda = 0, dn/dt = 0", "[kinetics]") {
  const auto rate = k3c60_rate();
  for (const double temperature_K : {20.0, 40.0}) {  // below T_c ≈ 46 K, so Δ_eq > 0
    const double kT = metasc::units::kT_meV(temperature_K);
    const KineticsConditions conditions{.band = k_band, .pairing_meV = k_bare, .kT_meV = kT};
    const double n_eq = driven_density(k_band, k_bare, kT);
    const auto point = density_rate(rate, conditions, n_eq);
    INFO("T = " << temperature_K << " K: n_eq = " << n_eq);
    CHECK(point.state.gap_meV == Approx(gap(k_band, k_bare, kT)).epsilon(1e-8));
    CHECK(std::abs(point.state.lambda_meV) < 1e-8 * kT);
    const auto one_way = rate.rates_per_ps(point.state.gap_meV, point.state.lambda_meV, kT);
    CHECK(std::abs(point.rate_per_ps) < 1e-6 * one_way.generation_per_ps);
    // fewer quasi-particles generate, more recombine
    CHECK(density_rate(rate, conditions, 0.9 * n_eq).rate_per_ps > 0.0);
    CHECK(density_rate(rate, conditions, 1.1 * n_eq).rate_per_ps < 0.0);
  }
}

TEST_CASE("the avalanche density is where 2 Delta = Omega_max; none when 2 Delta(T = 0) <= Omega_max", "[kinetics]") {
  for (const double temperature_K : {60.0, 100.0, 300.0}) {
    const KineticsConditions conditions{
        .band = k_band, .pairing_meV = k_bare, .kT_meV = metasc::units::kT_meV(temperature_K)};
    for (const double edge : {4.0, 8.0, 12.0}) {
      const auto n_av = density_at_gap(conditions, 0.5 * edge);
      REQUIRE(n_av.has_value());
      const auto state = state_from_density(k_band, k_bare, conditions.kT_meV, *n_av);
      INFO("T = " << temperature_K << " K, Omega_max = " << edge << " meV, n_av = " << *n_av);
      CHECK(2.0 * state.gap_meV == Approx(edge).epsilon(1e-6));
      // a larger gap needs fewer quasi-particles
      CHECK(*density_at_gap(conditions, 0.5 * (edge + 1.0)) < *n_av);
    }
    CHECK_FALSE(density_at_gap(conditions, k_gap0 + 0.005).has_value());
  }
}

TEST_CASE("P 8 estimate of 1/tau_g against the exact rate where its conditions hold", "[kinetics]") {
  const auto rate = k3c60_rate(0.0);              // the sharp mode alone
  const double kT = metasc::units::kT_meV(50.0);  // Ω_ν/T = 12
  const double gap = 1.0;                         // Δ ≪ Ω_ν: √(Ω/(Ω−2Δ)) = 1.02
  CHECK(sharp_mode_generation_estimate_per_ps(rate.spectrum(), gap, kT) ==
        Approx(rate.net_per_ps(gap, 12.0 * kT, kT)).epsilon(0.03));
  CHECK(sharp_mode_generation_estimate_per_ps(rate.spectrum(), 26.5, kT) == 0.0);  // mode below 2Δ
}
