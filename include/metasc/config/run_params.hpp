#pragma once
/// Where results go and how a run reports: [output], [scan], [checkpoint].
#include <string>

#include "metasc/config/options.hpp"

namespace metasc::config {

struct OutputParams {
  std::string file;   ///< HDF5 results path
  bool progress;      ///< progress line on rank 0

  static OutputParams from(const Config& config);
};

/// The metastability diagram grid; present when any [scan] key is given.
struct ScanParams {
  Grid dos_per_meV;
  Grid splitting_meV;

  static bool requested(const Config& config);
  static ScanParams from(const Config& config);
};

void declare_run_keys(Registry& registry);

}  // namespace metasc::config
