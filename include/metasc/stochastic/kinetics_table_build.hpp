#pragma once
/// Builds the kinetics table (physics/kinetics_table.hpp) for a run: its nodes
/// dealt to the ranks cyclically and shared in global order (the table is bitwise
/// the same on any number of ranks), its error measured against the direct
/// solver at check points, the grids refined until it is within the tolerance.
#include <memory>

#include "metasc/parallel/environment.hpp"
#include "metasc/physics/kinetics_table.hpp"

namespace metasc::stochastic {

/// Largest errors of the accepted table at the check points (kinetics_table_check.hpp).
struct TableAccuracy {
  double state;  ///< largest of the gap and λ errors
  double rate;
  std::size_t points;
  std::size_t branch_differs;  ///< points on the density-peak discontinuity, not counted
};

struct BuiltTable {
  std::shared_ptr<const physics::KineticsTable> table;
  TableAccuracy accuracy;
};

/// Collective. `tolerance`: the largest error allowed (kinetics.table_tolerance);
/// `horizon_ps`: the run's length, which sets the rate error's floor. Prints the
/// grids and errors on rank 0 when `report`. Throws NumericalError (on every
/// rank) when the finest grid is still above the tolerance.
BuiltTable build_kinetics_table(const Environment& environment, const physics::KineticsTableSpec& spec,
                                double tolerance, double horizon_ps, bool report);

}  // namespace metasc::stochastic
