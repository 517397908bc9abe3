#include "metasc/nucleation/slab_lattice.hpp"

#include <algorithm>
#include <utility>

#include "metasc/nucleation/lattice.hpp"
#include "metasc/nucleation/periodic_dmda.hpp"
#include "metasc/parallel/petsc_check.hpp"

namespace metasc::nucleation {

SlabSplit SlabLattice::split(const std::vector<std::int64_t>& extents, int ranks) {
  const PeriodicLattice lattice(extents);  // validates the extents
  SlabSplit split;
  split.cells = lattice.cells();
  for (const auto extent : extents) {
    if (extent > 1) split.kept.push_back(static_cast<PetscInt>(extent));
  }
  const PetscInt slab_count = split.kept.empty() ? 1 : split.kept.front();
  split.slab_cells = static_cast<std::size_t>(split.cells / static_cast<std::uint64_t>(slab_count));
  // Each rank owns at least one slab, at least the ghost width of a periodic DMDA.
  const auto taking_part = std::min<PetscInt>(std::max(ranks, 1), slab_count);
  // An even split, the first slab_count mod ranks ranks holding one more.
  for (PetscInt r = 0; r < taking_part; ++r) {
    split.slabs_of_rank.push_back(slab_count / taking_part + (r < slab_count % taking_part ? 1 : 0));
  }
  return split;
}

SlabLattice::SlabLattice(MPI_Comm comm, const std::vector<std::int64_t>& extents) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  SlabSplit split = SlabLattice::split(extents, size);
  cells_ = split.cells;
  kept_axes_ = split.kept.size();
  slab_cells_ = split.slab_cells;
  const auto ranks = static_cast<int>(split.slabs_of_rank.size());
  MPI_Comm_split(comm, rank < ranks ? 0 : MPI_UNDEFINED, rank, &comm_);
  if (comm_ == MPI_COMM_NULL) return;
  slabs_of_rank_ = std::move(split.slabs_of_rank);

  dm_ = create_periodic_dmda(comm_, split.kept, slabs_of_rank_);
  PETSC_CHECK(DMCreateGlobalVector(dm_, &global_));
  PETSC_CHECK(DMCreateLocalVector(dm_, &local_));
  box_ = GhostedBox::of(dm_, kept_axes_);
  first_slab_ = 0;
  for (int r = 0; r < rank; ++r) first_slab_ += slabs_of_rank_[static_cast<std::size_t>(r)];
  slabs_ = slabs_of_rank_[static_cast<std::size_t>(rank)];
}

SlabLattice::~SlabLattice() {
  // Destructors do not throw: a failing destroy at the end of a search changes nothing.
  VecDestroy(&fields_local_);
  VecDestroy(&fields_global_);
  DMDestroy(&fields_dm_);
  VecDestroy(&local_);
  VecDestroy(&global_);
  DMDestroy(&dm_);
  if (comm_ != MPI_COMM_NULL) MPI_Comm_free(&comm_);
}

void SlabLattice::neighbour_sum(const double* x, double* sum) {
  if (kept_axes_ == 0) {
    std::fill_n(sum, owned(), 0.0);
    return;
  }
  // The global vector reads x in place (the DMDA's local order is the natural order).
  PETSC_CHECK(VecPlaceArray(global_, x));
  PETSC_CHECK(DMGlobalToLocalBegin(dm_, global_, INSERT_VALUES, local_));
  PETSC_CHECK(DMGlobalToLocalEnd(dm_, global_, INSERT_VALUES, local_));
  PETSC_CHECK(VecResetArray(global_));
  const double* ghosted = nullptr;
  PETSC_CHECK(VecGetArrayRead(local_, &ghosted));
  neighbour_sums_from_ghosts(box_, ghosted, 1, sum);
  PETSC_CHECK(VecRestoreArrayRead(local_, &ghosted));
}

void SlabLattice::neighbour_sums(std::size_t count, const double* const* x, double* const* sums) {
  if (kept_axes_ == 0) {
    for (std::size_t f = 0; f < count; ++f) std::fill_n(sums[f], owned(), 0.0);
    return;
  }
  if (fields_ != count) {
    VecDestroy(&fields_local_);
    VecDestroy(&fields_global_);
    DMDestroy(&fields_dm_);
    PETSC_CHECK(DMDACreateCompatibleDMDA(dm_, static_cast<PetscInt>(count), &fields_dm_));
    PETSC_CHECK(DMCreateGlobalVector(fields_dm_, &fields_global_));
    PETSC_CHECK(DMCreateLocalVector(fields_dm_, &fields_local_));
    fields_ = count;
  }
  double* interleaved = nullptr;
  PETSC_CHECK(VecGetArray(fields_global_, &interleaved));
  for (std::size_t i = 0; i < owned(); ++i) {
    for (std::size_t f = 0; f < count; ++f) interleaved[i * count + f] = x[f][i];
  }
  PETSC_CHECK(VecRestoreArray(fields_global_, &interleaved));
  PETSC_CHECK(DMGlobalToLocalBegin(fields_dm_, fields_global_, INSERT_VALUES, fields_local_));
  PETSC_CHECK(DMGlobalToLocalEnd(fields_dm_, fields_global_, INSERT_VALUES, fields_local_));
  const double* ghosted = nullptr;
  PETSC_CHECK(VecGetArrayRead(fields_local_, &ghosted));
  fields_sum_.resize(owned() * count);
  neighbour_sums_from_ghosts(box_, ghosted, count, fields_sum_.data());
  PETSC_CHECK(VecRestoreArrayRead(fields_local_, &ghosted));
  for (std::size_t i = 0; i < owned(); ++i) {
    for (std::size_t f = 0; f < count; ++f) sums[f][i] = fields_sum_[i * count + f];
  }
}

std::vector<double> SlabLattice::totals(const std::vector<double>& partials, std::size_t count,
                                        double* largest) const {
  // Each rank's piece: its slabs' partials, then its *largest when asked.
  const int extra = largest != nullptr ? 1 : 0;
  const auto ranks = slabs_of_rank_.size();
  std::vector<int> counts(ranks), offsets(ranks, 0);
  for (std::size_t r = 0; r < ranks; ++r) {
    counts[r] = static_cast<int>(count) * static_cast<int>(slabs_of_rank_[r]) + extra;
    if (r > 0) offsets[r] = offsets[r - 1] + counts[r - 1];
  }
  std::vector<double> piece(partials);
  if (largest != nullptr) piece.push_back(*largest);
  std::vector<double> all(static_cast<std::size_t>(offsets.back() + counts.back()));
  MPI_Allgatherv(piece.data(), static_cast<int>(piece.size()), MPI_DOUBLE, all.data(), counts.data(),
                 offsets.data(), MPI_DOUBLE, comm_);
  std::vector<double> sums(count, 0.0);
  for (std::size_t k = 0; k < count; ++k) {
    for (std::size_t r = 0; r < ranks; ++r) {
      const auto slabs = static_cast<std::size_t>(slabs_of_rank_[r]);
      const double* slab = all.data() + offsets[r] + k * slabs;
      for (std::size_t s = 0; s < slabs; ++s) sums[k] += slab[s];
    }
  }
  if (largest != nullptr) {
    for (std::size_t r = 0; r < ranks; ++r) {
      *largest = std::max(*largest, all[static_cast<std::size_t>(offsets[r] + counts[r] - 1)]);
    }
  }
  return sums;
}

double SlabLattice::max(double local) const {
  double largest = local;
  MPI_Allreduce(&local, &largest, 1, MPI_DOUBLE, MPI_MAX, comm_);
  return largest;
}

std::vector<double> SlabLattice::gather(const std::vector<double>& owned_values) const {
  const auto ranks = slabs_of_rank_.size();
  std::vector<int> counts(ranks), offsets(ranks, 0);
  for (std::size_t r = 0; r < ranks; ++r) {
    counts[r] = static_cast<int>(slabs_of_rank_[r]) * static_cast<int>(slab_cells_);
    if (r > 0) offsets[r] = offsets[r - 1] + counts[r - 1];
  }
  int rank = 0;
  MPI_Comm_rank(comm_, &rank);
  std::vector<double> gathered(rank == 0 ? cells_ : 0);
  MPI_Gatherv(owned_values.data(), static_cast<int>(owned_values.size()), MPI_DOUBLE, gathered.data(), counts.data(),
              offsets.data(), MPI_DOUBLE, 0, comm_);
  return gathered;
}

}  // namespace metasc::nucleation
