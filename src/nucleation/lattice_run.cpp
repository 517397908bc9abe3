#include "metasc/nucleation/lattice_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "metasc/nucleation/distributed_lattice.hpp"
#include "metasc/nucleation/serial_lattice.hpp"
#include "metasc/stochastic/rng.hpp"

namespace metasc::nucleation {

template <class Lattice>
std::int64_t LatticeRunner<Lattice>::superconducting(bool far_only) const {
  const double Q_barrier = spec_.criteria.Q_barrier;
  const double* Q = lattice_.Q();
  std::int64_t count = 0;
  for (std::size_t i = 0; i < lattice_.owned(); ++i) {
    count += std::abs(Q[i]) > Q_barrier && (!far_only || far_[i] != 0) ? 1 : 0;
  }
  return count;
}

template <class Lattice>
std::uint64_t LatticeRunner<Lattice>::committed_entry(std::uint64_t n) {
  constexpr std::uint64_t never = LatticeProgress::never;
  const auto& criteria = spec_.criteria;
  const double w = spec_.neighbour_weight;
  const double norm = 1.0 / (1.0 + w * static_cast<double>(2 * spec_.extents.size()));
  const double* Q = lattice_.Q();
  std::uint64_t earliest = never;
  for (std::size_t i = 0; i < lattice_.owned(); ++i) {
    // Almost every cell of a metastable lattice fails the cheap test; only the rest pay for a mean and a V.
    bool relaxed = std::abs(Q[i]) < criteria.Q_barrier;
    if (relaxed) {
      const double local_Q = norm * (Q[i] + w * lattice_.neighbour_sum(i));
      relaxed = std::abs(local_Q) < criteria.Q_barrier && landscape_.potential(local_Q) < criteria.relaxed_meV;
    }
    if (!relaxed) {
      entered_[i] = never;
      continue;
    }
    if (entered_[i] == never) entered_[i] = n;
    if (n - entered_[i] >= spec_.commit_steps) earliest = std::min(earliest, entered_[i]);
  }
  return earliest;
}

template <class Lattice>
void LatticeRunner<Lattice>::start(std::uint64_t lattice_index) {
  const auto& oscillator = spec_.oscillator;
  // At rest the lattice warms to T from below (thermal momenta only): the
  // thermal spread of independent cells over-fills the lattice's stiff short
  // modes and nucleates a burst of droplets around t = 0 (README, field.start = rest).
  const double Q_width =
      spec_.at_rest ? 0.0 : std::sqrt(oscillator.kT_meV / oscillator.domain_sites / spec_.initial_curvature_meV);
  const double P_width = std::sqrt(stochastic::momentum_variance(oscillator));
  const stochastic::NormalStream initial(spec_.seed, stochastic::Stream::initial_state);
  const std::uint64_t first_id = lattice_index * static_cast<std::uint64_t>(PeriodicLattice(spec_.extents).cells());
  lattice_.begin_lattice(lattice_index);
  double* Q = lattice_.Q();
  double* P = lattice_.P();
  const std::size_t owned = lattice_.owned();
  for (std::size_t i = 0; i < owned; ++i) {
    const std::uint64_t cell = lattice_.natural_cell(i);
    const bool seeded = spec_.nucleus && spec_.nucleus->in_seed(cell);
    Q[i] = seeded ? 0.0 : spec_.initial_Q + Q_width * initial.normal(first_id + cell, 0, 0);
  }
  lattice_.couple();
  const auto& map = lattice_.step_map();
  for (std::size_t i = 0; i < owned; ++i) {
    P[i] = map.stored_momentum(P_width * initial.normal(first_id + lattice_.natural_cell(i), 0, 1),
                               lattice_.coupled_slope(i), drive(0));
  }
}

template <class Lattice>
LatticeResult LatticeRunner<Lattice>::run(std::uint64_t lattice_index, const LatticeProgress* resume,
                                          const StepBoundary& boundary) {
  // Observed on the owned cells alone and combined once at the end (the
  // superconducting counts summed, the first nucleation the earliest over the
  // lattice's ranks): a decomposed lattice communicates only its ghosts per step.
  std::vector<std::int64_t> superconducting_cells, far_superconducting_cells;
  std::vector<double> snapshots;  // whole on the lattice's first rank
  superconducting_cells.reserve(output_times());
  constexpr std::uint64_t never = LatticeProgress::never;
  std::uint64_t first_step = never, n0 = 0;
  entered_.assign(lattice_.owned(), never);
  if (resume == nullptr) {
    start(lattice_index);
  } else {
    lattice_.set_state(lattice_index, resume->Q, resume->P);
    n0 = resume->next_step;
    first_step = resume->first_step;
    // The whole lattice's counts so far sit on its first rank; the others add from zero.
    superconducting_cells.assign(resume->superconducting_cells.size(), 0);
    far_superconducting_cells.assign(resume->far_superconducting_cells.size(), 0);
    if (lattice_.first_rank()) {
      superconducting_cells = resume->superconducting_cells;
      far_superconducting_cells = resume->far_superconducting_cells;
      snapshots = resume->snapshots;
    }
  }
  far_.assign(lattice_.owned(), 0);
  if (spec_.nucleus) {
    for (std::size_t i = 0; i < lattice_.owned(); ++i) far_[i] = spec_.nucleus->far(lattice_.natural_cell(i)) ? 1 : 0;
  }
  const bool keeps_snapshots = lattice_index == 0;
  const auto summed = [&](std::vector<std::int64_t> counts) {
    lattice_.sum_over_ranks(counts);
    return counts;
  };
  const auto progress_at = [&](std::uint64_t n) {
    return LatticeProgress{.lattice_index = lattice_index,
                           .next_step = n,
                           .first_step = lattice_.min_over_ranks(first_step),
                           .superconducting_cells = summed(superconducting_cells),
                           .Q = lattice_.gather_Q(),
                           .P = lattice_.gather_P(),
                           .far_superconducting_cells = summed(far_superconducting_cells),
                           .snapshots = snapshots};
  };
  for (std::uint64_t n = n0;; ++n) {
    // A resumed run has observed its first step already.
    if (resume == nullptr || n > n0) {
      if (n % spec_.output_stride == 0) {
        superconducting_cells.push_back(superconducting());
        if (spec_.nucleus) far_superconducting_cells.push_back(superconducting(true));
      }
      if (first_step == never && n >= spec_.risk_step) first_step = committed_entry(n);
      if (keeps_snapshots && std::ranges::binary_search(spec_.snapshot_steps, n)) {
        const auto Q = lattice_.gather_Q();
        snapshots.insert(snapshots.end(), Q.begin(), Q.end());
      }
    }
    if (n == spec_.steps) break;
    if (n % progress_steps == 0 && (resume == nullptr || n > n0)) boundary(n, [&] { return progress_at(n); });
    lattice_.step(n, drive(n));
  }
  lattice_.sum_over_ranks(superconducting_cells);
  lattice_.sum_over_ranks(far_superconducting_cells);
  first_step = lattice_.min_over_ranks(first_step);
  // A cell already in the relaxed normal well at the check time: the lattice
  // was never trapped (the §7 trapping check), so never at risk: NaN.
  const double first_time_ps = first_step == never              ? std::numeric_limits<double>::infinity()
                               : first_step == spec_.risk_step ? std::numeric_limits<double>::quiet_NaN()
                                                                : static_cast<double>(first_step - spec_.risk_step) * spec_.dt_ps;
  LatticeResult result{.first_time_ps = first_time_ps,
                       .superconducting_cells = {},
                       .Q_final = lattice_.gather_Q(),
                       .far_superconducting_cells = {},
                       .snapshots = std::move(snapshots)};
  for (const auto count : superconducting_cells) result.superconducting_cells.push_back(static_cast<std::int32_t>(count));
  for (const auto count : far_superconducting_cells) {
    result.far_superconducting_cells.push_back(static_cast<std::int32_t>(count));
  }
  return result;
}

template class LatticeRunner<SerialLattice>;
template class LatticeRunner<DistributedLattice>;

}  // namespace metasc::nucleation
