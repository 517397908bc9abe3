#include "metasc/io/checkpoint_file.hpp"

#include "metasc/error.hpp"
#include "metasc/io/h5_reader.hpp"
#include "metasc/io/h5_writer.hpp"
#include "metasc/parallel/decomposition.hpp"

namespace metasc::io {
namespace {

/// Keys that say where and how a run reports, not what it computes.
bool affects_results(const std::string& key) {
  return key.rfind("output.", 0) != 0 && key.rfind("checkpoint.", 0) != 0;
}

}  // namespace

void write_checkpoint_records(const Environment& environment, const std::string& path, const config::Config& config,
                              const CheckpointFormat& format, const std::vector<double>& local) {
  const auto records = gather_in_rank_order(environment, local);
  environment.collectively([&] {
    if (!environment.is_root()) return;
    H5Writer writer(path);
    writer.configuration(config, format.program + " checkpoint", environment.size());
    writer.dataset(format.dataset, records, format.layout);
    writer.commit();
  });
}

std::vector<double> read_checkpoint_records(const std::string& path, const config::Config& config,
                                            const CheckpointFormat& format) {
  H5Reader reader(path);
  if (!reader.has(format.dataset)) throw IoError("--restart " + path + " is not a " + format.program + " checkpoint");
  for (const auto& [key, value] : config.resolved_values()) {
    if (!affects_results(key)) continue;
    const std::string written = reader.text_attribute("/config", key);
    if (written != value) {
      throw ConfigError("--restart " + path + " was written with " + key + " = " + written + ", not " + value +
                        ": a restart must use the configuration of the interrupted run");
    }
  }
  return reader.doubles(format.dataset);
}

}  // namespace metasc::io
