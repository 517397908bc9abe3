#include "metasc/nucleation/lattice_run.hpp"

#include <cmath>
#include <limits>

#include "metasc/nucleation/distributed_lattice.hpp"
#include "metasc/nucleation/serial_lattice.hpp"
#include "metasc/stochastic/rng.hpp"
#include "metasc/units.hpp"

namespace metasc::nucleation {

template <class Lattice>
std::int32_t LatticeRunner<Lattice>::superconducting() const {
  const double Q_barrier = spec_.criteria.Q_barrier;
  const double* Q = lattice_.Q();
  std::int64_t count = 0;
  for (std::size_t i = 0; i < lattice_.owned(); ++i) count += std::abs(Q[i]) > Q_barrier ? 1 : 0;
  return static_cast<std::int32_t>(lattice_.total(count));
}

template <class Lattice>
bool LatticeRunner<Lattice>::nucleated(double drive_per_ps2) const {
  const auto& criteria = spec_.criteria;
  const double energy_per_momentum2 = 0.5 * units::hbar_meV_ps / spec_.oscillator.angular_per_ps;
  const auto& map = lattice_.step_map();
  const double* Q = lattice_.Q();
  const double* P = lattice_.P();
  bool found = false;
  for (std::size_t i = 0; i < lattice_.owned() && !found; ++i) {
    // Almost every cell of a metastable lattice fails the cheap test; only the rest pay for an energy.
    if (!(std::abs(Q[i]) < criteria.Q_barrier)) continue;
    const double momentum = map.physical_momentum(P[i], lattice_.coupled_slope(i), drive_per_ps2);
    found = energy_per_momentum2 * momentum * momentum + landscape_.potential(Q[i]) < criteria.relaxed_meV;
  }
  return lattice_.any(found);
}

template <class Lattice>
LatticeResult LatticeRunner<Lattice>::run(std::uint64_t lattice_index,
                                          const std::function<void(std::uint64_t)>& advanced) {
  const auto& oscillator = spec_.oscillator;
  const double Q_width = std::sqrt(oscillator.kT_meV / oscillator.domain_sites / spec_.initial_curvature_meV);
  const double P_width = std::sqrt(stochastic::momentum_variance(oscillator));
  const stochastic::NormalStream initial(spec_.seed, stochastic::Stream::initial_state);
  const std::uint64_t first_id = lattice_index * static_cast<std::uint64_t>(PeriodicLattice(spec_.extents).cells());
  lattice_.begin_lattice(lattice_index);
  double* Q = lattice_.Q();
  double* P = lattice_.P();
  const std::size_t owned = lattice_.owned();
  for (std::size_t i = 0; i < owned; ++i) {
    Q[i] = spec_.initial_Q + Q_width * initial.normal(first_id + lattice_.natural_cell(i), 0, 0);
  }
  lattice_.couple();
  const auto& map = lattice_.step_map();
  for (std::size_t i = 0; i < owned; ++i) {
    P[i] = map.stored_momentum(P_width * initial.normal(first_id + lattice_.natural_cell(i), 0, 1),
                               lattice_.coupled_slope(i), drive(0));
  }

  LatticeResult result{.first_time_ps = std::numeric_limits<double>::infinity(),
                       .superconducting_cells = {},
                       .Q_final = {}};
  result.superconducting_cells.reserve(output_times());
  bool watching = true;
  for (std::uint64_t n = 0;; ++n) {
    if (n % spec_.output_stride == 0) result.superconducting_cells.push_back(superconducting());
    if (watching && n >= spec_.risk_step && nucleated(drive(n))) {
      result.first_time_ps = static_cast<double>(n - spec_.risk_step) * spec_.dt_ps;
      watching = false;
    }
    if (n == spec_.steps) break;
    if (n % progress_steps == 0) advanced(n);
    lattice_.step(n, drive(n));
  }
  result.Q_final = lattice_.gather_Q();
  return result;
}

template class LatticeRunner<SerialLattice>;
template class LatticeRunner<DistributedLattice>;

}  // namespace metasc::nucleation
