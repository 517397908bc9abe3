#pragma once
/// A periodic lattice (lattice.hpp) whose cells are split over ranks in whole
/// slabs of its first (slowest) extent, on a PETSc DMDA (star stencil of width
/// 1, periodic): neighbour sums by ghost exchange, and sums over all cells that
/// do not depend on the split. The critical-droplet search (critical_droplet.hpp)
/// runs on it, so its result is the same bits on every rank count.
///
/// Why slabs: a rank's cells are then one contiguous run of the row-major
/// (natural) order, and every sum over cells is formed as one partial sum per
/// slab — the same partials on any split — gathered in slab order to every
/// rank and added there in that order. No floating-point sum is reduced by MPI.
/// Maxima are exact in any order and are reduced directly.
///
/// An axis of extent 1 holds bonds of zero length (lattice.hpp): it adds
/// nothing to the energy or its derivatives and is dropped, so `bonded_axes()`
/// counts the other axes. The slabs are those of the first extent
/// above 1. With more ranks than slabs the extra ranks own no cell and take no
/// part (`takes_part()` is false); the rest form `comm()`.
#include <petscdmda.h>

#include <cstdint>
#include <vector>

#include "metasc/nucleation/periodic_dmda.hpp"

namespace metasc::nucleation {

/// How SlabLattice splits a lattice (its file comment), without building it.
struct SlabSplit {
  std::uint64_t cells = 1;               ///< M, every cell
  std::vector<PetscInt> kept;            ///< the extents above 1, slowest first: the DMDA's axes
  std::size_t slab_cells = 1;            ///< cells of one slab: the product of the extents after the split one
  std::vector<PetscInt> slabs_of_rank;   ///< slabs of each rank taking part; rank 0 holds the most
};

class SlabLattice {
 public:
  /// The split of `extents` over `ranks` ranks. Throws metasc::Error for
  /// extents PeriodicLattice refuses.
  static SlabSplit split(const std::vector<std::int64_t>& extents, int ranks);

  /// Collective on `comm`. Throws metasc::Error for extents PeriodicLattice refuses.
  SlabLattice(MPI_Comm comm, const std::vector<std::int64_t>& extents);
  ~SlabLattice();
  SlabLattice(const SlabLattice&) = delete;
  SlabLattice& operator=(const SlabLattice&) = delete;

  /// Whether this rank owns cells; only those call the collective members below.
  bool takes_part() const { return dm_ != nullptr; }
  /// The ranks owning cells, rank 0 of the constructor's `comm` first.
  MPI_Comm comm() const { return comm_; }
  /// M, every cell of the lattice.
  std::uint64_t cells() const { return cells_; }
  /// The axes of extent above 1, those whose bonds count.
  std::size_t bonded_axes() const { return kept_axes_; }

  /// Owned cells: natural cells first_cell() … first_cell() + owned() − 1, in that order.
  std::size_t owned() const { return static_cast<std::size_t>(slabs_) * slab_cells_; }
  std::uint64_t first_cell() const { return static_cast<std::uint64_t>(first_slab_) * slab_cells_; }
  /// Owned slabs; slab s holds owned cells s·slab_cells() … (s+1)·slab_cells() − 1.
  std::size_t slabs() const { return static_cast<std::size_t>(slabs_); }
  std::size_t slab_cells() const { return slab_cells_; }

  /// sum[i] = Σ_{c'∈nn(i)} x[c'] for the owned cells, x and sum of owned()
  /// values each (not overlapping). Collective.
  void neighbour_sum(const double* x, double* sum);
  /// The same for `count` vectors x[f] → sums[f] in one ghost exchange (a DMDA of
  /// `count` interleaved fields, kept for the next call of the same count). Collective.
  void neighbour_sums(std::size_t count, const double* const* x, double* const* sums);
  /// totals[k] = Σ over every slab of the lattice, in slab order, of
  /// partials[k·slabs() + s], the owned slabs' partial sums of `count` quantities;
  /// with `largest`, *largest becomes the ranks' largest in the same gathering. Collective.
  std::vector<double> totals(const std::vector<double>& partials, std::size_t count,
                             double* largest = nullptr) const;
  /// The largest of the ranks' values. Collective.
  double max(double local) const;
  /// The owned values of every rank, in natural order, on rank 0 of comm() (empty elsewhere). Collective.
  std::vector<double> gather(const std::vector<double>& owned_values) const;

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  DM dm_ = nullptr;
  Vec global_ = nullptr, local_ = nullptr;
  DM fields_dm_ = nullptr;
  Vec fields_global_ = nullptr, fields_local_ = nullptr;
  std::size_t fields_ = 0;
  std::vector<double> fields_sum_;
  std::uint64_t cells_ = 1;
  std::size_t kept_axes_ = 0;
  std::size_t slab_cells_ = 1;                ///< cells of one slab: the product of the later extents
  std::vector<PetscInt> slabs_of_rank_;       ///< slabs owned by each rank of comm()
  PetscInt first_slab_ = 0, slabs_ = 0;
  GhostedBox box_;                            ///< the owned cells in the ghosted array
};

}  // namespace metasc::nucleation
