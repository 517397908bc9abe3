#include "metasc/stats/binomial.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <string>

#include "metasc/error.hpp"
#include "confidence.hpp"

namespace metasc::stats {

ProportionEstimate wilson_interval(std::uint64_t successes, std::uint64_t trials, double confidence) {
  if (trials == 0) throw NumericalError("wilson_interval: no trials, the proportion is undefined");
  if (successes > trials)
    throw NumericalError("wilson_interval: successes (" + std::to_string(successes) + ") exceed trials (" +
                         std::to_string(trials) + ")");
  const double alpha = tail_probability(confidence);
  const double z = boost::math::quantile(boost::math::normal_distribution<double>(), 1.0 - 0.5 * alpha);
  const double n = static_cast<double>(trials);
  const double s = static_cast<double>(successes);
  const double z2 = z * z;
  // Roots of (s/n − p)² = z² p(1−p)/n written without the p̂(1−p̂) cancellation:
  // p = (2s + z² ∓ z sqrt(z² + 4 s (n−s)/n)) / (2(n + z²)).
  const double spread = z * std::sqrt(z2 + 4.0 * s * (n - s) / n);
  const double denominator = 2.0 * (n + z2);
  const double low = successes == 0 ? 0.0 : std::max(0.0, (2.0 * s + z2 - spread) / denominator);
  const double high = successes == trials ? 1.0 : std::min(1.0, (2.0 * s + z2 + spread) / denominator);
  return {s / n, low, high};
}

}  // namespace metasc::stats
