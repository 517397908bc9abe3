#include "metasc/ensemble/checkpoint.hpp"

#include "metasc/io/checkpoint_file.hpp"

namespace metasc::ensemble {
namespace {

const io::CheckpointFormat format{.program = "metasc-ensemble",
                                  .dataset = "/checkpoint/block_records",
                                  .layout = "serialized completed blocks (see completed_blocks.hpp)"};

}  // namespace

void write_checkpoint(const Environment& environment, const std::string& path, const config::Config& config,
                      const stochastic::CompletedBlocks& local) {
  io::write_checkpoint_records(environment, path, config, format, stochastic::serialize(local));
}

stochastic::CompletedBlocks read_checkpoint(const std::string& path, const config::Config& config) {
  return stochastic::deserialize(io::read_checkpoint_records(path, config, format));
}

}  // namespace metasc::ensemble
