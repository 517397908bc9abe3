#pragma once
/// The exact escape rate: the mean first-passage time τ(Q, P) into the relaxed
/// normal well solves the backward Kolmogorov equation (PHYSICS.md §7)
///
///   P ∂_Q τ + b ∂_P τ + D ∂²_P τ = −1,   b = −(ω/ħ)V'(Q) − γP,  D = γ(ω/ħ)k_BT/N_s,
///
/// with τ = 0 on {|Q| < Q_B, e < V(Q_B) − m k_BT/N_s}, e = (ħ/ω)P²/2 + V(Q).
///
/// Domain: the energy shell e ≤ V(Q_B) + w k_BT/N_s (w = escape.mfpt_wall_kT), which
/// holds both metastable wells and the orbits above the barrier that re-trap in
/// either; its edge, an energy contour, is reflecting (a trajectory there is e^{−w}
/// rare and already past the barrier). Mesh: the orbit-aligned cells of orbit_mesh.hpp,
/// rows along the energy contours and refined across the separatrix layer, on a PETSc
/// DMDA distributed over the ranks (each rank assembles its own rows).
///
/// Discretisation: a finite-volume jump process on the cells, with μ_x = ∫_x π dQ dP the
/// Boltzmann masses (π = e^{−N_s(e − V(Q_MS))/k_BT}) exactly stationary:
///  * Liouville part P∂_Q − (ω/ħ)V'∂_P: π times the Hamiltonian velocity is the symplectic
///    gradient of Ψ = −(ω/ħ)(k_BT/N_s)π, so the flux F through an edge is the difference of
///    Ψ at its ends — exact, and summing to zero around every cell. A cell jumps to the
///    neighbour downstream at rate max(F, 0)/μ (first-order upwinding). Along a row the
///    cells lie between two contours, F across the rows vanishes and the upwinding's
///    numerical diffusion runs along the orbit: it does not touch the energy, which
///    is what the plain (Q, P) upwind scheme ruined below γ/ω ~ h/σ;
///  * Ornstein–Uhlenbeck part in P: two-point fluxes D π_edge ΔQ (τ_y − τ_x)/ΔP_centres
///    between the cells of a column (the columns are the only lines of constant Q), which
///    in the δ → 0 limit sum along a row to the energy-diffusion operator
///    (γ k_BT I(H) e^{−βH} τ')' of energy_diffusion.hpp.
/// Every rate is positive: the matrix is an M-matrix, τ > 0 on any mesh, and sparse LU
/// needs no pivoting. Measured on the cubic test well at βΔE_b = 6 (2 ranks, r = 16, solves
/// at 4, 8, 16): the extrapolation moves 0.27% at δ = 0.06, 0.16% at δ = 0.04, 1.7% at
/// δ = 0.01 and 1.1% at γ = ω_b/2; 8e5 unknowns on the finest mesh, 12–15 s for all three.
/// The raw rates converge at first order from above (at δ = 0.01: 5.32, 4.64, 4.27, 4.14
/// e-4 /ps at r = 4, 8, 16, 24 — the turning intervals), so the rate is Richardson-
/// extrapolated as k = 2k_r − k_{r/2}, and the grid error is how much that extrapolation
/// moved from (r/4, r/2): at δ = 0.01 it is 3.968e-4, 3.905e-4 and 3.888e-4 /ps for
/// r = 8, 16, 24.
///
/// Amplitude: the escape time is ~ω/k times the fast times, so LU in double precision
/// loses the size of τ along the slow mode once k/ω approaches 1e-12 (βΔE_b ≳ 25), while
/// keeping its shape. Summing μ·(Lτ = −1) over the free cells telescopes, because μ is
/// stationary, to Σ_z τ_z J_z = Σ_free μ, J_z = Σ_{y∈B} μ_y L(y, z) the flux weights of the
/// absorbing cells: an exact identity of the discrete problem that fixes the amplitude.
///
/// Linear solve: `lu` gathers the matrix of the free cells (absorbing cells
/// eliminated) onto rank 0 in the natural (Q fastest) order and factors it
/// with PETSc's sparse LU under nested-dissection ordering — fastest here of
/// PETSc, UMFPACK, MUMPS and SuperLU, exact, and bitwise the same on any number of
/// ranks. `gmres` solves the distributed system with GMRES(200) preconditioned by
/// additive Schwarz (overlap 2) with ILU(2) on each rank's block — the operator is
/// non-symmetric and, like the MFPT itself, ill-conditioned as e^{βΔE_b}, which
/// ILU's incomplete elimination handles far better than a multigrid built for
/// elliptic problems; for grids too large for one rank, not bitwise reproducible
/// across rank counts.
///
/// The rate is 1/⟨τ⟩, ⟨τ⟩ averaged over the Boltzmann distribution of the
/// metastable wells {|Q| > Q_B, e < V(Q_B)}: the mean first-passage time of a
/// trajectory started in thermal equilibrium inside the well, which is what the
/// brute-force ensemble measures (its censored MLE estimates the inverse mean
/// escape time) and, up to e^{−βΔE_b}, the flux rate forward flux sampling
/// measures; unlike τ(Q_MS, 0) it does not favour the well bottom.
#include <mpi.h>

#include <cstdint>
#include <string>

#include "metasc/config/escape_params.hpp"
#include "metasc/escape/orbit_mesh.hpp"
#include "metasc/escape/problem.hpp"

namespace metasc::escape {

/// One solve on one grid.
struct MfptSolve {
  PhaseGrid grid;
  std::int64_t unknowns;    ///< free cells (outside the absorbing set)
  std::int64_t iterations;  ///< Krylov iterations (0 for LU)
  double mean_time_ps;      ///< ⟨τ⟩ over the metastable wells' Boltzmann distribution
  double rate_per_ps;       ///< 1/⟨τ⟩
};

/// Collective over `comm`; every rank gets the same result. On a grid too coarse for the
/// damping the central differences can oscillate into ⟨τ⟩ ≤ 0 or a failed factorisation
/// (NaN): that is returned as is. Throws NumericalError when GMRES misses `settings.rtol`.
MfptSolve solve_mfpt(MPI_Comm comm, const EscapeProblem& problem, const PhaseGrid& grid,
                     const config::MfptParams& settings);

/// The grid study and the extrapolated rate. Never an unconverged number: a rate whose
/// Richardson step exceeds the accuracy target is NaN, with the reason.
struct MfptRate {
  double extrapolated_per_ps;  ///< Richardson at first order: 2k_r − k_{r/2}; NaN when a solve failed (⟨τ⟩ ≤ 0 or NaN)
  double grid_error;           ///< relative change of the extrapolation from (r/4, r/2) to (r/2, r); NaN when a solve failed
  bool converged;              ///< all solves usable and grid_error ≤ escape.mfpt_tolerance
  double rate_per_ps;          ///< the extrapolated rate when converged, NaN otherwise
  std::string failure;         ///< why it did not converge (empty when it did)
  MfptSolve coarsest;          ///< at r/4
  MfptSolve coarse;            ///< at r/2
  MfptSolve fine;              ///< at r
};

/// Solves at escape.mfpt_resolution r/4, r/2 and r. Collective over `comm`; every rank takes
/// the same verdict.
MfptRate mfpt_rate(MPI_Comm comm, const EscapeProblem& problem, const config::MfptParams& settings);

}  // namespace metasc::escape
