#pragma once
/// The ensemble engine on one rank: blocks of trajectories integrated through
/// the whole run (block outer, step inner, so a block's state stays in cache),
/// with the observers of PHYSICS.md §7 — trapping at the check time, first
/// entry into the relaxed normal well, moments and samples on the output grid.
/// A block's results depend only on its global trajectory ids, never on which
/// rank runs it; blocks are merged in global order by the caller.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "metasc/stats/running_moments.hpp"
#include "metasc/stochastic/back_action_force.hpp"
#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/integrator.hpp"
#include "metasc/stochastic/kinetic_coupling.hpp"
#include "metasc/stochastic/table_kinetics.hpp"

namespace metasc::stochastic {

/// Where a trajectory counts as trapped or escaped. Energies per site [meV]:
/// e = (ħ/ω)P²/2 + V(Q), so that the domain energy is H = N_s e.
struct WellCriteria {
  double Q_barrier;    ///< Q_B
  double barrier_meV;  ///< V(Q_B): trapped needs |Q| > Q_B and e < V(Q_B) at the check time
  double relaxed_meV;  ///< V(Q_B) − m k_BT/N_s: escaped needs |Q| < Q_B and e below this

  bool bound(double Q, double energy_meV) const { return std::abs(Q) > Q_barrier && energy_meV < barrier_meV; }
  /// Both tests always made (&, not &&): the observing step's loop then has no
  /// branch to if-convert, which GCC 12 failed to do there, leaving it scalar.
  bool relaxed(double Q, double energy_meV) const { return (std::abs(Q) < Q_barrier) & (energy_meV < relaxed_meV); }
};

struct EnsembleSpec {
  Scheme scheme;
  Oscillator oscillator;
  double dt_ps;
  std::uint64_t steps;          ///< t_end = steps·dt
  std::uint64_t seed;
  std::uint64_t check_step;     ///< trapping is decided at t = check_step·dt
  std::uint64_t output_stride;  ///< moments and samples every output_stride steps, from t = 0
  std::uint64_t samples;        ///< trajectories with id < samples are recorded on the output grid
  WellCriteria criteria;
  double initial_Q = 0.0;        ///< centre of the thermal initial state: 0 (normal well) or ±Q_MS
  double initial_curvature_meV;  ///< V'' > 0 there: width of the thermal initial state
  /// Quasi-particle kinetics driven by each trajectory's U(Q(t)); null: off.
  std::shared_ptr<const KineticCoupling> kinetics;
  std::uint64_t kinetics_stride = 0;  ///< phonon steps per coupling interval
  /// With kinetics: the force on each trajectory uses its kinetic gap
  /// (BackActionForce), updated at the end of every coupling interval.
  bool back_action = false;
};

/// What one block of trajectories produced.
struct BlockResult {
  std::vector<std::uint8_t> trapped;
  std::vector<double> escape_time_ps;  ///< after the check time; NaN if not trapped, +inf if censored
  std::vector<double> Q_final;
  std::vector<double> P_final_per_ps;  ///< on-site momentum dQ/dt at t_end
  std::vector<stats::RunningMoments> Q_moments;  ///< one per output time
  std::vector<stats::RunningMoments> P_moments;
  std::vector<double> Q_samples;  ///< (sampled trajectory, output time), row-major
  std::vector<double> P_samples;
  // With kinetics only (empty otherwise):
  std::vector<double> tau_MS_ps;  ///< after the check time, when 2Δ first ≤ Ω_max; 0 if already; +inf if never
  std::vector<stats::RunningMoments> gap_moments;      ///< Δ [meV], one per output time
  std::vector<stats::RunningMoments> density_moments;  ///< n per site
  std::vector<double> density_samples;                 ///< n of the sampled trajectories, like Q_samples
};

/// Trajectories per block: fixed, so that how moments are merged does not
/// depend on the number of ranks.
inline constexpr std::size_t trajectories_per_block = 256;

class EnsembleRunner {
 public:
  /// `drive_per_ps2[n]` = a(t_n), the pump at step n, evaluated once for the
  /// whole ensemble; steps beyond the table's end have no drive (pulse over).
  EnsembleRunner(const EnsembleSpec& spec, ForceTable force, std::vector<double> drive_per_ps2);

  /// Integrates trajectories first_trajectory … first_trajectory + count − 1.
  BlockResult run_block(std::uint64_t first_trajectory, std::size_t count);

  std::size_t output_times() const { return static_cast<std::size_t>(spec_.steps / spec_.output_stride) + 1; }
  const EnsembleSpec& spec() const { return spec_; }

 private:
  double drive(std::uint64_t step) const { return step < drive_.size() ? drive_[step] : 0.0; }
  void initialise(std::uint64_t first_trajectory, std::size_t count);
  /// energy_[i] = e of the block's trajectories at t_now, in the equilibrium landscape.
  void site_energies(std::size_t count, std::uint64_t now);
  /// The escape observer at one time, as a separate pass (back-action runs, whose
  /// force is not the table's, and the last time, which no step starts from).
  void record_relaxed(std::size_t count, std::uint64_t now);
  /// One step of the plain kernel that also records, inside its loop, which
  /// trajectories are relaxed at t_step (the start of the step).
  void step_recording_relaxed(std::uint64_t first_trajectory, std::size_t count, std::uint64_t step);
  /// Whether some trapped trajectory not yet relaxed is inside the barrier,
  /// |Q| < watch_limit_ = Q_B, now: WellCriteria::relaxed needs that, so a
  /// step whose start has none records no escape and the plain step() serves it.
  bool open_inside_barrier(std::size_t count) const;
  /// watch_limit_[i] = Q_B while trajectory i is trapped and not yet relaxed, −1 after.
  void update_watch_limits(const std::vector<std::uint8_t>& trapped, std::size_t count);
  /// How many of trajectories first_trajectory … + count − 1 keep their samples (ids < spec.samples).
  std::size_t sampled_of(std::uint64_t first_trajectory, std::size_t count) const;
  void observe_moments(BlockResult& result, std::size_t output_index, std::uint64_t first_trajectory,
                       std::size_t count, std::uint64_t step);
  void advance_kinetics(BlockResult& result, std::size_t count, std::uint64_t step);
  /// One step of the block with the back-action force. Not inlined, like
  /// LangevinIntegrator::step, so that its loop stays vectorised.
  [[gnu::noinline]] void step_with_back_action(std::uint64_t first_trajectory, std::size_t count,
                                               std::uint64_t step);
  /// V'(Q) [meV per site] that trajectory i of the block feels.
  double slope(std::size_t i) const;
  /// momentum_[i] = on-site P(t_n) of the block's trajectories, with the force they feel.
  void physical_momenta(std::size_t count, double drive_per_ps2);

  EnsembleSpec spec_;
  LangevinIntegrator<ForceTable> integrator_;
  std::vector<double> drive_;
  double energy_per_momentum2_;  ///< ħ/(2ω): e = (ħ/2ω)P² + V(Q)
  std::vector<double> Q_, P_;    ///< the block's state (P in the integrator's stored convention)
  std::vector<double> momentum_, energy_;  ///< scratch: on-site P and energy per site
  /// First step n after the check time at which the trajectory was relaxed
  /// (WellCriteria::relaxed at t_n), or never_relaxed.
  std::vector<std::uint64_t> first_relaxed_;
  std::vector<double> watch_limit_;  ///< see update_watch_limits()
  std::vector<double> density_, pairing_sum_;        ///< kinetics: n, Σ U over the interval
  std::vector<physics::KineticState> kinetic_state_;  ///< kinetics: (Δ, λ, branch)
  std::vector<double> gap_squared_;                  ///< back-action: Δ² of kinetic_state_ [meV²]
  std::vector<double> gap_;                          ///< kinetics, scratch: Δ of the block at an output time [meV]
  BackActionForce back_action_force_;
  TableKinetics table_kinetics_;  ///< kinetics.solver = table: the block's n advanced at once
  double initial_density_ = 0.0;
  physics::KineticState initial_state_{};
};

}  // namespace metasc::stochastic
