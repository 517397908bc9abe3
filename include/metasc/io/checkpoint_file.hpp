#pragma once
/// A checkpoint file: one dataset of records (doubles, each program's own
/// serialisation), every rank's gathered in rank order, written by rank 0
/// atomically (FILE.partial, then renamed, so the previous checkpoint survives
/// a failed write), with the configuration they belong to. Shared by the
/// programs that checkpoint (metasc-ensemble, metasc-nucleation).
#include <string>
#include <vector>

#include "metasc/config/options.hpp"
#include "metasc/parallel/environment.hpp"

namespace metasc::io {

struct CheckpointFormat {
  std::string program;  ///< e.g. "metasc-ensemble": written as the file's title, named when a file is not one
  std::string dataset;  ///< e.g. "/checkpoint/block_records"
  std::string layout;   ///< the dataset's units attribute: where its serialisation is described
};

/// Collective: gathers every rank's records in rank order; rank 0 writes.
void write_checkpoint_records(const Environment& environment, const std::string& path, const config::Config& config,
                              const CheckpointFormat& format, const std::vector<double>& local);

/// Reads a checkpoint's records (every rank). Throws ConfigError when it was
/// written for another configuration (naming the first key that differs;
/// [output], [checkpoint] and progress keys may differ), IoError when it
/// cannot be read or is not the program's.
std::vector<double> read_checkpoint_records(const std::string& path, const config::Config& config,
                                            const CheckpointFormat& format);

}  // namespace metasc::io
