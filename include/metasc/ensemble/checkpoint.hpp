#pragma once
/// Checkpoint files of metasc-ensemble: the completed blocks of every rank,
/// written by rank 0 atomically (FILE.partial, then renamed, so the previous
/// checkpoint survives a failed write), with the configuration they belong to.
#include <string>

#include "metasc/config/options.hpp"
#include "metasc/parallel/environment.hpp"
#include "metasc/stochastic/completed_blocks.hpp"

namespace metasc::ensemble {

/// Collective: gathers every rank's completed blocks in rank order; rank 0 writes.
void write_checkpoint(const Environment& environment, const std::string& path, const config::Config& config,
                      const stochastic::CompletedBlocks& local);

/// Reads a checkpoint (every rank). Throws ConfigError when it was written for
/// another configuration (naming the first key that differs; [output],
/// [checkpoint] and progress keys may differ), IoError when it cannot be read.
stochastic::CompletedBlocks read_checkpoint(const std::string& path, const config::Config& config);

}  // namespace metasc::ensemble
