#pragma once
/// What the two distributed lattices share (slab_lattice.hpp for the droplet
/// search, distributed_lattice.hpp for the dynamics): a periodic PETSc DMDA of
/// one value per cell (star stencil of width 1) and the nearest-neighbour sums
/// read from its ghosted local array.
#include <petscdmda.h>

#include <cstddef>
#include <vector>

namespace metasc::nucleation {

/// A periodic DMDA over `lengths`, the lattice's extents slowest first (as
/// PeriodicLattice's): DMDA axis x, the contiguous one, is the last extent.
/// `slowest_ranges` gives each rank's cells along the slowest extent (one
/// entry per rank of `comm`, the other axes unsplit), or is empty for PETSc's
/// own split of every axis. No lengths: a single cell without neighbours.
/// Every length must be ≥ 2 (a periodic ghost needs a neighbour other than the
/// cell itself; the callers check). Collective; the caller destroys the DM.
DM create_periodic_dmda(MPI_Comm comm, const std::vector<PetscInt>& lengths,
                        const std::vector<PetscInt>& slowest_ranges);

/// A rank's owned box inside its ghosted one, as the neighbour sums read it:
/// owned row r (the cells along x) sits at (y, z) = (r mod plane_rows,
/// r / plane_rows), and a periodic DMDA has one ghost layer on both sides of
/// every axis.
struct GhostedBox {
  std::size_t axes = 0;               ///< lattice axes, 0 to 3
  std::size_t row = 1;                ///< owned cells along x
  std::size_t plane_rows = 1;         ///< owned rows along y
  std::size_t rows = 1;               ///< owned rows in all
  std::ptrdiff_t strides[2] = {1, 1};  ///< of the ghosted array along y and z (x: 1)

  /// The box of this rank in `dm`, a DMDA of `axes` axes.
  static GhostedBox of(DM dm, std::size_t axes);
};

/// sum[i] = Σ_{c'∈nn(i)} x[c'] for the owned cells (box.axes ≥ 1), from the
/// ghosted array of `fields` interleaved values per cell; sum holds
/// row·rows·fields values, interleaved likewise. Added in PeriodicLattice::neighbour_sum's order
/// (fastest axis first), so every split gives the same bits.
void neighbour_sums_from_ghosts(const GhostedBox& box, const double* ghosted, std::size_t fields, double* sum);

}  // namespace metasc::nucleation
