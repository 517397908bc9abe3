#pragma once
/// Force evaluators for the Langevin integrators: V'(Q) [meV per site] of a
/// landscape, Q in oscillator lengths. Each is a small value type whose inline
/// `slope(Q)` the integrator loop calls for every trajectory; `potential(Q)`
/// gives the matching energy and `max_curvature_meV()` the largest V'' (for
/// the time-step check, stochastic::check_time_step).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "metasc/multiply_add.hpp"

namespace metasc::stochastic {

/// The bare oscillator V = ½ħωQ².
struct HarmonicForce {
  double phonon_energy_meV;  ///< ħω

  const HarmonicForce& slope_kernel() const { return *this; }  ///< (see ForceTable::SlopeKernel)

  double slope(double Q) const { return phonon_energy_meV * Q; }           ///< V'(Q) [meV]
  double potential(double Q) const { return 0.5 * phonon_energy_meV * Q * Q; }  ///< V(Q) [meV]
  double max_curvature_meV() const { return phonon_energy_meV; }           ///< V'' [meV]
};

/// A landscape sampled on a uniform Q grid: V and V' at the nodes.
struct LandscapeNodes {
  double Q_first;                     ///< Q of node 0
  double Q_step;                      ///< node spacing h > 0
  std::vector<double> potential_meV;  ///< V(Q_i) [meV per site]
  std::vector<double> slope_meV;      ///< V'(Q_i) [meV per site]
};

/// V(Q) is the C¹ piecewise-cubic Hermite interpolant of the nodes (V and V'),
/// V'(Q) its exact derivative (so energy and force are consistent: a
/// trajectory at T = 0, γ = 0 conserves the energy the integrator promises).
/// Outside [Q_first, Q_last] the tails are harmonic, V'(Q) = ħωQ + c, with c
/// and the constant in V fixed by continuity of V and V' at each edge — the
/// bare oscillator always wins at large |Q|. Every Q, even ±inf or NaN, reads
/// inside the table (the index is clamped); NaN in gives NaN out.
class ForceTable {
 public:
  /// Throws metasc::Error unless there are ≥ 2 nodes, h > 0, equal lengths,
  /// finite values and ħω > 0.
  ForceTable(const LandscapeNodes& nodes, double phonon_energy_meV);

  /// An even landscape from its half on Q ≥ 0 (nodes from Q_first = 0):
  /// V(−Q) = V(Q), V'(−Q) = −V'(Q). The table then covers [−Q_last, Q_last].
  /// Throws metasc::Error unless Q_first = 0 and V'(0) = 0 (to 1e-12 of max|V'|).
  static ForceTable mirrored(const LandscapeNodes& half, double phonon_energy_meV);

  /// What slope() reads, by value and raw pointer: an integrator's loop takes
  /// one copy before it starts, so the compiler sees the table as loop
  /// invariant and unaliased by the state it writes, and vectorises the loop.
  /// Valid while the table lives.
  struct SlopeKernel {
    /// V'(Q) [meV per site]
    double slope(double Q) const {
      const Cell cell = locate(Q);
      const auto i = cell.index;
      const double inside = multiply_add(cell.t, multiply_add(cell.t, c2[i], c1[i]), c0[i]);
      return multiply_add(tail_slope, cell.outside, inside);
    }

    struct Cell {
      /// Segment, clamped to [0, segments − 1]. 64-bit: AVX-512 converts
      /// doubles to 64-bit integers and gathers with them in one instruction each.
      std::int64_t index;
      double t;        ///< position in the segment, clamped to [0, 1]
      double outside;  ///< (Q − clamped Q)/h: 0 inside, the distance into a tail otherwise
    };
    Cell locate(double Q) const {
      const double x = multiply_add(Q, inverse_step, origin);  // (Q − Q_first)/h
      // Written as comparisons, not fmin/fmax: a NaN x maps to 0 (index stays in
      // bounds) and the comparisons vectorise to min/max instructions.
      double clamped = x > 0.0 ? x : 0.0;
      clamped = clamped < last ? clamped : last;
      auto index = static_cast<std::int64_t>(clamped);
      index = index < last_index ? index : last_index;
      return {index, clamped - static_cast<double>(index), x - clamped};
    }

    const double* __restrict c0;
    const double* __restrict c1;
    const double* __restrict c2;
    double origin;              ///< −Q_first/h
    double inverse_step;
    double last;                ///< number of segments, as a double
    std::int64_t last_index;    ///< number of segments − 1
    double tail_slope;          ///< ħω·h: tail V' grows by this per unit of `outside`
  };

  SlopeKernel slope_kernel() const {
    return {c0_.data(), c1_.data(), c2_.data(), -first_ * inverse_step_, inverse_step_, last_, last_index_,
            tail_slope_};
  }

  /// V'(Q) [meV per site]
  double slope(double Q) const { return slope_kernel().slope(Q); }

  /// V(Q) [meV per site]
  double potential(double Q) const {
    const SlopeKernel kernel = slope_kernel();
    const SlopeKernel::Cell cell = kernel.locate(Q);
    const auto i = static_cast<std::size_t>(cell.index);
    const double t = cell.t;
    const double inside = v0_[i] + step_ * t * (c0_[i] + t * (0.5 * c1_[i] + t * c2_[i] / 3.0));
    const double edge_slope = c0_[i] + t * (c1_[i] + t * c2_[i]);
    return inside + step_ * cell.outside * (edge_slope + 0.5 * tail_slope_ * cell.outside);
  }

  /// max V''(Q) over all Q [meV] (the tails contribute ħω).
  double max_curvature_meV() const { return max_curvature_meV_; }

  double Q_first() const { return first_; }
  double Q_last() const { return first_ + step_ * static_cast<double>(c0_.size()); }

 private:
  /// On segment i, with t = (Q − Q_i)/h ∈ [0, 1]:
  ///   V'(t) = c0 + c1 t + c2 t²,  V(t) = v0 + h (c0 t + c1 t²/2 + c2 t³/3),
  /// one array per coefficient (a vectorised loop gathers from each).
  std::vector<double> v0_, c0_, c1_, c2_;
  double first_;
  double step_;
  double inverse_step_;
  double last_;         ///< number of segments, as a double
  std::int64_t last_index_;  ///< number of segments − 1
  double tail_slope_;   ///< ħω·h
  double max_curvature_meV_;
};

}  // namespace metasc::stochastic
