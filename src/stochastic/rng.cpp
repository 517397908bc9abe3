#include "metasc/stochastic/rng.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "metasc/error.hpp"
#include "metasc/stochastic/avx512_intrinsics.hpp"

namespace metasc::stochastic {

namespace {

constexpr std::uint64_t trajectory_limit = std::uint64_t{1} << 49;
constexpr std::uint64_t step_limit = std::uint64_t{1} << 48;
constexpr std::uint64_t draw_limit = std::uint64_t{1} << 8;
constexpr std::uint64_t extra_limit = std::uint64_t{1} << 20;

/// Trajectories per batch of fill(): its words live on the stack (2 KB).
/// A multiple of 64 (the miss flags are 64-bit words).
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

double NormalStream::off_core(std::uint32_t word, std::uint64_t trajectory, std::uint64_t step,
                              std::uint64_t draw) const {
  const std::uint64_t block = block_of(trajectory);
  std::uint64_t extra = word_of(trajectory);  // 4j + k for the extra block j ≥ 1 in use
  std::array<std::uint64_t, 2> words{};
  std::size_t used = words.size();
  return ziggurat::resolve(*tables_, word, [&] {
    if (used == words.size()) {
      extra += 4;
      if (extra >= extra_limit) throw NumericalError("random numbers: the ziggurat ran out of extra counters");
      words = philox_words(counter(block, step, draw, extra), key_);
      used = 0;
    }
    return words[used++];
  });
}

void NormalStream::deviates(double* __restrict out, const std::uint32_t* __restrict words, std::size_t n,
                            std::uint64_t first_trajectory, std::uint64_t step, std::uint64_t draw) const {
  // One bit per deviate, 1 where the word missed the core, a byte per eight:
  // the vector loop stores each byte once, where OR-ing into 64-bit words
  // chained the iterations through one word of memory (Zen 4: 4 % of the stream).
  std::array<std::uint8_t, batch / 8> missed{};
  std::size_t i = 0;
#if defined(__AVX512F__)
  // ziggurat::core_deviate for eight words at once. The eight layers' entries
  // (scale, limit) are eight 16-byte loads, paired up by two unpacks, rather
  // than two gathers; the word's sign bit, tested into a mask, sets the
  // double's by a masked xor (x ≥ 0, so xor is the scalar path's or). Each layer
  // index comes from a scalar load of its word, not out of the vector w:
  // extracting eight lanes takes the shuffle pipes that the inserts need
  // (Zen 4: deviates 20 % faster).
  const ziggurat::Tables::CoreEntry* core = tables_->core.data();
  const __m256i sign_mask = _mm256_set1_epi32(std::int32_t{1} << ziggurat::sign_bit);
  const __m512d negative_zero = _mm512_set1_pd(-0.0);
  for (; i + 8 <= n; i += 8) {
    const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(words + i));
    const __m256i u = _mm256_srli_epi32(w, 32 - ziggurat::core_uniform_bits);
    const auto entry = [&](int j) { return _mm_load_pd(&core[words[i + j] & (ziggurat::layers - 1)].scale); };
    // Entries of lanes 0, 2, 4, 6 and of lanes 1, 3, 5, 7: the unpacks then
    // give (scale, limit) of lanes 0 … 7 in order.
    const auto four = [&](int j) {
      __m512d v = _mm512_castpd128_pd512(entry(j));
      v = _mm512_insertf64x2(v, entry(j + 2), 1);
      v = _mm512_insertf64x2(v, entry(j + 4), 2);
      return _mm512_insertf64x2(v, entry(j + 6), 3);
    };
    const __m512d even = four(0), odd = four(1);
    const __m512d scale = _mm512_unpacklo_pd(even, odd);
    const __m512d limit = _mm512_unpackhi_pd(even, odd);
    const __m512d uniform_count = _mm512_cvtepi32_pd(u);
    const __m512d magnitude = _mm512_mul_pd(uniform_count, scale);
    const __mmask8 negative = _mm256_test_epi32_mask(w, sign_mask);
    _mm512_storeu_pd(out + i, _mm512_mask_xor_pd(magnitude, negative, magnitude, negative_zero));
    const __mmask8 miss = _mm512_cmp_pd_mask(uniform_count, limit, _CMP_NLT_UQ);
    missed[i / 8] = miss;
  }
#endif
  for (; i < n; ++i) {
    double x;
    if (!ziggurat::core_deviate(*tables_, words[i], x)) missed[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
    out[i] = x;
  }
  // ~0.23 % of the words miss: find them 64 flags at a time, then by bit.
  for (std::size_t chunk = 0; chunk * 64 < n; ++chunk) {
    std::uint64_t eight_bytes = 0;
    for (std::size_t b = 0; b < 8; ++b) eight_bytes |= std::uint64_t{missed[8 * chunk + b]} << (8 * b);
    for (std::uint64_t flags = eight_bytes; flags != 0; flags &= flags - 1) {
      const std::size_t j = 64 * chunk + static_cast<std::size_t>(std::countr_zero(flags));
      out[j] = off_core(words[j], first_trajectory + j, step, draw);
    }
  }
}

void NormalStream::fill(double* out, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step,
                        std::uint64_t draw) const {
  check_ranges(first_trajectory, n, step, draw);
  alignas(64) std::array<std::uint32_t, batch> words;
  for (std::size_t done = 0; done < n;) {
    const std::uint64_t first = first_trajectory + done;
    const std::size_t skip = first % group_trajectories;
    const std::size_t count = std::min(batch - skip, n - done);
    const std::uint64_t first_group = first / group_trajectories;
    const std::size_t groups = (skip + count + group_trajectories - 1) / group_trajectories;
    // Groups [first_group, first_group + groups), split where the counter's low word wraps.
    for (std::size_t m = 0; m < groups;) {
      const std::uint64_t block = group_blocks * (first_group + m);
      const std::uint64_t to_wrap = ((std::uint64_t{1} << 32) - block % (std::uint64_t{1} << 32)) / group_blocks;
      const std::size_t run = static_cast<std::size_t>(std::min<std::uint64_t>(groups - m, to_wrap));
      const PhiloxCounter c = counter(block, step, draw, 0);
      philox_blocks(words.data() + group_words * m, run, c[0], c[1], c[2], c[3], key_);
      m += run;
    }
    deviates(out + done, words.data() + skip, count, first, step, draw);
    done += count;
  }
}

}  // namespace metasc::stochastic
