#include "metasc/stochastic/ensemble.hpp"

#include <cmath>
#include <limits>

#include "metasc/stochastic/rng.hpp"
#include "metasc/units.hpp"

namespace metasc::stochastic {

namespace {

constexpr std::uint64_t never_relaxed = std::numeric_limits<std::uint64_t>::max();

}  // namespace

EnsembleRunner::EnsembleRunner(const EnsembleSpec& spec, ForceTable force, std::vector<double> drive_per_ps2)
    : spec_(spec),
      integrator_(spec.scheme, spec.oscillator, spec.dt_ps, std::move(force), spec.seed),
      drive_(std::move(drive_per_ps2)),
      energy_per_momentum2_(0.5 * units::hbar_meV_ps / spec.oscillator.angular_per_ps) {
  if (spec_.kinetics) {
    back_action_force_ = BackActionForce{spec_.kinetics->pairing()};
    // Before the pump every trajectory sits at Q ≈ 0 in equilibrium at U0.
    const double bare = spec_.kinetics->pairing().bare_meV;
    initial_density_ = spec_.kinetics->equilibrium_density(bare);
    initial_state_ = spec_.kinetics->state(initial_density_, bare);
    if (spec_.kinetics->table_kinetics()) table_kinetics_ = *spec_.kinetics->table_kinetics();
  }
}

void EnsembleRunner::initialise(std::uint64_t first_trajectory, std::size_t count) {
  // Thermal equilibrium of a well, linearised at its minimum: a pumped run starts
  // where an unpumped sample sits (Q = 0); an escape run inside the metastable well.
  const auto& oscillator = spec_.oscillator;
  const double kT_per_site = oscillator.kT_meV / oscillator.domain_sites;
  const double Q_width = std::sqrt(kT_per_site / spec_.initial_curvature_meV);
  const double P_width = std::sqrt(momentum_variance(oscillator));
  const NormalStream initial(spec_.seed, Stream::initial_state);
  Q_.resize(count);
  P_.resize(count);
  if (spec_.kinetics) {
    density_.assign(count, initial_density_);
    pairing_sum_.assign(count, 0.0);
    kinetic_state_.assign(count, initial_state_);
    gap_squared_.assign(count, initial_state_.gap_meV * initial_state_.gap_meV);
    gap_.resize(count);
    if (spec_.kinetics->table_kinetics()) table_kinetics_.start(count, initial_state_, spec_.kinetics->pairing().bare_meV);
  }
  momentum_.resize(count);
  energy_.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    Q_[i] = spec_.initial_Q + Q_width * initial.normal(first_trajectory + i, 0, 0);
    P_[i] = integrator_.stored_momentum_at_slope(P_width * initial.normal(first_trajectory + i, 0, 1), slope(i),
                                                 drive(0));
  }
}

double EnsembleRunner::slope(std::size_t i) const {
  return spec_.back_action ? back_action_force_.slope(Q_[i], gap_squared_[i]) : integrator_.force().slope(Q_[i]);
}

void EnsembleRunner::physical_momenta(std::size_t count, double drive_per_ps2) {
  // Two loops rather than a choice inside one: each stays vectorised.
  if (spec_.back_action) {
    const BackActionForce force = back_action_force_;
    const double* __restrict gap_squared = gap_squared_.data();
#pragma omp simd
    for (std::size_t i = 0; i < count; ++i) {
      momentum_[i] = integrator_.physical_momentum_at_slope(P_[i], force.slope(Q_[i], gap_squared[i]), drive_per_ps2);
    }
  } else {
    const auto force = integrator_.force().slope_kernel();
#pragma omp simd
    for (std::size_t i = 0; i < count; ++i) {
      momentum_[i] = integrator_.physical_momentum_at_slope(P_[i], force.slope(Q_[i]), drive_per_ps2);
    }
  }
}

void EnsembleRunner::step_with_back_action(std::uint64_t first_trajectory, std::size_t count, std::uint64_t step) {
  const BackActionForce force = back_action_force_;
  const double* __restrict gap_squared = gap_squared_.data();
  integrator_.step_each(Q_.data(), P_.data(), count, first_trajectory, step, drive(step),
                        [force, gap_squared](std::size_t i, double q) { return force.slope(q, gap_squared[i]); });
}

void EnsembleRunner::site_energies(std::size_t count, std::uint64_t now) {
  physical_momenta(count, drive(now));
  // Trapped and escaped are judged in the equilibrium landscape, also with back-action.
  const auto table = integrator_.force().slope_kernel();
  // Independent iterations; the pragma lets the table reads vectorise (see integrator.hpp).
#pragma omp simd
  for (std::size_t i = 0; i < count; ++i) {
    energy_[i] = energy_per_momentum2_ * momentum_[i] * momentum_[i] + table.slope_and_potential(Q_[i]).potential_meV;
  }
}

void EnsembleRunner::record_relaxed(std::size_t count, std::uint64_t now) {
  site_energies(count, now);
  const WellCriteria well = spec_.criteria;
  std::uint64_t* __restrict first = first_relaxed_.data();
#pragma omp simd
  for (std::size_t i = 0; i < count; ++i) {
    first[i] = well.relaxed(Q_[i], energy_[i]) && first[i] == never_relaxed ? now : first[i];
  }
}

void EnsembleRunner::step_recording_relaxed(std::uint64_t first_trajectory, std::size_t count, std::uint64_t step) {
  const WellCriteria well = spec_.criteria;
  const double energy_per_momentum2 = energy_per_momentum2_;
  std::uint64_t* __restrict first = first_relaxed_.data();
  // The same test, on the same bits, as record_relaxed(step): the integrator
  // hands over P(t_n) and V(Q_n) as physical_momenta() and the table give them.
  integrator_.step_observing(Q_.data(), P_.data(), count, first_trajectory, step, drive(step),
                             [=](std::size_t i, double q, double momentum, double potential_meV) {
                               const double energy = energy_per_momentum2 * momentum * momentum + potential_meV;
                               first[i] = well.relaxed(q, energy) && first[i] == never_relaxed ? step : first[i];
                             });
}

bool EnsembleRunner::open_inside_barrier(std::size_t count) const {
  const double* __restrict Q = Q_.data();
  const double* __restrict limit = watch_limit_.data();
  unsigned inside = 0;
  // The same comparison as WellCriteria::relaxed's, on the same bits of Q.
#pragma omp simd reduction(| : inside)
  for (std::size_t i = 0; i < count; ++i) inside |= static_cast<unsigned>(std::abs(Q[i]) < limit[i]);
  return inside != 0;
}

void EnsembleRunner::update_watch_limits(const std::vector<std::uint8_t>& trapped, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    watch_limit_[i] = trapped[i] != 0 && first_relaxed_[i] == never_relaxed ? spec_.criteria.Q_barrier : -1.0;
  }
}

std::size_t EnsembleRunner::sampled_of(std::uint64_t first_trajectory, std::size_t count) const {
  return first_trajectory < spec_.samples ? std::min<std::uint64_t>(count, spec_.samples - first_trajectory) : 0;
}

void EnsembleRunner::observe_moments(BlockResult& result, std::size_t output_index, std::uint64_t first_trajectory,
                                     std::size_t count, std::uint64_t step) {
  // A block is observed once per output time: its moments are those of the block.
  physical_momenta(count, drive(step));
  result.Q_moments[output_index] = stats::RunningMoments::of(Q_.data(), count);
  result.P_moments[output_index] = stats::RunningMoments::of(momentum_.data(), count);
  if (spec_.kinetics) {
    for (std::size_t i = 0; i < count; ++i) gap_[i] = kinetic_state_[i].gap_meV;
    result.gap_moments[output_index] = stats::RunningMoments::of(gap_.data(), count);
    result.density_moments[output_index] = stats::RunningMoments::of(density_.data(), count);
  }
  for (std::size_t i = 0; i < sampled_of(first_trajectory, count); ++i) {
    const std::size_t row = i * output_times() + output_index;
    result.Q_samples[row] = Q_[i];
    if (spec_.kinetics) result.density_samples[row] = density_[i];
    result.P_samples[row] = momentum_[i];
  }
}

void EnsembleRunner::advance_kinetics(BlockResult& result, std::size_t count, std::uint64_t step) {
  const KineticCoupling& kinetics = *spec_.kinetics;
  const double per_interval = 1.0 / static_cast<double>(spec_.kinetics_stride);
  const double edge = kinetics.avalanche_edge_meV();
  const double since_check = static_cast<double>(step > spec_.check_step ? step - spec_.check_step : 0) * spec_.dt_ps;
  for (std::size_t i = 0; i < count; ++i) pairing_sum_[i] *= per_interval;
  if (kinetics.table_kinetics()) {
    // Δ is read by the back-action force at every step, and by the moments at
    // output times: a lane whose channels are closed need not solve for it otherwise.
    const std::uint64_t next_output = (step + spec_.output_stride - 1) / spec_.output_stride * spec_.output_stride;
    const bool states_wanted = spec_.back_action || next_output < step + spec_.kinetics_stride;
    table_kinetics_.advance(count, density_.data(), pairing_sum_.data(), kinetic_state_.data(), states_wanted);
  } else {
    for (std::size_t i = 0; i < count; ++i) kinetics.advance(density_[i], pairing_sum_[i], kinetic_state_[i]);
  }
  for (std::size_t i = 0; i < count; ++i) {
    pairing_sum_[i] = 0.0;
    gap_squared_[i] = kinetic_state_[i].gap_meV * kinetic_state_[i].gap_meV;
    const bool collapsed = 2.0 * kinetic_state_[i].gap_meV <= edge;
    if (step >= spec_.check_step && collapsed && std::isinf(result.tau_MS_ps[i])) result.tau_MS_ps[i] = since_check;
  }
}

BlockResult EnsembleRunner::run_block(std::uint64_t first_trajectory, std::size_t count) {
  constexpr double not_trapped = std::numeric_limits<double>::quiet_NaN();
  constexpr double censored = std::numeric_limits<double>::infinity();
  BlockResult result;
  result.trapped.assign(count, 0);
  result.escape_time_ps.assign(count, not_trapped);
  result.Q_moments.resize(output_times());
  result.P_moments.resize(output_times());
  const std::size_t sampled = sampled_of(first_trajectory, count);
  result.Q_samples.resize(sampled * output_times());
  result.P_samples.resize(sampled * output_times());
  if (spec_.kinetics) {
    result.tau_MS_ps.assign(count, censored);
    result.gap_moments.resize(output_times());
    result.density_moments.resize(output_times());
    result.density_samples.resize(sampled * output_times());
  }

  initialise(first_trajectory, count);
  observe_moments(result, 0, first_trajectory, count, 0);
  first_relaxed_.assign(count, never_relaxed);
  watch_limit_.assign(count, -1.0);
  bool any_trapped = false;
  bool watch = false;  // some trapped, unrelaxed trajectory is inside the barrier at t_step
  for (std::uint64_t step = 0; step < spec_.steps; ++step) {
    // Escapes are first entries after the check time. The plain kernel tests
    // the state t_step at the start of each step inside its own loop, so
    // every time t_n, check < n < t_end, is tested exactly as a separate pass
    // would; the back-action force and the last time take the separate pass.
    // Only steps that start with an open trajectory inside the barrier
    // (|Q| < Q_B, a condition of "relaxed") can record an escape: the others
    // take the plain step(), which moves Q and P by the same bits; once some
    // are trapped it also tells, from the Q it stores, whether the next step
    // must watch (the limits do not change before that test).
    bool inside_seen = false, inside = false;
    if (spec_.back_action) {
      step_with_back_action(first_trajectory, count, step);
    } else if (watch) {
      step_recording_relaxed(first_trajectory, count, step);
      update_watch_limits(result.trapped, count);
    } else if (any_trapped) {
      inside = integrator_.step_watching(Q_.data(), P_.data(), count, first_trajectory, step, drive(step),
                                         watch_limit_.data());
      inside_seen = true;
    } else {
      integrator_.step(Q_.data(), P_.data(), count, first_trajectory, step, drive(step));
    }
    const std::uint64_t now = step + 1;
    if (spec_.kinetics) {
      // A copy and unaliased pointers, so that the loop vectorises.
      const physics::PairingModel pairing = spec_.kinetics->pairing();
      double* __restrict pairing_sum = pairing_sum_.data();
      const double* __restrict Q = Q_.data();
#pragma omp simd
      for (std::size_t i = 0; i < count; ++i) pairing_sum[i] += pairing.pairing(Q[i]);
      if (now % spec_.kinetics_stride == 0) advance_kinetics(result, count, now);
    }
    if (now == spec_.check_step) {
      site_energies(count, now);
      for (std::size_t i = 0; i < count; ++i) {
        result.trapped[i] = spec_.criteria.bound(Q_[i], energy_[i]) ? 1 : 0;
        any_trapped = any_trapped || result.trapped[i] != 0;
      }
      update_watch_limits(result.trapped, count);
    } else if (now > spec_.check_step && any_trapped && (spec_.back_action || now == spec_.steps)) {
      record_relaxed(count, now);
    }
    if (now % spec_.output_stride == 0) {
      observe_moments(result, static_cast<std::size_t>(now / spec_.output_stride), first_trajectory, count, now);
    }
    watch = !spec_.back_action && any_trapped && now > spec_.check_step &&
            (inside_seen ? inside : open_inside_barrier(count));
  }
  // escape_time: NaN (never trapped), +inf (trapped, still in), or the time after the check.
  for (std::size_t i = 0; i < count; ++i) {
    if (!result.trapped[i]) continue;
    result.escape_time_ps[i] = first_relaxed_[i] == never_relaxed
                                   ? censored
                                   : static_cast<double>(first_relaxed_[i] - spec_.check_step) * spec_.dt_ps;
  }
  result.Q_final = Q_;
  physical_momenta(count, drive(spec_.steps));
  result.P_final_per_ps.assign(momentum_.begin(), momentum_.begin() + static_cast<std::ptrdiff_t>(count));
  return result;
}

}  // namespace metasc::stochastic
