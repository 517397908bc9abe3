#pragma once
/// Binomial proportion with the Wilson score interval (PHYSICS.md §7: the
/// trapping probability). Pure and deterministic.
#include <cstdint>

namespace metasc::stats {

/// A proportion p̂ = successes/trials and its confidence interval [low, high] ⊂ [0, 1].
struct ProportionEstimate {
  double estimate;
  double low;
  double high;
};

/// Wilson score interval: the p with |p̂ − p| ≤ z sqrt(p(1−p)/n), z the two-sided
/// standard-normal quantile of `confidence` (0 < confidence < 1). low = 0 exactly
/// when successes = 0 and high = 1 exactly when successes = trials.
/// Throws NumericalError when trials = 0 (no proportion exists) or successes > trials.
ProportionEstimate wilson_interval(std::uint64_t successes, std::uint64_t trials, double confidence = 0.95);

}  // namespace metasc::stats
