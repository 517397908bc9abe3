#pragma once
/// Fixed-bin histogram on [low, high) with under- and overflow counts.
/// Counts are integers, so merging across blocks and ranks is exact.
#include <cstdint>
#include <span>
#include <vector>

namespace metasc::stats {

class Histogram {
 public:
  /// `bins` equal bins on [low, high); throws ConfigError unless low < high (finite) and bins ≥ 1.
  Histogram(double low, double high, std::size_t bins);

  /// Counts x in its bin; x < low (or −inf) is underflow, x ≥ high (or +inf) overflow.
  /// Throws NumericalError for NaN.
  void add(double x);
  /// Adds the counts of a histogram with identical binning (else throws NumericalError).
  void merge(const Histogram& other);

  std::size_t bins() const { return tallies_.size() - 2; }
  double low() const { return low_; }
  double high() const { return high_; }
  /// Left edge of bin i (i = bins() gives high()).
  double edge(std::size_t i) const;
  std::span<const std::uint64_t> counts() const { return std::span(tallies_).subspan(1, bins()); }
  std::uint64_t underflow() const { return tallies_.front(); }
  std::uint64_t overflow() const { return tallies_.back(); }
  /// underflow, the bins in order, overflow: contiguous, for an element-wise sum over ranks.
  std::span<std::uint64_t> tallies() { return tallies_; }
  std::span<const std::uint64_t> tallies() const { return tallies_; }

 private:
  double low_;
  double high_;
  std::vector<std::uint64_t> tallies_;
};

}  // namespace metasc::stats
