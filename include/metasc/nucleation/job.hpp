#pragma once
/// metasc-nucleation's job (PHYSICS.md §8): the lattice, landscape, pump and
/// escape criterion resolved from the configuration before any compute (every
/// bad input refused here, naming its key), then `field.lattices` lattices run
/// one after another, each decomposed over all ranks. Energies meV per site,
/// times ps.
#include <cstdint>
#include <limits>
#include <vector>

#include "metasc/config/field_params.hpp"
#include "metasc/config/langevin_params.hpp"
#include "metasc/config/model_params.hpp"
#include "metasc/config/options.hpp"
#include "metasc/nucleation/lattice.hpp"
#include "metasc/parallel/environment.hpp"
#include "metasc/physics/landscape.hpp"
#include "metasc/physics/pulse.hpp"
#include "metasc/stats/censored_rate.hpp"
#include "metasc/stochastic/force_table.hpp"

namespace metasc::nucleation {

struct NucleationJob {
  config::PhononParams phonon;
  config::BathParams bath;
  config::LangevinParams langevin;
  config::FieldParams field;
  physics::CriticalPoints critical;  ///< of the tabulated BCS landscape at bath.temperature_K
  double curvature_metastable_meV;   ///< V''(Q_MS), the width of the thermal start
  double relaxed_meV;                ///< V(Q_B) − m k_BT/N_s (m = ensemble.margin_kT)
  stochastic::ForceTable force;
  physics::Pulse pulse;              ///< the one pump a(t), the same for every cell
  double transient_ps;               ///< t0 (escape.transient_ps): first nucleations before it are not counted
  std::uint64_t output_stride;       ///< steps between f_SC samples (ensemble.output_interval_ps)

  /// M N_s (V(Q_B) − V(Q_MS)) [meV]: the barrier of the whole lattice moving rigidly.
  double uniform_barrier_meV() const;

  /// Throws ConfigError naming the key for anything the run cannot do.
  static NucleationJob from(const config::Config& config);
};

struct NucleationOutcome {
  std::vector<double> time_ps;          ///< the output grid
  std::vector<double> f_SC;             ///< (lattice, time): fraction of cells with |Q| > Q_B
  std::vector<double> first_time_ps;    ///< per lattice; +inf when censored at t_end
  std::vector<double> Q_final;          ///< (lattice, natural cell order)
  stats::RateEstimate rate_per_cell;    ///< j = d/(M Σ (min(t_first, t_end) − t0)⁺) [1/ps], 95% Garwood
  std::uint64_t nucleated = 0;          ///< d: lattices nucleated in [t0, t_end]
  double cell_steps_per_s = 0.0;        ///< all ranks together, rank 0's clock
};

/// Runs the job. Collective; the outcome is complete on rank 0 and does not
/// depend on the rank count.
NucleationOutcome run_nucleation(const Environment& environment, const NucleationJob& job, bool progress);

}  // namespace metasc::nucleation
