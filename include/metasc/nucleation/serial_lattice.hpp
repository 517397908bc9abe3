#pragma once
/// One whole lattice on one rank behind the interface DistributedLattice
/// offers (owned cells, coupling, step, reductions over the lattice's ranks), so
/// that LatticeRunner runs either: here every cell is owned, in natural order,
/// and the reductions are the rank's own values.
#include <cstdint>
#include <vector>

#include "metasc/nucleation/lattice_dynamics.hpp"
#include "metasc/stochastic/force_table.hpp"

namespace metasc::nucleation {

class SerialLattice {
 public:
  /// Throws ConfigError naming langevin.dt_ps when the highest mode cannot take dt.
  SerialLattice(const std::vector<std::int64_t>& extents, double stiffness_meV, stochastic::Scheme scheme,
                const stochastic::Oscillator& oscillator, double dt_ps, const stochastic::ForceTable& force,
                std::uint64_t seed)
      : dynamics_(scheme, oscillator, dt_ps, force, seed, PeriodicLattice(extents), stiffness_meV),
        Q_(dynamics_.lattice().cells(), 0.0),
        P_(dynamics_.lattice().cells(), 0.0) {}

  void begin_lattice(std::uint64_t lattice_index) { lattice_index_ = lattice_index; }
  void couple() { dynamics_.couple(Q_.data()); }
  void step(std::uint64_t step_index, double drive_per_ps2) {
    dynamics_.step(Q_.data(), P_.data(), lattice_index_, step_index, drive_per_ps2);
  }

  std::size_t owned() const { return Q_.size(); }
  const double* Q() const { return Q_.data(); }
  const double* P() const { return P_.data(); }
  double* Q() { return Q_.data(); }
  double* P() { return P_.data(); }
  std::uint64_t natural_cell(std::size_t i) const { return i; }
  double coupled_slope(std::size_t i) const { return dynamics_.slope(i, Q_[i]); }
  /// Σ_{c'∈nn(i)} Q_c' [ℓ0] at the coupled state.
  double neighbour_sum(std::size_t i) const { return dynamics_.neighbour_sum(i); }
  const stochastic::StepMap& step_map() const { return dynamics_.integrator().step_map(); }

  void sum_over_ranks(std::vector<std::int64_t>&) const {}
  std::uint64_t min_over_ranks(std::uint64_t local) const { return local; }
  std::vector<double> gather_Q() const { return Q_; }
  std::vector<double> gather_P() const { return P_; }
  bool first_rank() const { return true; }
  /// Takes the whole lattice's Q, P (natural order) and couples.
  void set_state(std::uint64_t lattice_index, const std::vector<double>& Q, const std::vector<double>& P) {
    begin_lattice(lattice_index);
    Q_ = Q;
    P_ = P;
    couple();
  }

 private:
  LatticeDynamics<stochastic::ForceTable> dynamics_;
  std::vector<double> Q_, P_;
  std::uint64_t lattice_index_ = 0;
};

}  // namespace metasc::nucleation
