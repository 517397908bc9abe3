#pragma once
/// The force table of a computed BCS landscape (its tabulated V, V' on the
/// symmetric grid), mirrored from its Q ≥ 0 half so the table is exactly even.
#include "metasc/physics/landscape_summary.hpp"
#include "metasc/stochastic/force_table.hpp"

namespace metasc::stochastic {

ForceTable landscape_force(const physics::LandscapeSummary& landscape, double phonon_energy_meV);

}  // namespace metasc::stochastic
