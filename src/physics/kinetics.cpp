#include "metasc/physics/kinetics.hpp"

#include <cmath>
#include <numbers>

#include "metasc/units.hpp"

namespace metasc::physics {

KineticsPoint density_rate(const QuasiparticleRate& rate, const KineticsConditions& conditions, double density,
                           const std::optional<KineticState>& hint) {
  const auto& [band, pairing, kT] = conditions;
  const auto state =
      hint ? state_from_density(band, pairing, kT, density, *hint) : state_from_density(band, pairing, kT, density);
  return {.state = state, .rate_per_ps = rate.net_per_ps(state.gap_meV, state.lambda_meV, kT)};
}

double driven_density(const BcsBand& band, double pairing_meV, double kT_meV) {
  return density(band, gap(band, pairing_meV, kT_meV), kT_meV, 0.0);
}

std::optional<double> density_at_gap(const KineticsConditions& conditions, double gap_meV) {
  const auto lambda = chemical_potential_for_gap(conditions.band, conditions.pairing_meV, conditions.kT_meV, gap_meV);
  if (!lambda) return std::nullopt;
  return density(conditions.band, gap_meV, conditions.kT_meV, *lambda);
}

double sharp_mode_generation_estimate_per_ps(const EliashbergFunction& spectrum, double gap_meV, double kT_meV) {
  double sum = 0.0;
  for (const auto& mode : spectrum.delta_modes()) {
    if (mode.energy_meV > 2.0 * gap_meV) {
      sum += spectrum.delta_weight_meV(mode, gap_meV) * std::exp(-mode.energy_meV / kT_meV);
    }
  }
  return 2.0 * std::numbers::pi / units::hbar_meV_ps * sum;
}

}  // namespace metasc::physics
