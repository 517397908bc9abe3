#pragma once
/// The critical droplet of PHYSICS.md §8: the lowest saddle of the lattice
/// energy
///
///   E(Q) = N_s [ Σ_c V(Q_c) + (κ/2) Σ_⟨c,c'⟩ (Q_c − Q_c')² ]
///
/// between the uniform metastable state and the uniform normal state, found in
/// two stages on the whole lattice vector:
///  1. a string (the simplified string method: gradient descent of every
///     image, then equal-arc-length reparametrisation) from the uniform
///     metastable state to the normal state, started as a droplet of the normal
///     phase whose front sweeps out from one point of the lattice. The string
///     is then cut after its highest image and re-spread over the cut part a
///     few times, so that the first barrier — the critical droplet, beyond
///     which growth runs downhill — is resolved however many cells the front
///     later sweeps;
///  2. a minimum-mode follower from the highest image: gradient descent with
///     the force along the lowest Hessian eigenvector reversed, the eigenvector
///     tracked by shifted power iteration. It converges to an index-1 saddle,
///     the droplet, and gives its unstable mode (the direction of growth). The
///     second eigenvalue is checked; a second unstable mode of a tenth or more
///     of the first (cells held exactly symmetric going over together) is left
///     along that mode and followed again.
/// The droplet's centre is put off every lattice symmetry point, so cells enter
/// the normal phase one at a time along the initial string (at small κ the
/// droplet is one cell).
///
/// Distributed: every image and every follower vector is split over the ranks
/// in whole slabs of the lattice's first extent (SlabLattice, a PETSc DMDA);
/// the neighbour terms of the gradient and of the Hessian-vector products come
/// from ghost exchange (the string's images all in one), and every sum over
/// cells — energies, arc lengths, dot products, norms — is formed per slab and
/// added in slab order on every rank, so the search takes the same steps and
/// returns the same bits on any rank count; one rank is the case of one
/// piece. Q in oscillator lengths, energies in meV.
#include <mpi.h>

#include <cstdint>
#include <vector>

#include "metasc/stochastic/force_table.hpp"

namespace metasc::nucleation {

struct DropletSearch {
  std::vector<std::int64_t> extents;  ///< L_1[, L_2[, L_3]]
  double stiffness_meV;               ///< κ ≥ 0
  double domain_sites;                ///< N_s > 0
  double Q_metastable;                ///< near the uniform metastable minimum (relaxed onto it)
  double Q_normal;                    ///< near the uniform normal minimum (relaxed onto it)
};

struct CriticalDroplet {
  double energy_meV;                 ///< ΔE_c = E(saddle) − E(uniform metastable)
  std::vector<double> Q;             ///< the saddle, every cell, row-major
  std::vector<double> unstable_mode; ///< unit vector, row-major, pointing towards the normal phase
  double unstable_curvature_meV;     ///< its Hessian eigenvalue per site, < 0 at a saddle [meV/ℓ0²]
  double second_curvature_meV;       ///< the next eigenvalue, ≥ 0 at an index-1 saddle (≈ 0, either sign: the droplet's translation); NaN for one cell
  std::vector<double> string_energy_meV;  ///< E − E(uniform metastable) along the final string, per image
  double residual_meV;               ///< max_c |∂E/∂Q_c| / N_s at the returned saddle
  bool converged;                    ///< residual below the tolerance within the iteration budget
};

/// Number of images on the string.
inline constexpr int string_images = 33;

/// Bytes the search needs on rank 0 of `ranks`: its share of the string's and
/// the follower's vectors (with ghost slabs) and the gathered saddle and mode.
double droplet_search_bytes(const std::vector<std::int64_t>& extents, int ranks);

/// Collective on `comm`: the lattice is split over its ranks (slab_lattice.hpp).
/// Q and unstable_mode are returned on rank 0 of `comm` (empty elsewhere), every
/// other member on every rank; all of it the same bits on any rank count.
/// Throws metasc::Error for extents the lattice refuses, N_s ≤ 0 or κ < 0.
CriticalDroplet find_critical_droplet(MPI_Comm comm, const DropletSearch& search, const stochastic::ForceTable& force);

}  // namespace metasc::nucleation
