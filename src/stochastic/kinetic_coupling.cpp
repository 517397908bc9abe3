#include "metasc/stochastic/kinetic_coupling.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <boost/numeric/odeint.hpp>

#include "metasc/error.hpp"

namespace metasc::stochastic {

KineticCoupling::KineticCoupling(physics::QuasiparticleRate rate, physics::BcsBand band,
                                 physics::PairingModel pairing, double kT_meV, double avalanche_edge_meV,
                                 double interval_ps)
    : rate_(std::move(rate)),
      band_(band),
      pairing_(pairing),
      kT_(kT_meV),
      avalanche_edge_meV_(avalanche_edge_meV),
      interval_ps_(interval_ps) {}

double KineticCoupling::equilibrium_density(double pairing_meV) const {
  return physics::driven_density(band_, pairing_meV, kT_);
}

KineticCoupling KineticCoupling::with_table(std::shared_ptr<const physics::KineticsTable> table) const {
  KineticCoupling coupling = *this;
  coupling.table_kinetics_ = std::make_shared<const TableKinetics>(std::move(table), interval_ps_);
  return coupling;
}

physics::KineticsTableSpec KineticCoupling::table_spec() const {
  const double highest = pairing_.saturated_pairing();
  const double most = 4.0 * band_.dos_per_meV * band_.cutoff_meV;
  return {.band = band_,
          .rate = rate_,
          .kT_meV = kT_,
          .pairing_low_meV = pairing_.bare_meV,
          .pairing_high_meV = highest,
          .density_low = 0.5 * equilibrium_density(highest),
          .density_high = std::min(1.5 * equilibrium_density(pairing_.bare_meV), 0.5 * most)};
}

physics::KineticState KineticCoupling::state(double density, double pairing_meV) const {
  return physics::state_from_density(band_, pairing_meV, kT_, density);
}

void KineticCoupling::advance(double& density, double mean_pairing_meV, physics::KineticState& state) const {
  namespace odeint = boost::numeric::odeint;
  using State = std::array<double, 1>;
  const physics::KineticsConditions conditions{band_, mean_pairing_meV, kT_};
  // In z = logit(n/n_max), n_max = 4νω_c, every trial stage of a step that
  // recombination or generation would overshoot still lies in (0, n_max); the
  // step controller rejects such steps.
  const double n_max = 4.0 * band_.dos_per_meV * band_.cutoff_meV;
  // Clamped inside the open interval: beyond |z| ≈ 37 the logistic rounds to 0 or n_max.
  const auto density_of = [n_max](double z) {
    return std::clamp(n_max / (1.0 + std::exp(-z)), 1e-15 * n_max, (1.0 - 1e-9) * n_max);
  };
  const auto right_hand_side = [&](const State& z, State& dzdt, double) {
    const double n = density_of(z[0]);
    const auto point = physics::density_rate(rate_, conditions, n, state);
    state = point.state;
    dzdt[0] = point.rate_per_ps / (n * (1.0 - n / n_max));
  };
  State z{std::log(density / (n_max - density))};
  // Tolerances far below the statistical error of any ensemble; the controller
  // adapts the substeps where the rate is stiff (near the gap collapse).
  odeint::integrate_adaptive(odeint::make_controlled<odeint::runge_kutta_dopri5<State>>(1e-12, 1e-10),
                             right_hand_side, z, 0.0, interval_ps_, interval_ps_ / 8);
  if (!std::isfinite(z[0])) throw NumericalError("kinetics: the quasi-particle density diverged");
  density = density_of(z[0]);
  state = physics::state_from_density(band_, mean_pairing_meV, kT_, density, state);
}

}  // namespace metasc::stochastic
