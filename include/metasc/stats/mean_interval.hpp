#pragma once
/// The mean of independent, normally distributed measurements with its
/// Student-t confidence interval, x̄ ± t_{n−1}(1 − α/2) s/√n (s the sample
/// standard deviation): exact for normal data, the usual interval of a mean of
/// a few replicas (e.g. one front speed per independent lattice).
#include <span>

namespace metasc::stats {

struct MeanEstimate {
  double mean;
  double low;
  double high;
};

/// Summed in input order (the same bits for the same values in the same order).
/// Throws NumericalError for fewer than 2 values or a non-finite one.
MeanEstimate mean_with_interval(std::span<const double> values, double confidence = 0.95);

}  // namespace metasc::stats
