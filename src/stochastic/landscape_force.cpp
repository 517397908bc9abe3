#include "metasc/stochastic/landscape_force.hpp"

#include <cstddef>

namespace metasc::stochastic {

ForceTable landscape_force(const physics::LandscapeSummary& landscape, double phonon_energy_meV) {
  const std::size_t zero = landscape.Q.size() / 2;
  LandscapeNodes half;
  half.Q_first = 0.0;
  half.Q_step = landscape.Q[zero + 1];
  half.potential_meV.assign(landscape.potential_meV.begin() + static_cast<std::ptrdiff_t>(zero),
                            landscape.potential_meV.end());
  half.slope_meV.assign(landscape.slope_meV.begin() + static_cast<std::ptrdiff_t>(zero), landscape.slope_meV.end());
  return ForceTable::mirrored(half, phonon_energy_meV);
}

}  // namespace metasc::stochastic
