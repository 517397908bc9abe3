#pragma once
/// Right-censored escape times: the common input of the censored-rate and
/// Kaplan–Meier estimators (PHYSICS.md §7). Times in ps.
#include <span>
#include <vector>

namespace metasc::stats {

/// One trajectory's observation, on the clock that starts when it becomes at
/// risk: it escaped at `time_ps`, or (escaped = false) was still trapped then.
struct CensoredTime {
  double time_ps;
  bool escaped;
};

/// The observation of a trajectory that is at risk from `start_ps` and watched
/// until `end_ps`: a first passage `first_passage_ps` ≤ end_ps is an escape at
/// first_passage_ps − start_ps; +inf (or a passage after end_ps) is censored at
/// end_ps − start_ps. All times on the simulation clock [ps].
/// Throws NumericalError for a NaN passage, end_ps < start_ps, or a passage before start_ps.
CensoredTime censored_time(double first_passage_ps, double start_ps, double end_ps);

/// censored_time() for each entry, in input order, with a common start and end;
/// NaN entries (trajectories never trapped, hence never at risk) are skipped.
std::vector<CensoredTime> censored_times(std::span<const double> first_passage_ps, double start_ps, double end_ps);

}  // namespace metasc::stats
