#pragma once
/// One pulse's ensemble, collected on rank 0 in global trajectory order: the
/// per-trajectory results, the moments on the output grid (block moments
/// merged in global block order, so the numbers do not depend on the number of
/// ranks) and the sampled trajectories.
#include <vector>

#include "metasc/parallel/environment.hpp"
#include "metasc/stochastic/ensemble.hpp"

namespace metasc::stochastic {

struct EnsembleResults {
  std::vector<std::uint8_t> trapped;
  std::vector<double> escape_time_ps;
  std::vector<double> Q_final;
  std::vector<double> P_final_per_ps;
  std::vector<stats::RunningMoments> Q_moments;  ///< one per output time
  std::vector<stats::RunningMoments> P_moments;
  std::vector<double> Q_samples;  ///< (sampled trajectory, output time)
  std::vector<double> P_samples;
  std::vector<double> tau_MS_ps;  ///< with kinetics only
  std::vector<double> density_samples;  ///< with kinetics only: n of the sampled trajectories
  std::vector<stats::RunningMoments> gap_moments;
  std::vector<stats::RunningMoments> density_moments;
};

/// Collective. `local_blocks` are this rank's blocks in increasing global order,
/// and ranks own consecutive runs of blocks in rank order. Rank 0 gets the
/// results; the other ranks an empty object.
EnsembleResults collect(const Environment& environment, const std::vector<BlockResult>& local_blocks,
                        std::size_t output_times);

}  // namespace metasc::stochastic
