#pragma once
/// Finished blocks of an ensemble run, keyed by (pulse, global block): what a
/// checkpoint holds and a restart skips. Keys are global, so a run restarted on
/// any number of ranks picks up exactly where the interrupted one was.
#include <compare>
#include <cstdint>
#include <map>

#include "metasc/stochastic/ensemble.hpp"

namespace metasc::stochastic {

struct BlockKey {
  std::size_t pulse;
  std::uint64_t block;
  auto operator<=>(const BlockKey&) const = default;
};

using CompletedBlocks = std::map<BlockKey, BlockResult>;

/// One flat record of doubles per block (every field is exactly representable):
/// pulse, block, count, sampled trajectories, output times, kinetics (0/1), then the fields.
std::vector<double> serialize(const CompletedBlocks& blocks);
/// Inverse of serialize; throws metasc::IoError on a malformed record.
CompletedBlocks deserialize(const std::vector<double>& records);

}  // namespace metasc::stochastic
