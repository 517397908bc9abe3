#pragma once
/// One lattice integrated through the whole run with the observers of
/// PHYSICS.md §8: the number of superconducting cells (|Q_c| > Q_B) on the
/// output grid and the first-nucleation time — the first time after the start
/// of the risk clock (the trapping check: a lattice with a cell already there
/// is not trapped, never at risk) at which any cell c is in the relaxed normal
/// well of §7 judged on its local order parameter at rest: |Q_c| < Q_B,
/// |Q̃_c| < Q_B and V(Q̃_c) < V(Q_B) − m k_BT/N_s, with
/// Q̃_c = (Q_c + w Σ_{nn} Q_c') / (1 + 2d w), w = κ/V''(Q_MS): the cell and its
/// neighbours weighted by the stiffnesses that bind it to its own well and to
/// each of them (the cell alone at κ = 0, the star's mean as κ → ∞). Not the
/// cell's own energy: that holds k_BT/2 of the internal modes' kinetic energy
/// however stiff the lattice, and a lone cell dipping under Q_B is pulled back
/// by its neighbours (README, nucleation criterion). With field.commit_ps the
/// cell must stay there commit_steps steps in a row, and nucleates at its entry. A lattice's results depend only on its index,
/// whether it is held whole by one rank (SerialLattice) or spread over several
/// (DistributedLattice): the runner sees only the owned cells, combines its
/// observations over the lattice's ranks once at the end, and both hold the
/// same bits.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "metasc/nucleation/front_speed.hpp"

#include "metasc/stochastic/ensemble.hpp"
#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/integrator.hpp"

namespace metasc::nucleation {

struct LatticeSpec {
  stochastic::Scheme scheme;
  stochastic::Oscillator oscillator;
  double dt_ps;
  std::uint64_t steps;           ///< t_end = steps·dt
  std::uint64_t seed;
  std::vector<std::int64_t> extents;
  double stiffness_meV;          ///< κ
  std::uint64_t risk_step;       ///< the first-nucleation clock starts at t = risk_step·dt
  std::uint64_t output_stride;   ///< f_SC every output_stride steps, from t = 0
  stochastic::WellCriteria criteria;
  double neighbour_weight;       ///< w = κ/V''(Q_MS) of the local order parameter Q̃_c
  std::uint64_t commit_steps;    ///< a cell nucleates once relaxed this many steps in a row (0: at entry)
  double initial_Q;              ///< centre of every cell's thermal start: Q_MS or 0
  double initial_curvature_meV;  ///< V'' > 0 there: the width of the thermal start
  bool at_rest;                  ///< every cell at initial_Q exactly (no thermal spread; momenta still thermal)
  std::vector<double> drive_per_ps2;  ///< a(t_n); none beyond its end
  /// field.start = seeded: the nucleus, which starts at Q = 0 (the rest at
  /// initial_Q, all at rest with thermal momenta), and the far region counted apart.
  std::optional<SeedGeometry> nucleus;
  std::vector<std::uint64_t> snapshot_steps;  ///< ascending: lattice 0's Q is kept at these steps
};

struct LatticeResult {
  /// After risk_step·dt; +inf if no cell nucleated before t_end; NaN if the
  /// lattice was not trapped (a cell in the relaxed normal well at risk_step·dt).
  double first_time_ps;
  std::vector<std::int32_t> superconducting_cells;  ///< one per output time, the whole lattice's
  std::vector<double> Q_final;  ///< every cell at t_end, row-major (on the lattice's first rank only)
  std::vector<std::int32_t> far_superconducting_cells;  ///< seeded: the far region's, per output time; else empty
  std::vector<double> snapshots;  ///< lattice 0: Q at each snapshot step, row-major (first rank); else empty
};

/// A lattice part-way through its run, at the start of step `next_step`:
/// enough to continue it bit for bit (a checkpoint of one long lattice).
struct LatticeProgress {
  std::uint64_t lattice_index;
  std::uint64_t next_step;
  std::uint64_t first_step;  ///< step of the first nucleation, or LatticeProgress::never
  std::vector<std::int64_t> superconducting_cells;  ///< the whole lattice's, output times up to next_step
  std::vector<double> Q, P;  ///< every cell, natural order (P in the stored convention)
  std::vector<std::int64_t> far_superconducting_cells;  ///< seeded: as superconducting_cells, the far region's
  std::vector<double> snapshots;  ///< lattice 0: those taken up to next_step
  static constexpr std::uint64_t never = ~std::uint64_t{0};
};

/// Called at the start of every progress_steps-th step n with a way to take
/// the lattice's progress there (collective for a DistributedLattice: every
/// rank takes it or none; whole on the lattice's first rank).
using StepBoundary = std::function<void(std::uint64_t n, const std::function<LatticeProgress()>& snapshot)>;

/// `Lattice` is SerialLattice or DistributedLattice (collective calls then).
template <class Lattice>
class LatticeRunner {
 public:
  LatticeRunner(const LatticeSpec& spec, const stochastic::ForceTable& force, Lattice& lattice)
      : spec_(spec), landscape_(force), lattice_(lattice) {}

  /// Integrates lattice `lattice_index` from its start, or from `resume` (its
  /// progress at a boundary) when given; `boundary` is called every
  /// progress_steps steps (progress line, checkpoints).
  LatticeResult run(std::uint64_t lattice_index, const LatticeProgress* resume, const StepBoundary& boundary);
  static constexpr std::uint64_t progress_steps = 1024;
  std::size_t output_times() const { return static_cast<std::size_t>(spec_.steps / spec_.output_stride) + 1; }

 private:
  double drive(std::uint64_t step) const {
    return step < spec_.drive_per_ps2.size() ? spec_.drive_per_ps2[step] : 0.0;
  }
  /// Owned cells with |Q| > Q_B; only those in the far region when `far_only`.
  std::int64_t superconducting(bool far_only = false) const;
  /// Lattice `lattice_index` in its thermal start, coupled.
  void start(std::uint64_t lattice_index);
  /// Records step n ≥ risk_step of the owned cells' stays in the relaxed normal
  /// well (coupled state); the earliest entry step of a stay that has lasted
  /// commit_steps, or LatticeProgress::never.
  std::uint64_t committed_entry(std::uint64_t n);

  const LatticeSpec& spec_;
  const stochastic::ForceTable& landscape_;  ///< V(Q) for the cells' energies
  Lattice& lattice_;
  std::vector<std::uint64_t> entered_;  ///< per owned cell: the step its current stay began, or never
  std::vector<std::uint8_t> far_;       ///< seeded: per owned cell, 1 in the far region
};

}  // namespace metasc::nucleation
