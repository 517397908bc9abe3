#pragma once
/// The Kaplan–Meier median with the Brookmeyer–Crowley (1982) confidence
/// interval: the times t at which H0: S(t) = 1/2 is not rejected by the
/// Greenwood-band test, |Ŝ(t) − 1/2| ≤ z·se(t). Times in ps.
#include "metasc/stats/kaplan_meier.hpp"

namespace metasc::stats {

struct MedianEstimate {
  double median_ps;   ///< median_time(curve); +inf when Ŝ stays above 1/2
  double low_ps;      ///< first time with Ŝ(t) ≤ 1/2 + z·se(t); +inf if none
  double high_ps;     ///< first time with Ŝ(t) < 1/2 − z·se(t); +inf if none (not bounded by the data)
};

/// z = 1.959964 gives the 95% interval.
MedianEstimate median_with_interval(const SurvivalCurve& curve, double z = 1.959963984540054);

}  // namespace metasc::stats
