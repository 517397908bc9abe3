#pragma once
/// The force table of a reported landscape: the Q ≥ 0 half of its symmetric
/// grid, mirrored (the landscape is even in Q), so that every program that
/// integrates the BCS landscape integrates the very same numbers.
#include "metasc/physics/landscape_summary.hpp"
#include "metasc/stochastic/force_table.hpp"

namespace metasc::stochastic {

/// ForceTable::mirrored of the Q ≥ 0 half of `landscape` (V, V' in meV per site);
/// ħω [meV] sets the harmonic tails.
ForceTable landscape_table(const physics::LandscapeSummary& landscape, double phonon_energy_meV);

}  // namespace metasc::stochastic
