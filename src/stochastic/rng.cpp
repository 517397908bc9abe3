#include "metasc/stochastic/rng.hpp"

namespace metasc::stochastic {

void NormalStream::fill(double* out, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step,
                        std::uint64_t draw) const {
  std::size_t i = 0;
  std::uint64_t trajectory = first_trajectory;
  while (i < n) {
    // A block may start mid-group (first_trajectory not a multiple of 4): take the lanes it owns.
    const auto values = block(trajectory / lanes, step, draw);
    for (std::uint64_t lane = trajectory % lanes; lane < lanes && i < n; ++lane, ++i, ++trajectory) {
      out[i] = values[lane];
    }
  }
}

}  // namespace metasc::stochastic
