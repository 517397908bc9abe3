#include "metasc/stochastic/philox_blocks.hpp"

#include "metasc/stochastic/avx512_intrinsics.hpp"

namespace metasc::stochastic {

namespace {

#if defined(__AVX512F__)

/// Blocks per vector: one per 64-bit lane, a group.
constexpr std::size_t lanes_per_vector = group_blocks;

/// Vectors groups of blocks at counters first + 0, 1, …: the rounds and key schedule
/// of r123::Philox4x32_R<10> (philox.h), lane-parallel. Each 32-bit word of a
/// block sits in the low half of a 64-bit lane, so one vpmuludq gives the full
/// 32×32→64 product (lo in the low half, hi moved down by a dword swap); the
/// high halves carry junk that vpmuludq never reads and the output drops.
/// Several independent vectors are interleaved because one round's chain
/// (multiply, swap, xor) is longer than its work for a single vector.
template <std::size_t Vectors>
void philox_vectors(std::uint32_t* words, std::uint32_t first, std::uint32_t c1, std::uint32_t c2, std::uint32_t c3,
                    const PhiloxKey& key) {
  const __m512i multiplier0 = _mm512_set1_epi64(PHILOX_M4x32_0);
  const __m512i multiplier1 = _mm512_set1_epi64(PHILOX_M4x32_1);
  const __m512i first_lanes = _mm512_add_epi64(_mm512_set1_epi64(first), _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7));
  // Only counter word 0 differs between lanes, so round 1's second product,
  // the words 0 and 1 it makes, and round 2's first product are the same in
  // every lane: computed once here, they save two of the twenty multiplies.
  const std::uint64_t round1_product1 = std::uint64_t{c2} * PHILOX_M4x32_1;
  const auto round1_x0 = static_cast<std::uint32_t>(round1_product1 >> 32) ^ c1 ^ key[0];
  const auto round1_x1 = static_cast<std::uint32_t>(round1_product1);
  const std::uint64_t round2_product0 = std::uint64_t{round1_x0} * PHILOX_M4x32_0;
  const __m512i round1_x3_k1 = _mm512_set1_epi64(c3 ^ key[1]);
  const __m512i round2_x1_k0 = _mm512_set1_epi64(round1_x1 ^ static_cast<std::uint32_t>(key[0] + PHILOX_W32_0));
  const __m512i round2_hi0_k1 =
      _mm512_set1_epi64(static_cast<std::uint32_t>(round2_product0 >> 32) ^ static_cast<std::uint32_t>(key[1] + PHILOX_W32_1));
  const __m512i round2_x3 = _mm512_set1_epi64(static_cast<std::uint32_t>(round2_product0));
  __m512i x0[Vectors], x1[Vectors], x2[Vectors], x3[Vectors];
  for (std::size_t v = 0; v < Vectors; ++v) {
    // Only the low 32 bits are read, so the 64-bit add wraps the counter as Philox4x32 does.
    const __m512i counter0 = _mm512_add_epi64(first_lanes, _mm512_set1_epi64(static_cast<long long>(lanes_per_vector * v)));
    const __m512i round1_product0 = _mm512_mul_epu32(counter0, multiplier0);
    const __m512i round1_x2 = _mm512_xor_si512(_mm512_shuffle_epi32(round1_product0, _MM_PERM_CDAB), round1_x3_k1);
    const __m512i round2_product1 = _mm512_mul_epu32(round1_x2, multiplier1);
    x0[v] = _mm512_xor_si512(_mm512_shuffle_epi32(round2_product1, _MM_PERM_CDAB), round2_x1_k0);
    x1[v] = round2_product1;
    x2[v] = _mm512_xor_si512(round1_product0, round2_hi0_k1);
    x3[v] = round2_x3;
  }
  __m512i k0 = _mm512_set1_epi64(static_cast<std::uint32_t>(key[0] + 2 * PHILOX_W32_0)),
          k1 = _mm512_set1_epi64(static_cast<std::uint32_t>(key[1] + 2 * PHILOX_W32_1));
  const __m512i bump0 = _mm512_set1_epi64(PHILOX_W32_0), bump1 = _mm512_set1_epi64(PHILOX_W32_1);
  constexpr int xor3 = 0x96;  // vpternlog truth table of a ^ b ^ c
  for (int round = 2; round < 10; ++round) {
    for (std::size_t v = 0; v < Vectors; ++v) {
      const __m512i product0 = _mm512_mul_epu32(x0[v], multiplier0);
      const __m512i product1 = _mm512_mul_epu32(x2[v], multiplier1);
      x0[v] = _mm512_ternarylogic_epi64(_mm512_shuffle_epi32(product1, _MM_PERM_CDAB), x1[v], k0, xor3);
      x2[v] = _mm512_ternarylogic_epi64(_mm512_shuffle_epi32(product0, _MM_PERM_CDAB), x3[v], k1, xor3);
      x1[v] = product1;
      x3[v] = product0;
    }
    k0 = _mm512_add_epi32(k0, bump0);
    k1 = _mm512_add_epi32(k1, bump1);
  }
  // Word k of the eight blocks as one run of eight (the low halves of the lanes).
  for (std::size_t v = 0; v < Vectors; ++v) {
    std::uint32_t* out = words + 4 * lanes_per_vector * v;
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), _mm512_cvtepi64_epi32(x0[v]));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + lanes_per_vector), _mm512_cvtepi64_epi32(x1[v]));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 2 * lanes_per_vector), _mm512_cvtepi64_epi32(x2[v]));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 3 * lanes_per_vector), _mm512_cvtepi64_epi32(x3[v]));
  }
}

#endif

}  // namespace

void philox_blocks(std::uint32_t* words, std::size_t groups, std::uint32_t first, std::uint32_t c1,
                   std::uint32_t c2, std::uint32_t c3, const PhiloxKey& key) {
  std::size_t g = 0;
#if defined(__AVX512F__)
  // Four vectors (four groups, 32 blocks) fill the registers; one vector for the rest.
  for (; groups - g >= 4; g += 4) {
    philox_vectors<4>(words + group_words * g, first + static_cast<std::uint32_t>(group_blocks * g), c1, c2, c3, key);
  }
  for (; g < groups; ++g) {
    philox_vectors<1>(words + group_words * g, first + static_cast<std::uint32_t>(group_blocks * g), c1, c2, c3, key);
  }
#endif
  for (; g < groups; ++g) {
    for (std::size_t j = 0; j < group_blocks; ++j) {
      const auto r = r123::Philox4x32{}({{first + static_cast<std::uint32_t>(group_blocks * g + j), c1, c2, c3}}, key);
      for (std::size_t k = 0; k < 4; ++k) words[group_words * g + group_blocks * k + j] = r[k];
    }
  }
}

}  // namespace metasc::stochastic
