#include "metasc/stochastic/landscape_table.hpp"

#include <cstddef>

namespace metasc::stochastic {

ForceTable landscape_table(const physics::LandscapeSummary& landscape, double phonon_energy_meV) {
  const std::size_t zero = landscape.Q.size() / 2;
  const auto from_zero = static_cast<std::ptrdiff_t>(zero);
  LandscapeNodes half{.Q_first = 0.0, .Q_step = landscape.Q[zero + 1], .potential_meV = {}, .slope_meV = {}};
  half.potential_meV.assign(landscape.potential_meV.begin() + from_zero, landscape.potential_meV.end());
  half.slope_meV.assign(landscape.slope_meV.begin() + from_zero, landscape.slope_meV.end());
  return ForceTable::mirrored(half, phonon_energy_meV);
}

}  // namespace metasc::stochastic
