#pragma once
/// The Langevin dynamics of one lattice of coupled cells (PHYSICS.md §8):
///
///   dP_c = [−γP_c − (ω/ħ)(V'(Q_c) + κ Σ_{c'∈nn(c)} (Q_c − Q_c')) + a(t)] dt + sqrt(2γ σ_P²) dW_c,
///
/// integrated by the ensembles' own LangevinIntegrator (BAOAB / GJF / Euler
/// step maps): the neighbour force is part of the B (force) step, added to V'
/// per cell, so every identity of the single-domain schemes carries over mode
/// by mode. The noise of cell c of lattice ℓ at step n is the integrator's
/// stream for trajectory id ℓ·M + c: a function of (seed, lattice, global
/// cell, step) only, whichever rank holds the lattice.
/// Units: Q in oscillator lengths, P [1/ps] (stored convention), energies meV per site.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "metasc/nucleation/bond_force.hpp"
#include "metasc/nucleation/lattice.hpp"
#include "metasc/stochastic/integrator.hpp"

namespace metasc::nucleation {

/// A landscape force whose stability check also covers the stiffest lattice
/// mode: max V'' + 4dκ [meV], so that ω_max² = (ω/ħ)(max V'' + 4dκ).
template <stochastic::ForceEvaluator Force>
struct LatticeModeForce {
  Force landscape;
  double coupling_curvature_meV;  ///< 4dκ, the largest eigenvalue of κ times the lattice Laplacian

  auto slope_kernel() const { return landscape.slope_kernel(); }
  double slope(double Q) const { return landscape.slope(Q); }
  double max_curvature_meV() const { return landscape.max_curvature_meV() + coupling_curvature_meV; }
};

template <stochastic::ForceEvaluator Force>
class LatticeDynamics {
 public:
  /// Throws ConfigError naming langevin.dt_ps when the highest lattice mode
  /// cannot take dt (ω_max dt ≥ 2 for BAOAB / GJF).
  LatticeDynamics(stochastic::Scheme scheme, const stochastic::Oscillator& oscillator, double dt_ps, Force force,
                  std::uint64_t seed, PeriodicLattice lattice, double stiffness_meV)
      : lattice_(std::move(lattice)),
        bonds_{.stiffness_meV = stiffness_meV, .dimension = static_cast<std::size_t>(lattice_.dimensions())},
        integrator_(scheme, oscillator, dt_ps, LatticeModeForce<Force>{std::move(force), bonds_.max_curvature_meV()},
                    seed),
        neighbours_(lattice_.cells(), 0.0) {}

  /// Takes Q[0 … M) as the current state: its neighbour sums, for slope() and step().
  void couple(const double* Q) { lattice_.neighbour_sum(Q, neighbours_.data()); }

  /// V'(Q_c) + κ Σ_{c'} (Q_c − Q_c') [meV per site] of cell c at the coupled state.
  double slope(std::size_t cell, double Q) const {
    return integrator_.force().landscape.slope(Q) + bonds_.on(neighbours_.data()).slope(cell, Q);
  }

  /// One step t_n → t_n + dt of lattice `lattice_index` from the coupled state
  /// (couple() was called with this Q, or the previous step() left it so), and
  /// couples the new state. `drive_per_ps2` = a(t_n).
  [[gnu::noinline]] void step(double* Q, double* P, std::uint64_t lattice_index, std::uint64_t step_index,
                              double drive_per_ps2) {
    const std::size_t cells = lattice_.cells();
    // In chunks that keep Q, P, the noise and the slopes in the L1 cache (a
    // whole large lattice's noise would not fit in L2); the neighbour sums are
    // of t_n for every chunk, and each cell's noise is keyed by its own id, so
    // the bits do not depend on the chunking.
    for (std::size_t first = 0; first < cells; first += chunk_cells) {
      const std::size_t n = std::min(chunk_cells, cells - first);
      integrator_.step_coupled(Q + first, P + first, n, lattice_index * cells + first, step_index, drive_per_ps2,
                               bonds_.on(neighbours_.data() + first));
    }
    couple(Q);
  }

  /// Σ_{c'∈nn(c)} Q_c' [ℓ0] at the coupled state.
  double neighbour_sum(std::size_t cell) const { return neighbours_[cell]; }
  const PeriodicLattice& lattice() const { return lattice_; }
  const stochastic::LangevinIntegrator<LatticeModeForce<Force>>& integrator() const { return integrator_; }

 private:
  static constexpr std::size_t chunk_cells = 1024;

  PeriodicLattice lattice_;
  BondForce bonds_;
  stochastic::LangevinIntegrator<LatticeModeForce<Force>> integrator_;
  std::vector<double> neighbours_;  ///< Σ_{c'∈nn(c)} Q_c' of the current state
};

}  // namespace metasc::nucleation
