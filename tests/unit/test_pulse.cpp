// Pump pulses: FWHM, peak, integral and extent of every envelope against closed
// forms, the carrier and chirp against Gaussian integrals, the table reader, and
// the [pulse] / [langevin] parameters.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <numbers>
#include <sstream>
#include <string>

#include "metasc/config/langevin_params.hpp"
#include "metasc/config/pulse_params.hpp"
#include "metasc/error.hpp"
#include "metasc/physics/pulse.hpp"

using namespace metasc::physics;
using namespace std::complex_literals;

namespace {

constexpr double pi = std::numbers::pi;
constexpr double omega = 2.0 * pi * 22.0;  // phonon, rad/ps

/// Trapezoid rule with step h over [a, b]: spectrally accurate for smooth integrands that vanish at the ends.
double integrate(const std::function<double(double)>& f, double a, double b, double h) {
  const auto n = static_cast<long>(std::ceil((b - a) / h));
  const double step = (b - a) / static_cast<double>(n);
  double sum = 0.5 * (f(a) + f(b));
  for (long k = 1; k < n; ++k) sum += f(a + step * static_cast<double>(k));
  return sum * step;
}

double integral_of_envelope(const Pulse& pulse) {
  return integrate([&](double t) { return pulse.envelope_intensity(t); }, pulse.start_time_ps() - 1.0,
                   pulse.end_time_ps() + 1.0, 1e-4);
}

double integral_of_intensity(const Pulse& pulse) {
  return integrate([&](double t) { return pulse.intensity(t); }, pulse.start_time_ps() - 1.0,
                   pulse.end_time_ps() + 1.0, 1e-4);
}

/// Full width at half maximum of env², by bisection on each side of the peak.
double measured_fwhm(const Pulse& pulse) {
  const auto half_crossing = [&](double direction) {
    double inside = pulse.peak_time_ps(), outside = inside + direction * 100.0;
    for (int i = 0; i < 200; ++i) {
      const double middle = 0.5 * (inside + outside);
      (pulse.envelope_intensity(middle) > 0.5 ? inside : outside) = middle;
    }
    return inside;
  };
  return half_crossing(1.0) - half_crossing(-1.0);
}

PulseForm form(PulseShape shape) {
  return {.shape = shape, .center_ps = 2.0, .fwhm_ps = 0.3, .rise_ps = 0.2, .flat_ps = 1.0, .delay_ps = 1.5,
          .ratio = 0.7, .chirp_THz_per_ps = 20.0, .carrier_THz = 0.0};
}

const double gaussian_integral = 0.3 * std::sqrt(pi / (4.0 * std::log(2.0)));

/// A file in the temporary directory, removed at the end of the scope.
struct TempFile {
  explicit TempFile(const std::string& contents) {
    static int counter = 0;
    path = (std::filesystem::temp_directory_path() /
            ("metasc_pulse_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".dat"))
               .string();
    std::ofstream(path) << contents;
  }
  ~TempFile() { std::filesystem::remove(path); }
  std::string path;
};

/// A gaussian env² (FWHM 0.3 at t = 2) sampled every h ps on [1, 3], times `scale`, with comments.
std::string gaussian_table(double h, double scale) {
  std::ostringstream text;
  text.precision(17);
  text << "# t_ps  env^2\n\n";
  for (int k = 0; k <= static_cast<int>(std::lround(2.0 / h)); ++k) {
    const double t = 1.0 + h * k;
    text << t << "\t" << scale * std::exp(-4 * std::log(2.0) * (t - 2) * (t - 2) / 0.09)
         << (k == 3 ? "   # a comment after the data\n" : "\n");
  }
  return text.str();
}

}  // namespace

TEST_CASE("every envelope has its FWHM, peak 1 and closed-form integral", "[pulse]") {
  const double ln_1_sqrt2 = std::log(1.0 + std::sqrt(2.0));
  struct Case {
    PulseShape shape;
    double fwhm;
    double integral;
  };
  // sech²(τ/T) has FWHM 2T ln(1+√2) and ∫ = 2T; the flat-top's sin² ramps integrate to rise/2 each.
  const Case cases[] = {{PulseShape::gaussian, 0.3, gaussian_integral},
                        {PulseShape::sech2, 0.3, 0.3 / ln_1_sqrt2},
                        {PulseShape::flattop, 1.0 + 0.2, 1.0 + 0.2},
                        {PulseShape::chirp, 0.3, gaussian_integral}};
  for (const auto& c : cases) {
    INFO(pulse_shape_name(c.shape));
    const Pulse pulse(form(c.shape), 0.25, omega);
    CHECK(pulse.peak_time_ps() == 2.0);
    CHECK(pulse.envelope_intensity(2.0) == 1.0);
    CHECK(measured_fwhm(pulse) == Approx(c.fwhm).epsilon(1e-10));
    CHECK(integral_of_envelope(pulse) == Approx(c.integral).epsilon(1e-9));
    // Without a carrier s = env² and a = ω²A s.
    CHECK(pulse.intensity(2.1) == pulse.envelope_intensity(2.1));
    CHECK(pulse.acceleration(2.1) == Approx(omega * omega * 0.25 * pulse.envelope_intensity(2.1)));
  }
}

TEST_CASE("the double pulse carries (1 + ratio^2) times the energy of one", "[pulse]") {
  for (const double delay : {1.5, 0.1}) {  // separated, and overlapping (incoherent: still additive)
    auto shape = form(PulseShape::double_pulse);
    shape.delay_ps = delay;
    const Pulse pulse(shape, 0.2, omega);
    CHECK(integral_of_envelope(pulse) == Approx((1.0 + 0.7 * 0.7) * gaussian_integral).epsilon(1e-9));
  }
  // Peak: the stronger pulse when separated; the midpoint of two equal overlapping ones (unimodal).
  auto stronger_second = form(PulseShape::double_pulse);
  stronger_second.ratio = 1.5;
  CHECK(Pulse(stronger_second, 0.2, omega).peak_time_ps() == Approx(3.5).margin(1e-7));
  auto equal_overlapping = form(PulseShape::double_pulse);
  equal_overlapping.ratio = 1.0;
  equal_overlapping.delay_ps = 0.15;
  const Pulse overlapping(equal_overlapping, 0.2, omega);
  CHECK(overlapping.peak_time_ps() == Approx(2.075).margin(1e-7));
  CHECK(overlapping.envelope_intensity(2.075) == Approx(2.0 * std::exp(-4 * std::log(2.0) * 0.075 * 0.075 / 0.09)));
}

TEST_CASE("start and end bracket everything but a negligible intensity", "[pulse]") {
  for (const auto shape : {PulseShape::gaussian, PulseShape::sech2, PulseShape::chirp}) {
    INFO(pulse_shape_name(shape));
    const Pulse pulse(form(shape), 0.2, omega);
    CHECK(pulse.envelope_intensity(pulse.end_time_ps()) == Approx(Pulse::negligible_intensity).epsilon(1e-9));
    CHECK(pulse.envelope_intensity(pulse.start_time_ps()) == Approx(Pulse::negligible_intensity).epsilon(1e-9));
  }
  const Pulse flat(form(PulseShape::flattop), 0.2, omega);
  CHECK(flat.end_time_ps() == Approx(2.0 + 0.5 + 0.2));
  CHECK(flat.envelope_intensity(flat.end_time_ps()) == 0.0);
  CHECK(flat.envelope_intensity(flat.end_time_ps() - 1e-3) > 0.0);
  const Pulse pair(form(PulseShape::double_pulse), 0.2, omega);
  // The second pulse (weight 0.49) ends where 0.49·g(τ) = 1e-6.
  CHECK(pair.end_time_ps() ==
        Approx(3.5 + 0.3 * std::sqrt(std::log(0.49 / Pulse::negligible_intensity) / (4 * std::log(2.0)))));
}

TEST_CASE("the carrier oscillates at 2 Omega_d with phase phi0 at the peak", "[pulse]") {
  auto shape = form(PulseShape::gaussian);
  shape.carrier_THz = 41.0;
  const Pulse in_phase(shape, 0.2, omega);
  CHECK(in_phase.intensity(2.0) == Approx(2.0));                          // 1 + cos 0
  CHECK(in_phase.intensity(2.0 + 1.0 / (4.0 * 41.0)) == Approx(0.0).margin(1e-12));  // quarter period: 1 + cos π
  shape.carrier_phase_rad = pi / 2.0;
  CHECK(Pulse(shape, 0.2, omega).intensity(2.0) == Approx(0.0).margin(1e-15));
}

TEST_CASE("with a fast carrier the integral is the cycle-averaged one", "[pulse]") {
  // Ω_d·fwhm = 2π·41·0.3 ≈ 77: the 2Ω_d term integrates to nothing (flat-top: its C¹ ramps leave ~1e-6).
  for (const auto shape : {PulseShape::gaussian, PulseShape::sech2, PulseShape::flattop, PulseShape::double_pulse,
                           PulseShape::chirp}) {
    INFO(pulse_shape_name(shape));
    auto carried = form(shape);
    carried.carrier_THz = 41.0;
    carried.carrier_phase_rad = 0.3;
    const Pulse pulse(carried, 0.2, omega);
    CHECK(integral_of_intensity(pulse) == Approx(integral_of_envelope(pulse)).epsilon(1e-5));
  }
}

TEST_CASE("slow carriers and chirps match the Gaussian integrals", "[pulse]") {
  // With env² = e^{−aτ²}, a = 4 ln2/fwhm², φ = Ωτ + bτ² + φ0 (b = π·chirp):
  // ∫ s = √(π/a) + Re[√(π/(a − 2ib)) exp(−Ω²/(a − 2ib) + 2iφ0)].
  const double a = 4.0 * std::log(2.0) / 0.09;
  for (const double chirp : {0.0, 20.0, -35.0}) {
    for (const double phase : {0.0, 0.4}) {
      auto shape = form(PulseShape::chirp);
      shape.carrier_THz = 1.0;  // Ω·fwhm ≈ 1.9: the oscillating term is visible
      shape.chirp_THz_per_ps = chirp;
      shape.carrier_phase_rad = phase;
      const double Omega = 2.0 * pi * 1.0, b = pi * chirp;
      const std::complex<double> width(a, -2.0 * b);
      const double expected = std::sqrt(pi / a) + std::real(std::sqrt(pi / width) *
                                                            std::exp(-Omega * Omega / width + 2.0 * phase * 1i));
      INFO("chirp " << chirp << " phase " << phase);
      CHECK(integral_of_intensity(Pulse(shape, 0.2, omega)) == Approx(expected).epsilon(1e-9));
    }
  }
}

TEST_CASE("a table reproduces the gaussian it samples", "[pulse]") {
  const double h = 0.01;
  const TempFile file(gaussian_table(h, 5.0));  // ×5: the table is rescaled to peak 1
  auto shape = form(PulseShape::table);
  shape.table = std::make_shared<const IntensityTable>(metasc::config::read_intensity_table("pulse.table_file", file.path));
  const Pulse table(shape, 0.2, omega);
  const Pulse reference(form(PulseShape::gaussian), 0.2, omega);
  CHECK(table.peak_time_ps() == Approx(2.0));
  // Linear interpolation error ≤ h²/8·max|g''| = h²/8·(8 ln2/fwhm²).
  const double bound = h * h / 8.0 * 8.0 * std::log(2.0) / 0.09;
  double worst = 0.0;
  for (double t = 0.5; t <= 3.5; t += 0.00137) {
    worst = std::max(worst, std::abs(table.envelope_intensity(t) - reference.envelope_intensity(t)));
  }
  CHECK(worst <= bound * 1.001);
  CHECK(integral_of_envelope(table) == Approx(gaussian_integral).epsilon(1e-4));
  CHECK(table.envelope_intensity(0.99) == 0.0);
  CHECK(table.envelope_intensity(3.01) == 0.0);
  CHECK(table.start_time_ps() == 1.0);
  CHECK(table.end_time_ps() == Approx(3.0));

  // The carrier phase is referred to the table's peak, as for the analytic shapes.
  shape.carrier_THz = 41.0;
  auto carried_reference = form(PulseShape::gaussian);
  carried_reference.carrier_THz = 41.0;
  const Pulse carried(shape, 0.2, omega), carried_gaussian(carried_reference, 0.2, omega);
  for (double t = 1.8; t <= 2.2; t += 0.0071) {
    CHECK(carried.intensity(t) == Approx(carried_gaussian.intensity(t)).margin(2.0 * bound + 1e-5));
  }
}

TEST_CASE("a bad table file is refused naming the key, the file and the line", "[pulse]") {
  const auto message_for = [](const std::string& contents) {
    const TempFile file(contents);
    try {
      metasc::config::read_intensity_table("pulse.table_file", file.path);
    } catch (const metasc::ConfigError& error) {
      const std::string text = error.what();
      CHECK(text.find("pulse.table_file") != std::string::npos);
      CHECK(text.find(file.path) != std::string::npos);
      return text;
    }
    FAIL("no ConfigError");
    return std::string();
  };
  CHECK_THAT(message_for("# header\n0 0\n0.1 0.5\n0.2\n0.3 0\n"), Catch::Contains("line 4"));
  CHECK_THAT(message_for("0 0\n0.1 0.5 7\n"), Catch::Contains("line 2"));
  CHECK_THAT(message_for("0 0\n0.1 abc\n"), Catch::Contains("line 2"));
  CHECK_THAT(message_for("0 0\n0.2 1\n0.1 0.5\n"), Catch::Contains("line 3"));
  CHECK_THAT(message_for("0 0\n0.1 -1\n"), Catch::Contains("line 2"));
  CHECK_THAT(message_for("# only one row\n0 1\n"), Catch::Contains("two rows"));
  CHECK_THAT(message_for("0 0\n1 0\n"), Catch::Contains("env^2 > 0"));
  CHECK_THROWS_WITH(metasc::config::read_intensity_table("pulse.table_file", "/nonexistent/pulse.dat"),
                    Catch::Contains("pulse.table_file") && Catch::Contains("/nonexistent/pulse.dat"));
}

TEST_CASE("out-of-range pulse fields are refused naming their key", "[pulse]") {
  auto bad = form(PulseShape::gaussian);
  bad.fwhm_ps = 0.0;
  CHECK_THROWS_WITH(Pulse(bad, 0.2, omega), Catch::Contains("pulse.fwhm_ps"));
  CHECK_THROWS_WITH(Pulse(form(PulseShape::gaussian), -0.1, omega), Catch::Contains("pulse.amplitude"));
  auto ramp = form(PulseShape::flattop);
  ramp.rise_ps = 0.0;
  CHECK_THROWS_WITH(Pulse(ramp, 0.2, omega), Catch::Contains("pulse.rise_ps"));
  CHECK_THROWS_WITH(Pulse(form(PulseShape::table), 0.2, omega), Catch::Contains("pulse.table_file"));
  CHECK_THROWS_WITH(pulse_shape_from_name("square"), Catch::Contains("pulse.shape"));
}

TEST_CASE("the pulse scan is shape x amplitude, shape-major, with labels", "[pulse]") {
  using namespace metasc::config;
  Registry keys;
  declare_pulse_keys(keys);
  const Config config(keys, {{"pulse.shape", "gaussian, sech2"}, {"pulse.amplitude", "0.1,0.25,0.4"},
                             {"pulse.carrier_THz", "0"}}, "test");
  const auto params = PulseParams::from(config);
  REQUIRE(params.count() == 6);
  const auto entries = params.pulses(omega);
  REQUIRE(entries.size() == 6);
  CHECK(entries[0].label == "gaussian A=0.1");
  CHECK(entries[2].label == "gaussian A=0.4");
  CHECK(entries[4].label == "sech2 A=0.25");
  CHECK(entries[4].pulse.form().shape == PulseShape::sech2);
  CHECK(entries[4].pulse.amplitude() == 0.25);
  CHECK(entries[4].pulse.acceleration(1.0) == Approx(omega * omega * 0.25));  // center_ps = 1 by default

  const Config needs_table(keys, {{"pulse.shape", "table"}}, "test");
  CHECK_THROWS_WITH(PulseParams::from(needs_table), Catch::Contains("pulse.table_file"));
  const TempFile broken("0 0\n0.1\n");
  const Config bad_table(keys, {{"pulse.shape", "gaussian,table"}, {"pulse.table_file", broken.path}}, "test");
  CHECK_THROWS_WITH(PulseParams::from(bad_table), Catch::Contains("pulse.table_file") && Catch::Contains("line 2"));
  const Config twice(keys, {{"pulse.shape", "sech2,sech2"}}, "test");
  CHECK_THROWS_AS(PulseParams::from(twice), metasc::ConfigError);
}

TEST_CASE("langevin parameters: the integrator choice and the step count", "[pulse][integrator]") {
  using namespace metasc::config;
  Registry keys;
  declare_langevin_keys(keys);
  const auto defaults = LangevinParams::from(Config(keys, {}, "test"));
  CHECK(defaults.scheme == metasc::stochastic::Scheme::baoab);
  CHECK(defaults.step_count() == 100000);  // 100 ps / 0.001 ps
  const auto chosen = LangevinParams::from(
      Config(keys, {{"langevin.integrator", "gjf"}, {"langevin.dt_ps", "0.3"}, {"langevin.t_end_ps", "1"}}, "test"));
  CHECK(chosen.scheme == metasc::stochastic::Scheme::gjf);
  CHECK(chosen.step_count() == 4);  // the last step ends past t_end
  CHECK_THROWS_AS(Config(keys, {{"langevin.integrator", "rk4"}}, "test"), metasc::ConfigError);
}
