#pragma once
/// The brute-force escape rate: an ensemble started in thermal equilibrium in
/// the metastable well (centred on +Q_MS, width from V''(Q_MS)), trapped at the
/// first step if bound there, then watched until it enters the relaxed normal
/// well or t_end — the ensemble engine of metasc-ensemble, unchanged, with the
/// escape criterion of the problem. Rate: the censored maximum-likelihood
/// estimate d/T_risk with its exact χ² interval (PHYSICS.md §7), after
/// discarding escape.transient_ps. Trajectories are spread over the ranks in
/// fixed blocks and collected in global order: the numbers do not depend on the
/// rank count.
#include <cstdint>
#include <optional>

#include "metasc/config/langevin_params.hpp"
#include "metasc/escape/problem.hpp"
#include "metasc/parallel/environment.hpp"
#include "metasc/stats/escape_summary.hpp"

namespace metasc::escape {

struct EnsembleRate {
  std::uint64_t trajectories;
  std::uint64_t trapped;                     ///< bound in the well at the first step (the rest never count)
  std::optional<stats::EscapeSummary> escape;  ///< absent when nothing was at risk after the transient
  double trajectory_steps;                   ///< cost: trajectories × steps
};

/// Collective; the result is complete on rank 0 (the other ranks get the counts only).
/// Throws ConfigError naming langevin.dt_ps when the step is unstable in this well.
EnsembleRate ensemble_rate(const Environment& environment, const EscapeProblem& problem,
                           const config::LangevinParams& langevin, double transient_ps);

}  // namespace metasc::escape
