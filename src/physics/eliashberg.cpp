#include "metasc/physics/eliashberg.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <type_traits>
#include <utility>

#include "metasc/error.hpp"

namespace metasc::physics {
namespace {

// A broadened mode is cut 8 standard deviations from its centre (relative weight
// e^{-32} ≈ 1e-14) and split into panels of 4 standard deviations, on each of
// which a fixed Gauss rule resolves the Gaussian to machine precision.
constexpr double mode_reach_widths = 8.0;
constexpr double mode_panel_widths = 4.0;

double gaussian(double offset, double sigma) {
  return std::exp(-0.5 * (offset / sigma) * (offset / sigma)) / (std::sqrt(2.0 * std::numbers::pi) * sigma);
}

void require(bool ok, const std::string& what) {
  if (!ok) throw Error("Eliashberg function: " + what);
}

void check(const PowerLawContinuum& continuum) {
  require(continuum.coupling >= 0.0, "continuum coupling a_c must be >= 0");
  require(continuum.power > 0.0, "continuum power p must be > 0");
  require(continuum.max_meV > 0.0, "continuum top Omega_max must be > 0 meV");
}

void check(const TabulatedSpectrum& table) {
  require(table.energy_meV.size() == table.value.size() && table.energy_meV.size() >= 2,
          "a table needs at least two (Omega, alpha^2F) nodes");
  require(table.energy_meV.front() >= 0.0, "table energies must be >= 0 meV");
  for (std::size_t i = 0; i < table.value.size(); ++i) {
    require(std::isfinite(table.energy_meV[i]) && std::isfinite(table.value[i]) && table.value[i] >= 0.0,
            "table values must be finite and >= 0");
    require(i == 0 || table.energy_meV[i] > table.energy_meV[i - 1], "table energies must increase strictly");
  }
  require(table.energy_meV.front() > 0.0 || table.value.front() == 0.0, "table alpha^2F must vanish at Omega = 0");
}

}  // namespace

double GaussianBand::dos_per_meV(double energy_meV) const { return gaussian(energy_meV, sigma_meV); }

EliashbergFunction::EliashbergFunction(std::variant<PowerLawContinuum, TabulatedSpectrum> continuum,
                                       std::vector<SharpMode> modes, GaussianBand band)
    : continuum_(std::move(continuum)), band_(band) {
  require(band.sigma_meV > 0.0, "band standard deviation sigma_b must be > 0 meV");
  std::visit([](const auto& part) { check(part); }, continuum_);
  std::visit(
      [this](const auto& part) {
        if constexpr (std::is_same_v<std::decay_t<decltype(part)>, PowerLawContinuum>) {
          breakpoints_.push_back(part.max_meV);
        } else {
          breakpoints_ = part.energy_meV;
        }
      },
      continuum_);
  for (const auto& mode : modes) {
    require(mode.energy_meV > 0.0, "mode energies must be > 0 meV");
    require(mode.coupling_meV >= 0.0, "mode couplings must be >= 0 meV");
    require(mode.width_meV >= 0.0, "mode widths must be >= 0 meV");
    if (mode.coupling_meV == 0.0) continue;
    if (mode.width_meV == 0.0) {
      delta_modes_.push_back(mode);
      continue;
    }
    broadened_modes_.push_back(mode);
    for (double k = -mode_reach_widths; k <= mode_reach_widths; k += mode_panel_widths) {
      breakpoints_.push_back(std::max(0.0, mode.energy_meV + k * mode.width_meV));
    }
  }
  std::sort(breakpoints_.begin(), breakpoints_.end());
  breakpoints_.erase(std::unique(breakpoints_.begin(), breakpoints_.end()), breakpoints_.end());
}

double EliashbergFunction::continuum(double energy_meV) const {
  if (const auto* power_law = std::get_if<PowerLawContinuum>(&continuum_)) {
    if (energy_meV <= 0.0 || energy_meV > power_law->max_meV) return 0.0;
    return power_law->coupling * std::pow(energy_meV / power_law->max_meV, power_law->power);
  }
  const auto& table = std::get<TabulatedSpectrum>(continuum_);
  const auto& x = table.energy_meV;
  if (energy_meV < x.front() || energy_meV > x.back()) return 0.0;
  const auto upper = std::upper_bound(x.begin(), x.end(), energy_meV);
  if (upper == x.end()) return table.value.back();
  const auto i = static_cast<std::size_t>(upper - x.begin());
  const double fraction = (energy_meV - x[i - 1]) / (x[i] - x[i - 1]);
  return table.value[i - 1] + fraction * (table.value[i] - table.value[i - 1]);
}

double EliashbergFunction::smooth(double energy_meV, double gap_meV) const {
  double value = continuum(energy_meV);
  for (const auto& mode : broadened_modes_) {
    const double offset = energy_meV - mode.energy_meV;
    if (std::abs(offset) > mode_reach_widths * mode.width_meV) continue;
    value += mode.coupling_meV * mode.coupling_meV * band_.dos_per_meV(energy_meV - gap_meV) *
             gaussian(offset, mode.width_meV);
  }
  return value;
}

double EliashbergFunction::delta_weight_meV(const SharpMode& mode, double gap_meV) const {
  return mode.coupling_meV * mode.coupling_meV * band_.dos_per_meV(mode.energy_meV - gap_meV);
}

}  // namespace metasc::physics
