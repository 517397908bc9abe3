#pragma once
/// The fast path of the coupled kinetics (kinetics.solver = table): the state
/// (Δ, λ) at density n and pairing U, and the net rate dn/dt of P 6–7, from
/// tables built once at the run's temperature over the (n, U) range it can reach.
///
/// Coordinates in which every tabulated function is smooth:
/// - the state table is the forward map along the gap-equation curve,
///   (U, x) ↦ (ln n, λ) with Δ = Δ0(U)/(1 + e^{−x}), Δ0(U) = ω_c/sinh(1/νU)
///   the T = 0 gap. At fixed Δ > 0 the gap equation fixes λ smoothly in (U, Δ);
///   the non-smooth loci of the inverse map n ↦ Δ (the gap opening, the density
///   peak and the switch to the normal state beyond it) are not in the table:
///   they are found by inverting it (a bracketed Newton solve in x on the
///   decreasing side of the peak), so they are as sharp as the interpolant. Both
///   ends of the curve are logarithmic in Δ: as Δ → 0 at λ ≠ 0 the gap equation
///   gains tanh(λ/2T) ln(ω_c/Δ), so λ → 0 like 1/ln(1/Δ) and the gap opens
///   with an essential singularity in n; as Δ → Δ0, λ ≈ −T ln(1 − Δ/Δ0). In
///   x = logit(Δ/Δ0) both are smooth. The table starts at Δ = 1e-8 k_BT·(Δ0(U)/Δ0(U_max)):
///   below that the state is taken as normal (the gap's effect on n is O(Δ²),
///   on the rate O(Δ/σ_b) ≲ 1e-8).
/// - the rate is split: the δ-modes of α²F in closed form (their edge factor
///   √(Ω/(Ω−2Δ)) diverges where 2Δ crosses Ω_ν, and vanishes beyond: exact at any
///   gap), and the smooth part C(Δ, λ), non-zero only for 2Δ below the top of its
///   support. C vanishes like √(top − 2Δ) there and has a Δ^p ln Δ term at Δ → 0
///   (α²F ∝ Ω^p, csch(Ω/2T) ∝ 1/Ω); with Δ = (top/2) sin²θ both ends are smooth
///   in θ, and ln(C / (cos θ sinh(λ/T))) is tabulated on (θ, λ): smooth, and C
///   keeps the sign of λ exactly.
/// - the normal state (above the density peak) is U-independent: λ(ln n) and
///   dz/dt(ln n) on one fine line (4097 nodes).
/// Interpolation is cubic (four points per axis). The error is measured against
/// the direct solver at start-up (kinetics_table_check.hpp).
#include <cstddef>
#include <vector>

#include "metasc/physics/bcs.hpp"
#include "metasc/physics/cubic_stencil.hpp"
#include "metasc/physics/qp_rate.hpp"

namespace metasc::physics {

/// The model and the range the run can reach.
struct KineticsTableSpec {
  BcsBand band;
  QuasiparticleRate rate;
  double kT_meV;            ///< k_B T > 0 [meV]
  double pairing_low_meV;   ///< smallest U [meV] (U0 > 0)
  double pairing_high_meV;  ///< largest U [meV] (the saturated pairing)
  double density_low;       ///< smallest n per site the run can reach (with a margin)
  double density_high;      ///< largest n per site
};

/// Grid of the state table (U × x), row-major in U.
struct StateGrid {
  UniformAxis pairing;  ///< U [meV]
  UniformAxis gap;      ///< x = ln(Δ/(Δ0(U) − Δ)), dimensionless
};

/// Grid of the continuum table (θ × λ), row-major in θ.
struct ContinuumGrid {
  UniformAxis angle;   ///< θ ∈ [0, π/2], Δ = (top/2) sin²θ
  UniformAxis lambda;  ///< λ [meV]
};

/// Δ/Δ0 = 1/(1 + e^{−x}) at coordinate x.
double gap_fraction(double gap_coordinate);

/// T = 0 gap Δ0(U) = ω_c/sinh(1/νU) [meV].
double zero_temperature_gap(const BcsBand& band, double pairing_meV);

/// (ln n, λ [meV]) at pairing U [meV] and coordinate x: one state-table node.
struct StateNode {
  double log_density;
  double lambda_meV;
};
StateNode state_node(const KineticsTableSpec& spec, double pairing_meV, double gap_coordinate);

/// Top of the smooth part of α²F within the P 6 limit W [meV]; 0 if none.
double continuum_top_meV(const QuasiparticleRate& rate);

/// ln(C/(cos θ sinh(λ/T))) at θ and λ [meV], C the smooth part's dn/dt
/// [1/ps] (`smooth` = the rate without δ-modes): one continuum-table node.
/// −inf where C = 0 (no smooth α²F above 2Δ).
double continuum_node(const KineticsTableSpec& spec, const QuasiparticleRate& smooth, double angle, double lambda_meV);

class KineticsTable {
 public:
  /// Node values in the grids' row-major order. Throws NumericalError when a
  /// continuum node is −inf while others are finite (a spectrum the table cannot hold).
  KineticsTable(KineticsTableSpec spec, StateGrid state_grid, std::vector<double> log_density,
                std::vector<double> lambda_meV, ContinuumGrid continuum_grid, std::vector<double> continuum);

  /// What depends on U alone: computed once per coupling interval.
  struct PairingCell {
    CubicStencil stencil;
    double gap0_meV;          ///< Δ0(U)
    double peak_coordinate;   ///< x of the density peak along the curve (the axis start: at the gap opening)
    double log_peak_density;  ///< ln n there: above it the state is normal
    double log_lowest_density;  ///< ln n at the table's largest gap: below it, out of range
    /// ln n at or below which every channel is closed (2Δ at or above every
    /// δ-mode in the rate's range and the continuum's top): dn/dt = 0 there.
    /// −inf if no state of the table closes them at this U.
    double log_closed_density;
  };
  PairingCell at_pairing(double pairing_meV) const;

  struct Point {
    double gap_meV;
    double lambda_meV;
    double gap_coordinate;  ///< x; meaningless in the normal state
    bool gapped;
    bool in_range;  ///< false: n outside the spec's range (nothing else is valid)
  };
  /// The state at ln n, starting the solve from `hint` (the previous x).
  Point state(double log_density, const PairingCell& cell, double hint) const;
  /// ln n at which a lane recombining from gap Δ [meV] (Δ rising as n falls)
  /// reaches the lowest δ-mode above 2Δ in the rate's range, 2Δ = Ω_ν, where the
  /// rate diverges like (Ω_ν − 2Δ)^{-1/2} and then stops; NaN if no such edge
  /// lies on the table's curve at this pairing.
  double sharp_edge_log_density(const PairingCell& cell, double gap_meV) const;
  /// dz/dt [1/ps], z = ln n, at a point of state() for that ln n: the normal
  /// state's from its own line (it does not depend on U), a gapped one's from
  /// rate_per_ps.
  double slope_per_ps(const Point& point, double log_density) const;
  /// The normal-state line: its ln n axis, and λ [meV] and dz/dt [1/ps] at Δ = 0 on it.
  const UniformAxis& normal_axis() const { return normal_axis_; }
  double normal_lambda_meV(double log_density) const;
  double normal_slope_per_ps(double log_density) const;
  /// Which root of the gap equation (at fixed λ) a gapped point is on.
  GapBranch branch(const PairingCell& cell, const Point& point) const;
  /// dn/dt [1/ps] at (Δ, λ); NaN where 2Δ is below the continuum's top and λ
  /// outside the continuum table (no state of the spec's range is there).
  double rate_per_ps(double gap_meV, double lambda_meV) const;

  const KineticsTableSpec& spec() const { return spec_; }
  const StateGrid& state_grid() const { return state_grid_; }
  const ContinuumGrid& continuum_grid() const { return continuum_grid_; }

 private:
  double log_density(const PairingCell& cell, const CubicStencil& x) const;
  /// x where 2Δ = two_gap_meV on the cell's curve; NaN if that gap is not on the table.
  double gap_coordinate_at(const PairingCell& cell, double two_gap_meV) const;

  KineticsTableSpec spec_;
  StateGrid state_grid_;
  std::vector<double> log_density_;
  std::vector<double> lambda_;
  ContinuumGrid continuum_grid_;
  std::vector<double> continuum_;
  bool has_continuum_;
  double continuum_top_meV_;
  double highest_mode_meV_ = 0.0;  ///< the largest δ-mode energy [meV]
  std::vector<double> mode_sinh_;  ///< sinh(Ω/2k_BT) of each δ mode, in the spectrum's order
  double closing_energy_meV_ = 0.0;  ///< 2Δ [meV] from which every channel is closed
  std::vector<double> peak_coordinate_;  ///< per U node
  UniformAxis normal_axis_{};            ///< ln n of the normal-state line
  std::vector<double> normal_lambda_;    ///< λ [meV] at Δ = 0 on it
  std::vector<double> normal_slope_;     ///< dz/dt [1/ps] at Δ = 0 on it
};

}  // namespace metasc::physics
