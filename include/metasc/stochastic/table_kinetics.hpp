#pragma once
/// The table path of the coupled kinetics: the n of a whole block of
/// trajectories advanced across one coupling interval at once, each at its own
/// mean pairing Ū, in structure-of-arrays form.
///
/// Integrator: Bogacki–Shampine 3(2) in z = ln n, with its own step size and
/// step control per lane (FSAL within an interval; Ū changes between
/// intervals). Every lane keeps its step size from one interval to the next, so
/// a lane that relaxes fast (near the gap collapse) takes substeps and one that
/// barely moves (a trapped state at 100 K changes n on ns scales) takes one step
/// per interval. Local error per step ≤ 1e-10 in ln n: over 10⁵ intervals the
/// accumulated error stays below 1e-5 relative in n.
#include <cstddef>
#include <memory>
#include <vector>

#include "metasc/physics/bcs.hpp"
#include "metasc/physics/kinetics_table.hpp"

namespace metasc::stochastic {

class TableKinetics {
 public:
  TableKinetics() = default;
  TableKinetics(std::shared_ptr<const physics::KineticsTable> table, double interval_ps);

  /// Every lane starts at `state` with a step of one interval.
  void start(std::size_t count, const physics::KineticState& state, double pairing_meV);
  /// density[i] across one interval at mean_pairing_meV[i]; state[i] is the state at the end.
  void advance(std::size_t count, double* density, const double* mean_pairing_meV, physics::KineticState* state);

 private:
  /// dz/dt [1/ps] of lane i at z = ln n (NaN below the table's range); updates its solve hint.
  double slope(std::size_t i, double log_density);

  std::shared_ptr<const physics::KineticsTable> table_;
  double interval_ps_ = 0.0;
  std::vector<physics::KineticsTable::PairingCell> cell_;
  std::vector<double> hint_;      ///< x of the last solve
  std::vector<double> step_ps_;   ///< the lane's current step size
  std::vector<double> elapsed_ps_;
  std::vector<double> log_density_;
  std::vector<double> first_stage_;  ///< dz/dt at the start of the lane's next step
};

}  // namespace metasc::stochastic
