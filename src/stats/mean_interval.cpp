#include "metasc/stats/mean_interval.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <string>

#include "confidence.hpp"
#include "metasc/error.hpp"

namespace metasc::stats {

MeanEstimate mean_with_interval(std::span<const double> values, double confidence) {
  const double alpha = tail_probability(confidence);
  if (values.size() < 2) {
    throw NumericalError("mean_with_interval: an interval needs at least 2 values (got " +
                         std::to_string(values.size()) + ")");
  }
  double sum = 0.0;
  for (const double x : values) {
    if (!std::isfinite(x)) throw NumericalError("mean_with_interval: a value is not finite");
    sum += x;
  }
  const double n = static_cast<double>(values.size());
  const double mean = sum / n;
  double squares = 0.0;
  for (const double x : values) squares += (x - mean) * (x - mean);
  const double standard_error = std::sqrt(squares / (n - 1.0) / n);
  const double t = boost::math::quantile(boost::math::complement(boost::math::students_t_distribution<double>(n - 1.0),
                                                                 0.5 * alpha));
  return {mean, mean - t * standard_error, mean + t * standard_error};
}

}  // namespace metasc::stats
