#include "metasc/escape/problem.hpp"

#include <cmath>

#include "metasc/units.hpp"

namespace metasc::escape {

double EscapeProblem::stiffness() const { return oscillator.angular_per_ps / units::hbar_meV_ps; }

stochastic::WellCriteria EscapeProblem::criteria() const {
  return {.Q_barrier = well.critical.Q_barrier, .barrier_meV = well.critical.V_barrier_meV, .relaxed_meV = relaxed_meV()};
}

physics::WellGeometry EscapeProblem::geometry() const {
  const auto& critical = well.critical;
  const double q_turn = physics::far_turning_point(well.potential, critical.Q_barrier, critical.Q_metastable);
  return {.omega_well_per_ps = std::sqrt(stiffness() * well.curvature_metastable_meV),
          .omega_barrier_per_ps = std::sqrt(-stiffness() * well.curvature_barrier_meV),
          .barrier_meV = oscillator.domain_sites * (critical.V_barrier_meV - critical.V_metastable_meV),
          .action_meV_ps = physics::barrier_action(well.potential, critical.Q_barrier, q_turn,
                                                   oscillator.angular_per_ps, oscillator.domain_sites)};
}

physics::EscapeRates EscapeProblem::theory() const {
  return physics::escape_rates(geometry(), oscillator.damping_per_ps, oscillator.kT_meV);
}

double EscapeProblem::barrier_over_kT() const {
  return (well.critical.V_barrier_meV - well.critical.V_metastable_meV) / kT_per_site_meV();
}

EscapeProblem EscapeProblem::with_damping(double damping_per_ps) const {
  EscapeProblem other = *this;
  other.oscillator.damping_per_ps = damping_per_ps;
  return other;
}

}  // namespace metasc::escape
