#pragma once
// Private helper of the interval estimators: one place that validates a confidence level.
#include <string>

#include "metasc/error.hpp"

namespace metasc::stats {

/// α = 1 − confidence, the probability outside a two-sided interval; 0 < confidence < 1.
inline double tail_probability(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw ConfigError("confidence level must lie in (0, 1) (got " + std::to_string(confidence) + ")");
  return 1.0 - confidence;
}

}  // namespace metasc::stats
