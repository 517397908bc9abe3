#pragma once
/// metasc-ensemble's job: everything resolved from the configuration before any
/// compute (model, landscape, force table, pulses, observation times — all bad
/// input is refused here), then one ensemble per pulse, spread over the ranks
/// in blocks, collected and reduced on rank 0.
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "metasc/config/ensemble_params.hpp"
#include "metasc/config/landscape_params.hpp"
#include "metasc/config/langevin_params.hpp"
#include "metasc/config/model_params.hpp"
#include "metasc/config/pulse_params.hpp"
#include "metasc/parallel/environment.hpp"
#include "metasc/physics/landscape_summary.hpp"
#include "metasc/stats/binomial.hpp"
#include "metasc/stats/escape_summary.hpp"
#include "metasc/stochastic/completed_blocks.hpp"
#include "metasc/stochastic/ensemble_results.hpp"
#include "metasc/stochastic/lifetimes.hpp"

namespace metasc::ensemble {

struct EnsembleJob {
  config::PhononParams phonon;
  config::BathParams bath;
  config::LangevinParams langevin;
  config::EnsembleParams observation;
  physics::LandscapeSummary landscape;
  stochastic::ForceTable force;
  std::vector<config::PulseEntry> pulses;
  std::vector<stochastic::EnsembleSpec> specs;  ///< one per pulse
  /// Empty when the landscape has a metastable well; otherwise why not (T ≥ T_B,
  /// no superconducting solution, distorted): the ensemble still runs, nothing is trapped.
  std::string no_well_reason;

  /// Throws ConfigError naming the key for anything the run cannot do.
  static EnsembleJob from(const config::Config& config);
  std::size_t output_times() const { return static_cast<std::size_t>(specs.front().steps / specs.front().output_stride) + 1; }
};

/// The reduced statistics of one pulse (rank 0).
struct PulseOutcome {
  stochastic::EnsembleResults results;
  stats::ProportionEstimate trapping;
  std::uint64_t trapped_count = 0;
  std::optional<stats::EscapeSummary> escape;  ///< absent when nothing was trapped
  double tau_MS_median_ps = std::numeric_limits<double>::quiet_NaN();  ///< Kaplan–Meier, with kinetics
  std::uint64_t tau_MS_observed = 0;  ///< trajectories whose gap collapsed before t_end
  stochastic::Lifetimes lifetimes;                     ///< per trajectory
  std::optional<stochastic::LifetimeSummary> lifetime;  ///< absent when nothing was trapped
};

/// How a run saves its completed blocks and what an earlier run left.
struct Checkpointing {
  std::string file;           ///< where `save` writes (named when the run stops)
  double interval_s = 0.0;    ///< wall-clock seconds between checkpoints; 0: only on a stop signal
  stochastic::CompletedBlocks restored;   ///< blocks of the interrupted run (all ranks hold all of them)
  /// Collective: saves this rank's completed blocks (the driver writes the file).
  std::function<void(const stochastic::CompletedBlocks& local)> save;
};

/// Runs every pulse's ensemble. Collective; rank 0 gets the outcomes. Blocks in
/// `checkpointing.restored` are taken, not recomputed. At each block boundary
/// the ranks agree whether to checkpoint (interval elapsed, or SIGTERM/SIGUSR1
/// on any rank); after a signal they throw StoppedAtCheckpoint together.
std::vector<PulseOutcome> run_ensembles(const Environment& environment, const EnsembleJob& job, bool progress,
                                        const Checkpointing& checkpointing);

}  // namespace metasc::ensemble
