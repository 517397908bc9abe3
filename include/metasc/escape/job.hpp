#pragma once
/// metasc-escape's job: the escape problem resolved from the configuration
/// before any compute (every bad input refused here, naming its key), then
/// every enabled rate method at the damping of [phonon] and, with a γ scan, at
/// each scanned damping. Collective: the sampling methods and the MFPT solve
/// spread over the ranks; results on rank 0 do not depend on the rank count.
#include <optional>
#include <vector>

#include "metasc/config/escape_params.hpp"
#include "metasc/config/langevin_params.hpp"
#include "metasc/config/model_params.hpp"
#include "metasc/escape/energy_diffusion.hpp"
#include "metasc/escape/ensemble_rate.hpp"
#include "metasc/escape/forward_flux.hpp"
#include "metasc/escape/mfpt.hpp"
#include "metasc/escape/problem.hpp"
#include "metasc/parallel/environment.hpp"
#include "metasc/physics/escape_theory.hpp"

namespace metasc::escape {

struct EscapeJob {
  config::PhononParams phonon;
  config::BathParams bath;
  config::LangevinParams langevin;  ///< time step, trajectories, seed of the sampling methods
  config::EscapeParams settings;
  EscapeProblem problem;            ///< at phonon.damping_per_ps

  /// Throws ConfigError naming the key for anything the run cannot do.
  static EscapeJob from(const config::Config& config);
};

/// Every method's answer at one damping γ. Rates [1/ps]; absent methods were not asked for.
/// Wall-clock seconds [s] are rank 0's, around each collective method.
struct DampingOutcome {
  double damping_per_ps;
  physics::EscapeRates theory;
  EnergyDiffusionMfpt energy_diffusion;
  std::optional<MfptRate> mfpt;
  std::optional<EnsembleRate> ensemble;
  std::optional<ForwardFluxResult> forward_flux;
  double mfpt_wall_s = 0.0, ensemble_wall_s = 0.0, forward_flux_wall_s = 0.0;
};

struct EscapeOutcome {
  DampingOutcome main;               ///< at phonon.damping_per_ps
  std::vector<DampingOutcome> scan;  ///< at escape.damping_scan_per_ps, when given
};

/// Runs the job. Collective; the outcome is complete on rank 0.
EscapeOutcome run_escape(const Environment& environment, const EscapeJob& job, bool progress);

}  // namespace metasc::escape
