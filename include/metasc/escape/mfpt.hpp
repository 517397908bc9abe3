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
/// either; its edge is reflecting (zero normal gradient: a trajectory there is
/// e^{−w} rare and already past the barrier). Grid: uniform in Q and P, odd sizes,
/// spacings σ_Q/r and σ_P/r, r = escape.mfpt_resolution, σ_Q² = k_BT/(N_s V''(Q_MS)),
/// σ_P² = (ω/ħ)k_BT/N_s, on a PETSc DMDA distributed over the ranks (each rank
/// assembles its own rows).
///
/// Discretisation, in detailed-balance form: with π = e^{−N_s(e − V(Q_MS))/k_BT} the
/// Boltzmann weights on the nodes and sqrt(π_y/π_x) the factor of each link,
///  * Liouville part P∂_Q − (ω/ħ)V'∂_P: central differences whose coefficients are
///    antisymmetric in π, with the velocity ṽ = −σ_P²(√(π_{j+1}/π_j) − √(π_{j−1}/π_j))/k
///    = P(1 + O(k²)) and the force F̃ = σ_P²(√(π_{i+1}/π_i) − √(π_{i−1}/π_i))/h
///    = −(ω/ħ)V'(1 + O(h²)) chosen so that it annihilates constants;
///  * Ornstein–Uhlenbeck part in P: central second differences, symmetric in π
///    (the square-root approximation);
///  * no diffusion in Q, so the central Q differences are upwinded in the way
///    second-order upwinding does it: its leading dissipation, |ṽ|h³/4 ∂⁴_Q, added as
///    −(|ṽ|/4h)Δ̂², Δ̂ the π-symmetric second difference in Q — it damps the odd-even
///    modes of central differences and nothing else.
/// Second order throughout, and π is exactly stationary, which is what matters: the
/// plain second-order upwind/central scheme errs in the Boltzmann factor by an amount
/// that grows like (βΔE_b h/σ)², measured as rates 3× off at βΔE_b = 30 with h = σ/32,
/// while first-order upwinding adds an energy diffusion |P|h/2 that swamps the physical
/// one below γ/ω ~ h/σ (rates 100× too high at δ = 1). Measured with this scheme: the
/// rate at βΔE_b = 8, γ = ω_b/2 changes by 1e-4 from h = σ/5 to σ/20, and at βΔE_b = 30
/// by 6e-5; at δ = 1 it moves 5% from r = 10 to 20 (the solution varies on the energy
/// spacing k_BT/N_s along the separatrix, ~σ/4). Below δ ~ 0.1 the solution varies on a
/// layer ~sqrt(δ) wide around the separatrix that the uniform grid resolves only slowly:
/// on the cubic test well at βΔE_b = 6, δ = 0.06, the Richardson step is 38% at r = 16,
/// 7% at r = 32 and 1.5% at r = 64 (1.3e6 unknowns, ~5 min on 2 ranks); at δ = 0.04 and
/// 0.01 it is 60% and 560% at r = 16. The rate is Richardson-extrapolated
/// from the solves at r/2 and r, k = k_r + (k_r − k_{r/2})/3, and the step |k − k_r|/k
/// is reported as the grid error.
///
/// Amplitude: the escape time is ~ω/k times the fast times, so LU in double precision
/// loses the size of τ along the slow mode once k/ω approaches 1e-12 (βΔE_b ≳ 25), while
/// keeping its shape. Summing π·(Lτ = −1) over the free nodes telescopes, because π is
/// stationary, to Σ_z τ_z J_z = Σ_free π, J_z = Σ_{y∈B} π_y L(y, z) the flux weights of the
/// absorbing nodes: an exact identity of the discrete problem that fixes the amplitude
/// (a correction of 1e-5 at βΔE_b = 8, everything at βΔE_b = 30).
///
/// Linear solve: `lu` gathers the matrix of the free nodes (absorbing and outside
/// nodes eliminated) onto rank 0 in the natural (Q fastest) order and factors it
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
#include "metasc/escape/problem.hpp"

namespace metasc::escape {

/// The phase-space grid of one solve: the box around the energy shell.
struct PhaseGrid {
  std::int64_t Q_points;  ///< odd: Q = 0 is the middle node
  std::int64_t P_points;  ///< odd: P = 0 is the middle node
  double Q_wall;          ///< nodes span [−Q_wall, Q_wall]
  double P_max_per_ps;    ///< nodes span [−P_max, P_max] [1/ps]
  double Q_step, P_step_per_ps;
  double top_meV;         ///< the shell e ≤ top = V(Q_B) + w k_BT/N_s [meV per site]
};

/// The grid at `resolution` nodes per thermal width for the shell `wall_kT` above the barrier.
PhaseGrid phase_grid(const EscapeProblem& problem, double resolution, double wall_kT);

/// One solve on one grid.
struct MfptSolve {
  PhaseGrid grid;
  std::int64_t unknowns;    ///< free nodes (outside the absorbing set, inside the shell)
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
  double extrapolated_per_ps;  ///< Richardson: k_r + (k_r − k_{r/2})/3; NaN when a solve failed (⟨τ⟩ ≤ 0 or NaN)
  double grid_error;           ///< |extrapolated − k_r|/extrapolated, the size of the step; NaN when a solve failed
  bool converged;              ///< both solves usable and grid_error ≤ escape.mfpt_tolerance
  double rate_per_ps;          ///< the extrapolated rate when converged, NaN otherwise
  std::string failure;         ///< why it did not converge (empty when it did)
  MfptSolve coarse;            ///< at r/2
  MfptSolve fine;              ///< at r
};

/// Solves at escape.mfpt_resolution r/2 and r. Collective over `comm`; every rank takes
/// the same verdict.
MfptRate mfpt_rate(MPI_Comm comm, const EscapeProblem& problem, const config::MfptParams& settings);

}  // namespace metasc::escape
