#include "metasc/stats/running_moments.hpp"

#include "metasc/error.hpp"

namespace metasc::stats {

RunningMoments RunningMoments::of(const double* __restrict x, std::size_t n) {
  if (n == 0) return {};
  double sum = 0.0;
#pragma omp simd reduction(+ : sum)
  for (std::size_t i = 0; i < n; ++i) sum += x[i];
  const double mean = sum / static_cast<double>(n);
  double squares = 0.0;
#pragma omp simd reduction(+ : squares)
  for (std::size_t i = 0; i < n; ++i) squares += (x[i] - mean) * (x[i] - mean);
  return {n, mean, squares};
}

void RunningMoments::add(double x) {
  ++count;
  const double deviation = x - mean;
  mean += deviation / static_cast<double>(count);
  m2 += deviation * (x - mean);
}

void RunningMoments::merge(const RunningMoments& other) {
  if (other.count == 0) return;
  if (count == 0) {
    *this = other;
    return;
  }
  const double n_a = static_cast<double>(count);
  const double n_b = static_cast<double>(other.count);
  const double n = n_a + n_b;
  const double deviation = other.mean - mean;
  mean += deviation * (n_b / n);
  m2 += other.m2 + deviation * deviation * (n_a * n_b / n);
  count += other.count;
}

double RunningMoments::variance() const {
  if (count < 2) throw NumericalError("RunningMoments::variance: the unbiased variance needs at least 2 samples");
  return m2 / static_cast<double>(count - 1);
}

double RunningMoments::population_variance() const {
  if (count == 0) throw NumericalError("RunningMoments::population_variance: no samples");
  return m2 / static_cast<double>(count);
}

}  // namespace metasc::stats
