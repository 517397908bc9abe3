#include "metasc/ensemble/checkpoint.hpp"

#include "metasc/error.hpp"
#include "metasc/io/h5_reader.hpp"
#include "metasc/io/h5_writer.hpp"
#include "metasc/parallel/decomposition.hpp"

namespace metasc::ensemble {
namespace {

/// Keys that say where and how a run reports, not what it computes.
bool affects_results(const std::string& key) {
  return key.rfind("output.", 0) != 0 && key.rfind("checkpoint.", 0) != 0;
}

}  // namespace

void write_checkpoint(const Environment& environment, const std::string& path, const config::Config& config,
                      const stochastic::CompletedBlocks& local) {
  const auto records = gather_in_rank_order(environment, stochastic::serialize(local));
  environment.collectively([&] {
    if (!environment.is_root()) return;
    io::H5Writer writer(path);
    writer.configuration(config, "metasc-ensemble checkpoint", environment.size());
    writer.dataset("/checkpoint/block_records", records, "serialized completed blocks (see completed_blocks.hpp)");
    writer.commit();
  });
}

stochastic::CompletedBlocks read_checkpoint(const std::string& path, const config::Config& config) {
  io::H5Reader reader(path);
  if (!reader.has("/checkpoint/block_records")) {
    throw IoError("--restart " + path + " is not a metasc-ensemble checkpoint");
  }
  for (const auto& [key, value] : config.resolved_values()) {
    if (!affects_results(key)) continue;
    const std::string written = reader.text_attribute("/config", key);
    if (written != value) {
      throw ConfigError("--restart " + path + " was written with " + key + " = " + written + ", not " + value +
                        ": a restart must use the configuration of the interrupted run");
    }
  }
  return stochastic::deserialize(reader.doubles("/checkpoint/block_records"));
}

}  // namespace metasc::ensemble
