// philox_blocks (eight blocks per vector where the CPU has AVX-512) against
// Random123's own r123::Philox4x32 at every counter, including group counts
// that leave a single-vector remainder and a run that ends exactly where the
// first counter word would wrap.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "metasc/stochastic/philox_blocks.hpp"

using namespace metasc::stochastic;

TEST_CASE("philox_blocks gives Random123's Philox4x32-10 at every counter", "[rng]") {
  const PhiloxKey key{{0x9E3779B9u, 0x01234567u}};
  const std::uint32_t c1 = 42, c2 = 0xFFFF0005u, c3 = 0x12300000u;
  const std::uint32_t firsts[] = {0, 7, 0xFFFFFFFFu - 47};
  for (const std::uint32_t first : firsts) {
    for (std::size_t groups = 0; groups <= 6; ++groups) {
      INFO("first " << first << ", groups " << groups);
      std::vector<std::uint32_t> words(group_words * groups + 1, 99);
      philox_blocks(words.data(), groups, first, c1, c2, c3, key);
      bool same = true;
      for (std::size_t b = 0; b < group_blocks * groups; ++b) {
        const auto r = r123::Philox4x32{}({{first + static_cast<std::uint32_t>(b), c1, c2, c3}}, key);
        // Word k of block 8m + j at 32m + 8k + j.
        const std::size_t m = b / group_blocks, j = b % group_blocks;
        for (std::size_t k = 0; k < 4; ++k) same = same && words[group_words * m + group_blocks * k + j] == r[k];
      }
      CHECK(same);
      CHECK(words[group_words * groups] == 99);  // nothing written past the last group
    }
  }
}

TEST_CASE("Philox4x32-10 known-answer vectors of Random123's kat_vectors", "[rng]") {
  // From Random123's kat_vectors file (philox4x32 10 rounds), independent of metasc.
  const auto zero = philox_words({{0, 0, 0, 0}}, {{0, 0}});
  CHECK(zero[0] == (0x6627e8d5u | (std::uint64_t{0xe169c58du} << 32)));
  CHECK(zero[1] == (0xbc57ac4cu | (std::uint64_t{0x9b00dbd8u} << 32)));
  const auto ones = philox_words({{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}}, {{0xffffffffu, 0xffffffffu}});
  CHECK(ones[0] == (0x408f276du | (std::uint64_t{0x41c83b0eu} << 32)));
  CHECK(ones[1] == (0xa20bc7c6u | (std::uint64_t{0x6d5451fdu} << 32)));
  const auto pi = philox_words({{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}}, {{0xa4093822u, 0x299f31d0u}});
  CHECK(pi[0] == (0xd16cfe09u | (std::uint64_t{0x94fdccebu} << 32)));
  CHECK(pi[1] == (0x5001e420u | (std::uint64_t{0x24126ea1u} << 32)));
}
