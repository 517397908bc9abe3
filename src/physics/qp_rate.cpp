#include "metasc/physics/qp_rate.hpp"

#include <algorithm>
#include <boost/math/quadrature/gauss.hpp>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/units.hpp"

namespace metasc::physics {
namespace {

constexpr double ln2 = std::numbers::ln2;

// Logarithms of the hyperbolic and statistical factors, written so that no
// intermediate overflows: every exponential that appears has a negative argument.
// ln csch x, x > 0
double log_csch(double x) { return ln2 - x - std::log(-std::expm1(-2.0 * x)); }
// ln sech x
double log_sech(double x) { return ln2 - std::abs(x) - std::log1p(std::exp(-2.0 * std::abs(x))); }
// ln |sinh x|, x ≠ 0
double log_abs_sinh(double x) { return std::abs(x) - ln2 + std::log(-std::expm1(-2.0 * std::abs(x))); }
// ln(1 + e^x)
double softplus(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }
// ln n_B and ln(1 + n_B) at u = Ω/T > 0
double log_bose(double u) { return -u - std::log(-std::expm1(-u)); }
double log_one_plus_bose(double u) { return -std::log(-std::expm1(-u)); }
// ln f and ln(1 − f) at y = (E+λ)/T
double log_fermi(double y) { return -softplus(y); }
double log_one_minus_fermi(double y) { return -softplus(-y); }

void require_arguments(double gap_meV, double lambda_meV, double kT_meV) {
  if (!(kT_meV > 0.0) || !std::isfinite(kT_meV) || !(gap_meV >= 0.0) || !std::isfinite(gap_meV) ||
      !std::isfinite(lambda_meV)) {
    throw NumericalError(
        "quasi-particle rate needs k_B T > 0, Delta >= 0 and finite lambda (got k_B T = " + std::to_string(kT_meV) +
        " meV, Delta = " + std::to_string(gap_meV) + " meV, lambda = " + std::to_string(lambda_meV) + " meV)");
  }
}

using Gauss = boost::math::quadrature::gauss<double, 20>;

// Thermal factors vary on the scale k_B T; panels of this many k_B T keep the
// 20-point rule within ~1e-11 of an adaptive one (test_qp_rate).
constexpr double thermal_panels_kT = 6.0;

}  // namespace

double net_pair_factor(double energy_meV, double gap_meV, double lambda_meV, double kT_meV) {
  if (lambda_meV == 0.0) return 0.0;
  const double log_magnitude =
      log_csch(energy_meV / (2.0 * kT_meV)) + log_sech((gap_meV + lambda_meV) / (2.0 * kT_meV)) +
      log_sech((energy_meV - gap_meV + lambda_meV) / (2.0 * kT_meV)) + log_abs_sinh(lambda_meV / kT_meV);
  return std::copysign(std::exp(log_magnitude), lambda_meV);
}

double generation_factor(double energy_meV, double gap_meV, double lambda_meV, double kT_meV) {
  return std::exp(log_bose(energy_meV / kT_meV) + log_one_minus_fermi((gap_meV + lambda_meV) / kT_meV) +
                  log_one_minus_fermi((energy_meV - gap_meV + lambda_meV) / kT_meV));
}

double recombination_factor(double energy_meV, double gap_meV, double lambda_meV, double kT_meV) {
  return std::exp(log_one_plus_bose(energy_meV / kT_meV) + log_fermi((gap_meV + lambda_meV) / kT_meV) +
                  log_fermi((energy_meV - gap_meV + lambda_meV) / kT_meV));
}

double pair_edge_integral(const std::function<double(double)>& h, double two_gap_meV, double upper_meV,
                          std::span<const double> breakpoints_meV, double resolution_meV) {
  if (!(upper_meV > two_gap_meV)) return 0.0;
  const double s_top = std::sqrt(upper_meV - two_gap_meV);
  // Panel ends in s: the caller's breakpoints; a geometric grading s = √(2Δ)·2^j,
  // because 2√(2Δ+s²) has branch points at s = ±i√(2Δ), and a fixed rule converges
  // fast only on panels short compared with their distance from them (this matters
  // when Δ is small, near the collapse); and Ω − 2Δ = k·resolution, so that
  // thermal factors varying on that scale are resolved.
  std::vector<double> ends;
  for (const double point : breakpoints_meV) {
    if (point > two_gap_meV && point < upper_meV) ends.push_back(std::sqrt(point - two_gap_meV));
  }
  for (double s = std::sqrt(two_gap_meV); s > 0.0 && s < s_top; s *= 2.0) ends.push_back(s);
  if (std::isfinite(resolution_meV)) {
    for (double above = resolution_meV; above < upper_meV - two_gap_meV; above += resolution_meV) {
      ends.push_back(std::sqrt(above));
    }
  }
  ends.push_back(s_top);
  std::sort(ends.begin(), ends.end());

  const auto substituted = [&](double s) {
    const double energy = two_gap_meV + s * s;
    return 2.0 * std::sqrt(energy) * h(energy);
  };
  double sum = 0.0;
  double s_low = 0.0;
  for (const double s_high : ends) {
    if (s_high <= s_low) continue;
    sum += Gauss::integrate(substituted, s_low, s_high);
    s_low = s_high;
  }
  return sum;
}

QuasiparticleRate::QuasiparticleRate(EliashbergFunction spectrum, double max_energy_meV)
    : spectrum_(std::move(spectrum)), max_energy_meV_(max_energy_meV) {
  if (!(max_energy_meV > 0.0)) {
    throw Error("quasi-particle rate: upper limit W must be > 0 meV (got " + std::to_string(max_energy_meV) + ")");
  }
}

double QuasiparticleRate::integrate(const std::function<double(double)>& factor, double gap_meV, double kT_meV) const {
  const double two_gap = 2.0 * gap_meV;
  const double smooth_top = std::min(max_energy_meV_, spectrum_.smooth_support_top_meV());
  double sum = pair_edge_integral([&](double energy) { return spectrum_.smooth(energy, gap_meV) * factor(energy); },
                                  two_gap, smooth_top, spectrum_.breakpoints_meV(), thermal_panels_kT * kT_meV);
  for (const auto& mode : spectrum_.delta_modes()) {
    if (mode.energy_meV > max_energy_meV_ || mode.energy_meV < two_gap) continue;
    if (mode.energy_meV == two_gap) {
      throw NumericalError("quasi-particle rate: the sharp mode at " + std::to_string(mode.energy_meV) +
                           " meV sits exactly at the pair-breaking edge 2 Delta, where its rate diverges; "
                           "give it a width");
    }
    sum += spectrum_.delta_weight_meV(mode, gap_meV) * std::sqrt(mode.energy_meV / (mode.energy_meV - two_gap)) *
           factor(mode.energy_meV);
  }
  return sum;
}

double QuasiparticleRate::net_per_ps(double gap_meV, double lambda_meV, double kT_meV) const {
  require_arguments(gap_meV, lambda_meV, kT_meV);
  if (lambda_meV == 0.0) return 0.0;
  const double prefactor = std::numbers::pi / (2.0 * units::hbar_meV_ps);
  return prefactor * integrate([&](double energy) { return net_pair_factor(energy, gap_meV, lambda_meV, kT_meV); },
                               gap_meV, kT_meV);
}

PairRates QuasiparticleRate::rates_per_ps(double gap_meV, double lambda_meV, double kT_meV) const {
  require_arguments(gap_meV, lambda_meV, kT_meV);
  const double prefactor = 2.0 * std::numbers::pi / units::hbar_meV_ps;
  const auto generation = [&](double energy) { return generation_factor(energy, gap_meV, lambda_meV, kT_meV); };
  const auto recombination = [&](double energy) { return recombination_factor(energy, gap_meV, lambda_meV, kT_meV); };
  return {.generation_per_ps = prefactor * integrate(generation, gap_meV, kT_meV),
          .recombination_per_ps = prefactor * integrate(recombination, gap_meV, kT_meV)};
}

}  // namespace metasc::physics
