#pragma once
/// Analytic test landscapes for the escape methods (escape.landscape = cubic |
/// quartic). Both are even in Q, like the BCS landscape: the normal well at
/// Q = 0, barriers at ±Q_B, metastable wells at ±Q_MS, Q_MS > Q_B > 0, and
/// V(0) = 0. They are fixed by the barrier seen from the metastable well,
/// ΔV = V(Q_B) − V(Q_MS) [meV per site], and the two positions; with x = |Q|,
/// L = Q_MS − Q_B:
///
///   cubic    the standard cubic on both sides of the barrier, joined C² at Q_B:
///              x ≥ Q_B: V = V_B − ΔV + ΔV (3y² − 2y³),  y = (Q_MS − x)/L
///              x ≤ Q_B: V = V_B − D + D (3z² − 2z³),     z = x/Q_B
///            with D = ΔV (Q_B/L)² (equal |V''| on both sides of the barrier), V_B = D.
///            ω_a² = ω_b² = (ω/ħ) 6ΔV/L², V''(0) = 6ΔV/L², ΔE_b = N_s ΔV; the orbit at
///            the barrier energy reaches y = −1/2 and has I_b = 36 ΔE_b/(5 ω_a).
///   quartic  a quartic polynomial in x with V'(x) = κ x (x − Q_B)(x − Q_MS):
///              V = κ [x⁴/4 − (Q_B + Q_MS) x³/3 + Q_B Q_MS x²/2],
///            κ = 12 ΔV / ((Q_MS − Q_B)³ (Q_MS + Q_B)) [meV]; V''(Q_MS) = κ Q_MS L,
///            V''(Q_B) = −κ Q_B L, V''(0) = κ Q_B Q_MS (so ω_b/ω_a = sqrt(Q_B/Q_MS)),
///            V(Q_B) = κ Q_B³ (2Q_MS − Q_B)/12. C² at Q = 0 (V''' jumps there).
/// Q in oscillator lengths, energies in meV per site. Pure functions.
#include "metasc/physics/landscape.hpp"

namespace metasc::physics {

enum class WellForm { cubic, quartic };

class AnalyticWell {
 public:
  /// Throws metasc::Error unless barrier_meV > 0 and 0 < Q_barrier < Q_metastable (all finite).
  AnalyticWell(WellForm form, double barrier_meV, double Q_barrier, double Q_metastable);

  double potential(double Q) const;  ///< V(Q) [meV]
  double slope(double Q) const;      ///< V'(Q) [meV]
  double curvature(double Q) const;  ///< V''(Q) [meV]

  /// Q_B, Q_MS, V(0) = 0, V(Q_B), V(Q_MS), V''(0), and the class (metastable I or II).
  CriticalPoints critical_points() const;

  /// Q_turn > Q_MS where V(Q_turn) = V(Q_B): the far end of the barrier orbit.
  double far_turning_point() const;

  /// I_b = ∮ m̃ Q̇ dQ on the metastable-well orbit at energy N_s V(Q_B) [meV·ps], closed form;
  /// m̃ = N_s ħ/ω, `omega_per_ps` the phonon ω [rad/ps].
  double barrier_orbit_action(double omega_per_ps, double domain_sites) const;
  /// The same for the normal-well orbit at energy N_s V(Q_B), between −Q_B and Q_B [meV·ps].
  double normal_orbit_action(double omega_per_ps, double domain_sites) const;

  WellForm form() const { return form_; }

 private:
  /// V and its derivatives at x = |Q| ≥ 0.
  double value(double x) const;
  double derivative(double x) const;
  double second_derivative(double x) const;
  /// ∫ sqrt(2(V_B − V(x))) dx [sqrt(meV)] over [Q_B, Q_turn] and over [0, Q_B].
  double metastable_orbit_integral() const;
  double normal_orbit_integral() const;

  WellForm form_;
  double barrier_;     ///< ΔV [meV]
  double Q_barrier_;
  double Q_metastable_;
  double scale_;       ///< cubic: D [meV]; quartic: κ [meV]
};

}  // namespace metasc::physics
