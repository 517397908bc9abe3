#include "metasc/escape/mfpt.hpp"

#include <petscdmda.h>
#include <petscksp.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/parallel/petsc_check.hpp"

namespace metasc::escape {

namespace {

/// Owns one PETSc object and destroys it on scope exit.
template <class T, PetscErrorCode (*destroy)(T*)>
class Owned {
 public:
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    if (object_) destroy(&object_);
  }
  T* out() { return &object_; }
  operator T() const { return object_; }

 private:
  T object_ = nullptr;
};

using OwnedDM = Owned<DM, DMDestroy>;
using OwnedMat = Owned<Mat, MatDestroy>;
using OwnedVec = Owned<Vec, VecDestroy>;
using OwnedKsp = Owned<KSP, KSPDestroy>;
using OwnedIs = Owned<IS, ISDestroy>;
using OwnedScatter = Owned<VecScatter, VecScatterDestroy>;

/// The sequential blocks MatCreateSubMatrices returns, destroyed on scope exit.
struct SubMatrices {
  Mat* matrices = nullptr;
  SubMatrices() = default;
  SubMatrices(const SubMatrices&) = delete;
  SubMatrices& operator=(const SubMatrices&) = delete;
  ~SubMatrices() {
    if (matrices) MatDestroySubMatrices(1, &matrices);
  }
};

/// What each cell of the mesh is for the solve.
class Cells {
 public:
  enum class Kind { free, absorbing };

  Cells(const EscapeProblem& problem, const PhaseGrid& grid)
      : mesh_(problem, grid),
        diffusion_(problem.oscillator.damping_per_ps * problem.stiffness() * problem.kT_per_site_meV()),
        relaxed_(problem.relaxed_meV()),
        barrier_(problem.well.critical.V_barrier_meV),
        Q_barrier_(problem.well.critical.Q_barrier) {}

  const OrbitMesh& mesh() const { return mesh_; }
  std::int64_t Q_cells() const { return mesh_.Q_cells(); }
  std::int64_t P_cells() const { return mesh_.P_cells(); }
  std::int64_t size() const { return Q_cells() * P_cells(); }
  /// D = γ(ω/ħ)k_BT/N_s, the momentum diffusion.
  double diffusion() const { return diffusion_; }
  Kind kind(std::int64_t i, std::int64_t j) const {
    // ±Q_B are mesh columns, so a cell is wholly inside or outside |Q| < Q_B.
    return std::abs(mesh_.Q_centre(i)) < Q_barrier_ && mesh_.energy(i, j) < relaxed_ ? Kind::absorbing : Kind::free;
  }
  /// A cell of the metastable wells, {|Q| > Q_B, e < V(Q_B)}.
  bool in_well(std::int64_t i, std::int64_t j) const {
    return std::abs(mesh_.Q_centre(i)) > Q_barrier_ && mesh_.energy(i, j) < barrier_;
  }

 private:
  OrbitMesh mesh_;
  double diffusion_, relaxed_, barrier_, Q_barrier_;
};

/// One row of the matrix: the cell and its four neighbours.
struct Row {
  std::array<MatStencil, 5> columns;
  std::array<PetscScalar, 5> values;
  PetscInt count = 0;

  void add(PetscInt i, PetscInt j, double value) {
    columns[count] = MatStencil{.k = 0, .j = j, .i = i, .c = 0};
    values[count++] = value;
  }
};

/// The generator of the jump process on the cells at cell (i, j) (see mfpt.hpp): the
/// Hamiltonian flux F out through each edge, taken downstream (the backward equation
/// looks where the flow goes), and the momentum diffusion across the edges between rows,
/// both per unit of the cell's Boltzmann mass μ.
Row operator_row(const Cells& cells, PetscInt i, PetscInt j) {
  const OrbitMesh& mesh = cells.mesh();
  Row row;
  row.add(i, j, 0.0);
  const double mass = mesh.mass(mesh.index(i, j));
  const auto link = [&](PetscInt ii, PetscInt jj, double flux, double conductance) {
    const double rate = (std::max(flux, 0.0) + conductance) / mass;
    row.add(ii, jj, rate);
    row.values[0] -= rate;
  };
  const double width = mesh.Q_width(i);
  if (j > 0) {
    link(i, j - 1, mesh.stream(i + 1, j) - mesh.stream(i, j),
         cells.diffusion() * mesh.weight_above(i, j - 1) * width / (mesh.P_centre(i, j) - mesh.P_centre(i, j - 1)));
  }
  if (j + 1 < cells.P_cells()) {
    link(i, j + 1, mesh.stream(i, j + 1) - mesh.stream(i + 1, j + 1),
         cells.diffusion() * mesh.weight_above(i, j) * width / (mesh.P_centre(i, j + 1) - mesh.P_centre(i, j)));
  }
  if (i + 1 < cells.Q_cells()) link(i + 1, j, mesh.stream(i + 1, j + 1) - mesh.stream(i + 1, j), 0.0);
  if (i > 0) link(i - 1, j, mesh.stream(i, j) - mesh.stream(i, j + 1), 0.0);
  return row;
}

/// The distributed operator on the whole mesh: identity rows for the absorbing cells.
void assemble(DM da, Mat A, const Cells& cells) {
  PetscInt xs = 0, ys = 0, xm = 0, ym = 0;
  PETSC_CHECK(DMDAGetCorners(da, &xs, &ys, nullptr, &xm, &ym, nullptr));
  for (PetscInt j = ys; j < ys + ym; ++j) {
    for (PetscInt i = xs; i < xs + xm; ++i) {
      const MatStencil cell{.k = 0, .j = j, .i = i, .c = 0};
      if (cells.kind(i, j) == Cells::Kind::free) {
        const Row row = operator_row(cells, i, j);
        PETSC_CHECK(MatSetValuesStencil(A, 1, &cell, row.count, row.columns.data(), row.values.data(), INSERT_VALUES));
      } else {
        const PetscScalar one = 1.0;
        PETSC_CHECK(MatSetValuesStencil(A, 1, &cell, 1, &cell, &one, INSERT_VALUES));
      }
    }
  }
  PETSC_CHECK(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
  PETSC_CHECK(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
}

/// ⟨τ⟩ over the Boltzmann distribution of the metastable wells, from the solve `tau`
/// (natural order, zero off the free cells), on one rank, summed in natural order.
///
/// The amplitude first: with the Boltzmann weights exactly stationary, summing
/// μ·(Lτ = −1) over the free cells telescopes to Σ_z τ_z J_z = Σ_free μ, J_z = Σ_{y∈B} μ_y L(y, z)
/// the flux weights of the absorbing cells. When k/ω is near round-off (κ(L) ~ ω/k) the LU
/// solution keeps its shape but not its size along the slow mode; this identity restores it.
double well_mean_time(const Cells& cells, const std::vector<double>& tau) {
  double free_weight = 0.0, flux = 0.0, well_weight = 0.0, well_sum = 0.0;
  for (std::int64_t n = 0; n < cells.size(); ++n) {
    const std::int64_t i = n % cells.Q_cells(), j = n / cells.Q_cells();
    const double weight = cells.mesh().mass(n);
    if (cells.kind(i, j) == Cells::Kind::free) {
      free_weight += weight;
      if (cells.in_well(i, j)) {
        well_weight += weight;
        well_sum += weight * tau[static_cast<std::size_t>(n)];
      }
    } else {
      const Row row = operator_row(cells, static_cast<PetscInt>(i), static_cast<PetscInt>(j));
      for (PetscInt e = 0; e < row.count; ++e) {
        const auto column = static_cast<std::size_t>(row.columns[e].j * cells.Q_cells() + row.columns[e].i);
        flux += weight * row.values[e] * tau[column];
      }
    }
  }
  return well_sum / well_weight * free_weight / flux;
}

/// LU on rank 0 of the free-cell block, gathered in natural order. Returns ⟨τ⟩ on rank 0.
double solve_lu(MPI_Comm comm, DM da, Mat A, const Cells& cells) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  // Natural indices of the free cells (rank 0 only) and the same cells in PETSc's ordering.
  std::vector<std::int64_t> free_cells;
  if (rank == 0) {
    for (std::int64_t n = 0; n < cells.size(); ++n) {
      if (cells.kind(n % cells.Q_cells(), n / cells.Q_cells()) == Cells::Kind::free) free_cells.push_back(n);
    }
  }
  std::vector<PetscInt> rows(free_cells.begin(), free_cells.end());
  AO ordering = nullptr;  // owned by the DMDA
  PETSC_CHECK(DMDAGetAO(da, &ordering));
  PETSC_CHECK(AOApplicationToPetsc(ordering, static_cast<PetscInt>(rows.size()), rows.data()));
  OwnedIs selection;
  PETSC_CHECK(ISCreateGeneral(PETSC_COMM_SELF, static_cast<PetscInt>(rows.size()), rows.data(), PETSC_COPY_VALUES,
                              selection.out()));
  // Rank 0 receives the block as one sequential matrix, rows and columns in natural order:
  // the same numbers in the same places whatever the number of ranks.
  IS selections[1] = {selection};
  SubMatrices block;
  PETSC_CHECK(MatCreateSubMatrices(A, 1, selections, selections, MAT_INITIAL_MATRIX, &block.matrices));
  if (rank != 0) return 0.0;
  OwnedVec rhs, tau;
  PETSC_CHECK(MatCreateVecs(block.matrices[0], tau.out(), rhs.out()));
  PETSC_CHECK(VecSet(rhs, -1.0));
  OwnedKsp ksp;
  PETSC_CHECK(KSPCreate(PETSC_COMM_SELF, ksp.out()));
  PETSC_CHECK(KSPSetOperators(ksp, block.matrices[0], block.matrices[0]));
  PETSC_CHECK(KSPSetType(ksp, KSPPREONLY));
  PC pc = nullptr;
  PETSC_CHECK(KSPGetPC(ksp, &pc));
  PETSC_CHECK(PCSetType(pc, PCLU));
  PETSC_CHECK(PCFactorSetMatSolverType(pc, MATSOLVERPETSC));
  PETSC_CHECK(PCFactorSetMatOrderingType(pc, MATORDERINGND));
  PETSC_CHECK(KSPSolve(ksp, rhs, tau));
  KSPConvergedReason reason;
  PETSC_CHECK(KSPGetConvergedReason(ksp, &reason));
  // A failed factorisation shows as NaN after the broadcast, on every rank alike.
  if (reason < 0) return std::numeric_limits<double>::quiet_NaN();
  const PetscScalar* values = nullptr;
  PETSC_CHECK(VecGetArrayRead(tau, &values));
  std::vector<double> natural(static_cast<std::size_t>(cells.size()), 0.0);
  for (std::size_t f = 0; f < free_cells.size(); ++f) natural[static_cast<std::size_t>(free_cells[f])] = values[f];
  PETSC_CHECK(VecRestoreArrayRead(tau, &values));
  return well_mean_time(cells, natural);
}

/// Distributed GMRES on the whole box; the solution gathered to rank 0 in natural order.
/// Returns ⟨τ⟩ on rank 0 and the iteration count.
std::pair<double, std::int64_t> solve_gmres(MPI_Comm comm, DM da, Mat A, const Cells& cells, double rtol) {
  OwnedVec rhs, tau;
  PETSC_CHECK(DMCreateGlobalVector(da, rhs.out()));
  PETSC_CHECK(VecDuplicate(rhs, tau.out()));
  PetscScalar** b = nullptr;
  PETSC_CHECK(DMDAVecGetArray(da, rhs, &b));
  PetscInt xs = 0, ys = 0, xm = 0, ym = 0;
  PETSC_CHECK(DMDAGetCorners(da, &xs, &ys, nullptr, &xm, &ym, nullptr));
  for (PetscInt j = ys; j < ys + ym; ++j)
    for (PetscInt i = xs; i < xs + xm; ++i) b[j][i] = cells.kind(i, j) == Cells::Kind::free ? -1.0 : 0.0;
  PETSC_CHECK(DMDAVecRestoreArray(da, rhs, &b));

  OwnedKsp ksp;
  PETSC_CHECK(KSPCreate(comm, ksp.out()));
  PETSC_CHECK(KSPSetOperators(ksp, A, A));
  PETSC_CHECK(KSPSetType(ksp, KSPGMRES));
  PETSC_CHECK(KSPGMRESSetRestart(ksp, 200));
  PETSC_CHECK(KSPSetTolerances(ksp, rtol, 0.0, PETSC_DEFAULT, 100000));
  PC pc = nullptr;
  PETSC_CHECK(KSPGetPC(ksp, &pc));
  PETSC_CHECK(PCSetType(pc, PCASM));
  PETSC_CHECK(PCASMSetOverlap(pc, 2));
  PETSC_CHECK(KSPSetUp(ksp));
  KSP* blocks = nullptr;
  PetscInt local_blocks = 0;
  PETSC_CHECK(PCASMGetSubKSP(pc, &local_blocks, nullptr, &blocks));
  for (PetscInt k = 0; k < local_blocks; ++k) {
    PC block_pc = nullptr;
    PETSC_CHECK(KSPGetPC(blocks[k], &block_pc));
    PETSC_CHECK(PCSetType(block_pc, PCILU));
    PETSC_CHECK(PCFactorSetLevels(block_pc, 2));
  }
  PETSC_CHECK(KSPSolve(ksp, rhs, tau));
  KSPConvergedReason reason;
  PETSC_CHECK(KSPGetConvergedReason(ksp, &reason));
  PetscInt iterations = 0;
  PETSC_CHECK(KSPGetIterationNumber(ksp, &iterations));
  if (reason < 0) {
    throw NumericalError("MFPT: GMRES did not reach escape.mfpt_rtol = " + format_number(rtol) + " (KSP reason " +
                         std::to_string(reason) + " after " + std::to_string(iterations) +
                         " iterations); use escape.mfpt_solver = lu or a coarser grid");
  }

  OwnedVec in_natural_order, on_root;
  PETSC_CHECK(DMDACreateNaturalVector(da, in_natural_order.out()));
  PETSC_CHECK(DMDAGlobalToNaturalBegin(da, tau, INSERT_VALUES, in_natural_order));
  PETSC_CHECK(DMDAGlobalToNaturalEnd(da, tau, INSERT_VALUES, in_natural_order));
  OwnedScatter to_root;
  PETSC_CHECK(VecScatterCreateToZero(in_natural_order, to_root.out(), on_root.out()));
  PETSC_CHECK(VecScatterBegin(to_root, in_natural_order, on_root, INSERT_VALUES, SCATTER_FORWARD));
  PETSC_CHECK(VecScatterEnd(to_root, in_natural_order, on_root, INSERT_VALUES, SCATTER_FORWARD));
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  double mean = 0.0;
  if (rank == 0) {
    const PetscScalar* values = nullptr;
    PETSC_CHECK(VecGetArrayRead(on_root, &values));
    std::vector<double> natural(static_cast<std::size_t>(cells.size()), 0.0);
    for (std::int64_t n = 0; n < cells.size(); ++n) {
      if (cells.kind(n % cells.Q_cells(), n / cells.Q_cells()) == Cells::Kind::free) {
        natural[static_cast<std::size_t>(n)] = values[n];
      }
    }
    PETSC_CHECK(VecRestoreArrayRead(on_root, &values));
    mean = well_mean_time(cells, natural);
  }
  return {mean, iterations};
}

}  // namespace

MfptSolve solve_mfpt(MPI_Comm comm, const EscapeProblem& problem, const PhaseGrid& grid,
                     const config::MfptParams& settings) {
  const Cells cells(problem, grid);
  OwnedDM da;
  PETSC_CHECK(DMDACreate2d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR,
                           static_cast<PetscInt>(grid.Q_cells()), static_cast<PetscInt>(grid.P_cells()), PETSC_DECIDE,
                           PETSC_DECIDE, 1, 1, nullptr, nullptr, da.out()));
  PETSC_CHECK(DMSetUp(da));
  OwnedMat A;
  PETSC_CHECK(DMCreateMatrix(da, A.out()));
  assemble(da, A, cells);

  MfptSolve solve{.grid = grid, .unknowns = 0, .iterations = 0, .mean_time_ps = 0.0, .rate_per_ps = 0.0};
  for (std::int64_t n = 0; n < cells.size(); ++n) {
    if (cells.kind(n % cells.Q_cells(), n / cells.Q_cells()) == Cells::Kind::free) ++solve.unknowns;
  }
  if (settings.solver == config::MfptSolver::lu) {
    solve.mean_time_ps = solve_lu(comm, da, A, cells);
  } else {
    const auto [mean, iterations] = solve_gmres(comm, da, A, cells, settings.rtol);
    solve.mean_time_ps = mean;
    solve.iterations = iterations;
  }
  // Rank 0 holds the answer; the others take its bits.
  MPI_Bcast(&solve.mean_time_ps, 1, MPI_DOUBLE, 0, comm);
  solve.rate_per_ps = 1.0 / solve.mean_time_ps;
  return solve;
}

MfptRate mfpt_rate(MPI_Comm comm, const EscapeProblem& problem, const config::MfptParams& settings) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  MfptRate rate{};
  const auto solve_at = [&](double share) {
    return solve_mfpt(comm, problem, phase_grid(problem, share * settings.resolution, settings.wall_kT), settings);
  };
  rate.coarsest = solve_at(0.25);
  rate.coarse = solve_at(0.5);
  rate.fine = solve_at(1.0);
  rate.rate_per_ps = nan;
  const auto usable = [](const MfptSolve& solve) { return solve.mean_time_ps > 0.0 && std::isfinite(solve.mean_time_ps); };
  if (!usable(rate.coarsest) || !usable(rate.coarse) || !usable(rate.fine)) {
    rate.extrapolated_per_ps = rate.grid_error = nan;
    rate.failure = "a solve gave no positive mean time (<tau> = " + format_number(rate.coarsest.mean_time_ps) +
                   " ps at r/4, " + format_number(rate.coarse.mean_time_ps) + " ps at r/2, " +
                   format_number(rate.fine.mean_time_ps) + " ps at r): raise escape.mfpt_resolution";
    return rate;
  }
  // First order (the turning intervals, orbit_mesh.hpp): k = 2k_r − k_{r/2}; the same from
  // (r/4, r/2) measures what is left.
  rate.extrapolated_per_ps = 2.0 * rate.fine.rate_per_ps - rate.coarse.rate_per_ps;
  const double previous = 2.0 * rate.coarse.rate_per_ps - rate.coarsest.rate_per_ps;
  rate.grid_error = std::abs((rate.extrapolated_per_ps - previous) / rate.extrapolated_per_ps);
  // Every rank holds the same bits of all solves, so the verdict is the same everywhere.
  // A step larger than the fine rate itself can extrapolate below zero: no rate at all.
  rate.converged = rate.extrapolated_per_ps > 0.0 && rate.grid_error <= settings.tolerance;
  if (rate.converged) {
    rate.rate_per_ps = rate.extrapolated_per_ps;
  } else {
    rate.failure = "the Richardson step " + format_number(100.0 * rate.grid_error, 3) +
                   "% (the extrapolated rate from r/4, r/2 to r/2, r) exceeds escape.mfpt_tolerance = " +
                   format_number(100.0 * settings.tolerance) + "%: raise escape.mfpt_resolution";
  }
  return rate;
}

}  // namespace metasc::escape
