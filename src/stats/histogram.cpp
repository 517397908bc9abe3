#include "metasc/stats/histogram.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "metasc/error.hpp"

namespace metasc::stats {

Histogram::Histogram(double low, double high, std::size_t bins) : low_(low), high_(high), tallies_(bins + 2, 0) {
  if (!(std::isfinite(low) && std::isfinite(high) && low < high))
    throw ConfigError("histogram range must be finite with low < high (got [" + std::to_string(low) + ", " +
                      std::to_string(high) + "))");
  if (bins == 0) throw ConfigError("histogram needs at least one bin");
}

double Histogram::edge(std::size_t i) const {
  if (i == bins()) return high_;
  return low_ + (high_ - low_) * (static_cast<double>(i) / static_cast<double>(bins()));
}

void Histogram::add(double x) {
  if (std::isnan(x)) throw NumericalError("Histogram::add: NaN sample");
  if (x < low_) {
    ++tallies_.front();
  } else if (x >= high_) {
    ++tallies_.back();
  } else {
    // Rounding can push a value just below high into index bins(): clamp it to the last bin.
    const auto index = static_cast<std::size_t>((x - low_) / (high_ - low_) * static_cast<double>(bins()));
    ++tallies_[1 + std::min(index, bins() - 1)];
  }
}

void Histogram::merge(const Histogram& other) {
  if (other.low_ != low_ || other.high_ != high_ || other.bins() != bins())
    throw NumericalError("Histogram::merge: binnings differ");
  std::transform(tallies_.begin(), tallies_.end(), other.tallies_.begin(), tallies_.begin(),
                 [](std::uint64_t a, std::uint64_t b) { return a + b; });
}

}  // namespace metasc::stats
