#include "metasc/kinetics/lifetime.hpp"

#include <petscts.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <limits>
#include <string>

#include "metasc/error.hpp"
#include "metasc/parallel/petsc_check.hpp"

namespace metasc::kinetics {

using physics::density_rate;
using physics::KineticsConditions;
using physics::KineticsSample;
using physics::KineticState;
using physics::LifetimeOptions;
using physics::QuasiparticleRate;
using physics::TrappedLifetime;

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double collapse_fraction = 0.01;  // full collapse: Δ < 0.01 Δ(0) (PHYSICS.md §6)
// An event is declared when n is within this fraction of n_av or n_c.
constexpr double event_tolerance = 1e-9;

enum Event : PetscInt { avalanche = 0, collapse = 1 };

/// What the PETSc callbacks see. A C++ exception must not cross PETSc's C
/// frames: a callback stores it and returns an error code, and the caller
/// rethrows it after TSSolve.
struct Context {
  const QuasiparticleRate& rate;
  const KineticsConditions& conditions;
  double edge_meV;           // Ω_max
  double avalanche_density;  // n_av: 2Δ = Ω_max
  double collapse_density;   // n_c: Δ = 0.01 Δ(0)
  double lifetime_ps;
  double collapse_time_ps;
  double max_density;  // 4 ν ω_c: every state filled
  std::vector<KineticsSample>* trajectory;
  KineticState hint;              // the state at the last right-hand side: successive states are close
  double last_rate_per_ps = 0.0;  // the rate there
  std::exception_ptr error = nullptr;
};

template <typename Body>
PetscErrorCode guarded(void* context, Body&& body) {
  auto& self = *static_cast<Context*>(context);
  try {
    body(self);
    return 0;
  } catch (...) {
    self.error = std::current_exception();
    return PETSC_ERR_USER;
  }
}

double first_entry(Vec vector) {
  const PetscScalar* values = nullptr;
  PETSC_CHECK(VecGetArrayRead(vector, &values));
  const double value = values[0];
  PETSC_CHECK(VecRestoreArrayRead(vector, &values));
  return value;
}

PetscErrorCode right_hand_side(TS, PetscReal, Vec state, Vec derivative, void* context) {
  return guarded(context, [&](Context& self) {
    const auto& conditions = self.conditions;
    const auto kinetic =
        state_from_density(conditions.band, conditions.pairing_meV, conditions.kT_meV, first_entry(state), self.hint);
    self.hint = kinetic;
    // Until τ_MS the leg ends at n_av, and states beyond it are only ever seen
    // by trial steps that the event locator rolls back. There the rate keeps
    // the gap at Ω_max/2: the continuum's √(n − n_av) onset would otherwise
    // bend the bracketed crossing so much that the locator creeps up on it.
    const double gap = self.lifetime_ps < infinity ? kinetic.gap_meV : std::max(kinetic.gap_meV, 0.5 * self.edge_meV);
    const double rate = self.rate.net_per_ps(gap, kinetic.lambda_meV, conditions.kT_meV);
    self.last_rate_per_ps = rate;
    PetscScalar* values = nullptr;
    PETSC_CHECK(VecGetArray(derivative, &values));
    values[0] = rate;
    PETSC_CHECK(VecRestoreArray(derivative, &values));
  });
}

// A trial stage of a step that overshoots (e.g. across the avalanche, where
// dn/dt rises by orders of magnitude) may leave 0 < n < 4 ν ω_c; rejecting it
// makes the controller retry with a shorter step.
PetscErrorCode admissible(TS ts, PetscReal, Vec state, PetscBool* accept) {
  void* context = nullptr;
  const PetscErrorCode code = TSGetApplicationContext(ts, &context);
  if (code != 0) return code;
  return guarded(context, [&](Context& self) {
    const double density = first_entry(state);
    *accept = density > 0.0 && density < self.max_density ? PETSC_TRUE : PETSC_FALSE;
  });
}

// Along a trajectory n grows and Δ falls monotonically, so "2Δ = Ω_max" and
// "Δ = 0.01 Δ(0)" are the crossings of the densities n_av and n_c: indicators
// linear in the state, which cost no gap solve and which the event locator
// brackets cleanly.
PetscErrorCode indicators(TS, PetscReal, Vec state, PetscScalar values[], void* context) {
  return guarded(context, [&](Context& self) {
    const double density = first_entry(state);
    // Once τ_MS is known (or if it is 0) the avalanche indicator is parked far
    // from zero, so the leg after it cannot stop at the same crossing again.
    values[avalanche] = self.lifetime_ps < infinity ? -1.0 : self.avalanche_density - density;
    values[collapse] = self.collapse_density - density;
  });
}

// A step that crosses n_av far into the avalanche leaves the event locator a
// wide, strongly curved bracket and costs it many retaken steps; capping each
// step at twice the time to the next event density at the present rate keeps
// the crossing step short. (With the dense RK5(4) pair the last evaluation of
// an accepted step is at its end, so that is the present rate.)
PetscErrorCode limit_next_step(TS ts) {
  void* context = nullptr;
  const PetscErrorCode code = TSGetApplicationContext(ts, &context);
  if (code != 0) return code;
  return guarded(context, [&](Context& self) {
    Vec state = nullptr;
    PETSC_CHECK(TSGetSolution(ts, &state));
    const double target = self.lifetime_ps < infinity ? self.collapse_density : self.avalanche_density;
    const double remaining = std::max(target - first_entry(state), event_tolerance * target);
    if (!(self.last_rate_per_ps > 0.0)) return;
    TSAdapt adapt = nullptr;
    PETSC_CHECK(TSGetAdapt(ts, &adapt));
    PETSC_CHECK(TSAdaptSetStepLimits(adapt, PETSC_DEFAULT, 2.0 * remaining / self.last_rate_per_ps));
  });
}

PetscErrorCode after_event(TS, PetscInt count, PetscInt events[], PetscReal time, Vec, PetscBool, void* context) {
  return guarded(context, [&](Context& self) {
    for (PetscInt i = 0; i < count; ++i) {
      if (events[i] == avalanche && self.lifetime_ps == infinity) self.lifetime_ps = time;
      if (events[i] == collapse) self.collapse_time_ps = time;
    }
  });
}

PetscErrorCode record(TS, PetscInt, PetscReal time, Vec state, void* context) {
  return guarded(context, [&](Context& self) {
    // a leg's first point is the previous leg's last
    if (!self.trajectory->empty() && self.trajectory->back().time_ps == time) return;
    const double density = first_entry(state);
    const auto point = density_rate(self.rate, self.conditions, density, self.hint);
    self.trajectory->push_back({.time_ps = time,
                                .density = density,
                                .gap_meV = point.state.gap_meV,
                                .lambda_meV = point.state.lambda_meV,
                                .rate_per_ps = point.rate_per_ps});
  });
}

/// A PETSc object destroyed at scope exit.
template <typename Object, PetscErrorCode (*destroy)(Object*)>
struct Owned {
  Object object = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    if (object) destroy(&object);
  }
};

struct LegEnd {
  TSConvergedReason reason;
  double time_ps;
  double density;
  std::int64_t steps;
};

/// Integrates from (t, n) until an event or t_max. Every leg gets a fresh TS:
/// both events stop the integration, because PETSc 3.18's TSEvent leaves the
/// step size pinned at a tiny value when stepping on past a located event (and
/// a TS reused after one), while at the avalanche dn/dt turns on like
/// √(n − n_av) and the controller must restart from a small step anyway.
LegEnd integrate_leg(Context& context, const LifetimeOptions& options, double time_ps, double density,
                     double first_step_ps) {
  Owned<Vec, VecDestroy> state;
  PETSC_CHECK(VecCreateSeq(PETSC_COMM_SELF, 1, &state.object));
  PETSC_CHECK(VecSet(state.object, density));
  Owned<TS, TSDestroy> ts;
  PETSC_CHECK(TSCreate(PETSC_COMM_SELF, &ts.object));
  PETSC_CHECK(TSSetProblemType(ts.object, TS_NONLINEAR));
  PETSC_CHECK(TSSetType(ts.object, TSRK));
  PETSC_CHECK(TSRKSetType(ts.object, TSRK5DP));
  PETSC_CHECK(TSSetRHSFunction(ts.object, nullptr, right_hand_side, &context));
  PETSC_CHECK(TSSetApplicationContext(ts.object, &context));
  PETSC_CHECK(TSSetFunctionDomainError(ts.object, admissible));
  PETSC_CHECK(TSSetPostStep(ts.object, limit_next_step));
  PETSC_CHECK(TSSetTime(ts.object, time_ps));
  PETSC_CHECK(TSSetMaxTime(ts.object, options.t_max_ps));
  PETSC_CHECK(TSSetMaxSteps(ts.object, 1000000));
  PETSC_CHECK(TSSetExactFinalTime(ts.object, TS_EXACTFINALTIME_MATCHSTEP));
  PETSC_CHECK(TSSetTimeStep(ts.object, first_step_ps));
  PETSC_CHECK(
      TSSetTolerances(ts.object, options.relative_tolerance * density, nullptr, options.relative_tolerance, nullptr));
  std::array<PetscInt, 2> directions{-1, -1};
  std::array<PetscBool, 2> terminate{PETSC_TRUE, PETSC_TRUE};
  PETSC_CHECK(TSSetEventHandler(ts.object, 2, directions.data(), terminate.data(), indicators, after_event, &context));
  std::array<PetscReal, 2> event_tolerances{event_tolerance * context.avalanche_density,
                                            event_tolerance * context.collapse_density};
  PETSC_CHECK(TSSetEventTolerances(ts.object, 0.0, event_tolerances.data()));
  if (context.trajectory) PETSC_CHECK(TSMonitorSet(ts.object, record, &context, nullptr));

  PETSC_CHECK(PetscPushErrorHandler(PetscReturnErrorHandler, nullptr));
  const PetscErrorCode solved = TSSolve(ts.object, state.object);
  PETSC_CHECK(PetscPopErrorHandler());
  if (context.error) std::rethrow_exception(context.error);
  PETSC_CHECK(solved);
  LegEnd end{};
  PETSC_CHECK(TSGetConvergedReason(ts.object, &end.reason));
  PETSC_CHECK(TSGetTime(ts.object, &end.time_ps));
  PetscInt steps = 0;
  PETSC_CHECK(TSGetStepNumber(ts.object, &steps));
  end.steps = steps;
  end.density = first_entry(state.object);
  return end;
}

}  // namespace

TrappedLifetime trapped_lifetime(const QuasiparticleRate& rate, const KineticsConditions& relaxed, double edge_meV,
                                 double initial_density, const LifetimeOptions& options) {
  const auto start = density_rate(rate, relaxed, initial_density);
  TrappedLifetime result{.initial_density = initial_density,
                         .initial_state = start.state,
                         .initial_rate_per_ps = start.rate_per_ps,
                         .lifetime_ps = 2.0 * start.state.gap_meV <= edge_meV ? 0.0 : infinity,
                         .collapse_time_ps = std::nullopt,
                         .steps = 0,
                         .trajectory = {}};
  const auto followed = [&](double collapse_time_ps) {
    if (options.until_collapse) result.collapse_time_ps = collapse_time_ps;
  };
  if (start.state.gap_meV == 0.0) {
    followed(0.0);
    return result;
  }
  // λ(0) ≤ 0: recombination (or balance) only, n falls and the gap grows.
  if (!(start.rate_per_ps > 0.0)) {
    followed(infinity);
    return result;
  }

  const auto density_at = [&](double gap_meV) {
    const auto found = density_at_gap(relaxed, gap_meV);
    if (!found) {
      throw NumericalError("quasi-particle kinetics: no density gives the gap " + std::to_string(gap_meV) + " meV");
    }
    return *found;
  };
  Context context{.rate = rate,
                  .conditions = relaxed,
                  .edge_meV = edge_meV,
                  .avalanche_density = result.lifetime_ps == 0.0 ? 0.0 : density_at(0.5 * edge_meV),
                  .collapse_density = density_at(collapse_fraction * start.state.gap_meV),
                  .lifetime_ps = result.lifetime_ps,
                  .collapse_time_ps = infinity,
                  .max_density = 4.0 * relaxed.band.dos_per_meV * relaxed.band.cutoff_meV,
                  .trajectory = options.record_trajectory ? &result.trajectory : nullptr,
                  .hint = start.state};

  double time = 0.0;
  double density = initial_density;
  // The first leg's first step is a 1e-2 fraction of the time to n_av at the
  // initial rate (a 1e-4 fraction of n's growth time when the gap starts below
  // Ω_max/2); the controller adapts it from there.
  double first_step = result.lifetime_ps == infinity
                          ? 1e-2 * (context.avalanche_density - initial_density) / start.rate_per_ps
                          : 1e-4 * initial_density / start.rate_per_ps;
  // The events are located in n; the gap there must be the one they stand for
  // (a jump of the state would break the correspondence).
  const auto confirm = [&](double at_density, double expected_gap_meV, const char* event) {
    const double found =
        state_from_density(relaxed.band, relaxed.pairing_meV, relaxed.kT_meV, at_density, context.hint).gap_meV;
    if (!(std::abs(found - expected_gap_meV) <= 1e-3 * expected_gap_meV)) {
      throw NumericalError(std::string("quasi-particle kinetics: at the located ") + event +
                           " n = " + std::to_string(at_density) + " the gap is " + std::to_string(found) +
                           " meV, not " + std::to_string(expected_gap_meV) + " meV");
    }
  };
  while (options.until_collapse || result.lifetime_ps == infinity) {
    const bool avalanche_pending = result.lifetime_ps == infinity;
    const auto leg = integrate_leg(context, options, time, density, first_step);
    result.steps += leg.steps;
    time = leg.time_ps;
    density = leg.density;
    result.lifetime_ps = context.lifetime_ps;
    if (avalanche_pending && result.lifetime_ps < infinity)
      confirm(density, 0.5 * edge_meV, "avalanche 2 Delta = Omega_max");
    if (context.collapse_time_ps < infinity) {
      confirm(density, collapse_fraction * start.state.gap_meV, "collapse Delta = 0.01 Delta(0)");
      break;
    }
    if (leg.reason == TS_CONVERGED_TIME) break;
    if (leg.reason != TS_CONVERGED_EVENT) {
      throw NumericalError("quasi-particle kinetics: the time integration stopped (PETSc TS reason " +
                           std::to_string(static_cast<int>(leg.reason)) + ") at t = " + std::to_string(time) +
                           " ps, before t_max = " + std::to_string(options.t_max_ps) +
                           " ps, from n(0) = " + std::to_string(initial_density));
    }
    // The avalanche: dn/dt turns on like √(n − n_av), so the next leg starts
    // with a 1e-4 fraction of n's growth time at the rate there.
    const double rate_there = density_rate(rate, relaxed, density, context.hint).rate_per_ps;
    if (!(rate_there > 0.0)) {
      throw NumericalError("quasi-particle kinetics: no net generation after the avalanche at n = " +
                           std::to_string(density));
    }
    first_step = 1e-4 * density / rate_there;
  }
  if (context.collapse_time_ps < infinity && result.lifetime_ps == infinity) {
    throw NumericalError("quasi-particle kinetics: the gap collapsed without 2 Delta = Omega_max being detected");
  }
  followed(context.collapse_time_ps);
  return result;
}

}  // namespace metasc::kinetics
