#pragma once
/// The bonds of a d-dimensional periodic lattice of coherent domains
/// (PHYSICS.md §8): cell c feels κ Σ_{c'∈nn(c)} (Q_c − Q_c') = κ (z Q_c − Σ_c)
/// [meV per site] from its z = 2d nearest neighbours. One place for κ, z and
/// the stiffest mode, which the serial and the distributed lattice, and the
/// job's check of dt, must agree on bit for bit.
#include <cstddef>

#include "metasc/stochastic/integrator.hpp"

namespace metasc::nucleation {

struct BondForce {
  double stiffness_meV;  ///< κ ≥ 0
  std::size_t dimension;  ///< d = 1, 2 or 3

  double coordination() const { return 2.0 * static_cast<double>(dimension); }
  /// 4dκ [meV]: the largest eigenvalue of κ times the lattice Laplacian, the
  /// stiffest mode's addition to max V'' (its wave vector (π, …, π)).
  double max_curvature_meV() const { return 2.0 * coordination() * stiffness_meV; }
  /// The bond force of the cells whose neighbour sums Σ_c start at `neighbour_sums`.
  stochastic::NeighbourCoupling on(const double* neighbour_sums) const {
    return {.stiffness_meV = stiffness_meV, .coordination = coordination(), .neighbour_sums = neighbour_sums};
  }
};

}  // namespace metasc::nucleation
