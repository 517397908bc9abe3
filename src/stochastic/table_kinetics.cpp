#include "metasc/stochastic/table_kinetics.hpp"

#include <algorithm>
#include <array>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/numeric/odeint.hpp>
#include <cmath>
#include <limits>

#include "metasc/error.hpp"

namespace metasc::stochastic {
namespace {

// Local error per step in ln n: n(t) within a few 1e-6 of the direct solver,
// far inside the 1e-4 that 99 % of a coupled run's samples are held to
// (ensemble_kinetics_solvers: edge arrivals amplify the rest).
constexpr double step_tolerance = 1e-9;
constexpr double smallest_step = 1e-6;    // of the interval
constexpr double smallest_offset = 1e-9;  // in ln n: the secant of ∂(dz/dt)/∂z at equilibrium

// The time map takes over within this many intervals' travel, at the present
// speed, of a sharp edge. With f = −a/√(z − z*) the edge is reached in
// (2/3)(z − z*)/|f|: outside the reach the interval covers at most 37% of the
// distance and |f| grows by at most 26% across it, which step control handles.
constexpr double edge_reach = 3.0;
// ln n just past the edge, relative: far above the rounding of the state solve,
// far below any tolerance on n.
constexpr double past_edge = 1e-9;
using EdgeQuadrature = boost::math::quadrature::gauss<double, 10>;

}  // namespace

TableKinetics::TableKinetics(std::shared_ptr<const physics::KineticsTable> table, double interval_ps)
    : table_(std::move(table)), interval_ps_(interval_ps) {
  namespace odeint = boost::numeric::odeint;
  using State = std::array<double, 1>;
  const auto& axis = table_->normal_axis();
  normal_flow_.resize(axis.count);
  const auto right_hand_side = [&](const State& z, State& dzdt, double) { dzdt[0] = table_->normal_slope_per_ps(z[0]); };
  for (std::size_t k = 0; k < axis.count; ++k) {
    State z{axis.node(k)};
    // Far below the block integrator's own tolerance: the map is its reference.
    odeint::integrate_adaptive(odeint::make_controlled<odeint::runge_kutta_dopri5<State>>(1e-13, 1e-13),
                               right_hand_side, z, 0.0, interval_ps_, interval_ps_ / 16);
    normal_flow_[k] = z[0];
  }
}

bool TableKinetics::follow_normal_flow(std::size_t i, double log_density) {
  const auto& cell = cell_[i];
  if (log_density < cell.log_peak_density) return false;
  const double end = physics::line_value(normal_flow_.data(), physics::cubic_stencil(table_->normal_axis(), log_density));
  // The flow is monotone: normal at both ends, normal throughout.
  if (!(end >= cell.log_peak_density)) return false;
  trial_[i] = table_->state(end, cell, hint_[i]);
  if (!trial_[i].in_range) return false;
  log_density_[i] = end;
  accepted_[i] = trial_[i];
  elapsed_ps_[i] = interval_ps_;
  return true;
}

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
  trial_.resize(count);
  accepted_.resize(count);
  closed_.resize(count);
}

double TableKinetics::slope(std::size_t i, double log_density) {
  trial_[i] = table_->state(log_density, cell_[i], hint_[i]);
  const auto& point = trial_[i];
  if (!point.in_range) return std::numeric_limits<double>::quiet_NaN();
  if (point.gapped) hint_[i] = point.gap_coordinate;
  return table_->slope_per_ps(point, log_density);
}

void TableKinetics::accept(std::size_t i, double log_density, double slope, double elapsed_ps) {
  log_density_[i] = log_density;
  first_stage_[i] = slope;
  accepted_[i] = trial_[i];
  elapsed_ps_[i] = elapsed_ps;
}

void TableKinetics::step(std::size_t i, double left) {
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
  // rate runs into the edge singularity of a sharp mode, not a linear mode.
  const double jacobian = std::min((slope(i, z + offset) - f0) / offset, 1.0 / h);
  const double hj = h * jacobian;
  const double phi = std::abs(hj) < 1e-8 ? 1.0 + 0.5 * hj : std::expm1(hj) / hj;
  const double z1 = z + h * phi * f0;
  const double f1 = slope(i, z1);
  // The scheme is exact for f linear in z; its local error is that of the
  // remainder N(z) = f(z) − J z over the step, ≈ (h/2)|N(z1) − N(z)|.
  const double error = 0.5 * h * std::abs(f1 - f0 - jacobian * (z1 - z));
  // At the floor a step is taken as it is: steps shrink there only next to a
  // sharp edge the time map did not take (the rate not monotone on the way).
  const bool floor = h <= smallest_step * interval_ps_;
  const bool accepted = std::isfinite(f1) && (error <= step_tolerance || floor);
  if (accepted) accept(i, z1, f1, last ? interval_ps_ : elapsed_ps_[i] + h);
  // Only a step that was not cut short by the interval's end says how large the next may be.
  const double factor =
      std::isfinite(error) ? std::clamp(0.9 * std::sqrt(step_tolerance / std::max(error, 1e-300)), 0.2, 5.0) : 0.2;
  if (!accepted || !last) step_ps_[i] = h * factor;
  if (!accepted && floor) {
    throw NumericalError("kinetics table: the density integration left the table's range at n = " +
                         std::to_string(std::exp(z)));
  }
  step_ps_[i] = std::max(step_ps_[i], smallest_step * interval_ps_);
}

double TableKinetics::time_between(std::size_t i, double edge, double w_low, double w_high) {
  bool falling = true;
  const double time = EdgeQuadrature::integrate(
      [&](double w) {
        const double f = slope(i, edge + w * w);
        falling = falling && f < 0.0;
        return 2.0 * w / -f;
      },
      w_low, w_high);
  return falling ? time : std::numeric_limits<double>::quiet_NaN();
}

bool TableKinetics::approach_sharp_edge(std::size_t i, double left) {
  const double z = log_density_[i];
  const double f0 = first_stage_[i];
  if (!(f0 < 0.0) || !accepted_[i].gapped) return false;
  const double edge = table_->sharp_edge_log_density(cell_[i], accepted_[i].gap_meV);
  const double distance = z - edge;
  if (!(distance > 0.0 && distance <= edge_reach * -f0 * left)) return false;
  const double w0 = std::sqrt(distance);
  const double to_edge = time_between(i, edge, 0.0, w0);
  if (!std::isfinite(to_edge)) return false;
  if (to_edge <= left) {
    const double past = edge - past_edge * (1.0 + std::abs(edge));
    accept(i, past, slope(i, past), elapsed_ps_[i] + to_edge);
    step_ps_[i] = left - to_edge;
    return true;
  }
  // Where the interval ends: ∫_{w1}^{w0} 2w dw/|f| = left, by Newton from the
  // leading order (dt ∝ w² dw, so w³ falls linearly in time).
  double w1 = w0 * std::cbrt(1.0 - left / to_edge);
  for (int iteration = 0; iteration < 30; ++iteration) {
    const double excess = time_between(i, edge, w1, w0) - left;
    const double f = slope(i, edge + w1 * w1);
    const double next = std::clamp(w1 + excess * -f / (2.0 * w1), 0.5 * w1, 0.5 * (w1 + w0));
    if (!std::isfinite(next)) return false;
    const bool converged = std::abs(next - w1) <= 1e-13 * w0;
    w1 = next;
    if (converged) break;
  }
  const double end = edge + w1 * w1;
  accept(i, end, slope(i, end), interval_ps_);
  return true;
}

void TableKinetics::advance(std::size_t count, double* density, const double* mean_pairing_meV,
                            physics::KineticState* state, bool states_wanted) {
  for (std::size_t i = 0; i < count; ++i) {
    cell_[i] = table_->at_pairing(mean_pairing_meV[i]);
    const double z = std::log(density[i]);
    const auto& cell = cell_[i];
    closed_[i] = !states_wanted && z >= cell.log_lowest_density && z <= cell.log_closed_density &&
                 z < cell.log_peak_density;
    if (closed_[i]) {
      elapsed_ps_[i] = interval_ps_;
      continue;
    }
    if (follow_normal_flow(i, z)) continue;
    const double f = slope(i, z);
    if (!std::isfinite(f)) {
      throw NumericalError("kinetics table: the density " + std::to_string(density[i]) + " at U = " +
                           std::to_string(mean_pairing_meV[i]) + " meV lies outside the table's range");
    }
    accept(i, z, f, 0.0);
  }
  // Rounds over the block: in each, every unfinished lane takes one step of its own.
  for (bool unfinished = true; unfinished;) {
    unfinished = false;
    for (std::size_t i = 0; i < count; ++i) {
      const double left = interval_ps_ - elapsed_ps_[i];
      if (left <= 0.0) continue;
      // f = 0 is a fixed point of the autonomous ODE at this interval's U: a
      // lane whose channels are closed stays where it is, exactly.
      if (first_stage_[i] == 0.0) {
        elapsed_ps_[i] = interval_ps_;
      } else if (!approach_sharp_edge(i, left)) {
        step(i, left);
      }
      unfinished = unfinished || elapsed_ps_[i] < interval_ps_;
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (closed_[i]) continue;
    density[i] = std::exp(log_density_[i]);
    const auto& point = accepted_[i];
    state[i] = {point.gap_meV, point.lambda_meV, table_->branch(cell_[i], point)};
  }
}

}  // namespace metasc::stochastic
