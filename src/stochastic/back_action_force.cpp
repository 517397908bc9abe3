#include "metasc/stochastic/back_action_force.hpp"

#include <algorithm>

namespace metasc::stochastic {

double BackActionForce::max_curvature_meV(double largest_gap_meV) const {
  // U(Q) changes on the scale ΔE/(2g) and is flat beyond ~10 of them.
  const double scale = pairing.splitting_meV / (2.0 * pairing.coupling_meV);
  constexpr int samples = 4000;
  double largest = 0.0;
  for (int k = 0; k <= samples; ++k) {
    const double Q = 20.0 * scale * k / samples;
    const double U = pairing.pairing(Q), dU = pairing.pairing_slope(Q), d2U = pairing.pairing_curvature(Q);
    largest = std::max(largest, 2.0 * dU * dU / (U * U * U) - d2U / (U * U));
  }
  return pairing.phonon_energy_meV + largest_gap_meV * largest_gap_meV * largest;
}

}  // namespace metasc::stochastic
