#include <catch2/catch.hpp>
#include <cmath>

#include "metasc/config/model.hpp"
#include "metasc/physics/landscape.hpp"
#include "metasc/units.hpp"

using namespace metasc;
using namespace metasc::physics;

namespace {

/// The paper's K3C60 values (PHYSICS.md §4): f = 22 THz, g/ħω = 0.6, T_c = 20 K.
Model k3c60_model(double dos_per_meV, double splitting_meV, double bare_pairing_meV = -1.0) {
  config::PhononParams phonon{};
  phonon.frequency_THz = 22.0;
  phonon.energy_meV = units::phonon_energy_meV(22.0);
  phonon.coupling_meV = 0.6 * phonon.energy_meV;
  config::ElectronParams electrons{};
  electrons.dos_per_meV = dos_per_meV;
  electrons.splitting_meV = splitting_meV;
  electrons.pairing_fix = bare_pairing_meV < 0 ? config::PairingFix::critical_temperature
                                               : config::PairingFix::bare_pairing;
  electrons.pairing_value = bare_pairing_meV < 0 ? 20.0 : bare_pairing_meV;
  return config::build_model(phonon, electrons);
}

Landscape landscape_at(const Model& model, double temperature_K) {
  return Landscape(model.band, model.pairing, units::kT_meV(temperature_K));
}

}  // namespace

TEST_CASE("envelope-theorem V' equals the finite difference of V", "[landscape]") {
  const auto model = k3c60_model(0.015, 25.0);
  for (const double temperature_K : {0.0, 50.0, 100.0}) {
    const auto landscape = landscape_at(model, temperature_K);
    for (const double Q : {0.05, 0.12, 0.2, 0.3, 0.45}) {
      const double h = 1e-5;
      const double difference = (landscape.potential(Q + h) - landscape.potential(Q - h)) / (2 * h);
      INFO("T = " << temperature_K << " K, Q = " << Q);
      CHECK(landscape.slope(Q) == Approx(difference).epsilon(1e-6).margin(1e-7));
    }
  }
}

TEST_CASE("analytic V'' equals the finite difference of V'", "[landscape]") {
  const auto model = k3c60_model(0.015, 25.0);
  const auto landscape = landscape_at(model, 100.0);
  for (const double Q : {0.0, 0.1, 0.2, 0.35}) {
    const double h = 1e-5;
    const double difference = (landscape.slope(Q + h) - landscape.slope(Q - h)) / (2 * h);
    INFO("Q = " << Q);
    CHECK(landscape.curvature(Q) == Approx(difference).epsilon(1e-5).margin(1e-5));
  }
}

TEST_CASE("P20: with U0 = 0 both critical points satisfy Q^2 = dE Delta/(sqrt2 g^2)", "[landscape]") {
  // nu = 0.03 /meV: at 0.015 the saturated gap stays below sqrt2 g^2 Q^2/dE and there is no minimum.
  const auto model = k3c60_model(0.03, 25.0, 0.0);
  for (const double temperature_K : {0.0, 40.0}) {
    const auto landscape = landscape_at(model, temperature_K);
    const auto critical = landscape.critical_points();
    REQUIRE(std::isfinite(critical.Q_barrier));
    REQUIRE(std::isfinite(critical.Q_metastable));
    REQUIRE(critical.Q_barrier < critical.Q_metastable);
    const double g = model.pairing.coupling_meV;
    for (const double Q : {critical.Q_barrier, critical.Q_metastable}) {
      const double gap_meV = landscape.at(Q).gap_meV;
      const double predicted = model.pairing.splitting_meV * gap_meV / (std::sqrt(2.0) * g * g);
      INFO("T = " << temperature_K << " K, Q = " << Q);
      CHECK(Q * Q == Approx(predicted).epsilon(1e-6));
    }
  }
}

TEST_CASE("the paper's example point: metastable II at 0 K, metastable I at 100 K, T_B near 132 K",
          "[landscape]") {
  // PHYSICS.md §4: nu = 0.015 /meV, dE = 25 meV, g/hw = 0.6, T_c = 20 K, f = 22 THz.
  const auto model = k3c60_model(0.015, 25.0);
  const auto cold = landscape_at(model, 0.0).critical_points();
  CHECK(cold.kind == LandscapeClass::metastable_II);
  const auto hot = landscape_at(model, 100.0).critical_points();
  CHECK(hot.kind == LandscapeClass::metastable_I);
  // PHYSICS.md §5 quotes a barrier of 0.93 meV per site at 100 K.
  CHECK(hot.V_barrier_meV - hot.V_metastable_meV == Approx(0.93).epsilon(0.05));
  const double blocking_K = units::kelvin(blocking_kT(model.band, model.pairing, units::kT_meV(100.0)));
  CHECK(blocking_K == Approx(132.0).epsilon(0.03));
}

TEST_CASE("critical points are what the classification says they are", "[landscape]") {
  const auto model = k3c60_model(0.015, 25.0);
  const auto landscape = landscape_at(model, 100.0);
  const auto critical = landscape.critical_points();
  CHECK(std::abs(landscape.slope(critical.Q_barrier)) < 1e-8);
  CHECK(std::abs(landscape.slope(critical.Q_metastable)) < 1e-8);
  CHECK(landscape.curvature(critical.Q_barrier) < 0.0);
  CHECK(landscape.curvature(critical.Q_metastable) > 0.0);
  CHECK(critical.curvature_origin_meV > 0.0);
  CHECK(critical.V_metastable_meV > critical.V_origin_meV);  // metastable I
  CHECK(critical.V_barrier_meV > critical.V_metastable_meV);
}

TEST_CASE("hand-made landscapes of each class", "[landscape]") {
  SECTION("normal: weak coupling leaves only the harmonic well") {
    auto model = k3c60_model(0.015, 25.0);
    model.pairing.coupling_meV = 0.1 * model.pairing.phonon_energy_meV;
    const auto critical = landscape_at(model, 0.0).critical_points();
    CHECK(critical.kind == LandscapeClass::normal);
    CHECK(std::isnan(critical.Q_metastable));
  }
  SECTION("normal: above the T_c of the saturated pairing there is no gap anywhere") {
    const auto model = k3c60_model(0.015, 25.0);
    const double hot_kT = 1.01 * critical_kT(model.band, model.pairing.saturated_pairing());
    const auto critical = Landscape(model.band, model.pairing, hot_kT).critical_points();
    CHECK(critical.kind == LandscapeClass::normal);
  }
  SECTION("distorted: small dE and large nu make Q = 0 unstable") {
    const auto model = k3c60_model(0.03, 5.0);
    const auto landscape = landscape_at(model, 0.0);
    const auto critical = landscape.critical_points();
    CHECK(critical.kind == LandscapeClass::distorted);
    CHECK(critical.curvature_origin_meV < 0.0);
    // V''(0) from its closed form: hw - Delta0^2 * 8 g^4 / (hw dE^2 U0^2).
    const double gap0 = gap(model.band, model.pairing.bare_meV, 0.0);
    const double g = model.pairing.coupling_meV, hw = model.pairing.phonon_energy_meV;
    const double expected = hw - gap0 * gap0 * 8 * std::pow(g, 4) /
                                     (hw * 25.0 * model.pairing.bare_meV * model.pairing.bare_meV);
    CHECK(critical.curvature_origin_meV == Approx(expected).epsilon(1e-9));
    CHECK(landscape.potential(critical.Q_metastable) < critical.V_origin_meV);
  }
}

TEST_CASE("at T_B the minimum merges with the barrier (V'' -> 0 as sqrt(T_B - T))", "[landscape]") {
  const auto model = k3c60_model(0.015, 25.0);
  const double blocking = blocking_kT(model.band, model.pairing, units::kT_meV(100.0));
  const auto below = [&](double epsilon) {
    const Landscape landscape(model.band, model.pairing, blocking * (1 - epsilon));
    const auto critical = landscape.critical_points();
    REQUIRE(std::isfinite(critical.Q_metastable));
    return landscape.curvature(critical.Q_metastable);
  };
  const double curvature_far = below(1e-2);
  const double curvature_near = below(1e-4);
  CHECK(curvature_near > 0.0);
  CHECK(curvature_near < 0.1 * model.pairing.phonon_energy_meV);
  // Saddle-node normal form: V''(Q_MS) ∝ sqrt(T_B − T), so a 100× closer T gives 10× smaller V''.
  CHECK(curvature_far / curvature_near == Approx(10.0).epsilon(0.2));
  const auto above = Landscape(model.band, model.pairing, blocking * (1 + 1e-4)).critical_points();
  CHECK(above.kind == LandscapeClass::normal);
}
