#include "metasc/stochastic/table_kinetics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "metasc/error.hpp"

namespace metasc::stochastic {
namespace {

constexpr double step_tolerance = 1e-10;  // local error per step in ln n
constexpr double smallest_step = 1e-6;    // of the interval
constexpr double smallest_offset = 1e-9;  // in ln n: the secant of ∂(dz/dt)/∂z at equilibrium

}  // namespace

TableKinetics::TableKinetics(std::shared_ptr<const physics::KineticsTable> table, double interval_ps)
    : table_(std::move(table)), interval_ps_(interval_ps) {}

void TableKinetics::start(std::size_t count, const physics::KineticState& state, double pairing_meV) {
  const double gap0 = physics::zero_temperature_gap(table_->spec().band, pairing_meV);
  const double hint = state.gap_meV > 0.0 && state.gap_meV < gap0 ? std::log(state.gap_meV / (gap0 - state.gap_meV))
                                                                  : table_->state_grid().gap.first;
  cell_.resize(count);
  hint_.assign(count, hint);
  step_ps_.assign(count, interval_ps_);
  elapsed_ps_.resize(count);
  log_density_.resize(count);
  first_stage_.resize(count);
}

double TableKinetics::slope(std::size_t i, double log_density) {
  const auto point = table_->state(log_density, cell_[i], hint_[i]);
  if (!point.in_range) return std::numeric_limits<double>::quiet_NaN();
  if (point.gapped) hint_[i] = point.gap_coordinate;
  return table_->rate_per_ps(point.gap_meV, point.lambda_meV) / std::exp(log_density);
}

void TableKinetics::advance(std::size_t count, double* density, const double* mean_pairing_meV,
                            physics::KineticState* state) {
  for (std::size_t i = 0; i < count; ++i) {
    cell_[i] = table_->at_pairing(mean_pairing_meV[i]);
    log_density_[i] = std::log(density[i]);
    elapsed_ps_[i] = 0.0;
    first_stage_[i] = slope(i, log_density_[i]);
    if (!std::isfinite(first_stage_[i])) {
      throw NumericalError("kinetics table: the density " + std::to_string(density[i]) + " at U = " +
                           std::to_string(mean_pairing_meV[i]) + " meV lies outside the table's range");
    }
  }
  // Rounds over the block: in each, every unfinished lane tries one step of its own size.
  for (bool unfinished = true; unfinished;) {
    unfinished = false;
    for (std::size_t i = 0; i < count; ++i) {
      const double left = interval_ps_ - elapsed_ps_[i];
      if (left <= 0.0) continue;
      const bool last = step_ps_[i] >= left;
      const double h = last ? left : step_ps_[i];
      const double z = log_density_[i];
      const double f0 = first_stage_[i];
      // The secant over the Euler step: a Jacobian O(h) from the tangent keeps the
      // scheme second order, and unlike a fixed small offset it never spans only
      // a jump of f (the density-peak discontinuity), so the error estimate
      // shrinks with h there too.
      const double offset = std::copysign(std::max(std::abs(h * f0), smallest_offset), f0);
      // Growth faster than 1/h is not followed exponentially: that is where the
      // rate runs into the edge singularity of a sharp mode (below), not a linear mode.
      const double jacobian = std::min((slope(i, z + offset) - f0) / offset, 1.0 / h);
      const double hj = h * jacobian;
      const double phi = std::abs(hj) < 1e-8 ? 1.0 + 0.5 * hj : std::expm1(hj) / hj;
      const double z1 = z + h * phi * f0;
      const double f1 = slope(i, z1);
      // The scheme is exact for f linear in z; its local error is that of the
      // remainder N(z) = f(z) − J z over the step, ≈ (h/2)|N(z1) − N(z)|.
      const double error = 0.5 * h * std::abs(f1 - f0 - jacobian * (z1 - z));
      // At the floor a step is taken as it is: the only place steps shrink there is the
      // approach to 2Δ = Ω_ν, where the rate diverges integrably like (Ω_ν − 2Δ)^{-1/2}
      // (and stops beyond), within one floor step of the crossing.
      const bool floor = h <= smallest_step * interval_ps_;
      const bool accepted = std::isfinite(f1) && (error <= step_tolerance || floor);
      if (accepted) {
        log_density_[i] = z1;
        first_stage_[i] = f1;
        elapsed_ps_[i] = last ? interval_ps_ : elapsed_ps_[i] + h;
      }
      // Only a step that was not cut short by the interval's end says how large the next may be.
      const double factor =
          std::isfinite(error) ? std::clamp(0.9 * std::sqrt(step_tolerance / std::max(error, 1e-300)), 0.2, 5.0) : 0.2;
      if (!accepted || !last) step_ps_[i] = h * factor;
      if (!accepted && floor) {
        throw NumericalError("kinetics table: the density integration left the table's range at n = " +
                             std::to_string(std::exp(z)));
      }
      step_ps_[i] = std::max(step_ps_[i], smallest_step * interval_ps_);
      unfinished = unfinished || elapsed_ps_[i] < interval_ps_;
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    const auto point = table_->state(log_density_[i], cell_[i], hint_[i]);
    density[i] = std::exp(log_density_[i]);
    state[i] = {point.gap_meV, point.lambda_meV, table_->branch(cell_[i], point)};
  }
}

}  // namespace metasc::stochastic
