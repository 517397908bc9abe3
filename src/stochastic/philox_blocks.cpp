#include "metasc/stochastic/philox_blocks.hpp"

#if defined(__AVX512F__)
#include <immintrin.h>
// GCC 12's AVX-512 intrinsics start from a deliberately undefined register
// (`__m512i __Y = __Y;` in _mm512_undefined_epi32) and warn about it at every
// use (as "may be used" where inlining differs): GCC bug 105593, fixed in GCC 13.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace metasc::stochastic {

namespace {

#if defined(__AVX512F__)

constexpr std::size_t simd_blocks = 16;

/// hi·2³² + lo = a·m in every 32-bit lane: vpmuludq multiplies the even lanes,
/// so the odd ones are shifted down for a second multiply and the halves blended.
inline void multiply_wide(__m512i a, __m512i m, __m512i& hi, __m512i& lo) {
  const __m512i even = _mm512_mul_epu32(a, m);
  const __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(a, 32), m);
  constexpr __mmask16 odd_lanes = 0xAAAA;
  hi = _mm512_mask_blend_epi32(odd_lanes, _mm512_srli_epi64(even, 32), odd);
  lo = _mm512_mask_blend_epi32(odd_lanes, even, _mm512_slli_epi64(odd, 32));
}

/// Sixteen blocks at counters first + 0 … 15: the rounds and key schedule of
/// r123::Philox4x32_R<10> (philox.h), lane-parallel.
void sixteen_blocks(std::uint64_t* words, std::uint32_t first, std::uint32_t c1, std::uint32_t c2, std::uint32_t c3,
                    const PhiloxKey& key) {
  const __m512i multiplier0 = _mm512_set1_epi32(static_cast<int>(PHILOX_M4x32_0));
  const __m512i multiplier1 = _mm512_set1_epi32(static_cast<int>(PHILOX_M4x32_1));
  __m512i x0 = _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(first)),
                                _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  __m512i x1 = _mm512_set1_epi32(static_cast<int>(c1));
  __m512i x2 = _mm512_set1_epi32(static_cast<int>(c2));
  __m512i x3 = _mm512_set1_epi32(static_cast<int>(c3));
  std::uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < 10; ++round) {
    __m512i hi0, lo0, hi1, lo1;
    multiply_wide(x0, multiplier0, hi0, lo0);
    multiply_wide(x2, multiplier1, hi1, lo1);
    x0 = _mm512_xor_si512(_mm512_xor_si512(hi1, x1), _mm512_set1_epi32(static_cast<int>(k0)));
    x1 = lo1;
    x2 = _mm512_xor_si512(_mm512_xor_si512(hi0, x3), _mm512_set1_epi32(static_cast<int>(k1)));
    x3 = lo0;
    k0 += PHILOX_W32_0;
    k1 += PHILOX_W32_1;
  }
  // Transpose to block order, words[2b] = (x0, x1)[b], words[2b + 1] = (x2, x3)[b].
  // The unpacks work inside each 128-bit lane j (blocks 4j … 4j + 3): after
  // them q_k holds block 4j + k, both words, in lane j. The 128-bit shuffles
  // then transpose the 4×4 lanes, so that output register r holds blocks 4r … 4r + 3.
  const __m512i lo01 = _mm512_unpacklo_epi32(x0, x1), hi01 = _mm512_unpackhi_epi32(x0, x1);
  const __m512i lo23 = _mm512_unpacklo_epi32(x2, x3), hi23 = _mm512_unpackhi_epi32(x2, x3);
  const __m512i q0 = _mm512_unpacklo_epi64(lo01, lo23), q1 = _mm512_unpackhi_epi64(lo01, lo23);
  const __m512i q2 = _mm512_unpacklo_epi64(hi01, hi23), q3 = _mm512_unpackhi_epi64(hi01, hi23);
  // 4×4 transpose of 128-bit lanes: output register j holds blocks 4j … 4j + 3.
  const __m512i t0 = _mm512_shuffle_i64x2(q0, q1, 0x44), t1 = _mm512_shuffle_i64x2(q0, q1, 0xEE);
  const __m512i t2 = _mm512_shuffle_i64x2(q2, q3, 0x44), t3 = _mm512_shuffle_i64x2(q2, q3, 0xEE);
  _mm512_storeu_si512(words, _mm512_shuffle_i64x2(t0, t2, 0x88));
  _mm512_storeu_si512(words + 8, _mm512_shuffle_i64x2(t0, t2, 0xDD));
  _mm512_storeu_si512(words + 16, _mm512_shuffle_i64x2(t1, t3, 0x88));
  _mm512_storeu_si512(words + 24, _mm512_shuffle_i64x2(t1, t3, 0xDD));
}

#endif

}  // namespace

void philox_blocks(std::uint64_t* words, std::size_t blocks, std::uint32_t first, std::uint32_t c1, std::uint32_t c2,
                   std::uint32_t c3, const PhiloxKey& key) {
  std::size_t b = 0;
#if defined(__AVX512F__)
  for (; blocks - b >= simd_blocks; b += simd_blocks) {
    sixteen_blocks(words + 2 * b, first + static_cast<std::uint32_t>(b), c1, c2, c3, key);
  }
#endif
  for (; b < blocks; ++b) {
    const auto pair = philox_words({{first + static_cast<std::uint32_t>(b), c1, c2, c3}}, key);
    words[2 * b] = pair[0];
    words[2 * b + 1] = pair[1];
  }
}

}  // namespace metasc::stochastic
