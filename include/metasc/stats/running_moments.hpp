#pragma once
/// Running mean and variance: Welford's one-pass update and the exact pairwise
/// merge of Chan, Golub & LeVeque. One accumulator per output-grid time point
/// over a block of trajectories; blocks and ranks merge in a fixed order, so
/// the same samples in the same order give bitwise the same result.
#include <cstddef>
#include <cstdint>

namespace metasc::stats {

/// count, mean and M2 = Σ (x − mean)²; plain data so that a reduction can ship it.
struct RunningMoments {
  std::uint64_t count = 0;
  double mean = 0.0;
  double m2 = 0.0;

  /// The moments of x[0 … n) in two vectorised passes (the sum, then the
  /// squared deviations from the mean): an observer of a whole block costs a
  /// few flops per sample, where add() divides per sample. The same x in the
  /// same order give the same bits.
  static RunningMoments of(const double* x, std::size_t n);
  /// Welford: adds one sample.
  void add(double x);
  /// Chan et al.: afterwards *this holds the moments of both sample sets.
  void merge(const RunningMoments& other);
  /// M2/(count − 1); throws NumericalError when count < 2.
  double variance() const;
  /// M2/count; throws NumericalError when count = 0.
  double population_variance() const;
};

}  // namespace metasc::stats
