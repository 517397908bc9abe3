#include "metasc/nucleation/lattice.hpp"

#include <string>

#include "metasc/error.hpp"

namespace metasc::nucleation {

PeriodicLattice::PeriodicLattice(std::vector<std::int64_t> extents) : extents_(std::move(extents)), cells_(1) {
  if (extents_.empty() || extents_.size() > 3) {
    throw Error("PeriodicLattice: 1 to 3 extents needed (got " + std::to_string(extents_.size()) + ")");
  }
  for (const auto extent : extents_) {
    if (extent < 1) throw Error("PeriodicLattice: extents must be >= 1 (got " + std::to_string(extent) + ")");
    cells_ *= static_cast<std::size_t>(extent);
  }
}

std::size_t PeriodicLattice::index(const std::array<std::int64_t, 3>& coordinates) const {
  std::size_t flat = 0;
  for (std::size_t i = 0; i < extents_.size(); ++i) {
    const std::int64_t extent = extents_[i];
    const std::int64_t wrapped = ((coordinates[i] % extent) + extent) % extent;
    flat = flat * static_cast<std::size_t>(extent) + static_cast<std::size_t>(wrapped);
  }
  return flat;
}

void PeriodicLattice::neighbour_sum(const double* __restrict Q, double* __restrict sum) const {
  // The last extent is contiguous: its interior is one vectorised shifted add per row.
  const auto row = static_cast<std::size_t>(extents_.back());
  for (std::size_t start = 0; start < cells_; start += row) {
    const double* q = Q + start;
    double* s = sum + start;
    if (row == 1) {
      s[0] = 2.0 * q[0];
      continue;
    }
    s[0] = q[row - 1] + q[1];
    const std::size_t interior_end = row - 1;
#pragma omp simd
    for (std::size_t j = 1; j < interior_end; ++j) s[j] = q[j - 1] + q[j + 1];
    s[row - 1] = q[row - 2] + q[0];
  }
  // Every other extent moves whole hyper-rows of `stride` contiguous cells.
  std::size_t stride = row;
  for (std::size_t axis = extents_.size() - 1; axis-- > 0;) {
    const auto extent = static_cast<std::size_t>(extents_[axis]);
    const std::size_t slab = extent * stride;
    for (std::size_t start = 0; start < cells_; start += slab) {
      for (std::size_t j = 0; j < extent; ++j) {
        const double* up = Q + start + ((j + 1) % extent) * stride;
        const double* down = Q + start + ((j + extent - 1) % extent) * stride;
        double* s = sum + start + j * stride;
#pragma omp simd
        for (std::size_t k = 0; k < stride; ++k) s[k] += up[k] + down[k];
      }
    }
    stride = slab;
  }
}

}  // namespace metasc::nucleation
