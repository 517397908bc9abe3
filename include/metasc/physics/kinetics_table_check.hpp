#pragma once
/// How far the kinetics table (kinetics_table.hpp) is from the direct solver:
/// both evaluated at the same (n, U), drawn from a fixed, counter-based
/// sequence over the table's range (the same points on any number of ranks).
#include <cstdint>

#include "metasc/physics/kinetics_table.hpp"

namespace metasc::physics {

/// Point `index` of the check sample: U uniform in the pairing range, ln n
/// uniform in the density range.
struct CheckPoint {
  double pairing_meV;
  double density;
};
CheckPoint table_check_point(const KineticsTableSpec& spec, std::uint64_t index);

/// Errors of the table at one point, dimensionless, the state and the rate apart:
/// - gap: |Δ_table − Δ_direct| / max(Δ_direct, k_B T), and
///   lambda: |λ_table − λ_direct| / k_B T, the state at (n, U);
/// - rate: |ṅ_table − ṅ_direct| / (|ṅ_direct| + n/t_horizon), both at the table's
///   state (Δ, λ) — relative, except where the rate is too small to move n by a
///   relative amount over the run (near λ = 0), where it is the error in n
///   accumulated over t_horizon [ps]. Apart, because near 2Δ = Ω_ν (where the
///   δ-mode's √(Ω/(Ω−2Δ)) diverges) and 2Δ = top of the continuum the rate
///   amplifies any error in Δ by Δ/(Ω − 2Δ), the direct solver's own included:
///   that is the conditioning of the physics, not an error of the table.
/// `branch_agrees`: both gapped or both normal. Where they differ the point sits
/// on the discontinuity at the density peak, within the interpolation error of
/// its position; its errors are then those of the discontinuity, not counted.
struct TableError {
  double gap;
  double lambda;
  double rate;
  bool branch_agrees;
};
TableError table_error_at(const KineticsTable& table, const CheckPoint& point, double horizon_ps);

}  // namespace metasc::physics
