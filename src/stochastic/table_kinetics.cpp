#include "metasc/stochastic/table_kinetics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "metasc/error.hpp"

namespace metasc::stochastic {
namespace {

constexpr double step_tolerance = 1e-10;  // local error per step in ln n

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
      throw NumericalError("kinetics table: the density " + std::to_string(density[i]) +
                           " lies below the table's range");
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
      const double k1 = first_stage_[i];
      const double k2 = slope(i, z + 0.5 * h * k1);
      const double k3 = slope(i, z + 0.75 * h * k2);
      const double z3 = z + h * (2.0 / 9.0 * k1 + 1.0 / 3.0 * k2 + 4.0 / 9.0 * k3);
      const double k4 = slope(i, z3);
      const double z2 = z + h * (7.0 / 24.0 * k1 + 0.25 * k2 + 1.0 / 3.0 * k3 + 0.125 * k4);
      const double error = std::abs(z3 - z2);
      const bool accepted = error <= step_tolerance && std::isfinite(k4);
      if (accepted) {
        log_density_[i] = z3;
        first_stage_[i] = k4;
        elapsed_ps_[i] = last ? interval_ps_ : elapsed_ps_[i] + h;
      }
      // Only a step that was not cut short by the interval's end says how large the next may be.
      const double factor =
          std::isfinite(error) ? std::clamp(0.9 * std::cbrt(step_tolerance / std::max(error, 1e-300)), 0.2, 5.0) : 0.2;
      if (!accepted || !last) step_ps_[i] = h * factor;
      if (!accepted && step_ps_[i] < 1e-12 * interval_ps_) {
        throw NumericalError("kinetics table: the step size of the density integration fell below 1e-12 of "
                             "ensemble.kinetics_interval_ps at n = " + std::to_string(std::exp(z)));
      }
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
