#pragma once
/// Checkpoints of metasc-nucleation: the lattices completed so far (first
/// nucleation time, superconducting counts, final Q), by global lattice index.
/// A restart takes them and runs the rest; a lattice is the unit, so a
/// lattice interrupted part-way is run again from its start (its noise is a
/// function of its index and step only, so it gives the same bits).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "metasc/config/options.hpp"
#include "metasc/nucleation/lattice_run.hpp"
#include "metasc/parallel/environment.hpp"

namespace metasc::nucleation {

using CompletedLattices = std::map<std::uint64_t, LatticeResult>;

/// Records, one per lattice: index, first time, number of output times, the
/// counts, number of cells, Q_final (doubles hold every count exactly).
std::vector<double> serialize(const CompletedLattices& lattices);
/// Throws IoError for records that do not parse.
CompletedLattices deserialize(const std::vector<double>& records);

/// Collective: every rank's completed lattices, gathered; rank 0 writes.
void write_checkpoint(const Environment& environment, const std::string& path, const config::Config& config,
                      const CompletedLattices& local);
/// Every rank. Throws ConfigError for a checkpoint of another configuration, IoError when unreadable.
CompletedLattices read_checkpoint(const std::string& path, const config::Config& config);

}  // namespace metasc::nucleation
