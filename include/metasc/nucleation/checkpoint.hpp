#pragma once
/// Checkpoints of metasc-nucleation: the lattices completed so far (first
/// nucleation time, superconducting counts, final Q, the seeded run's far-region
/// counts, lattice 0's snapshots), by global lattice index,
/// and with field.decompose the lattice in progress (LatticeProgress: every
/// rank is at the same step of the same lattice, whatever their number). A
/// restart takes them and runs the rest. Lattices dealt whole are the unit: one
/// interrupted part-way is run again from its start (its noise is a function
/// of its index and step only, so it gives the same bits).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "metasc/config/options.hpp"
#include "metasc/nucleation/lattice_run.hpp"
#include "metasc/parallel/environment.hpp"

namespace metasc::nucleation {

using CompletedLattices = std::map<std::uint64_t, LatticeResult>;

struct CheckpointContents {
  CompletedLattices completed;
  std::optional<LatticeProgress> in_progress;
};

/// Records, one per lattice, each opened by its kind (doubles hold every count
/// and step exactly): 0, index, first time, number of output times, the
/// counts, number of cells, Q_final for a completed lattice; 1, index, next
/// step, first step (−1: none yet), number of counts, the counts, number of
/// cells, Q, P for the one in progress; either then ends with the far region's
/// counts (field.start = seeded) and the snapshots (lattice 0), each after its length.
std::vector<double> serialize(const CheckpointContents& contents);
/// Throws IoError for records that do not parse.
CheckpointContents deserialize(const std::vector<double>& records);

/// Collective: every rank's contents, gathered; rank 0 writes.
void write_checkpoint(const Environment& environment, const std::string& path, const config::Config& config,
                      const CheckpointContents& local);
/// Every rank. Throws ConfigError for a checkpoint of another configuration, IoError when unreadable.
CheckpointContents read_checkpoint(const std::string& path, const config::Config& config);

}  // namespace metasc::nucleation
