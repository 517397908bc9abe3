#pragma once
/// One periodic lattice of coherent domains (PHYSICS.md §8) spread over all
/// ranks by a PETSc DMDA (star stencil of width 1, periodic in every
/// direction, ghost exchange every step): the same dynamics as LatticeDynamics
/// (lattice_dynamics.hpp), bit for bit, for a lattice too large for one rank.
/// The DMDA's x axis is the lattice's last (contiguous) extent, so its natural
/// order is PeriodicLattice's row-major order, and the noise of cell c of
/// lattice ℓ at step n is the integrator's stream at id ℓM + c: a lattice's
/// history does not depend on the rank count. Every extent must be ≥ 2.
/// Q in oscillator lengths, P = dQ/dt [1/ps] (stored convention, integrator.hpp).
#include <petscdmda.h>

#include <cstdint>
#include <vector>

#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/integrator.hpp"
#include "metasc/stochastic/rng.hpp"

namespace metasc::nucleation {

struct LatticeShape {
  std::vector<std::int64_t> cells;  ///< L_1[, L_2[, L_3]], each ≥ 2 (the DMDA's ghost width)
  double stiffness_meV;             ///< κ ≥ 0
};

class DistributedLattice {
 public:
  /// Collective on `comm`. The step map is built for the stiffest mode,
  /// max V'' + 4dκ, so an unstable dt throws ConfigError naming langevin.dt_ps;
  /// an extent below 2 throws metasc::Error.
  DistributedLattice(MPI_Comm comm, const LatticeShape& shape, stochastic::Scheme scheme,
                     const stochastic::Oscillator& oscillator, double dt_ps, stochastic::ForceTable force,
                     std::uint64_t seed);
  ~DistributedLattice();
  DistributedLattice(const DistributedLattice&) = delete;
  DistributedLattice& operator=(const DistributedLattice&) = delete;

  /// Lattice `lattice_index` in the state Q, P (stored convention), every cell in
  /// natural order, given on every rank (each takes its own cells).
  void set_state(std::uint64_t lattice_index, const std::vector<double>& Q, const std::vector<double>& P);

  /// One step t_n → t_n + dt with a(t_n) = `drive_per_ps2`. Collective (ghost exchange).
  void step(std::uint64_t step_index, double drive_per_ps2);

  /// The cells this rank owns, in the DMDA's local order (x fastest).
  std::size_t owned() const { return P_.size(); }
  const double* Q() const { return Q_.data(); }
  const double* P() const { return P_.data(); }

  /// Every cell's Q in natural order, on rank 0 of `comm` (empty elsewhere). Collective.
  std::vector<double> gather_Q() const;

 private:
  /// neighbours_[i] = Σ_{c'∈nn(c)} Q_c' for every owned cell from the ghosted copy,
  /// added in PeriodicLattice::neighbour_sum's order (fastest axis first).
  void neighbour_sums();
  /// Q_ into the DMDA's global vector (owned entries, same local order).
  void copy_to_global() const;

  DM dm_ = nullptr;
  Vec global_ = nullptr, local_ = nullptr;
  std::vector<double> Q_, P_, neighbours_, xi_;
  std::vector<std::uint64_t> row_first_cell_;  ///< natural index of each owned row's first cell
  PetscInt xs_ = 0, ys_ = 0, zs_ = 0, xm_ = 1, ym_ = 1, zm_ = 1;  ///< owned box
  PetscInt gxs_ = 0, gys_ = 0, gzs_ = 0, gxm_ = 1, gym_ = 1, gzm_ = 1;  ///< ghosted box
  int dimension_;
  std::uint64_t cell_count_;
  std::uint64_t first_id_ = 0;  ///< ℓ M: the noise id of this lattice's cell 0
  stochastic::StepMap map_;
  stochastic::ForceTable force_;
  stochastic::NormalStream noise_;
  double stiffness_meV_;
};

}  // namespace metasc::nucleation
