#include "metasc/nucleation/periodic_dmda.hpp"

#include "metasc/parallel/petsc_check.hpp"

namespace metasc::nucleation {

DM create_periodic_dmda(MPI_Comm comm, const std::vector<PetscInt>& lengths,
                        const std::vector<PetscInt>& slowest_ranges) {
  const bool split = !slowest_ranges.empty();
  const PetscInt* ranges = split ? slowest_ranges.data() : nullptr;
  const PetscInt unsplit = split ? 1 : PETSC_DECIDE;
  const PetscInt slowest_ranks = split ? static_cast<PetscInt>(slowest_ranges.size()) : PETSC_DECIDE;
  const auto periodic = DM_BOUNDARY_PERIODIC;
  DM dm = nullptr;
  if (lengths.empty()) {
    PETSC_CHECK(DMDACreate1d(comm, DM_BOUNDARY_NONE, 1, 1, 0, nullptr, &dm));
  } else if (lengths.size() == 1) {
    PETSC_CHECK(DMDACreate1d(comm, periodic, lengths[0], 1, 1, ranges, &dm));
  } else if (lengths.size() == 2) {
    PETSC_CHECK(DMDACreate2d(comm, periodic, periodic, DMDA_STENCIL_STAR, lengths[1], lengths[0], unsplit,
                             slowest_ranks, 1, 1, nullptr, ranges, &dm));
  } else {
    PETSC_CHECK(DMDACreate3d(comm, periodic, periodic, periodic, DMDA_STENCIL_STAR, lengths[2], lengths[1], lengths[0],
                             unsplit, unsplit, slowest_ranks, 1, 1, nullptr, nullptr, ranges, &dm));
  }
  PETSC_CHECK(DMSetUp(dm));
  return dm;
}

GhostedBox GhostedBox::of(DM dm, std::size_t axes) {
  PetscInt xs = 0, ys = 0, zs = 0, xm = 1, ym = 1, zm = 1, gxs = 0, gys = 0, gzs = 0, gxm = 1, gym = 1, gzm = 1;
  PETSC_CHECK(DMDAGetCorners(dm, &xs, &ys, &zs, &xm, &ym, &zm));
  PETSC_CHECK(DMDAGetGhostCorners(dm, &gxs, &gys, &gzs, &gxm, &gym, &gzm));
  GhostedBox box;
  box.axes = axes;
  box.row = static_cast<std::size_t>(xm);
  box.plane_rows = static_cast<std::size_t>(ym);
  box.rows = static_cast<std::size_t>(ym * zm);
  box.strides[0] = gxm;
  box.strides[1] = gxm * gym;
  return box;
}

void neighbour_sums_from_ghosts(const GhostedBox& box, const double* ghosted, std::size_t fields, double* sum) {
  // A row of interleaved fields is one contiguous run, the neighbours `fields` values apart.
  const auto f = static_cast<std::ptrdiff_t>(fields);
  const std::size_t run = box.row * fields;
  for (std::size_t r = 0; r < box.rows; ++r) {
    const auto y = static_cast<std::ptrdiff_t>(r % box.plane_rows);
    const auto z = static_cast<std::ptrdiff_t>(r / box.plane_rows);
    std::ptrdiff_t start = 1;
    if (box.axes >= 2) start += (y + 1) * box.strides[0];
    if (box.axes == 3) start += (z + 1) * box.strides[1];
    const double* __restrict q = ghosted + start * f;
    double* __restrict s = sum + r * run;
#pragma omp simd
    for (std::size_t i = 0; i < run; ++i) {
      const auto c = static_cast<std::ptrdiff_t>(i);
      s[i] = q[c - f] + q[c + f];
    }
    for (std::size_t axis = 1; axis < box.axes; ++axis) {
      const std::ptrdiff_t stride = box.strides[axis - 1] * f;
#pragma omp simd
      for (std::size_t i = 0; i < run; ++i) {
        const auto c = static_cast<std::ptrdiff_t>(i);
        s[i] += q[c + stride] + q[c - stride];
      }
    }
  }
}

}  // namespace metasc::nucleation
