#pragma once
/// Everything PHYSICS.md §7 reports about escape times, with censoring stated
/// honestly: the rate, the mean from it, and the Kaplan–Meier median and
/// restricted mean. Times in ps, rates in 1/ps.
#include <span>

#include "metasc/stats/censored_rate.hpp"
#include "metasc/stats/censored_times.hpp"
#include "metasc/stats/kaplan_meier.hpp"

namespace metasc::stats {

struct EscapeSummary {
  EscapeExposure exposure;   ///< (d, T_risk) after the transient
  RateEstimate rate;         ///< censored MLE of the escape rate after the transient
  /// Mean lifetime after the transient under the exponential model, 1/k̂, with
  /// the interval [1/k_high, 1/k_low]; +inf where the rate (or its bound) is 0.
  double mean_ps;
  double mean_low_ps;
  double mean_high_ps;
  SurvivalCurve survival;    ///< Kaplan–Meier from the start of risk (transient included)
  double median_ps;          ///< Kaplan–Meier median; +inf when fewer than half escaped
  double restricted_mean_ps; ///< ∫_0^{follow_up} Ŝ dt: a lower bound on the mean when censored
};

/// The summary of one set of observations (gathered in global trajectory order),
/// the transient t₀ discarded for the rate only. Throws NumericalError when
/// nothing is at risk after t₀ (see censored_rate).
EscapeSummary summarize_escapes(std::span<const CensoredTime> observations, double transient_ps = 0.0,
                                double confidence = 0.95);

}  // namespace metasc::stats
