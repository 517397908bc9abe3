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

/// V'(Q) and V(Q) [meV per site] at one Q, from one evaluation (an observer
/// inside the integrator's loop needs the energy where the force is computed).
struct SlopeAndPotential {
  double slope_meV;
  double potential_meV;
};

/// The bare oscillator V = ½ħωQ².
struct HarmonicForce {
  double phonon_energy_meV;  ///< ħω

  const HarmonicForce& slope_kernel() const { return *this; }  ///< (see ForceTable::SlopeKernel)

  double slope(double Q) const { return phonon_energy_meV * Q; }           ///< V'(Q) [meV]
  double potential(double Q) const { return 0.5 * phonon_energy_meV * Q * Q; }  ///< V(Q) [meV]
  SlopeAndPotential slope_and_potential(double Q) const { return {slope(Q), potential(Q)}; }
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
/// V'(Q) its exact derivative up to rounding (so energy and force are
/// consistent: a trajectory at T = 0, γ = 0 conserves the energy the
/// integrator promises).
/// Outside [Q_first, Q_last] the tails are harmonic, V'(Q) = ħωQ + c, with c
/// and the constant in V fixed by continuity of V and V' at each edge — the
/// bare oscillator always wins at large |Q|. The tails are stored as two more
/// segments, polynomials like the others, one before the
/// first node and one from the last: a look-up is then one formula for every
/// Q, with no tail term to add. Every Q reads inside the table (the index is
/// clamped); NaN or ±inf in gives NaN out.
class ForceTable {
 public:
  /// Throws metasc::Error unless there are ≥ 2 nodes, h > 0, equal lengths,
  /// finite values and ħω > 0.
  ForceTable(const LandscapeNodes& nodes, double phonon_energy_meV);

  /// An even landscape from its half on Q ≥ 0 (nodes from Q_first = 0):
  /// V(−Q) = V(Q), V'(−Q) = −V'(Q). The table then covers [−Q_last, Q_last].
  /// Throws metasc::Error unless Q_first = 0 and V'(0) = 0 (to 1e-12 of max|V'|).
  static ForceTable mirrored(const LandscapeNodes& half, double phonon_energy_meV);

  /// One segment's coefficients, packed so that a look-up of V' alone or of V
  /// and V' together gathers from one 32-byte cell (one cache line) instead
  /// of one array per coefficient. V' is a polynomial in Q itself, and V its
  /// integral from the segment's first Q_i (d = Q − Q_i = h t, t ∈ [0, 1]):
  ///   V'(Q) = a0 + a1 Q + a2 Q²,
  ///   V(Q)  = v0 + d (a0 + a1 (Q + Q_i)/2 + a2 (Q² + Q Q_i + Q_i²)/3).
  /// In Q rather than t, a step's force needs no t: three operations fewer on
  /// the lanes of the fused step, where the FP pipes are the limit (Zen 4: the
  /// bare kernel 0.515 → 0.533 of the Gaussians). The price is rounding: the terms of V'
  /// reach |V''|·|Q| where t's stay near |V'|, so V' is exact to ~1e-15 of
  /// max|V''|·|Q| rather than of |V'| (1e-13 meV for K3C60; the tests allow 1e-11).
  struct alignas(32) Segment {
    double a0, a1, a2, v0;
  };
  static_assert(sizeof(Segment) == 4 * sizeof(double));

  /// What slope() reads, by value and raw pointer: an integrator's loop takes
  /// one copy before it starts, so the compiler sees the table as loop
  /// invariant and unaliased by the state it writes, and vectorises the loop.
  /// Valid while the table lives.
  struct SlopeKernel {
    /// V'(Q) [meV per site]
    double slope(double Q) const {
      return slope_at(locate(Q).index, Q);
    }

    /// V'(Q) and V(Q), the same bits as slope(Q) and ForceTable::potential(Q).
    SlopeAndPotential slope_and_potential(double Q) const {
      const Cell cell = locate(Q);
      return at(cell.index, Q, cell.t);
    }

    /// V' on segment `index` at Q.
    double slope_at(std::int64_t index, double Q) const {
      const std::int64_t j = index << 2;
      return multiply_add(Q, multiply_add(Q, coefficients[j | 2], coefficients[j | 1]), coefficients[j]);
    }

    /// V' and V on segment `index` at Q, t = (Q − Q_index)/h.
    SlopeAndPotential at(std::int64_t index, double Q, double t) const {
      const std::int64_t j = index << 2;
      const double* a = coefficients;
      constexpr double third = 1.0 / 3.0;
      const double d = step * t, first = Q - d;
      const double mean_Q = 0.5 * (Q + first), mean_Q2 = third * multiply_add(Q, Q + first, first * first);
      return {slope_at(index, Q),
              multiply_add(d, multiply_add(a[j | 2], mean_Q2, multiply_add(a[j | 1], mean_Q, a[j])), a[j | 3])};
    }

    struct Cell {
      /// Segment: −1 the lower tail, 0 … segments − 1 the nodes', `segments`
      /// the upper tail. 64-bit: AVX-512 converts doubles to 64-bit integers
      /// in one instruction.
      std::int64_t index;
      double t;  ///< (Q − the segment's first Q)/h: in [0, 1) but in the tails
    };
    Cell locate(double Q) const {
      const double x = multiply_add(Q, inverse_step, origin);  // (Q − Q_first)/h
      // Written as comparisons, not fmin/fmax: a NaN x maps to −1 (the index
      // stays in bounds) and the comparisons vectorise to min/max instructions.
      double clamped = x > -1.0 ? x : -1.0;
      clamped = clamped < last ? clamped : last;
      // floor(clamped): truncation, one less where it rounded up (clamped < 0).
      auto index = static_cast<std::int64_t>(clamped);
      index -= static_cast<double>(index) > clamped ? 1 : 0;
      return {index, x - static_cast<double>(index)};
    }

    /// The segments as one array of doubles, a0 a1 a2 v0 at 4i | k, from the
    /// first node's segment (the lower tail's at −4 | k, C++20's two's
    /// complement): GCC 12 turns indexed reads of one array at 4i | k into
    /// gather instructions, while the members of an indexed struct (or
    /// c[4i + k]) it loads one by one.
    const double* __restrict coefficients;
    double origin;        ///< −Q_first/h
    double inverse_step;
    double step;          ///< h
    double last;          ///< number of node segments, as a double: the upper tail's index
  };

  SlopeKernel slope_kernel() const {
    return {&segments_[1].a0, -first_ * inverse_step_, inverse_step_, step_, last_};
  }

  /// V'(Q) [meV per site]
  double slope(double Q) const { return slope_kernel().slope(Q); }

  /// V(Q) [meV per site]
  double potential(double Q) const { return slope_kernel().slope_and_potential(Q).potential_meV; }

  /// max V''(Q) over all Q [meV] (the tails contribute ħω).
  double max_curvature_meV() const { return max_curvature_meV_; }

  double Q_first() const { return first_; }
  double Q_last() const { return first_ + step_ * last_; }

 private:
  std::vector<Segment> segments_;  ///< lower tail, the node segments, upper tail
  double first_;
  double step_;
  double inverse_step_;
  double last_;  ///< number of node segments, as a double
  double max_curvature_meV_;
};

}  // namespace metasc::stochastic
