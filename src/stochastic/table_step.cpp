#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "metasc/stochastic/integrator.hpp"
#include "metasc/stochastic/table_lanes.hpp"

namespace metasc::stochastic {

namespace {

/// table_step() with the watch and the coupling chosen at compile time: no
/// test on configuration inside the loops.
template <bool Watching, bool Coupled>
bool step_block(const ForceTable::SlopeKernel& table, const StepMap& m, double* __restrict Q, double* __restrict P,
                const double* __restrict xi, std::size_t n, double drive_per_ps2, const double* __restrict limit,
                const NeighbourCoupling& coupling) {
  std::size_t i = 0;
  unsigned watched = 0;
#if defined(__AVX512F__) && defined(__FMA__)
  // StepMap::acceleration, next_position and next_momentum on eight lanes,
  // the same operations in the same order; the watch is the general loop's
  // |q| < limit (false for a NaN, as there), the coupling
  // NeighbourCoupling::slope added to the table's.
  const TableLanes lanes(table);
  const double* __restrict neighbour_sums = coupling.neighbour_sums;
  const __m512d minus_force_scale = _mm512_set1_pd(-m.force_scale), drive = _mm512_set1_pd(drive_per_ps2);
  const __m512d q_from_p = _mm512_set1_pd(m.q_from_p), q_from_force = _mm512_set1_pd(m.q_from_force),
                q_from_noise = _mm512_set1_pd(m.q_from_noise);
  const __m512d p_from_p = _mm512_set1_pd(m.p_from_p), p_from_force = _mm512_set1_pd(m.p_from_force),
                p_from_noise = _mm512_set1_pd(m.p_from_noise);
  const __m512d stiffness = _mm512_set1_pd(coupling.stiffness_meV), coordination = _mm512_set1_pd(coupling.coordination);
  __mmask8 inside = 0;
  alignas(64) std::int64_t cells[TableLanes::chunk];
  for (std::size_t count; (count = std::min(TableLanes::chunk, (n - i) / 8 * 8)) != 0; i += count) {
    for (std::size_t k = 0; k < count; k += 8) lanes.store_cells(Q + i + k, cells + k);
    for (std::size_t k = 0; k < count; k += 8) {
      double* q_at = Q + i + k;
      double* p_at = P + i + k;
      __m512d q = _mm512_loadu_pd(q_at), p = _mm512_loadu_pd(p_at), noise = _mm512_loadu_pd(xi + i + k);
      // GCC 12 would fold each of these loads into every instruction that
      // reads the value, loading q, p and ξ twice; held in registers by an
      // empty asm, they are loaded once (the bare kernel 3 % faster on Zen 4).
      __asm__("" : "+v"(q), "+v"(p), "+v"(noise));
      __m512d slope = lanes.slopes(q, cells + k);
      if constexpr (Coupled) {
        const __m512d bonds = _mm512_sub_pd(_mm512_mul_pd(coordination, q), _mm512_loadu_pd(neighbour_sums + i + k));
        slope = _mm512_add_pd(slope, _mm512_mul_pd(stiffness, bonds));
      }
      const __m512d f = _mm512_fmadd_pd(minus_force_scale, slope, drive);
      const __m512d next_q =
          _mm512_fmadd_pd(q_from_noise, noise, _mm512_fmadd_pd(q_from_force, f, _mm512_fmadd_pd(q_from_p, p, q)));
      _mm512_storeu_pd(q_at, next_q);
      _mm512_storeu_pd(p_at, _mm512_fmadd_pd(p_from_noise, noise,
                                             _mm512_fmadd_pd(p_from_force, f, _mm512_mul_pd(p_from_p, p))));
      if constexpr (Watching) {
        inside |= _mm512_cmp_pd_mask(_mm512_abs_pd(next_q), _mm512_loadu_pd(limit + i + k), _CMP_LT_OQ);
      }
    }
  }
  watched = inside != 0;
#endif
  // Independent iterations: let the portable build vectorise them.
#pragma omp simd reduction(| : watched)
  for (std::size_t j = i; j < n; ++j) {
    double slope = table.slope(Q[j]);
    if constexpr (Coupled) slope += coupling.slope(j, Q[j]);
    const double f = m.acceleration(slope, drive_per_ps2);
    const double p = P[j];
    const double q = m.next_position(Q[j], p, f, xi[j]);
    Q[j] = q;
    P[j] = m.next_momentum(p, f, xi[j]);
    if constexpr (Watching) watched |= static_cast<unsigned>(std::abs(q) < limit[j]);
  }
  return watched != 0;
}

}  // namespace

bool table_step(const ForceTable::SlopeKernel& table, const StepMap& map, double* Q, double* P, const double* xi,
                std::size_t n, double drive_per_ps2, const double* limit, const NeighbourCoupling* coupling) {
  if (coupling != nullptr) {
    return limit != nullptr ? step_block<true, true>(table, map, Q, P, xi, n, drive_per_ps2, limit, *coupling)
                            : step_block<false, true>(table, map, Q, P, xi, n, drive_per_ps2, nullptr, *coupling);
  }
  const NeighbourCoupling none{};
  return limit != nullptr ? step_block<true, false>(table, map, Q, P, xi, n, drive_per_ps2, limit, none)
                          : step_block<false, false>(table, map, Q, P, xi, n, drive_per_ps2, nullptr, none);
}

}  // namespace metasc::stochastic
