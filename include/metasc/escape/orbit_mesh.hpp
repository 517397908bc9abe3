#pragma once
/// The phase-space mesh of the exact MFPT (mfpt.hpp): quadrilateral cells whose
/// rows follow the energy contours, refined across the separatrix layer.
///
/// At weak damping the mean first-passage time is nearly a function of the energy
/// and varies across a layer ~sqrt(δ) k_BT wide around the barrier energy, a thin
/// band that winds through the whole (Q, P) plane; a tensor grid resolves it only by
/// resolving everything. Here the vertex columns sit at fixed Q_i and, in column i,
/// vertex row k (k = 0..K, P ≥ 0, mirrored to P < 0) lies at the energy
///
///   e_ik = V_i + (E_top − V_i) max((E_k − V_i)/(E_top − V_i), c (E_k − E_0)/(E_top − E_0)),
///
/// one energy ladder E_0 = min V < … < E_K = E_top for every column (c = 1e-3). Wherever
/// E_k is above V_i the row *is* the contour e = E_k; below, where the contour does not
/// reach the column, the rows crowd into a sliver next to P = 0 instead of vanishing, so
/// every column keeps 2K cells and the mesh stays logically rectangular (a PETSc DMDA).
/// Row K is the contour E_top for every column, the wall columns V(±Q_wall) = E_top
/// collapse to a point, and the domain is exactly the energy shell e ≤ E_top.
///
/// Spacings, all ∝ 1/r (r = escape.mfpt_resolution):
///  * ladder: base k_BT/(N_s r), finer near the well bottoms (where the first row sits at
///    P = sqrt(2ε ω/ħ) above a step ε), finest w/r at E_b with w = sqrt(min(δ, 1)) k_BT/N_s
///    the separatrix layer, grading back by 1 + 2/r per step; E_r (the relaxed level), E_b
///    and E_top are ladder energies;
///  * Q: a column at every turning point V(Q) = E_k of every ladder contour on each
///    monotone branch of V (and at 0, Q_B, Q_MS, Q_wall), so that each row ends in an
///    interval of its own: its two halves (P > 0 and P < 0) join there through the crowded
///    sliver without trading energy with rows that end elsewhere — a shared turning
///    interval mixes the energies of all rows ending in it, an error of first order in the
///    column spacing that swamps the physical energy diffusion at small δ. Where turning
///    points are further apart than σ_Q/r the interval is split evenly.
#include <cstdint>
#include <vector>

#include "metasc/escape/problem.hpp"

namespace metasc::escape {

struct PhaseGrid {
  std::vector<double> Q_columns;   ///< vertex columns, −Q_wall … Q_wall, symmetric
  std::vector<double> ladder_meV;  ///< E_0 < … < E_top [meV per site]
  double top_meV;                  ///< E_top = V(Q_B) + w k_BT/N_s, the energy shell
  std::int64_t Q_cells() const { return static_cast<std::int64_t>(Q_columns.size()) - 1; }
  std::int64_t P_cells() const { return 2 * (static_cast<std::int64_t>(ladder_meV.size()) - 1); }
  std::int64_t cells() const { return Q_cells() * P_cells(); }
};

/// The mesh at `resolution` for the shell `wall_kT` above the barrier.
PhaseGrid phase_grid(const EscapeProblem& problem, double resolution, double wall_kT);

/// The cells of a PhaseGrid, cell (i, j) at index j·Q_cells + i (Q fastest), and their
/// vertices (i, j) with i = 0..Q_cells, j = 0..P_cells (row j = K is P = 0).
class OrbitMesh {
 public:
  OrbitMesh(const EscapeProblem& problem, const PhaseGrid& grid);

  std::int64_t Q_cells() const { return Q_cells_; }
  std::int64_t P_cells() const { return P_cells_; }
  std::int64_t index(std::int64_t i, std::int64_t j) const { return j * Q_cells_ + i; }
  /// ∫ π dQ dP over the cell, π = e^{−N_s(e − V(Q_MS))/k_BT}.
  double mass(std::int64_t cell) const { return mass_[static_cast<std::size_t>(cell)]; }
  double Q_centre(std::int64_t i) const { return 0.5 * (Q_[static_cast<std::size_t>(i)] + Q_[static_cast<std::size_t>(i + 1)]); }
  double Q_width(std::int64_t i) const { return Q_[static_cast<std::size_t>(i + 1)] - Q_[static_cast<std::size_t>(i)]; }
  /// P at vertex (i, j) [1/ps].
  double P(std::int64_t i, std::int64_t j) const { return P_[static_cast<std::size_t>(j * (Q_cells_ + 1) + i)]; }
  /// The Hamiltonian stream function at vertex (i, j): the π-weighted phase-space velocity
  /// π(Q̇, Ṗ) = (∂_P Ψ, −∂_Q Ψ), Ψ = −(ω/ħ)(k_BT/N_s) π; its flux through any edge is the
  /// difference of Ψ at the ends, so the discrete flow is exactly divergence-free.
  double stream(std::int64_t i, std::int64_t j) const { return stream_[static_cast<std::size_t>(j * (Q_cells_ + 1) + i)]; }
  /// The P of the cell's centre (mean of its four vertices).
  double P_centre(std::int64_t i, std::int64_t j) const {
    return 0.25 * (P(i, j) + P(i + 1, j) + P(i, j + 1) + P(i + 1, j + 1));
  }
  /// e at the cell's centre [meV per site].
  double energy(std::int64_t i, std::int64_t j) const;
  /// π at the midpoint of the edge between cells (i, j) and (i, j + 1).
  double weight_above(std::int64_t i, std::int64_t j) const;

 private:
  std::int64_t Q_cells_, P_cells_;
  double stiffness_, beta_, bottom_;
  std::vector<double> Q_, P_, stream_, mass_;
  std::vector<double> V_centre_;  ///< V(Q_centre(i)) [meV per site], read by every cell's energy
};

}  // namespace metasc::escape
