#include "metasc/escape/well.hpp"

#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <cstdint>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/physics/landscape_summary.hpp"
#include "metasc/stochastic/landscape_table.hpp"
#include "metasc/units.hpp"

namespace metasc::escape {

namespace {

stochastic::LandscapeNodes tabulate(const physics::AnalyticWell& shape, double Q_edge, int points) {
  stochastic::LandscapeNodes nodes{.Q_first = 0.0, .Q_step = Q_edge / (points - 1), .potential_meV = {}, .slope_meV = {}};
  for (int i = 0; i < points; ++i) {
    const double Q = nodes.Q_step * i;
    nodes.potential_meV.push_back(shape.potential(Q));
    nodes.slope_meV.push_back(shape.slope(Q));
  }
  return nodes;
}

}  // namespace

double outer_point(const physics::Potential& potential, const physics::CriticalPoints& critical, double level_meV) {
  const auto excess = [&](double Q) { return potential(Q) - level_meV; };
  if (!(excess(critical.Q_metastable) < 0.0))
    throw NumericalError("outer_point: level " + format_number(level_meV) + " meV is not above V(Q_MS)");
  // Walk outward in doubling steps until the wall is above the level, then bracket.
  double inner = critical.Q_metastable;
  double step = 0.5 * (critical.Q_metastable - critical.Q_barrier);
  for (int doubling = 0; doubling < 60; ++doubling, step *= 2.0) {
    const double outer = inner + step;
    const double above = excess(outer);
    if (above >= 0.0) {
      std::uintmax_t iterations = 200;
      const auto [low, high] = boost::math::tools::toms748_solve(
          excess, inner, outer, excess(inner), above, boost::math::tools::eps_tolerance<double>(), iterations);
      return 0.5 * (low + high);
    }
    inner = outer;
  }
  throw NumericalError("outer_point: the outer wall never reaches " + format_number(level_meV) + " meV");
}

Well bcs_well(const physics::Model& model, double temperature_K, int points, double phonon_energy_meV) {
  const auto summary = physics::summarize_landscape(model, temperature_K, points, {});
  const auto& critical = summary.critical;
  if (std::isnan(critical.Q_barrier)) {
    throw ConfigError("bath.temperature_K = " + format_number(temperature_K) + ": the landscape is " +
                      physics::class_name(critical.kind) + ", with no metastable well to escape from (T_B = " +
                      format_number(summary.blocking_temperature_K) + " K, see metasc-landscape)");
  }
  // The very numbers metasc-ensemble integrates.
  const auto table = stochastic::landscape_table(summary, phonon_energy_meV);
  const physics::Landscape landscape(model.band, model.pairing, units::kT_meV(temperature_K));
  return Well{.name = "bcs",
              .potential = [table](double Q) { return table.potential(Q); },
              .slope = [table](double Q) { return table.slope(Q); },
              .critical = critical,
              .curvature_barrier_meV = landscape.curvature(critical.Q_barrier),
              .curvature_metastable_meV = landscape.curvature(critical.Q_metastable),
              .table = table};
}

Well analytic_well(const physics::AnalyticWell& shape, const std::string& name, int points, double table_reach_meV,
                   double phonon_energy_meV) {
  const auto critical = shape.critical_points();
  const physics::Potential potential = [shape](double Q) { return shape.potential(Q); };
  const double Q_edge = outer_point(potential, critical, critical.V_barrier_meV + table_reach_meV);
  return Well{.name = name,
              .potential = potential,
              .slope = [shape](double Q) { return shape.slope(Q); },
              .critical = critical,
              .curvature_barrier_meV = shape.curvature(critical.Q_barrier),
              .curvature_metastable_meV = shape.curvature(critical.Q_metastable),
              .table = stochastic::ForceTable::mirrored(tabulate(shape, Q_edge, points), phonon_energy_meV)};
}

}  // namespace metasc::escape
