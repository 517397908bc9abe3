#include "metasc/stats/escape_summary.hpp"

#include <limits>

namespace metasc::stats {

namespace {
/// 1/k with 1/0 = +inf stated explicitly rather than left to the division.
double inverse_rate(double rate_per_ps) {
  return rate_per_ps > 0.0 ? 1.0 / rate_per_ps : std::numeric_limits<double>::infinity();
}
}  // namespace

EscapeSummary summarize_escapes(std::span<const CensoredTime> observations, double transient_ps, double confidence) {
  EscapeSummary summary;
  summary.exposure = exposure(observations, transient_ps);
  summary.rate = censored_rate(summary.exposure, confidence);
  summary.mean_ps = inverse_rate(summary.rate.rate_per_ps);
  summary.mean_low_ps = inverse_rate(summary.rate.high_per_ps);
  summary.mean_high_ps = inverse_rate(summary.rate.low_per_ps);
  summary.survival = kaplan_meier(observations);
  summary.median_ps = median_time(summary.survival);
  summary.restricted_mean_ps = restricted_mean_time(summary.survival);
  return summary;
}

}  // namespace metasc::stats
