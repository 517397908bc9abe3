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

#include "metasc/nucleation/bond_force.hpp"
#include "metasc/nucleation/lattice_dynamics.hpp"
#include "metasc/nucleation/periodic_dmda.hpp"
#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/integrator.hpp"

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

  /// Starts lattice `lattice_index`: the noise ids are its cells'. The owned Q, P are
  /// then written through Q(), P() (natural_cell tells which cell is which) and couple()d.
  void begin_lattice(std::uint64_t lattice_index) { first_id_ = lattice_index * cell_count_; }
  /// Neighbour sums of the current state (ghost exchange). Collective.
  void couple();

  /// One step t_n → t_n + dt with a(t_n) = `drive_per_ps2`, then couple(). Collective.
  void step(std::uint64_t step_index, double drive_per_ps2);

  /// The cells this rank owns, in the DMDA's local order (x fastest).
  std::size_t owned() const { return P_.size(); }
  const double* Q() const { return Q_.data(); }
  const double* P() const { return P_.data(); }
  double* Q() { return Q_.data(); }
  double* P() { return P_.data(); }
  /// The natural (row-major) index of owned cell i.
  std::uint64_t natural_cell(std::size_t i) const {
    const auto row = static_cast<std::size_t>(xm_);
    return row_first_cell_[i / row] + i % row;
  }
  /// V'(Q_i) + κ Σ_{c'} (Q_i − Q_c') [meV per site] of owned cell i at the coupled state.
  double coupled_slope(std::size_t i) const {
    return integrator_.force().landscape.slope(Q_[i]) + bonds_.on(neighbours_.data()).slope(i, Q_[i]);
  }
  /// Σ_{c'∈nn(i)} Q_c' [ℓ0] of owned cell i at the coupled state.
  double neighbour_sum(std::size_t i) const { return neighbours_[i]; }
  const stochastic::StepMap& step_map() const { return integrator_.step_map(); }

  /// Every entry summed over the ranks (integers: exact in any order), in place. Collective.
  void sum_over_ranks(std::vector<std::int64_t>& counts) const;
  /// The smallest of the ranks' values. Collective.
  std::uint64_t min_over_ranks(std::uint64_t local) const;

  /// Every cell's Q (P) in natural order, on rank 0 of `comm` (empty elsewhere). Collective.
  std::vector<double> gather_Q() const;
  std::vector<double> gather_P() const;
  /// Rank 0 of `comm`: where gathered results are whole.
  bool first_rank() const;

 private:
  /// A global vector of this DMDA in natural order on rank 0 of `comm`. Collective.
  std::vector<double> gather_natural(Vec global) const;

  MPI_Comm comm_;
  DM dm_ = nullptr;
  Vec global_ = nullptr, local_ = nullptr;
  std::vector<double> Q_, P_;
  std::vector<double> neighbours_;  ///< Σ_{c'∈nn(c)} Q_c' of the current state, PeriodicLattice's order
  std::vector<std::uint64_t> row_first_cell_;  ///< natural index of each owned row's first cell
  PetscInt xs_ = 0, ys_ = 0, zs_ = 0, xm_ = 1, ym_ = 1, zm_ = 1;  ///< owned box
  GhostedBox box_;  ///< the owned box in the ghosted array
  int dimension_;
  std::uint64_t cell_count_;
  std::uint64_t first_id_ = 0;  ///< ℓ M: the noise id of this lattice's cell 0
  BondForce bonds_;
  /// The ensembles' integrator, row by row: each owned row is a run of consecutive cell ids.
  stochastic::LangevinIntegrator<LatticeModeForce<stochastic::ForceTable>> integrator_;
};

}  // namespace metasc::nucleation
