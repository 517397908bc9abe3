#pragma once
/// One periodic lattice of coherent domains (PHYSICS.md §8) distributed over
/// the ranks by a PETSc DMDA (star stencil of width 1, periodic in every
/// direction): each cell c carries the §5 coordinate (Q_c, P_c), the
/// neighbour force κ Σ_{c'∈nn(c)} (Q_c − Q_c') enters the force (B) step of
/// the Langevin scheme, and the pump a(t) is one number for all cells.
/// The noise of cell c of lattice ℓ at step n is NormalStream(seed,
/// langevin_noise).normal(ℓ M + c, n), c the natural (x-fastest) global index:
/// a lattice's history does not depend on the rank count.
/// Q in oscillator lengths, P = dQ/dt [1/ps] (stored convention, integrator.hpp).
#include <petscdmda.h>

#include <cstdint>
#include <vector>

#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/integrator.hpp"
#include "metasc/stochastic/rng.hpp"

namespace metasc::nucleation {

struct LatticeShape {
  std::vector<std::int64_t> cells;  ///< L_1[, L_2[, L_3]]
  double stiffness_meV;             ///< κ ≥ 0
  std::int64_t cell_count() const;
};

class Lattice {
 public:
  /// Collective on `comm`. The step map is built for the stiffest mode,
  /// max V'' + 4dκ, so an unstable dt throws ConfigError naming langevin.dt_ps.
  Lattice(MPI_Comm comm, const LatticeShape& shape, stochastic::Scheme scheme, const stochastic::Oscillator& oscillator,
          double dt_ps, stochastic::ForceTable force, std::uint64_t seed);
  ~Lattice();
  Lattice(const Lattice&) = delete;
  Lattice& operator=(const Lattice&) = delete;

  /// Thermal start of lattice `lattice_index` around Q0: Q_c = Q0 + σ_Q ξ, P_c = σ_P ξ'
  /// (independent cells, σ_Q² = k_BT/(N_s curvature_meV)), the draws keyed by the global cell.
  void thermal_start(std::uint64_t lattice_index, double Q0, double curvature_meV);

  /// One step t_n → t_n + dt with a(t_n) = `drive_per_ps2`. Collective (ghost exchange).
  void step(std::uint64_t step_index, double drive_per_ps2);

  /// The cells this rank owns, in the DMDA's local order (x fastest).
  std::size_t owned() const { return P_.size(); }
  const double* Q() const { return Q_.data(); }
  const double* P() const { return P_.data(); }

  /// Every cell's Q in natural order, on rank 0 of `comm` (empty elsewhere). Collective.
  std::vector<double> gather_Q() const;

  const stochastic::StepMap& step_map() const { return map_; }
  const stochastic::ForceTable& force() const { return force_; }

 private:
  /// coupling_[i] = Σ_{c'∈nn(c)} (Q_c − Q_c') for every owned cell, from the ghosted copy.
  void neighbour_sums();
  /// Q_ into the DMDA's global vector (owned entries, same local order).
  void copy_to_global() const;

  DM dm_ = nullptr;
  Vec global_ = nullptr, local_ = nullptr;
  std::vector<double> Q_, P_, coupling_, xi_;
  std::vector<std::uint64_t> row_first_cell_;  ///< natural index of each owned row's first cell
  PetscInt xs_ = 0, ys_ = 0, zs_ = 0, xm_ = 1, ym_ = 1, zm_ = 1;  ///< owned box
  PetscInt gxs_ = 0, gys_ = 0, gzs_ = 0, gxm_ = 1, gym_ = 1, gzm_ = 1;  ///< ghosted box
  int dimension_;
  std::uint64_t cell_count_;
  std::uint64_t first_id_ = 0;  ///< ℓ M: the noise id of this lattice's cell 0
  stochastic::StepMap map_;
  stochastic::ForceTable force_;
  stochastic::NormalStream noise_;
  stochastic::Oscillator oscillator_;
  std::uint64_t seed_;
  double stiffness_meV_;
};

}  // namespace metasc::nucleation
