#include "metasc/physics/kinetics_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "metasc/error.hpp"
#include "metasc/units.hpp"

namespace metasc::physics {
namespace {

// ln |sinh x|, x ≠ 0, without overflow.
double log_abs_sinh(double x) { return std::abs(x) - std::numbers::ln2 + std::log(-std::expm1(-2.0 * std::abs(x))); }

// |λ| this small (relative to k_B T) is taken as this: C/sinh(λ/T) is smooth through 0.
constexpr double smallest_lambda_kT = 1e-9;

}  // namespace

double gap_fraction(double gap_coordinate) { return 1.0 / (1.0 + std::exp(-gap_coordinate)); }

double zero_temperature_gap(const BcsBand& band, double pairing_meV) {
  return band.cutoff_meV / std::sinh(1.0 / (band.dos_per_meV * pairing_meV));
}

StateNode state_node(const KineticsTableSpec& spec, double pairing_meV, double gap_coordinate) {
  const double gap0 = zero_temperature_gap(spec.band, pairing_meV);
  const double gap = gap0 * gap_fraction(gap_coordinate);
  const auto lambda = chemical_potential_for_gap(spec.band, pairing_meV, spec.kT_meV, gap);
  if (!lambda) {
    throw NumericalError("kinetics table: no chemical potential holds the gap " + std::to_string(gap) +
                         " meV at U = " + std::to_string(pairing_meV) + " meV");
  }
  return {std::log(density(spec.band, gap, spec.kT_meV, *lambda)), *lambda};
}

double continuum_top_meV(const QuasiparticleRate& rate) {
  return std::min(rate.max_energy_meV(), rate.spectrum().smooth_support_top_meV());
}

double continuum_node(const KineticsTableSpec& spec, const QuasiparticleRate& smooth, double angle, double lambda_meV) {
  const double top = continuum_top_meV(smooth);
  // At θ = π/2 (2Δ = top) C/cos θ has a finite limit: take it a hair inside.
  const double edge_factor = std::max(std::cos(angle), 1e-7);
  const double gap = 0.5 * top * (1.0 - edge_factor * edge_factor);
  const double kT = spec.kT_meV;
  const double lambda = std::abs(lambda_meV) < smallest_lambda_kT * kT ? std::copysign(smallest_lambda_kT * kT, lambda_meV)
                                                                       : lambda_meV;
  const double rate = smooth.net_per_ps(gap, lambda, kT);
  if (rate == 0.0) return -std::numeric_limits<double>::infinity();
  return std::log(std::abs(rate)) - std::log(edge_factor) - log_abs_sinh(lambda / kT);
}

KineticsTable::KineticsTable(KineticsTableSpec spec, StateGrid state_grid, std::vector<double> log_density,
                             std::vector<double> lambda_meV, ContinuumGrid continuum_grid,
                             std::vector<double> continuum)
    : spec_(std::move(spec)),
      state_grid_(state_grid),
      log_density_(std::move(log_density)),
      lambda_(std::move(lambda_meV)),
      continuum_grid_(continuum_grid),
      continuum_(std::move(continuum)),
      continuum_top_meV_(continuum_top_meV(spec_.rate)) {
  for (const auto& mode : spec_.rate.spectrum().delta_modes()) {
    mode_sinh_.push_back(std::sinh(mode.energy_meV / (2.0 * spec_.kT_meV)));
    highest_mode_meV_ = std::max(highest_mode_meV_, mode.energy_meV);
    if (mode.energy_meV <= spec_.rate.max_energy_meV()) {
      closing_energy_meV_ = std::max(closing_energy_meV_, mode.energy_meV);
    }
  }
  const auto finite = std::count_if(continuum_.begin(), continuum_.end(), [](double v) { return std::isfinite(v); });
  if (finite != 0 && static_cast<std::size_t>(finite) != continuum_.size()) {
    throw NumericalError("kinetics table: the smooth part of alpha^2F vanishes above some gaps below its top (" +
                         std::to_string(continuum_top_meV_) +
                         " meV) but not others; kinetics.solver = table cannot hold it, use kinetics.solver = direct");
  }
  has_continuum_ = finite != 0 && continuum_top_meV_ > 0.0;
  if (has_continuum_) closing_energy_meV_ = std::max(closing_energy_meV_, continuum_top_meV_);

  // The density peak on each U node's line, on the line's own cubic: the largest
  // node, then a golden-section search between its neighbours.
  const auto& gap_axis = state_grid_.gap;
  peak_coordinate_.resize(state_grid_.pairing.count);
  for (std::size_t j = 0; j < state_grid_.pairing.count; ++j) {
    const double* line = log_density_.data() + j * gap_axis.count;
    const auto top = static_cast<std::size_t>(std::max_element(line, line + gap_axis.count) - line);
    if (top == 0) {
      peak_coordinate_[j] = gap_axis.first;
      continue;
    }
    const auto along = [&](double x) { return line_value(line, cubic_stencil(gap_axis, x)); };
    double lo = gap_axis.node(top - 1);
    double hi = gap_axis.node(std::min(top + 1, gap_axis.count - 1));
    const double golden = 0.5 * (std::sqrt(5.0) - 1.0);
    double a = hi - golden * (hi - lo), b = lo + golden * (hi - lo);
    double fa = along(a), fb = along(b);
    for (int iteration = 0; iteration < 80 && hi - lo > 1e-13 * (1.0 + hi); ++iteration) {
      if (fa > fb) {
        hi = b, b = a, fb = fa, a = hi - golden * (hi - lo), fa = along(a);
      } else {
        lo = a, a = b, fa = fb, b = lo + golden * (hi - lo), fb = along(b);
      }
    }
    peak_coordinate_[j] = 0.5 * (lo + hi);
  }

  // The normal state (Δ = 0) does not depend on U: λ and dz/dt are functions of
  // ln n alone, smooth (no gap, so no edge), tabulated once on a fine line from
  // the lowest density peak on the table (less a margin for its interpolation
  // in U, never below the spec's range) to the top of the range.
  double lowest_normal = std::log(spec_.density_high);
  for (std::size_t j = 0; j < state_grid_.pairing.count; ++j) {
    const double* line = log_density_.data() + j * gap_axis.count;
    lowest_normal = std::min(lowest_normal, *std::max_element(line, line + gap_axis.count));
  }
  lowest_normal = std::max(lowest_normal - 0.01, std::log(spec_.density_low));
  constexpr std::size_t normal_nodes = 4097;
  const double top = std::log(spec_.density_high);
  normal_axis_ = {lowest_normal, (top - lowest_normal) / static_cast<double>(normal_nodes - 1), normal_nodes};
  normal_lambda_.resize(normal_nodes);
  normal_slope_.resize(normal_nodes);
  for (std::size_t k = 0; k < normal_nodes; ++k) {
    const double density = std::exp(normal_axis_.node(k));
    normal_lambda_[k] = chemical_potential_from_density(spec_.band, 0.0, spec_.kT_meV, density);
    normal_slope_[k] = rate_per_ps(0.0, normal_lambda_[k]) / density;
  }
}

double KineticsTable::log_density(const PairingCell& cell, const CubicStencil& x) const {
  return tensor_value(log_density_.data(), state_grid_.gap.count, cell.stencil, cell.stencil.value, x, x.value);
}

KineticsTable::PairingCell KineticsTable::at_pairing(double pairing_meV) const {
  const auto& axis = state_grid_.pairing;
  PairingCell cell{cubic_stencil(axis, pairing_meV), zero_temperature_gap(spec_.band, pairing_meV), 0.0, 0.0};
  // The peak moves like √(U − U_c) past the gap opening: linear between nodes.
  const double position = std::clamp((pairing_meV - axis.first) / axis.step, 0.0, static_cast<double>(axis.count - 1));
  const auto node = std::min(static_cast<std::size_t>(position), axis.count - 2);
  const double w = position - static_cast<double>(node);
  cell.peak_coordinate = (1.0 - w) * peak_coordinate_[node] + w * peak_coordinate_[node + 1];
  const auto& gap_axis = state_grid_.gap;
  cell.log_peak_density = log_density(cell, cubic_stencil(gap_axis, cell.peak_coordinate));
  cell.log_lowest_density = log_density(cell, cubic_stencil(gap_axis, gap_axis.last()));
  const double closed = gap_coordinate_at(cell, closing_energy_meV_);
  cell.log_closed_density = std::isnan(closed)
                                ? -std::numeric_limits<double>::infinity()
                                : log_density(cell, cubic_stencil(gap_axis, std::max(closed, cell.peak_coordinate)));
  return cell;
}

KineticsTable::Point KineticsTable::state(double log_density_target, const PairingCell& cell, double hint) const {
  if (!(log_density_target <= std::log(spec_.density_high))) return {0.0, 0.0, 0.0, false, false};
  if (log_density_target >= cell.log_peak_density) {
    return {0.0, normal_lambda_meV(log_density_target), 0.0, false, true};
  }
  const auto& gap_axis = state_grid_.gap;
  const auto excess_at = [&](double x, double& slope) {
    const auto s = cubic_stencil(gap_axis, x);
    slope = tensor_value(log_density_.data(), gap_axis.count, cell.stencil, cell.stencil.value, s, s.slope);
    return log_density(cell, s) - log_density_target;
  };
  if (log_density_target < cell.log_lowest_density) return {0.0, 0.0, 0.0, true, false};
  double lo = cell.peak_coordinate, hi = gap_axis.last();
  double slope = 0.0;
  // ln n falls with x on [peak, x_max]: Newton, kept inside the bracket by bisection.
  double x = hint > lo && hint < hi ? hint : 0.5 * (lo + hi);
  for (int iteration = 0; iteration < 100; ++iteration) {
    const double excess = excess_at(x, slope);
    (excess > 0.0 ? lo : hi) = x;
    const double newton = x - excess / slope;
    const bool inside = slope < 0.0 && newton > lo && newton < hi;
    const double next = inside ? newton : 0.5 * (lo + hi);
    // Newton converges quadratically: after a step this short the next would be
    // below rounding, so it is not evaluated.
    const bool converged = (inside && std::abs(newton - x) <= 1e-9 * (1.0 + std::abs(x))) ||
                           hi - lo <= 1e-14 * (1.0 + std::abs(x));
    x = next;
    if (converged) break;
  }
  const auto s = cubic_stencil(gap_axis, x);
  const double lambda = tensor_value(lambda_.data(), gap_axis.count, cell.stencil, cell.stencil.value, s, s.value);
  return {cell.gap0_meV * gap_fraction(x), lambda, x, true, true};
}

double KineticsTable::sharp_edge_log_density(const PairingCell& cell, double gap_meV) const {
  double edge = std::numeric_limits<double>::infinity();
  for (const auto& mode : spec_.rate.spectrum().delta_modes()) {
    if (mode.energy_meV <= spec_.rate.max_energy_meV() && mode.energy_meV > 2.0 * gap_meV) {
      edge = std::min(edge, mode.energy_meV);
    }
  }
  const double x = gap_coordinate_at(cell, edge);
  return std::isnan(x) ? x : log_density(cell, cubic_stencil(state_grid_.gap, x));
}

double KineticsTable::gap_coordinate_at(const PairingCell& cell, double two_gap_meV) const {
  // Δ = Δ0 σ(x): x in closed form.
  const double x = std::log(two_gap_meV / (2.0 * cell.gap0_meV - two_gap_meV));
  return two_gap_meV < 2.0 * cell.gap0_meV && x <= state_grid_.gap.last() ? x : std::numeric_limits<double>::quiet_NaN();
}

double KineticsTable::slope_per_ps(const Point& point, double log_density_target) const {
  if (!point.gapped) return normal_slope_per_ps(log_density_target);
  return rate_per_ps(point.gap_meV, point.lambda_meV) / std::exp(log_density_target);
}

double KineticsTable::normal_lambda_meV(double log_density_target) const {
  return line_value(normal_lambda_.data(), cubic_stencil(normal_axis_, log_density_target));
}

double KineticsTable::normal_slope_per_ps(double log_density_target) const {
  return line_value(normal_slope_.data(), cubic_stencil(normal_axis_, log_density_target));
}

GapBranch KineticsTable::branch(const PairingCell& cell, const Point& point) const {
  if (!point.gapped) return GapBranch::normal;
  // At fixed λ the larger root is where λ rises with Δ along the curve (∂R/∂Δ < 0).
  const auto s = cubic_stencil(state_grid_.gap, point.gap_coordinate);
  const double rise = tensor_value(lambda_.data(), state_grid_.gap.count, cell.stencil, cell.stencil.value, s, s.slope);
  return rise > 0.0 ? GapBranch::larger_root : GapBranch::smaller_root;
}

double KineticsTable::rate_per_ps(double gap_meV, double lambda_meV) const {
  if (lambda_meV == 0.0) return 0.0;
  const double kT = spec_.kT_meV;
  const double two_gap = 2.0 * gap_meV;
  const auto& spectrum = spec_.rate.spectrum();
  // The table's rate is the coupled kinetics' inner loop. Below arguments of 600
  // (exp overflows at 709) the pair factor Γ = csch(Ω/2T) sech((Δ+λ)/2T)
  // sech((Ω−Δ+λ)/2T) sinh(λ/T) is taken in plain hyperbolic functions, sinh(λ/T)
  // shared by every term: a third of the transcendental calls of its log form.
  const bool moderate = highest_mode_meV_ + gap_meV + std::abs(lambda_meV) < 600.0 * kT;
  const double sinh_lambda = moderate ? std::sinh(lambda_meV / kT) : 0.0;
  double modes = 0.0;
  const auto& delta_modes = spectrum.delta_modes();
  for (std::size_t m = 0; m < delta_modes.size(); ++m) {
    const auto& mode = delta_modes[m];
    if (mode.energy_meV > spec_.rate.max_energy_meV() || !(mode.energy_meV > two_gap)) continue;
    const double pair_factor =
        moderate ? sinh_lambda / (mode_sinh_[m] * std::cosh((gap_meV + lambda_meV) / (2.0 * kT)) *
                                  std::cosh((mode.energy_meV - gap_meV + lambda_meV) / (2.0 * kT)))
                 : net_pair_factor(mode.energy_meV, gap_meV, lambda_meV, kT);
    modes += spectrum.delta_weight_meV(mode, gap_meV) * std::sqrt(mode.energy_meV / (mode.energy_meV - two_gap)) *
             pair_factor;
  }
  double rate = std::numbers::pi / (2.0 * units::hbar_meV_ps) * modes;
  if (has_continuum_ && two_gap < continuum_top_meV_) {
    const double edge_factor = std::sqrt(1.0 - two_gap / continuum_top_meV_);  // cos θ
    const auto& lambda_axis = continuum_grid_.lambda;
    if (!(lambda_meV >= lambda_axis.first && lambda_meV <= lambda_axis.last())) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    const auto sa = cubic_stencil(continuum_grid_.angle, std::asin(std::sqrt(two_gap / continuum_top_meV_)));
    const auto sl = cubic_stencil(lambda_axis, lambda_meV);
    const double log_ratio = tensor_value(continuum_.data(), lambda_axis.count, sa, sa.value, sl, sl.value);
    rate += moderate ? edge_factor * std::exp(log_ratio) * sinh_lambda
                     : std::copysign(edge_factor * std::exp(log_ratio + log_abs_sinh(lambda_meV / kT)), lambda_meV);
  }
  return rate;
}

}  // namespace metasc::physics
