#include "metasc/stochastic/rng.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "metasc/error.hpp"

namespace metasc::stochastic {

namespace {

constexpr std::uint64_t trajectory_limit = std::uint64_t{1} << 49;
constexpr std::uint64_t step_limit = std::uint64_t{1} << 48;
constexpr std::uint64_t draw_limit = std::uint64_t{1} << 8;
constexpr std::uint64_t extra_limit = std::uint64_t{1} << 20;

/// Trajectories per batch of fill(): its words live on the stack (4 KB).
constexpr std::size_t batch = 512;


}  // namespace

void NormalStream::check_ranges(std::uint64_t first_trajectory, std::size_t n, std::uint64_t step,
                                std::uint64_t draw) {
  if (first_trajectory >= trajectory_limit || n > trajectory_limit - first_trajectory || step >= step_limit ||
      draw >= draw_limit) {
    throw NumericalError("random numbers: trajectory " + std::to_string(first_trajectory + n) + ", step " +
                         std::to_string(step) + " or draw " + std::to_string(draw) +
                         " is beyond the counter ranges (2^49, 2^48, 2^8)");
  }
}

double NormalStream::off_core(std::uint64_t word, std::uint64_t trajectory, std::uint64_t step,
                              std::uint64_t draw) const {
  const std::uint64_t group = trajectory / lanes;
  const std::uint64_t lane = trajectory % lanes;
  std::uint64_t extra = lane;  // 2j + lane for the extra block j ≥ 1 in use
  std::array<std::uint64_t, 2> words{};
  std::size_t used = words.size();
  return ziggurat::resolve(*tables_, word, [&] {
    if (used == words.size()) {
      extra += lanes;
      if (extra >= extra_limit) throw NumericalError("random numbers: the ziggurat ran out of extra counters");
      words = philox_words(counter(group, step, draw, extra), key_);
      used = 0;
    }
    return words[used++];
  });
}

void NormalStream::deviates(double* __restrict out, const std::uint64_t* __restrict words, std::size_t n,
                            std::uint64_t first_trajectory, std::uint64_t step, std::uint64_t draw) const {
  const std::uint64_t* __restrict limit = tables_->core_limit.data();
  const double* __restrict scale = tables_->core_scale.data();
  constexpr std::uint64_t entry_mask = 2 * ziggurat::layers - 1;
  // One byte per deviate, 1 where the word missed the core; padded to whole
  // 8-byte words so that the search below reads them eight at a time.
  alignas(8) std::array<std::uint8_t, batch> missed;
  // ziggurat::core_deviate, spelled out so that the loop vectorises.
#pragma omp simd
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t entry = words[i] & entry_mask;
    const std::uint64_t u = words[i] >> (64 - ziggurat::uniform_bits);
    out[i] = static_cast<double>(static_cast<std::int64_t>(u)) * scale[entry];
    missed[i] = static_cast<std::uint8_t>(u >= limit[entry]);
  }
  const std::size_t padded = (n + 7) / 8 * 8;
  std::fill(missed.begin() + static_cast<std::ptrdiff_t>(n), missed.begin() + static_cast<std::ptrdiff_t>(padded),
            std::uint8_t{0});
  // ~0.4 % of the words miss: find them eight flags at a time, then by bit.
  for (std::size_t group = 0; group < padded; group += 8) {
    std::uint64_t flags;
    std::memcpy(&flags, missed.data() + group, sizeof flags);
    while (flags != 0) [[unlikely]] {
      const std::size_t i = group + static_cast<std::size_t>(std::countr_zero(flags)) / 8;
      out[i] = off_core(words[i], first_trajectory + i, step, draw);
      flags &= flags - 1;
    }
  }
}

void NormalStream::fill(double* out, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step,
                        std::uint64_t draw) const {
  check_ranges(first_trajectory, n, step, draw);
  alignas(64) std::array<std::uint64_t, batch + lanes> words;  // + lanes: a batch may start mid-block
  for (std::size_t done = 0; done < n;) {
    const std::uint64_t first = first_trajectory + done;
    const std::size_t count = std::min(batch, n - done);
    const std::size_t skip = first % lanes;
    // Blocks [group, group + blocks), split where the counter's low word wraps.
    const std::uint64_t group = first / lanes;
    const std::size_t blocks = (skip + count + lanes - 1) / lanes;
    for (std::size_t b = 0; b < blocks;) {
      const std::uint64_t to_wrap = (std::uint64_t{1} << 32) - (group + b) % (std::uint64_t{1} << 32);
      const std::size_t run = static_cast<std::size_t>(std::min<std::uint64_t>(blocks - b, to_wrap));
      const PhiloxCounter c = counter(group + b, step, draw, 0);
      philox_blocks(words.data() + lanes * b, run, c[0], c[1], c[2], c[3], key_);
      b += run;
    }
    deviates(out + done, words.data() + skip, count, first, step, draw);
    done += count;
  }
}

}  // namespace metasc::stochastic
