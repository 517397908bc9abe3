#pragma once
/// The force table's V' on eight lanes, for the hand-written AVX-512 path of
/// the fused table step (integrator.hpp, table_step). Eight cells are read as
/// eight 32-byte rows and transposed, rather than gathered coefficient by
/// coefficient (gathers were 1.6–2.2× slower). The same operations in the same order as
/// SlopeKernel::locate() and slope() (max/min of a NaN pick the second
/// operand, as locate()'s comparisons do), so every lane gets slope()'s bits.
///
/// A step locates a chunk's cells first and stores their indices; its update
/// loop reads them back as scalars, which address the table from the load
/// ports, where taking each out of a vector register is a shuffle on the pipes
/// that assembling the rows needs (Zen 4: the step 9 % faster). V' is a
/// polynomial in Q itself (ForceTable::Segment), so the update needs no
/// x = Q/h + origin nor t = x − cell: the cells only address the rows. The
/// tails are segments of the table, so one polynomial serves every lane: no
/// clamp or tail term in the update (the bare kernel 4.6 % faster than with
/// them). A chunk of 256, the ensemble's block, beat 64 by 2 % and 32 by 6 %.
///
/// Include from a .cpp only, after its other headers (avx512_intrinsics.hpp).
#include <cstddef>
#include <cstdint>

#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/avx512_intrinsics.hpp"

#if defined(__AVX512F__) && defined(__FMA__)
namespace metasc::stochastic {

class TableLanes {
 public:
  static constexpr std::size_t chunk = 256;

  explicit TableLanes(const ForceTable::SlopeKernel& table)
      : coefficients_(table.coefficients),
        scale_(_mm512_set1_pd(table.inverse_step)),
        offset_(_mm512_set1_pd(table.origin)),
        lower_tail_(_mm512_set1_pd(-1.0)),
        upper_tail_(_mm512_set1_pd(table.last)) {}

  /// locate(Q[0 … 8)).index into cells[0 … 8) (64-byte aligned).
  void store_cells(const double* Q, std::int64_t* cells) const {
    const __m512d x = _mm512_fmadd_pd(_mm512_loadu_pd(Q), scale_, offset_);
    const __m512d clamped = _mm512_min_pd(_mm512_max_pd(x, lower_tail_), upper_tail_);
    _mm512_store_si512(cells, _mm512_cvt_roundpd_epi64(clamped, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC));
  }

  /// slope(q) of eight lanes whose cells store_cells() left in cells[0 … 8).
  __m512d slopes(__m512d q, const std::int64_t* cells) const {
    // Cells 0, 2 | 1, 3 | 4, 6 | 5, 7 side by side, so that after the
    // unpacks each 128-bit lane holds one coefficient of two cells in order.
    const auto pair = [&](int low, int high) {
      return _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_loadu_pd(coefficients_ + 4 * cells[low])),
                                _mm256_loadu_pd(coefficients_ + 4 * cells[high]), 1);
    };
    const __m512d z0 = pair(0, 2), z1 = pair(1, 3), z2 = pair(4, 6), z3 = pair(5, 7);
    const __m512d a0_a2_low = _mm512_unpacklo_pd(z0, z1), a0_a2_high = _mm512_unpacklo_pd(z2, z3);
    const __m512d a1_low = _mm512_unpackhi_pd(z0, z1), a1_high = _mm512_unpackhi_pd(z2, z3);
    const __m512d a0 = _mm512_shuffle_f64x2(a0_a2_low, a0_a2_high, _MM_SHUFFLE(2, 0, 2, 0));
    const __m512d a2 = _mm512_shuffle_f64x2(a0_a2_low, a0_a2_high, _MM_SHUFFLE(3, 1, 3, 1));
    const __m512d a1 = _mm512_shuffle_f64x2(a1_low, a1_high, _MM_SHUFFLE(2, 0, 2, 0));
    return _mm512_fmadd_pd(q, _mm512_fmadd_pd(q, a2, a1), a0);
  }

 private:
  const double* coefficients_;
  __m512d scale_, offset_, lower_tail_, upper_tail_;  ///< the tails: the cells −1 and `last`
};

}  // namespace metasc::stochastic
#endif
