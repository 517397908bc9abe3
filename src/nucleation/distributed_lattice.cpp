#include "metasc/nucleation/distributed_lattice.hpp"

#include <algorithm>
#include <functional>
#include <numeric>
#include <string>

#include "metasc/error.hpp"
#include "metasc/nucleation/periodic_dmda.hpp"
#include "metasc/parallel/petsc_check.hpp"

namespace metasc::nucleation {

DistributedLattice::DistributedLattice(MPI_Comm comm, const LatticeShape& shape, stochastic::Scheme scheme,
                 const stochastic::Oscillator& oscillator, double dt_ps, stochastic::ForceTable force,
                 std::uint64_t seed)
    : comm_(comm),
      dimension_(static_cast<int>(shape.cells.size())),
      cell_count_(static_cast<std::uint64_t>(
          std::accumulate(shape.cells.begin(), shape.cells.end(), std::int64_t{1}, std::multiplies<>()))),
      bonds_{.stiffness_meV = shape.stiffness_meV, .dimension = shape.cells.size()},
      integrator_(scheme, oscillator, dt_ps,
                  LatticeModeForce<stochastic::ForceTable>{std::move(force), bonds_.max_curvature_meV()}, seed) {
  // DMDA axis 0 (x, contiguous) is the lattice's last extent.
  const auto length = [&](int axis) {
    return static_cast<PetscInt>(shape.cells[shape.cells.size() - 1 - static_cast<std::size_t>(axis)]);
  };
  for (const auto extent : shape.cells) {
    // A periodic ghost of width 1 needs a neighbour other than the cell itself.
    if (extent < 2) throw Error("DistributedLattice: every extent must be >= 2 (got " + std::to_string(extent) + ")");
  }
  dm_ = create_periodic_dmda(comm, std::vector<PetscInt>(shape.cells.begin(), shape.cells.end()), {});
  PETSC_CHECK(DMCreateGlobalVector(dm_, &global_));
  PETSC_CHECK(DMCreateLocalVector(dm_, &local_));
  PETSC_CHECK(DMDAGetCorners(dm_, &xs_, &ys_, &zs_, &xm_, &ym_, &zm_));
  box_ = GhostedBox::of(dm_, static_cast<std::size_t>(dimension_));
  const auto owned = static_cast<std::size_t>(xm_ * ym_ * zm_);
  Q_.assign(owned, 0.0);
  // The global vector reads Q_ in place (same local order): no copy before each ghost exchange.
  // Q_ is never resized, so the storage stays put.
  PETSC_CHECK(VecPlaceArray(global_, Q_.data()));
  P_.assign(owned, 0.0);
  neighbours_.assign(owned, 0.0);
  const std::uint64_t L1 = static_cast<std::uint64_t>(length(0));
  const std::uint64_t L2 = dimension_ > 1 ? static_cast<std::uint64_t>(length(1)) : 1;
  for (PetscInt z = zs_; z < zs_ + zm_; ++z)
    for (PetscInt y = ys_; y < ys_ + ym_; ++y)
      row_first_cell_.push_back((static_cast<std::uint64_t>(z) * L2 + static_cast<std::uint64_t>(y)) * L1 +
                                static_cast<std::uint64_t>(xs_));
}

DistributedLattice::~DistributedLattice() {
  // Destructors do not throw: a failing destroy at the end of a run changes nothing.
  VecResetArray(global_);
  VecDestroy(&local_);
  VecDestroy(&global_);
  DMDestroy(&dm_);
}

void DistributedLattice::set_state(std::uint64_t lattice_index, const std::vector<double>& Q,
                                   const std::vector<double>& P) {
  begin_lattice(lattice_index);
  const std::size_t row = static_cast<std::size_t>(xm_);
  for (std::size_t r = 0; r < row_first_cell_.size(); ++r) {
    std::copy_n(Q.begin() + static_cast<std::ptrdiff_t>(row_first_cell_[r]), row, Q_.begin() + static_cast<std::ptrdiff_t>(r * row));
    std::copy_n(P.begin() + static_cast<std::ptrdiff_t>(row_first_cell_[r]), row, P_.begin() + static_cast<std::ptrdiff_t>(r * row));
  }
  couple();
}

void DistributedLattice::step(std::uint64_t step_index, double drive_per_ps2) {
  const std::size_t row = static_cast<std::size_t>(xm_);
  // LatticeDynamics::step's force on each owned row: the same bits as the whole lattice.
  for (std::size_t r = 0; r < row_first_cell_.size(); ++r) {
    integrator_.step_coupled(Q_.data() + r * row, P_.data() + r * row, row, first_id_ + row_first_cell_[r], step_index,
                             drive_per_ps2, bonds_.on(neighbours_.data() + r * row));
  }
  couple();
}

void DistributedLattice::sum_over_ranks(std::vector<std::int64_t>& counts) const {
  MPI_Allreduce(MPI_IN_PLACE, counts.data(), static_cast<int>(counts.size()), MPI_INT64_T, MPI_SUM, comm_);
}

std::uint64_t DistributedLattice::min_over_ranks(std::uint64_t local) const {
  std::uint64_t smallest = 0;
  MPI_Allreduce(&local, &smallest, 1, MPI_UINT64_T, MPI_MIN, comm_);
  return smallest;
}

std::vector<double> DistributedLattice::gather_Q() const { return gather_natural(global_); }

std::vector<double> DistributedLattice::gather_P() const {
  Vec momenta = nullptr;
  PETSC_CHECK(VecDuplicate(global_, &momenta));
  double* values = nullptr;
  PETSC_CHECK(VecGetArray(momenta, &values));
  std::copy(P_.begin(), P_.end(), values);
  PETSC_CHECK(VecRestoreArray(momenta, &values));
  auto P = gather_natural(momenta);
  PETSC_CHECK(VecDestroy(&momenta));
  return P;
}

bool DistributedLattice::first_rank() const {
  int rank = 0;
  MPI_Comm_rank(comm_, &rank);
  return rank == 0;
}

std::vector<double> DistributedLattice::gather_natural(Vec global) const {
  Vec natural = nullptr, on_root = nullptr;
  VecScatter scatter = nullptr;
  PETSC_CHECK(DMDACreateNaturalVector(dm_, &natural));
  PETSC_CHECK(DMDAGlobalToNaturalBegin(dm_, global, INSERT_VALUES, natural));
  PETSC_CHECK(DMDAGlobalToNaturalEnd(dm_, global, INSERT_VALUES, natural));
  PETSC_CHECK(VecScatterCreateToZero(natural, &scatter, &on_root));
  PETSC_CHECK(VecScatterBegin(scatter, natural, on_root, INSERT_VALUES, SCATTER_FORWARD));
  PETSC_CHECK(VecScatterEnd(scatter, natural, on_root, INSERT_VALUES, SCATTER_FORWARD));
  PetscInt size = 0;
  PETSC_CHECK(VecGetLocalSize(on_root, &size));
  const double* values = nullptr;
  PETSC_CHECK(VecGetArrayRead(on_root, &values));
  std::vector<double> gathered(values, values + size);
  PETSC_CHECK(VecRestoreArrayRead(on_root, &values));
  PETSC_CHECK(VecScatterDestroy(&scatter));
  PETSC_CHECK(VecDestroy(&on_root));
  PETSC_CHECK(VecDestroy(&natural));
  return gathered;
}

void DistributedLattice::couple() {
  PETSC_CHECK(DMGlobalToLocalBegin(dm_, global_, INSERT_VALUES, local_));
  PETSC_CHECK(DMGlobalToLocalEnd(dm_, global_, INSERT_VALUES, local_));
  const double* ghosted = nullptr;
  PETSC_CHECK(VecGetArrayRead(local_, &ghosted));
  neighbour_sums_from_ghosts(box_, ghosted, 1, neighbours_.data());
  PETSC_CHECK(VecRestoreArrayRead(local_, &ghosted));
}

}  // namespace metasc::nucleation
