#include "metasc/stats/median_interval.hpp"

#include <limits>

namespace metasc::stats {

MedianEstimate median_with_interval(const SurvivalCurve& curve, double z) {
  constexpr double infinity = std::numeric_limits<double>::infinity();
  MedianEstimate estimate{median_time(curve), infinity, infinity};
  // Ŝ and se change only at event times; before the first Ŝ = 1, se = 0.
  for (std::size_t i = 0; i < curve.time_ps.size(); ++i) {
    const double band = z * curve.standard_error[i];
    if (estimate.low_ps == infinity && curve.survival[i] <= 0.5 + band) estimate.low_ps = curve.time_ps[i];
    if (curve.survival[i] < 0.5 - band) {
      estimate.high_ps = curve.time_ps[i];
      break;
    }
  }
  return estimate;
}

}  // namespace metasc::stats
