// The Eliashberg function model (PHYSICS.md §6) and its [kinetics] input.
#include <unistd.h>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numbers>
#include <string>

#include "metasc/config/kinetics_params.hpp"
#include "metasc/error.hpp"

using namespace metasc::physics;

namespace {

double normal_density(double x, double sigma) {
  return std::exp(-x * x / (2.0 * sigma * sigma)) / (std::sqrt(2.0 * std::numbers::pi) * sigma);
}

double adaptive(const std::function<double(double)>& f, double a, double b) {
  return boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, a, b, 20, 1e-13);
}

/// A temporary file removed at scope exit.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text) {
    char name[] = "/tmp/metasc_alpha2F_XXXXXX";
    const int descriptor = mkstemp(name);
    REQUIRE(descriptor >= 0);
    close(descriptor);
    path = name;
    std::ofstream(path) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

metasc::config::Config kinetics_config(std::map<std::string, std::string> given) {
  return metasc::config::Config(metasc::config::registry(), std::move(given), "test");
}

}  // namespace

TEST_CASE("nu_SC is a normalised Gaussian of standard deviation sigma_b", "[eliashberg]") {
  const GaussianBand band{.sigma_meV = 25.0};
  CHECK(adaptive([&](double e) { return band.dos_per_meV(e); }, -400.0, 400.0) == Approx(1.0).epsilon(1e-12));
  CHECK(adaptive([&](double e) { return e * e * band.dos_per_meV(e); }, -400.0, 400.0) == Approx(625.0).epsilon(1e-12));
  CHECK(band.dos_per_meV(25.0) / band.dos_per_meV(0.0) == Approx(std::exp(-0.5)).epsilon(1e-14));
}

TEST_CASE("power-law continuum a_c (Omega/Omega_max)^p on (0, Omega_max]", "[eliashberg]") {
  const EliashbergFunction spectrum(PowerLawContinuum{.coupling = 0.05, .power = 2.0, .max_meV = 8.0}, {},
                                    GaussianBand{.sigma_meV = 25.0});
  CHECK(spectrum.smooth(8.0, 3.0) == Approx(0.05).epsilon(1e-15));
  CHECK(spectrum.smooth(4.0, 3.0) == Approx(0.05 / 4.0).epsilon(1e-15));
  CHECK(spectrum.smooth(8.0 + 1e-9, 3.0) == 0.0);
  CHECK(spectrum.smooth(0.0, 3.0) == 0.0);
  // ∫_0^Ω_max a_c (Ω/Ω_max)^p dΩ = a_c Ω_max/(p+1)
  CHECK(adaptive([&](double e) { return spectrum.smooth(e, 0.0); }, 0.0, 8.0) == Approx(0.05 * 8.0 / 3.0));
  REQUIRE(spectrum.breakpoints_meV().size() == 1);
  CHECK(spectrum.smooth_support_top_meV() == 8.0);
  CHECK(spectrum.delta_modes().empty());
}

TEST_CASE("tabulated alpha^2F is linear between nodes and zero outside", "[eliashberg]") {
  const TabulatedSpectrum table{.energy_meV = {1.0, 3.0, 7.0}, .value = {0.2, 0.6, 0.0}};
  const EliashbergFunction spectrum(table, {}, GaussianBand{.sigma_meV = 25.0});
  CHECK(spectrum.smooth(0.999, 0.0) == 0.0);
  CHECK(spectrum.smooth(1.0, 0.0) == Approx(0.2));
  CHECK(spectrum.smooth(2.0, 0.0) == Approx(0.4));
  CHECK(spectrum.smooth(3.0, 0.0) == Approx(0.6));
  CHECK(spectrum.smooth(6.0, 0.0) == Approx(0.15));
  CHECK(spectrum.smooth(7.001, 0.0) == 0.0);
  CHECK(spectrum.smooth_support_top_meV() == 7.0);
  // trapezoid area of the nodes
  CHECK(adaptive([&](double e) { return spectrum.smooth(e, 0.0); }, 1.0, 3.0) +
            adaptive([&](double e) { return spectrum.smooth(e, 0.0); }, 3.0, 7.0) ==
        Approx(0.8 + 1.2).epsilon(1e-12));
}

TEST_CASE("sharp modes: delta weight g^2 nu_SC(Omega_nu - Delta), broadened weight a Gaussian convolution",
          "[eliashberg]") {
  const GaussianBand band{.sigma_meV = 20.0};
  const double g = 0.3, omega = 52.0, width = 1.5, gap = 6.0;
  const EliashbergFunction spectrum(PowerLawContinuum{.coupling = 0.0, .power = 2.0, .max_meV = 8.0},
                                    {{.energy_meV = omega, .coupling_meV = g},
                                     {.energy_meV = 70.0, .coupling_meV = g, .width_meV = width},
                                     {.energy_meV = 40.0, .coupling_meV = 0.0}},
                                    band);
  REQUIRE(spectrum.delta_modes().size() == 1);  // the uncoupled mode is dropped
  CHECK(spectrum.delta_weight_meV(spectrum.delta_modes()[0], gap) ==
        Approx(g * g * normal_density(omega - gap, 20.0)).epsilon(1e-14));
  // ∫ g² ν_SC(Ω−Δ) G_w(Ω−Ω_ν) dΩ = g² N(Ω_ν − Δ; σ_b² + w²)
  const double total = adaptive([&](double e) { return spectrum.smooth(e, gap); }, 70.0 - 8 * width, 70.0) +
                       adaptive([&](double e) { return spectrum.smooth(e, gap); }, 70.0, 70.0 + 8 * width);
  CHECK(total == Approx(g * g * normal_density(70.0 - gap, std::hypot(20.0, width))).epsilon(1e-10));
  CHECK(spectrum.smooth(70.0 + 8.01 * width, gap) == 0.0);
  CHECK(spectrum.smooth_support_top_meV() == Approx(70.0 + 8 * width));
  const auto points = spectrum.breakpoints_meV();
  CHECK(std::is_sorted(points.begin(), points.end()));
}

TEST_CASE("the Eliashberg model refuses parameters outside its domain", "[eliashberg]") {
  const GaussianBand band{.sigma_meV = 25.0};
  const PowerLawContinuum continuum{.coupling = 0.05, .power = 2.0, .max_meV = 8.0};
  CHECK_THROWS_AS(EliashbergFunction(continuum, {}, GaussianBand{.sigma_meV = 0.0}), metasc::Error);
  CHECK_THROWS_AS(EliashbergFunction(PowerLawContinuum{.coupling = 0.05, .power = 0.0, .max_meV = 8.0}, {}, band),
                  metasc::Error);
  CHECK_THROWS_AS(EliashbergFunction(TabulatedSpectrum{.energy_meV = {1.0, 1.0}, .value = {0.0, 1.0}}, {}, band),
                  metasc::Error);
  CHECK_THROWS_AS(EliashbergFunction(TabulatedSpectrum{.energy_meV = {0.0, 1.0}, .value = {0.1, 1.0}}, {}, band),
                  metasc::Error);
  CHECK_THROWS_AS(EliashbergFunction(continuum, {{.energy_meV = 52.0, .coupling_meV = -1.0}}, band), metasc::Error);
}

TEST_CASE("[kinetics] builds the rate model from the keys", "[eliashberg]") {
  const auto params =
      metasc::config::KineticsRateParams::from(kinetics_config({{"kinetics.mode_energies_meV", "52, 66"},
                                                                {"kinetics.mode_couplings_meV", "0.3, 0.2"},
                                                                {"kinetics.mode_widths_meV", "0, 2"},
                                                                {"kinetics.max_energy_meV", "100"}}));
  CHECK(params.avalanche_edge_meV == 8.0);
  CHECK(params.rate.max_energy_meV() == 100.0);
  REQUIRE(params.rate.spectrum().delta_modes().size() == 1);
  CHECK(params.rate.spectrum().delta_modes()[0].energy_meV == 52.0);
  CHECK(params.rate.spectrum().smooth(66.0, 0.0) > 0.0);
  CHECK(params.rate.spectrum().smooth(8.0, 0.0) == Approx(0.05));

  const auto message = [](const std::map<std::string, std::string>& given) {
    try {
      metasc::config::KineticsRateParams::from(kinetics_config(given));
    } catch (const metasc::ConfigError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message({{"kinetics.mode_energies_meV", "52, 66"}}),
             Catch::Contains("kinetics.mode_couplings_meV has 1 values"));
  CHECK_THAT(message({{"kinetics.mode_widths_meV", "1, 2"}}), Catch::Contains("kinetics.mode_widths_meV"));
  const TempFile table("0 0\n10 0.1\n");
  CHECK_THAT(message({{"kinetics.spectrum_file", table.path}, {"kinetics.continuum_power", "3"}}),
             Catch::Contains("kinetics.continuum_power cannot be combined"));
}

TEST_CASE("an alpha^2F table file is read with comments and commas; a bad one is named by key, file and line",
          "[eliashberg]") {
  const TempFile good("# Omega_meV  alpha2F\n\n0, 0\n2.5  0.04   # peak\n8\t0.01\n");
  const auto table = metasc::config::read_spectrum_table("kinetics.spectrum_file", good.path);
  CHECK(table.energy_meV == std::vector<double>{0.0, 2.5, 8.0});
  CHECK(table.value == std::vector<double>{0.0, 0.04, 0.01});

  const auto message = [](const std::string& path) {
    try {
      metasc::config::read_spectrum_table("kinetics.spectrum_file", path);
    } catch (const metasc::ConfigError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  const TempFile unsorted("1 0.1\n# fine\n3 0.2\n2 0.3\n");
  CHECK_THAT(message(unsorted.path), Catch::Contains("kinetics.spectrum_file") && Catch::Contains(unsorted.path) &&
                                         Catch::Contains("line 4") && Catch::Contains("increase"));
  const TempFile garbage("1 0.1\n2 x\n");
  CHECK_THAT(message(garbage.path), Catch::Contains("line 2"));
  const TempFile three_columns("1 0.1 5\n");
  CHECK_THAT(message(three_columns.path), Catch::Contains("line 1") && Catch::Contains("two numbers"));
  const TempFile negative("1 0.1\n2 -0.1\n");
  CHECK_THAT(message(negative.path), Catch::Contains("line 2"));
  const TempFile single("1 0.1\n");
  CHECK_THAT(message(single.path), Catch::Contains("at least two rows"));
  CHECK_THAT(message("/nonexistent/alpha2F.dat"),
             Catch::Contains("cannot read") && Catch::Contains("/nonexistent/alpha2F.dat"));
}
