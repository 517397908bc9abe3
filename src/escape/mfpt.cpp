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

/// The nodes of a PhaseGrid: coordinates, energies, Boltzmann ratios and what each node is.
class PhaseSpace {
 public:
  enum class Node { free, absorbing, outside };

  PhaseSpace(const EscapeProblem& problem, const PhaseGrid& grid)
      : grid_(grid),
        stiffness_(problem.stiffness()),
        beta_(1.0 / problem.kT_per_site_meV()),
        relaxed_(problem.relaxed_meV()),
        barrier_(problem.well.critical.V_barrier_meV),
        bottom_(problem.well.critical.V_metastable_meV),
        Q_barrier_(problem.well.critical.Q_barrier) {
    // One ghost column beyond each wall: the discrete force at the last column needs V there.
    for (std::int64_t i = -1; i <= grid.Q_points; ++i) potential_.push_back(problem.well.potential(Q(i)));
  }

  double Q(std::int64_t i) const { return -grid_.Q_wall + static_cast<double>(i) * grid_.Q_step; }
  double P(std::int64_t j) const { return -grid_.P_max_per_ps + static_cast<double>(j) * grid_.P_step_per_ps; }
  double potential(std::int64_t i) const { return potential_[static_cast<std::size_t>(i + 1)]; }
  /// e = (ħ/ω)P²/2 + V(Q) = P²/(2ω/ħ) + V [meV per site]
  double energy(std::int64_t i, std::int64_t j) const { return potential(i) + P(j) * P(j) / (2.0 * stiffness_); }
  /// The Boltzmann weight e^{−N_s(e − V(Q_MS))/k_BT}.
  double weight(std::int64_t i, std::int64_t j) const { return std::exp(-beta_ * (energy(i, j) - bottom_)); }
  /// sqrt(π(i', j)/π(i, j)) and sqrt(π(i, j')/π(i, j)): the detailed-balance factors of the scheme.
  double Q_ratio(std::int64_t i, std::int64_t to) const {
    return std::exp(-0.5 * beta_ * (potential(to) - potential(i)));
  }
  double P_ratio(std::int64_t j, std::int64_t to) const {
    return std::exp(-0.25 * beta_ * (P(to) * P(to) - P(j) * P(j)) / stiffness_);
  }

  Node kind(std::int64_t i, std::int64_t j) const {
    // A column whose shell is narrower than one P step holds no node: every kept node has
    // a neighbour in P, so no row is left without its diffusion.
    const double lowest = potential(i) + grid_.P_step_per_ps * grid_.P_step_per_ps / (2.0 * stiffness_);
    if (lowest > grid_.top_meV || energy(i, j) > grid_.top_meV) return Node::outside;
    if (std::abs(Q(i)) < Q_barrier_ && energy(i, j) < relaxed_) return Node::absorbing;
    return Node::free;
  }
  /// A node whose τ enters a neighbour's equation: in the box and inside the shell.
  bool available(std::int64_t i, std::int64_t j) const {
    return i >= 0 && i < grid_.Q_points && j >= 0 && j < grid_.P_points && kind(i, j) != Node::outside;
  }
  /// A node of the metastable wells, {|Q| > Q_B, e < V(Q_B)}.
  bool in_well(std::int64_t i, std::int64_t j) const {
    return std::abs(Q(i)) > Q_barrier_ && energy(i, j) < barrier_;
  }
  std::int64_t Q_points() const { return grid_.Q_points; }
  std::int64_t size() const { return grid_.Q_points * grid_.P_points; }
  double stiffness() const { return stiffness_; }
  double beta() const { return beta_; }

 private:
  PhaseGrid grid_;
  double stiffness_;  ///< ω/ħ
  double beta_;       ///< N_s/k_BT [1/meV]
  double relaxed_, barrier_, bottom_, Q_barrier_;
  std::vector<double> potential_;  ///< V per Q column, ghost columns −1 and Q_points included
};

/// One row of the matrix, accumulated entry by entry.
struct Row {
  std::array<MatStencil, 8> columns;
  std::array<PetscScalar, 8> values;
  PetscInt count = 0;

  void add(PetscInt i, PetscInt j, double value) {
    for (PetscInt k = 0; k < count; ++k) {
      if (columns[k].i == i && columns[k].j == j) {
        values[k] += value;
        return;
      }
    }
    columns[count] = MatStencil{.k = 0, .j = j, .i = i, .c = 0};
    values[count++] = value;
  }
};

/// The discretised backward operator at node (i, j) (see mfpt.hpp): the Liouville part,
/// antisymmetric in the Boltzmann weights; the Ornstein–Uhlenbeck part and the fourth-order
/// dissipation in Q, symmetric in them. Neighbours outside the shell are left out.
Row operator_row(const PhaseSpace& space, const EscapeProblem& problem, PetscInt i, PetscInt j) {
  Row row;
  row.add(i, j, 0.0);
  const double h = space.Q(1) - space.Q(0);
  const double k = space.P(1) - space.P(0);
  const double scale = 2.0 * space.stiffness() / space.beta();  // 2k_BT(ω/ħ)/N_s = 2σ_P²
  // ṽ = P (1 + O(k²)) and F̃ = −(ω/ħ)V'(Q) (1 + O(h²)): the choice that makes the Liouville
  // part annihilate constants while staying antisymmetric in the Boltzmann weights.
  const double velocity = -scale * (space.P_ratio(j, j + 1) - space.P_ratio(j, j - 1)) / (2.0 * k);
  const double force = scale * (space.Q_ratio(i, i + 1) - space.Q_ratio(i, i - 1)) / (2.0 * h);
  double liouville_sum = 0.0;
  const auto liouville = [&](PetscInt ii, PetscInt jj, double value) {
    if (!space.available(ii, jj)) return;
    row.add(ii, jj, value);
    liouville_sum += value;
  };
  liouville(i + 1, j, velocity * space.Q_ratio(i, i + 1) / (2.0 * h));
  liouville(i - 1, j, -velocity * space.Q_ratio(i, i - 1) / (2.0 * h));
  liouville(i, j + 1, force * space.P_ratio(j, j + 1) / (2.0 * k));
  liouville(i, j - 1, -force * space.P_ratio(j, j - 1) / (2.0 * k));
  // Zero in the interior; where the shell cuts a pair, the rows still annihilate constants.
  row.add(i, j, -liouville_sum);
  // Ornstein–Uhlenbeck in P: D/k² times the square-root (detailed-balance) factors.
  const double diffusion = problem.oscillator.damping_per_ps * space.stiffness() / space.beta() / (k * k);
  for (const PetscInt step : {1, -1}) {
    if (!space.available(i, j + step)) continue;
    const double rate = diffusion * space.P_ratio(j, j + step);
    row.add(i, j + step, rate);
    row.add(i, j, -rate);
  }
  // −(|ṽ|/4h) Δ̂², (Δ̂f)_c = Σ_± sqrt(π_{c±1}/π_c)(f_c − f_{c±1}): second-order upwinding's
  // dissipation, |P|h³/4 ∂⁴_Q, that damps the odd-even modes of the central differences.
  const double dissipation = std::abs(velocity) / (4.0 * h);
  const auto laplacian_row = [&](PetscInt c, const auto& emit) {
    double centre = 0.0;
    for (const PetscInt step : {1, -1}) {
      if (!space.available(c + step, j)) continue;
      const double ratio = space.Q_ratio(c, c + step);
      emit(c + step, -ratio);
      centre += ratio;
    }
    emit(c, centre);
  };
  laplacian_row(i, [&](PetscInt c, double outer) {
    laplacian_row(c, [&](PetscInt d, double inner) { row.add(d, j, -dissipation * outer * inner); });
  });
  return row;
}

/// The distributed operator on the whole box: identity rows for absorbing and outside nodes.
void assemble(DM da, Mat A, const PhaseSpace& space, const EscapeProblem& problem) {
  PetscInt xs = 0, ys = 0, xm = 0, ym = 0;
  PETSC_CHECK(DMDAGetCorners(da, &xs, &ys, nullptr, &xm, &ym, nullptr));
  for (PetscInt j = ys; j < ys + ym; ++j) {
    for (PetscInt i = xs; i < xs + xm; ++i) {
      const MatStencil node{.k = 0, .j = j, .i = i, .c = 0};
      if (space.kind(i, j) == PhaseSpace::Node::free) {
        const Row row = operator_row(space, problem, i, j);
        PETSC_CHECK(MatSetValuesStencil(A, 1, &node, row.count, row.columns.data(), row.values.data(), INSERT_VALUES));
      } else {
        const PetscScalar one = 1.0;
        PETSC_CHECK(MatSetValuesStencil(A, 1, &node, 1, &node, &one, INSERT_VALUES));
      }
    }
  }
  PETSC_CHECK(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
  PETSC_CHECK(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
}

/// ⟨τ⟩ over the Boltzmann distribution of the metastable wells, from the solve `tau`
/// (natural order, zero off the free nodes), on one rank, summed in natural order.
///
/// The amplitude first: with the Boltzmann weights exactly stationary, summing
/// π·(Lτ = −1) over the free nodes telescopes to Σ_z τ_z J_z = Σ_free π, J_z = Σ_{y∈B} π_y L(y, z)
/// the flux weights of the absorbing nodes. When k/ω is near round-off (κ(L) ~ ω/k) the LU
/// solution keeps its shape but not its size along the slow mode; this identity restores it.
double well_mean_time(const PhaseSpace& space, const EscapeProblem& problem, const std::vector<double>& tau) {
  double free_weight = 0.0, flux = 0.0, well_weight = 0.0, well_sum = 0.0;
  for (std::int64_t n = 0; n < space.size(); ++n) {
    const std::int64_t i = n % space.Q_points(), j = n / space.Q_points();
    const auto kind = space.kind(i, j);
    if (kind == PhaseSpace::Node::free) {
      const double weight = space.weight(i, j);
      free_weight += weight;
      if (space.in_well(i, j)) {
        well_weight += weight;
        well_sum += weight * tau[static_cast<std::size_t>(n)];
      }
    } else if (kind == PhaseSpace::Node::absorbing) {
      const Row row = operator_row(space, problem, static_cast<PetscInt>(i), static_cast<PetscInt>(j));
      const double weight = space.weight(i, j);
      for (PetscInt e = 0; e < row.count; ++e) {
        const auto column = static_cast<std::size_t>(row.columns[e].j * space.Q_points() + row.columns[e].i);
        flux += weight * row.values[e] * tau[column];
      }
    }
  }
  return well_sum / well_weight * free_weight / flux;
}

/// LU on rank 0 of the free-node block, gathered in natural order. Returns ⟨τ⟩ on rank 0.
double solve_lu(MPI_Comm comm, DM da, Mat A, const PhaseSpace& space, const EscapeProblem& problem) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  // Natural indices of the free nodes (rank 0 only) and the same nodes in PETSc's ordering.
  std::vector<std::int64_t> free_nodes;
  if (rank == 0) {
    for (std::int64_t n = 0; n < space.size(); ++n) {
      if (space.kind(n % space.Q_points(), n / space.Q_points()) == PhaseSpace::Node::free) free_nodes.push_back(n);
    }
  }
  std::vector<PetscInt> rows(free_nodes.begin(), free_nodes.end());
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
  std::vector<double> natural(static_cast<std::size_t>(space.size()), 0.0);
  for (std::size_t f = 0; f < free_nodes.size(); ++f) natural[static_cast<std::size_t>(free_nodes[f])] = values[f];
  PETSC_CHECK(VecRestoreArrayRead(tau, &values));
  return well_mean_time(space, problem, natural);
}

/// Distributed GMRES on the whole box; the solution gathered to rank 0 in natural order.
/// Returns ⟨τ⟩ on rank 0 and the iteration count.
std::pair<double, std::int64_t> solve_gmres(MPI_Comm comm, DM da, Mat A, const PhaseSpace& space,
                                            const EscapeProblem& problem, double rtol) {
  OwnedVec rhs, tau;
  PETSC_CHECK(DMCreateGlobalVector(da, rhs.out()));
  PETSC_CHECK(VecDuplicate(rhs, tau.out()));
  PetscScalar** b = nullptr;
  PETSC_CHECK(DMDAVecGetArray(da, rhs, &b));
  PetscInt xs = 0, ys = 0, xm = 0, ym = 0;
  PETSC_CHECK(DMDAGetCorners(da, &xs, &ys, nullptr, &xm, &ym, nullptr));
  for (PetscInt j = ys; j < ys + ym; ++j)
    for (PetscInt i = xs; i < xs + xm; ++i) b[j][i] = space.kind(i, j) == PhaseSpace::Node::free ? -1.0 : 0.0;
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
    std::vector<double> natural(static_cast<std::size_t>(space.size()), 0.0);
    for (std::int64_t n = 0; n < space.size(); ++n) {
      if (space.kind(n % space.Q_points(), n / space.Q_points()) == PhaseSpace::Node::free) {
        natural[static_cast<std::size_t>(n)] = values[n];
      }
    }
    PETSC_CHECK(VecRestoreArrayRead(on_root, &values));
    mean = well_mean_time(space, problem, natural);
  }
  return {mean, iterations};
}

}  // namespace

PhaseGrid phase_grid(const EscapeProblem& problem, double resolution, double wall_kT) {
  const auto& critical = problem.well.critical;
  const double kT_site = problem.kT_per_site_meV();
  const double sigma_Q = std::sqrt(kT_site / problem.well.curvature_metastable_meV);
  const double sigma_P = std::sqrt(problem.stiffness() * kT_site);
  PhaseGrid grid{};
  grid.top_meV = critical.V_barrier_meV + wall_kT * kT_site;
  grid.Q_wall = outer_point(problem.well.potential, critical, grid.top_meV);
  const double lowest = std::min(critical.V_origin_meV, critical.V_metastable_meV);
  grid.P_max_per_ps = std::sqrt(2.0 * problem.stiffness() * (grid.top_meV - lowest));
  const auto half_count = [&](double extent, double width) {
    return static_cast<std::int64_t>(std::ceil(extent / (width / resolution)));
  };
  grid.Q_points = 2 * half_count(grid.Q_wall, sigma_Q) + 1;
  grid.P_points = 2 * half_count(grid.P_max_per_ps, sigma_P) + 1;
  grid.Q_step = 2.0 * grid.Q_wall / static_cast<double>(grid.Q_points - 1);
  grid.P_step_per_ps = 2.0 * grid.P_max_per_ps / static_cast<double>(grid.P_points - 1);
  return grid;
}

MfptSolve solve_mfpt(MPI_Comm comm, const EscapeProblem& problem, const PhaseGrid& grid,
                     const config::MfptParams& settings) {
  const PhaseSpace space(problem, grid);
  OwnedDM da;
  // Stencil width 2: the fourth-order dissipation in Q reaches two nodes.
  PETSC_CHECK(DMDACreate2d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR,
                           static_cast<PetscInt>(grid.Q_points), static_cast<PetscInt>(grid.P_points), PETSC_DECIDE,
                           PETSC_DECIDE, 1, 2, nullptr, nullptr, da.out()));
  PETSC_CHECK(DMSetUp(da));
  OwnedMat A;
  PETSC_CHECK(DMCreateMatrix(da, A.out()));
  assemble(da, A, space, problem);

  MfptSolve solve{.grid = grid, .unknowns = 0, .iterations = 0, .mean_time_ps = 0.0, .rate_per_ps = 0.0};
  for (std::int64_t n = 0; n < space.size(); ++n) {
    if (space.kind(n % grid.Q_points, n / grid.Q_points) == PhaseSpace::Node::free) ++solve.unknowns;
  }
  if (settings.solver == config::MfptSolver::lu) {
    solve.mean_time_ps = solve_lu(comm, da, A, space, problem);
  } else {
    const auto [mean, iterations] = solve_gmres(comm, da, A, space, problem, settings.rtol);
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
  rate.coarse = solve_mfpt(comm, problem, phase_grid(problem, 0.5 * settings.resolution, settings.wall_kT), settings);
  rate.fine = solve_mfpt(comm, problem, phase_grid(problem, settings.resolution, settings.wall_kT), settings);
  rate.rate_per_ps = nan;
  const auto usable = [](const MfptSolve& solve) { return solve.mean_time_ps > 0.0 && std::isfinite(solve.mean_time_ps); };
  if (!usable(rate.coarse) || !usable(rate.fine)) {
    rate.extrapolated_per_ps = rate.grid_error = nan;
    rate.failure = "a solve gave no positive mean time (<tau> = " + format_number(rate.coarse.mean_time_ps) +
                   " ps at r/2, " + format_number(rate.fine.mean_time_ps) +
                   " ps at r): the grid is too coarse for the damping, raise escape.mfpt_resolution";
    return rate;
  }
  rate.extrapolated_per_ps = rate.fine.rate_per_ps + (rate.fine.rate_per_ps - rate.coarse.rate_per_ps) / 3.0;
  rate.grid_error = std::abs((rate.extrapolated_per_ps - rate.fine.rate_per_ps) / rate.extrapolated_per_ps);
  // Every rank holds the same bits of both solves, so the verdict is the same everywhere.
  // A step larger than the fine rate itself can extrapolate below zero: no rate at all.
  rate.converged = rate.extrapolated_per_ps > 0.0 && rate.grid_error <= settings.tolerance;
  if (rate.converged) {
    rate.rate_per_ps = rate.extrapolated_per_ps;
  } else {
    rate.failure = "the Richardson step " + format_number(100.0 * rate.grid_error, 3) +
                   "% exceeds escape.mfpt_tolerance = " + format_number(100.0 * settings.tolerance) +
                   "%: raise escape.mfpt_resolution";
  }
  return rate;
}

}  // namespace metasc::escape
