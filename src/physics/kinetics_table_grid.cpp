#include "metasc/physics/kinetics_table_grid.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"

namespace metasc::physics {
namespace {

UniformAxis axis(double first, double last, std::size_t count) {
  return {first, (last - first) / static_cast<double>(count - 1), count};
}

std::size_t cells(std::size_t coarsest, int level) { return coarsest * (std::size_t{1} << level); }

double largest_gap_coordinate(const KineticsTableSpec& spec) {
  const double below = std::log(0.5 * spec.density_low);
  for (double x = 4.0; x <= 32.0; x *= 1.25) {
    if (state_node(spec, spec.pairing_low_meV, x).log_density < below &&
        state_node(spec, spec.pairing_high_meV, x).log_density < below) {
      return x;
    }
  }
  throw NumericalError("kinetics table: the density " + format_number(spec.density_low) +
                       " is not reached along the gap-equation curve below the T = 0 gap; use kinetics.solver = direct");
}

}  // namespace

StateGrid state_grid(const KineticsTableSpec& spec, int level) {
  const double x_min = std::log(1e-8 * spec.kT_meV / zero_temperature_gap(spec.band, spec.pairing_high_meV));
  return {axis(spec.pairing_low_meV, spec.pairing_high_meV, cells(12, level) + 1),
          axis(x_min, largest_gap_coordinate(spec), cells(48, level) + 1)};
}

ContinuumGrid continuum_grid(const KineticsTableSpec& spec, int level, const StateGrid& states,
                             const std::vector<double>& lambda_meV) {
  const double kT = spec.kT_meV;
  const double top = continuum_top_meV(spec.rate);
  double lambda_low = chemical_potential_from_density(spec.band, 0.0, kT, spec.density_high);
  double lambda_high = chemical_potential_from_density(spec.band, 0.0, kT, spec.density_low);
  for (std::size_t i = 0; i < lambda_meV.size(); ++i) {
    const double gap = zero_temperature_gap(spec.band, states.pairing.node(i / states.gap.count)) *
                       gap_fraction(states.gap.node(i % states.gap.count));
    if (2.0 * gap < top) {
      lambda_low = std::min(lambda_low, lambda_meV[i]);
      lambda_high = std::max(lambda_high, lambda_meV[i]);
    }
  }
  return {axis(0.0, 0.5 * std::numbers::pi, cells(8, level) + 1),
          axis(lambda_low - kT, lambda_high + kT, cells(24, level) + 1)};
}

}  // namespace metasc::physics
