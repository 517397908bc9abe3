#pragma once
/// The table path of the coupled kinetics: the n of a whole block of
/// trajectories advanced across one coupling interval at once, each at its own
/// mean pairing Ū, in structure-of-arrays form.
///
/// Integrator: exponential Rosenbrock–Euler in z = ln n, dz/dt = f(z),
///   z₁ = z + h φ₁(hJ) f(z),  φ₁(x) = (eˣ − 1)/x,  J ≈ ∂f/∂z (the secant over the Euler step),
/// second order, exact where f is linear in z. Why not an explicit Runge–Kutta
/// pair: near equilibrium n relaxes on ps scales where the continuum is open
/// (untrapped trajectories, 2Δ < Ω_max), stiff against the 1-ps interval, while
/// the trapped state changes on ns scales; an explicit method would need
/// several steps per interval for stability alone, this one takes one.
/// Error control per lane: the local error estimate (h/2)|N(z₁) − N(z)|,
/// N = f − Jz the remainder the scheme does not integrate exactly, ≤ 1e-9 in
/// ln n; every lane keeps its step size from one interval to the next. Three
/// evaluations per step (f at the start is the previous step's last).
///
/// The one place this fails is a recombining lane running into a sharp mode's
/// edge, 2Δ → Ω_ν: there f ≈ −a/√(z − z*) and the solution is (t* − t)^{2/3}
/// away from the edge, then frozen (the channel closes), so any step control
/// crawls. Near the edge the lane follows the time map instead: with
/// z = z* + w², dt = 2w dw/|f| is smooth in w (the edge factor's √ cancels), so
/// Gauss–Legendre quadrature gives the time to the edge, and a Newton solve on
/// the same quadrature the w reached when the interval ends first.
///
/// A lane in the normal state (Δ = 0) needs none of this: there dz/dt depends on
/// z alone, not on U, so one interval's flow map, integrated once at
/// construction from every node of the table's normal line, is interpolated
/// instead (as long as the lane is normal at both ends of the interval).
#include <cstddef>
#include <cstdint>
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
  /// density[i] across one interval at mean_pairing_meV[i]; state[i] is the state
  /// at the end. With `states_wanted` false, a lane whose channels are all closed
  /// (dn/dt = 0: n does not move) keeps its last state[i] instead of solving for
  /// the new one: for intervals whose Δ nobody reads.
  void advance(std::size_t count, double* density, const double* mean_pairing_meV, physics::KineticState* state,
               bool states_wanted);

 private:
  /// dz/dt [1/ps] of lane i at z = ln n (NaN outside the table's range); updates
  /// its solve hint and leaves the state there in trial_[i].
  double slope(std::size_t i, double log_density);
  /// One trial step of lane i, of its own size or the `left` ps to the interval's end.
  void step(std::size_t i, double left);
  /// Lane i across the rest of the interval by the time map, if it runs into a
  /// sharp mode's edge soon; false (nothing changed) if not.
  bool approach_sharp_edge(std::size_t i, double left);
  /// Time [ps] for lane i to fall from z* + w_high² to z* + w_low² (NaN if the rate
  /// is not negative throughout).
  double time_between(std::size_t i, double edge, double w_low, double w_high);
  /// Lane i across the whole interval by the normal state's flow map, if it is
  /// normal at both ends; false (nothing changed) if not.
  bool follow_normal_flow(std::size_t i, double log_density);
  /// Lane i accepts the state it has just evaluated, z with dz/dt = slope.
  void accept(std::size_t i, double log_density, double slope, double elapsed_ps);

  std::shared_ptr<const physics::KineticsTable> table_;
  double interval_ps_ = 0.0;
  std::vector<physics::KineticsTable::PairingCell> cell_;
  std::vector<double> hint_;      ///< x of the last solve
  std::vector<double> step_ps_;   ///< the lane's current step size
  std::vector<double> elapsed_ps_;
  std::vector<double> log_density_;
  std::vector<double> first_stage_;  ///< dz/dt at the start of the lane's next step
  std::vector<double> normal_flow_;  ///< ln n one interval on from each node of the table's normal line
  std::vector<std::uint8_t> closed_;  ///< 1: the lane's channels are closed this interval, its state not solved
  std::vector<physics::KineticsTable::Point> trial_;     ///< the state at the last evaluated z
  std::vector<physics::KineticsTable::Point> accepted_;  ///< the state at log_density_
};

}  // namespace metasc::stochastic
