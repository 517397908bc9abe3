#include "metasc/nucleation/lattice_run.hpp"

#include <cmath>
#include <limits>

#include "metasc/stochastic/rng.hpp"
#include "metasc/units.hpp"

namespace metasc::nucleation {

LatticeRunner::LatticeRunner(LatticeSpec spec, const stochastic::ForceTable& force)
    : spec_(std::move(spec)),
      landscape_(force),
      dynamics_(spec_.scheme, spec_.oscillator, spec_.dt_ps, force, spec_.seed, PeriodicLattice(spec_.extents),
                spec_.stiffness_meV) {}

std::int32_t LatticeRunner::superconducting() const {
  const double Q_barrier = spec_.criteria.Q_barrier;
  std::int32_t count = 0;
  for (const double q : Q_) count += std::abs(q) > Q_barrier ? 1 : 0;
  return count;
}

bool LatticeRunner::nucleated(double drive_per_ps2) const {
  const auto& criteria = spec_.criteria;
  const double energy_per_momentum2 = 0.5 * units::hbar_meV_ps / spec_.oscillator.angular_per_ps;
  const auto& integrator = dynamics_.integrator();
  for (std::size_t c = 0; c < Q_.size(); ++c) {
    // Almost every cell of a metastable lattice fails the cheap test; only the rest pay for an energy.
    if (!(std::abs(Q_[c]) < criteria.Q_barrier)) continue;
    const double momentum = integrator.physical_momentum_at_slope(P_[c], dynamics_.slope(c, Q_[c]), drive_per_ps2);
    if (energy_per_momentum2 * momentum * momentum + landscape_.potential(Q_[c]) < criteria.relaxed_meV) return true;
  }
  return false;
}

LatticeResult LatticeRunner::run(std::uint64_t lattice_index, const std::function<void(std::uint64_t)>& advanced) {
  const std::size_t M = cells();
  const auto& oscillator = spec_.oscillator;
  const double Q_width = std::sqrt(oscillator.kT_meV / oscillator.domain_sites / spec_.initial_curvature_meV);
  const double P_width = std::sqrt(stochastic::momentum_variance(oscillator));
  const stochastic::NormalStream initial(spec_.seed, stochastic::Stream::initial_state);
  Q_.resize(M);
  P_.resize(M);
  const std::uint64_t first_id = lattice_index * M;
  for (std::size_t c = 0; c < M; ++c) Q_[c] = spec_.initial_Q + Q_width * initial.normal(first_id + c, 0, 0);
  dynamics_.couple(Q_.data());
  const auto& integrator = dynamics_.integrator();
  for (std::size_t c = 0; c < M; ++c) {
    P_[c] = integrator.stored_momentum_at_slope(P_width * initial.normal(first_id + c, 0, 1),
                                                dynamics_.slope(c, Q_[c]), drive(0));
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
    dynamics_.step(Q_.data(), P_.data(), lattice_index, n, drive(n));
  }
  result.Q_final = Q_;
  return result;
}

}  // namespace metasc::nucleation
