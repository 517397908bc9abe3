#pragma once
/// Kaplan–Meier survival curve of right-censored escape times with Greenwood
/// standard errors (PHYSICS.md §7). Times in ps on the at-risk clock.
#include <cstdint>
#include <span>
#include <vector>

#include "metasc/stats/censored_times.hpp"

namespace metasc::stats {

/// Ŝ(t) as a right-continuous step function: Ŝ = 1 before time_ps[0] and
/// Ŝ = survival[i] on [time_ps[i], time_ps[i+1]). One entry per distinct escape time.
struct SurvivalCurve {
  std::vector<double> time_ps;              ///< distinct escape times, ascending
  std::vector<std::uint64_t> at_risk;       ///< n_i: trajectories not escaped or censored before time_ps[i]
  std::vector<std::uint64_t> escapes;       ///< d_i: escapes at time_ps[i]
  std::vector<double> survival;             ///< Ŝ(time_ps[i]) = Π_{j≤i} (n_j − d_j)/n_j
  std::vector<double> standard_error;       ///< Greenwood: Ŝ sqrt(Σ_{j≤i} d_j/(n_j(n_j − d_j))); 0 where Ŝ = 0
  double follow_up_ps = 0.0;                ///< largest observed time (escape or censoring): Ŝ is known up to here
};

/// The Kaplan–Meier estimate. At equal times escapes precede censorings (a
/// trajectory censored at t was at risk at t). The input order does not matter.
SurvivalCurve kaplan_meier(std::span<const CensoredTime> observations);

/// Ŝ(t); t may exceed follow_up_ps only in the sense that the last value persists.
double survival_at(const SurvivalCurve& curve, double t_ps);

/// Median survival time: the smallest escape time with Ŝ ≤ 1/2 (up to a relative
/// 1e-12 so that an exact half is not lost to rounding); +inf when Ŝ stays above 1/2.
double median_time(const SurvivalCurve& curve);

/// Restricted mean ∫_0^{follow_up} Ŝ(t) dt [ps]: the mean escape time truncated at the
/// end of follow-up; equals the mean when the last observation is an escape.
double restricted_mean_time(const SurvivalCurve& curve);

}  // namespace metasc::stats
