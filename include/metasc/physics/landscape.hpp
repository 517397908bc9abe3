#pragma once
/// The adiabatic landscape of the phonon (PHYSICS.md §4, paper Eqs. 18–20):
///   V(Q;T)  = ½ħωQ² + F_SC(Δ_eq(U(Q),T); U(Q), T, λ=0)     [meV per site]
///   V'(Q;T) = ħωQ − Δ_eq² U'(Q)/U(Q)²                        (envelope theorem)
/// Q in oscillator lengths. Pure functions of the model; no MPI, no I/O.
#include <limits>
#include <vector>

#include "metasc/physics/bcs.hpp"
#include "metasc/physics/pairing.hpp"

namespace metasc::physics {

/// One point of the landscape with the equilibrium gap that produced it.
struct LandscapePoint {
  double Q;
  double gap_meV;       ///< Δ_eq(U(Q), T)
  double potential_meV; ///< V(Q)
  double slope_meV;     ///< V'(Q)
};

enum class LandscapeClass { normal = 0, metastable_I = 1, metastable_II = 2, distorted = 3 };

/// "normal", "metastable_I", "metastable_II", "distorted" (the HDF5 `class` attribute).
const char* class_name(LandscapeClass kind);

/// Critical points at Q ≥ 0 (the landscape is even in Q). Absent points are NaN.
struct CriticalPoints {
  LandscapeClass kind = LandscapeClass::normal;
  double Q_barrier = std::numeric_limits<double>::quiet_NaN();     ///< Q_B, largest maximum below Q_MS
  double Q_metastable = std::numeric_limits<double>::quiet_NaN();  ///< Q_MS, largest-Q local minimum
  double V_origin_meV = 0.0;                                       ///< V(0)
  double V_barrier_meV = std::numeric_limits<double>::quiet_NaN();
  double V_metastable_meV = std::numeric_limits<double>::quiet_NaN();
  double curvature_origin_meV = 0.0;  ///< V''(0)
};

class Landscape {
 public:
  Landscape(const BcsBand& band, const PairingModel& pairing, double kT_meV);

  LandscapePoint at(double Q, double gap_hint_meV = 0.0) const;
  double potential(double Q) const { return at(Q).potential_meV; }
  double slope(double Q) const { return at(Q).slope_meV; }
  /// V''(Q) [meV], analytic (dΔ/dU from the gap equation).
  double curvature(double Q) const;
  /// V'(Q)/Q [meV]: its sign finds critical points without the V' → 0 blindness at Q → 0.
  double reduced_slope(double Q, double gap_hint_meV = 0.0) const;

  /// A Q beyond which V' > 0 for every temperature (the harmonic restoring force wins).
  double outer_edge() const;

  /// Critical points and the classification of PHYSICS.md §4.
  CriticalPoints critical_points() const;

  /// V, V', Δ on a uniform grid over [0, Q_max], continuing gap hints along the grid.
  std::vector<LandscapePoint> table(double Q_max, int points) const;

  const BcsBand& band() const { return band_; }
  const PairingModel& pairing() const { return pairing_; }
  double kT_meV() const { return kT_; }

 private:
  double enhancement_over_Q(double Q) const;  ///< U'(Q)/Q, finite at Q = 0

  BcsBand band_;
  PairingModel pairing_;
  double kT_;
};

/// k_B T_B [meV]: the temperature above which the non-trivial minimum (Q > 0)
/// no longer exists (saddle-node), searched from `kT_start_meV` where it exists.
/// NaN when there is no non-trivial minimum at kT_start_meV.
double blocking_kT(const BcsBand& band, const PairingModel& pairing, double kT_start_meV);

}  // namespace metasc::physics
