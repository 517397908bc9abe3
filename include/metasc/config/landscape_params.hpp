#pragma once
/// [landscape]: how the landscape table is sampled and at which temperatures
/// V(Q) is also tabulated for plotting (the paper's Fig. 2a).
#include <vector>

#include "metasc/config/options.hpp"

namespace metasc::config {

struct LandscapeParams {
  int points;                           ///< Q grid points on [0, Q_max] (mirrored to Q < 0)
  std::vector<double> temperatures_K;   ///< extra temperatures for V(Q;T) curves

  static LandscapeParams from(const Config& config);
};

void declare_landscape_keys(Registry& registry);

}  // namespace metasc::config
