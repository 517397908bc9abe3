#pragma once
/// metasc-nucleation's job (PHYSICS.md §8): everything resolved from the
/// configuration before any compute (landscape, force table, lattice, pump,
/// time step against the highest lattice mode, memory) — all bad input is
/// refused here — then field.lattices independent lattices, dealt whole to
/// the ranks in contiguous blocks or (field.decompose) each in turn spread over
/// all ranks, gathered on rank 0 in global lattice order and reduced there in
/// that order; with field.saddle the critical droplet, searched over all ranks;
/// with field.start = seeded the front speed of the seeded droplet (front_speed.hpp);
/// with field.snapshots lattice 0's Q at those times.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "metasc/config/field_params.hpp"
#include "metasc/config/langevin_params.hpp"
#include "metasc/config/model_params.hpp"
#include "metasc/nucleation/checkpoint.hpp"
#include "metasc/nucleation/critical_droplet.hpp"
#include "metasc/nucleation/lattice_run.hpp"
#include "metasc/parallel/environment.hpp"
#include "metasc/physics/landscape_summary.hpp"
#include "metasc/stats/censored_rate.hpp"
#include "metasc/stochastic/force_table.hpp"

namespace metasc::nucleation {

struct NucleationJob {
  config::PhononParams phonon;
  config::BathParams bath;
  config::LangevinParams langevin;
  config::FieldParams field;
  double transient_ps;  ///< escape.transient_ps, discarded from each lattice's risk clock
  physics::LandscapeSummary landscape;
  stochastic::ForceTable force;
  LatticeSpec spec;
  struct Checkpointing {
    std::string file;                 ///< checkpoint.file
    double interval_s;                ///< checkpoint.interval_s, wall clock between checkpoints
    CheckpointContents restored;      ///< what the interrupted run left (--restart), on every rank
    const config::Config* config;     ///< written with each checkpoint, to be compared on restart
  } checkpointing;

  /// Throws ConfigError naming the key for anything the run cannot do (also a
  /// --restart checkpoint of another configuration).
  static NucleationJob from(const config::Config& config, const config::CommandLine& command_line);

  std::size_t cells_per_lattice() const { return static_cast<std::size_t>(field.cells_per_lattice()); }
  /// M N_s ΔV [meV]: the barrier of the uniform (rigid) escape of a whole lattice.
  double uniform_barrier_meV() const;
  /// c = sqrt((ω/ħ) κ) [cells/ps]: the lattice's sound speed, the largest group velocity of its
  /// modes and the bound on a front's speed (the undamped continuum is Lorentz invariant).
  double sound_speed_cells_per_ps() const;
  /// The critical-droplet search of this lattice in this landscape (field.saddle).
  DropletSearch droplet_search() const;
  /// Bytes rank 0 of `ranks` needs: one lattice's working arrays plus every lattice's gathered
  /// results (and its share of the droplet search with field.saddle).
  double bytes_needed(int ranks) const;
};

struct NucleationOutcome {
  std::vector<double> time_ps;          ///< the output grid
  std::vector<double> superconducting_fraction;  ///< f_SC(t), mean over lattices
  std::vector<double> first_time_ps;    ///< per lattice, after the risk start; +inf censored, NaN not trapped
  std::vector<double> Q_final;          ///< (lattice, cell), row-major
  stats::EscapeExposure exposure;       ///< nucleations and lattice-time at risk [ps]
  std::optional<stats::RateEstimate> rate_per_cell;  ///< j [1/ps per cell]; absent when nothing was at risk
  double cell_steps = 0.0;              ///< work done, all ranks
  std::optional<CriticalDroplet> droplet;  ///< field.saddle = true: the critical droplet (rank 0)
  std::vector<double> snapshots;        ///< lattice 0's Q at snapshot_time_ps, (time, cell) row-major
  std::vector<double> snapshot_time_ps;
  std::vector<double> front_radius_cells;  ///< seeded: (lattice, output time) row-major, front_speed.hpp
  std::optional<FrontSpeed> front;      ///< seeded: the front speed fitted to it
};

/// Runs every lattice not restored from a checkpoint. Collective; the outcome is
/// complete on rank 0. After each lattice the ranks agree whether to checkpoint
/// (interval elapsed, or SIGTERM/SIGUSR1 on any rank); after a signal they
/// throw StoppedAtCheckpoint together.
NucleationOutcome run_nucleation(const Environment& environment, const NucleationJob& job, bool progress);

}  // namespace metasc::nucleation
