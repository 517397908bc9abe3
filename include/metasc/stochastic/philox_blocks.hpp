#pragma once
/// Random123's Philox4x32-10 evaluated at many consecutive counters at once.
///
/// The integrators need one Philox block per four trajectories per step, so
/// the bijection itself is the largest cost of the noise. Philox4x32 is the
/// member of the family that maps onto SIMD lanes (its 32×32→64 multiplies
/// are one vpmuludq per eight lanes; Philox4x64's 64×64→128 ones have no
/// vector instruction). When the compiler targets AVX-512 (metasc's default
/// build uses -march=native), 32 blocks go through the ten rounds together,
/// then 8 at a time; otherwise r123::Philox4x32 itself runs. Both give the
/// same bits (tests/unit/test_philox_blocks.cpp compares every lane with
/// r123::Philox4x32).
#include <Random123/philox.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace metasc::stochastic {

using PhiloxKey = r123::Philox4x32::key_type;
using PhiloxCounter = r123::Philox4x32::ctr_type;

/// The block at one counter as two 64-bit words, r0 | r1·2³² and r2 | r3·2³².
inline std::array<std::uint64_t, 2> philox_words(const PhiloxCounter& counter, const PhiloxKey& key) {
  const auto r = r123::Philox4x32{}(counter, key);
  return {r[0] | (std::uint64_t{r[1]} << 32), r[2] | (std::uint64_t{r[3]} << 32)};
}

/// Blocks come in groups of eight consecutive counters, the unit of a vector.
inline constexpr std::size_t group_blocks = 8;
inline constexpr std::size_t group_words = 4 * group_blocks;

/// Philox4x32-10 at counters {first + b, c1, c2, c3} for b < 8·groups, each
/// group of eight blocks stored word by word: word k of block 8m + j at
/// words[32m + 8k + j] (the order in which the normal stream hands words to
/// trajectories, rng.hpp). The first counter word must not wrap:
/// first + 8·groups ≤ 2³².
void philox_blocks(std::uint32_t* words, std::size_t groups, std::uint32_t first, std::uint32_t c1, std::uint32_t c2,
                   std::uint32_t c3, const PhiloxKey& key);

}  // namespace metasc::stochastic
