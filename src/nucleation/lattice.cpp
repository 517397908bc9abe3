#include "metasc/nucleation/lattice.hpp"

#include <cmath>
#include <cstring>

#include "metasc/multiply_add.hpp"
#include "metasc/parallel/petsc_check.hpp"

namespace metasc::nucleation {

std::int64_t LatticeShape::cell_count() const {
  std::int64_t count = 1;
  for (const auto length : cells) count *= length;
  return count;
}

namespace {

/// max V'' + 4dκ [meV]: the curvature of the lattice's highest (checkerboard) mode.
double stiffest_curvature_meV(const stochastic::ForceTable& force, const LatticeShape& shape) {
  return force.max_curvature_meV() + 4.0 * static_cast<double>(shape.cells.size()) * shape.stiffness_meV;
}

/// The lattice's affine BAOAB/GJF step (integrator.hpp's StepMap) with the force
/// F = a − (ω/ħ)(V'(Q) + κ Σ_nn (Q − Q')): one vectorised pass over the owned cells.
/// Not inlined, for the reason LangevinIntegrator::step gives.
[[gnu::noinline]] void advance(double* __restrict Q, double* __restrict P, const double* __restrict coupling,
                               const double* __restrict xi, std::size_t n, const stochastic::StepMap m,
                               const stochastic::ForceTable::SlopeKernel force, double stiffness_meV,
                               double drive_per_ps2) {
#pragma omp simd
  for (std::size_t i = 0; i < n; ++i) {
    const double f =
        multiply_add(-m.force_scale, multiply_add(stiffness_meV, coupling[i], force.slope(Q[i])), drive_per_ps2);
    const double p = P[i];
    Q[i] = multiply_add(m.q_from_noise, xi[i], multiply_add(m.q_from_force, f, multiply_add(m.q_from_p, p, Q[i])));
    P[i] = multiply_add(m.p_from_noise, xi[i], multiply_add(m.p_from_force, f, m.p_from_p * p));
  }
}

}  // namespace

Lattice::Lattice(MPI_Comm comm, const LatticeShape& shape, stochastic::Scheme scheme,
                 const stochastic::Oscillator& oscillator, double dt_ps, stochastic::ForceTable force,
                 std::uint64_t seed)
    : dimension_(static_cast<int>(shape.cells.size())),
      cell_count_(static_cast<std::uint64_t>(shape.cell_count())),
      map_(stochastic::StepMap::make(scheme, oscillator, dt_ps, stiffest_curvature_meV(force, shape))),
      force_(std::move(force)),
      noise_(seed, stochastic::Stream::langevin_noise),
      oscillator_(oscillator),
      seed_(seed),
      stiffness_meV_(shape.stiffness_meV) {
  const auto length = [&](int axis) { return static_cast<PetscInt>(shape.cells[static_cast<std::size_t>(axis)]); };
  const auto periodic = DM_BOUNDARY_PERIODIC;
  if (dimension_ == 1) {
    PETSC_CHECK(DMDACreate1d(comm, periodic, length(0), 1, 1, nullptr, &dm_));
  } else if (dimension_ == 2) {
    PETSC_CHECK(DMDACreate2d(comm, periodic, periodic, DMDA_STENCIL_STAR, length(0), length(1), PETSC_DECIDE,
                             PETSC_DECIDE, 1, 1, nullptr, nullptr, &dm_));
  } else {
    PETSC_CHECK(DMDACreate3d(comm, periodic, periodic, periodic, DMDA_STENCIL_STAR, length(0), length(1), length(2),
                             PETSC_DECIDE, PETSC_DECIDE, PETSC_DECIDE, 1, 1, nullptr, nullptr, nullptr, &dm_));
  }
  PETSC_CHECK(DMSetUp(dm_));
  PETSC_CHECK(DMCreateGlobalVector(dm_, &global_));
  PETSC_CHECK(DMCreateLocalVector(dm_, &local_));
  PETSC_CHECK(DMDAGetCorners(dm_, &xs_, &ys_, &zs_, &xm_, &ym_, &zm_));
  PETSC_CHECK(DMDAGetGhostCorners(dm_, &gxs_, &gys_, &gzs_, &gxm_, &gym_, &gzm_));
  const auto owned = static_cast<std::size_t>(xm_ * ym_ * zm_);
  Q_.assign(owned, 0.0);
  P_.assign(owned, 0.0);
  coupling_.assign(owned, 0.0);
  xi_.assign(owned, 0.0);
  const std::uint64_t L1 = static_cast<std::uint64_t>(length(0));
  const std::uint64_t L2 = dimension_ > 1 ? static_cast<std::uint64_t>(length(1)) : 1;
  for (PetscInt z = zs_; z < zs_ + zm_; ++z)
    for (PetscInt y = ys_; y < ys_ + ym_; ++y)
      row_first_cell_.push_back((static_cast<std::uint64_t>(z) * L2 + static_cast<std::uint64_t>(y)) * L1 +
                                static_cast<std::uint64_t>(xs_));
}

Lattice::~Lattice() {
  // Destructors do not throw: a failing destroy at the end of a run changes nothing.
  VecDestroy(&local_);
  VecDestroy(&global_);
  DMDestroy(&dm_);
}

void Lattice::thermal_start(std::uint64_t lattice_index, double Q0, double curvature_meV) {
  first_id_ = lattice_index * cell_count_;
  const stochastic::NormalStream draws(seed_, stochastic::Stream::initial_state);
  const double sigma_Q = std::sqrt(oscillator_.kT_meV / (oscillator_.domain_sites * curvature_meV));
  const double sigma_P = std::sqrt(stochastic::momentum_variance(oscillator_));
  const std::size_t row = static_cast<std::size_t>(xm_);
  for (std::size_t r = 0; r < row_first_cell_.size(); ++r) {
    for (std::size_t i = 0; i < row; ++i) {
      const std::uint64_t id = first_id_ + row_first_cell_[r] + i;
      Q_[r * row + i] = Q0 + sigma_Q * draws.normal(id, 0, 0);
      // BAOAB's stored momentum is exactly Boltzmann (integrator.hpp): draw it directly.
      P_[r * row + i] = sigma_P * draws.normal(id, 0, 1);
    }
  }
}

void Lattice::step(std::uint64_t step_index, double drive_per_ps2) {
  neighbour_sums();
  const std::size_t row = static_cast<std::size_t>(xm_);
  if (map_.noisy) {
    for (std::size_t r = 0; r < row_first_cell_.size(); ++r) {
      noise_.fill(xi_.data() + r * row, row, first_id_ + row_first_cell_[r], step_index);
    }
  }
  advance(Q_.data(), P_.data(), coupling_.data(), xi_.data(), Q_.size(), map_, force_.slope_kernel(), stiffness_meV_,
          drive_per_ps2);
}

std::vector<double> Lattice::gather_Q() const {
  copy_to_global();
  Vec natural = nullptr, on_root = nullptr;
  VecScatter scatter = nullptr;
  PETSC_CHECK(DMDACreateNaturalVector(dm_, &natural));
  PETSC_CHECK(DMDAGlobalToNaturalBegin(dm_, global_, INSERT_VALUES, natural));
  PETSC_CHECK(DMDAGlobalToNaturalEnd(dm_, global_, INSERT_VALUES, natural));
  PETSC_CHECK(VecScatterCreateToZero(natural, &scatter, &on_root));
  PETSC_CHECK(VecScatterBegin(scatter, natural, on_root, INSERT_VALUES, SCATTER_FORWARD));
  PETSC_CHECK(VecScatterEnd(scatter, natural, on_root, INSERT_VALUES, SCATTER_FORWARD));
  PetscInt size = 0;
  PETSC_CHECK(VecGetLocalSize(on_root, &size));
  const double* values = nullptr;
  PETSC_CHECK(VecGetArrayRead(on_root, &values));
  std::vector<double> Q(values, values + size);
  PETSC_CHECK(VecRestoreArrayRead(on_root, &values));
  PETSC_CHECK(VecScatterDestroy(&scatter));
  PETSC_CHECK(VecDestroy(&on_root));
  PETSC_CHECK(VecDestroy(&natural));
  return Q;
}

void Lattice::copy_to_global() const {
  double* values = nullptr;
  PETSC_CHECK(VecGetArray(global_, &values));
  std::memcpy(values, Q_.data(), Q_.size() * sizeof(double));
  PETSC_CHECK(VecRestoreArray(global_, &values));
}

void Lattice::neighbour_sums() {
  copy_to_global();
  PETSC_CHECK(DMGlobalToLocalBegin(dm_, global_, INSERT_VALUES, local_));
  PETSC_CHECK(DMGlobalToLocalEnd(dm_, global_, INSERT_VALUES, local_));
  const double* ghosted = nullptr;
  PETSC_CHECK(VecGetArrayRead(local_, &ghosted));
  // Strides of the ghosted box; an absent axis has stride 0 and contributes nothing.
  const std::ptrdiff_t strides[3] = {1, dimension_ > 1 ? gxm_ : 0, dimension_ > 2 ? gxm_ * gym_ : 0};
  const std::size_t row = static_cast<std::size_t>(xm_);
  std::size_t out = 0;
  for (PetscInt z = zs_; z < zs_ + zm_; ++z) {
    for (PetscInt y = ys_; y < ys_ + ym_; ++y, out += row) {
      const double* __restrict q = ghosted + ((z - gzs_) * gym_ + (y - gys_)) * gxm_ + (xs_ - gxs_);
      double* __restrict sum = coupling_.data() + out;
      for (std::size_t i = 0; i < row; ++i) sum[i] = 0.0;
      for (int axis = 0; axis < dimension_; ++axis) {
        const std::ptrdiff_t s = strides[axis];
        for (std::size_t i = 0; i < row; ++i) {
          const auto c = static_cast<std::ptrdiff_t>(i);
          sum[i] += 2.0 * q[c] - q[c + s] - q[c - s];
        }
      }
    }
  }
  PETSC_CHECK(VecRestoreArrayRead(local_, &ghosted));
}
}  // namespace metasc::nucleation
