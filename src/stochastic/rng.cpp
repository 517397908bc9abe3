#include "metasc/stochastic/rng.hpp"

#include <algorithm>

namespace metasc::stochastic {

double NormalStream::off_core(std::uint64_t word, std::uint64_t trajectory, std::uint64_t step,
                              std::uint64_t draw) const {
  const std::uint64_t group = trajectory / lanes;
  const std::uint64_t lane = trajectory % lanes;
  std::uint64_t block_index = 0;  // j ≥ 1: the extra block in use, at counter word 4j + lane
  std::array<std::uint64_t, lanes> extra{};
  std::uint64_t used = lanes;     // words of `extra` already consumed
  return ziggurat::resolve(*tables_, word, [&] {
    if (used == lanes) {
      ++block_index;
      extra = words(group, step, draw, lanes * block_index + lane);
      used = 0;
    }
    return extra[used++];
  });
}

void NormalStream::fill(double* out, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step,
                        std::uint64_t draw) const {
  const ziggurat::Tables& tables = *tables_;
  // The deviate of trajectory `first_trajectory + i` from its word (the same
  // steps as normal(), so the bits agree).
  const auto deviate = [&](std::uint64_t word, std::size_t i) {
    double x;
    if (!ziggurat::core_deviate(tables, word, x)) [[unlikely]] {
      x = off_core(word, first_trajectory + i, step, draw);
    }
    out[i] = x;
  };
  // The lanes [lane, lane_end) of the block of trajectory first_trajectory + i.
  const auto partial = [&](std::size_t i, std::uint64_t lane_end) {
    const std::uint64_t trajectory = first_trajectory + i;
    const auto block = words(trajectory / lanes, step, draw, 0);
    for (std::uint64_t lane = trajectory % lanes; lane < lane_end; ++lane, ++i) deviate(block[lane], i);
    return i;
  };
  std::size_t i = 0;
  // Head: first_trajectory may fall inside a block.
  if (n > 0 && first_trajectory % lanes != 0) {
    i = partial(0, std::min<std::uint64_t>(lanes, first_trajectory % lanes + n));
  }
  // Whole blocks: four deviates per Philox block, the hot loop of the integrators.
  for (; n - i >= lanes; i += lanes) {
    const auto block = words((first_trajectory + i) / lanes, step, draw, 0);
    for (std::size_t lane = 0; lane < lanes; ++lane) deviate(block[lane], i + lane);
  }
  // Tail: the first lanes of one more block.
  if (i < n) partial(i, n - i);
}

}  // namespace metasc::stochastic
