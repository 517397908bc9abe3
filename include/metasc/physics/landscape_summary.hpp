#pragma once
/// Everything reported about one landscape: critical points, classification,
/// T_B, the table on a symmetric Q grid, and V(Q) at extra temperatures.
#include <vector>

#include "metasc/physics/landscape.hpp"
#include "metasc/physics/model.hpp"

namespace metasc::physics {

struct LandscapeSummary {
  double temperature_K;
  CriticalPoints critical;
  double blocking_temperature_K;  ///< T_B, NaN without a non-trivial minimum
  double bare_pairing_meV;        ///< U0
  double critical_temperature_K;  ///< T_c of U0
  std::vector<double> Q;          ///< symmetric uniform grid [-Q_max, Q_max]
  std::vector<double> potential_meV, slope_meV, gap_meV;
  std::vector<double> curve_temperatures_K;
  std::vector<double> curve_potential_meV;  ///< row-major (temperature, Q)
};

/// `points` grid points on [0, Q_max], mirrored; Q_max is the landscape's outer edge.
LandscapeSummary summarize_landscape(const Model& model, double temperature_K, int points,
                                     const std::vector<double>& curve_temperatures_K);

}  // namespace metasc::physics
