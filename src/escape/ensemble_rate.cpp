#include "metasc/escape/ensemble_rate.hpp"

#include <algorithm>

#include "metasc/parallel/decomposition.hpp"
#include "metasc/stats/censored_times.hpp"
#include "metasc/stochastic/ensemble.hpp"
#include "metasc/stochastic/ensemble_results.hpp"

namespace metasc::escape {

EnsembleRate ensemble_rate(const Environment& environment, const EscapeProblem& problem,
                           const config::LangevinParams& langevin, double transient_ps) {
  const std::uint64_t steps = langevin.step_count();
  // The initial state is drawn inside the well already: the trapping check is the first step.
  const stochastic::EnsembleSpec spec{.scheme = langevin.scheme,
                                      .oscillator = problem.oscillator,
                                      .dt_ps = langevin.dt_ps,
                                      .steps = steps,
                                      .seed = langevin.seed,
                                      .check_step = 1,
                                      .output_stride = steps,
                                      .samples = 0,
                                      .criteria = problem.criteria(),
                                      .initial_Q = problem.well.critical.Q_metastable,
                                      .initial_curvature_meV = problem.well.curvature_metastable_meV};
  stochastic::EnsembleRunner runner(spec, problem.well.table, {});

  const auto trajectories = static_cast<std::uint64_t>(langevin.trajectories);
  const std::uint64_t block_count =
      (trajectories + stochastic::trajectories_per_block - 1) / stochastic::trajectories_per_block;
  const Decomposition blocks(static_cast<std::int64_t>(block_count), environment.size(), environment.rank(),
                             Decomposition::Layout::contiguous);
  std::vector<stochastic::BlockResult> local;
  for (std::int64_t k = 0; k < blocks.local_count(); ++k) {
    const auto first = static_cast<std::uint64_t>(blocks.global_index(k)) * stochastic::trajectories_per_block;
    const auto count = std::min<std::uint64_t>(stochastic::trajectories_per_block, trajectories - first);
    local.push_back(runner.run_block(first, static_cast<std::size_t>(count)));
  }
  const auto results = stochastic::collect(environment, local, runner.output_times());

  EnsembleRate rate{.trajectories = trajectories,
                    .trapped = 0,
                    .escape = std::nullopt,
                    .trajectory_steps = static_cast<double>(trajectories) * static_cast<double>(steps)};
  if (!environment.is_root()) return rate;
  for (const auto trapped : results.trapped) rate.trapped += trapped;
  const double at_risk_ps = static_cast<double>(steps - spec.check_step) * spec.dt_ps;
  const auto observations = stats::censored_times(results.escape_time_ps, 0.0, at_risk_ps);
  if (stats::exposure(observations, transient_ps).time_at_risk_ps > 0.0) {
    rate.escape = stats::summarize_escapes(observations, transient_ps);
  }
  return rate;
}

}  // namespace metasc::escape
