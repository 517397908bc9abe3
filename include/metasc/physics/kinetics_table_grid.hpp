#pragma once
/// Where the kinetics table (kinetics_table.hpp) puts its nodes: the grids of
/// refinement level k (2^k cells per unit of the coarsest grid, in every axis).
#include <vector>

#include "metasc/physics/kinetics_table.hpp"

namespace metasc::physics {

/// U over the spec's pairing range; x from Δ = 1e-8 k_BT (at the largest Δ0) to
/// where ln n has fallen below half the spec's smallest density at both ends of
/// the pairing range. Throws NumericalError when no gap below Δ0 gets there.
StateGrid state_grid(const KineticsTableSpec& spec, int level);

/// θ over [0, π/2]; λ over the states that see the continuum (2Δ below its
/// top): the state nodes with such gaps and the normal states of the density
/// range, with k_BT to spare. `lambda_meV` are the state nodes' λ.
ContinuumGrid continuum_grid(const KineticsTableSpec& spec, int level, const StateGrid& states,
                             const std::vector<double>& lambda_meV);

}  // namespace metasc::physics
