#include "metasc/physics/landscape_summary.hpp"

#include "metasc/units.hpp"

namespace metasc::physics {
namespace {

/// Mirrors values on [0, Q_max] to [-Q_max, Q_max]; odd quantities change sign.
std::vector<double> mirror(const std::vector<double>& half, double parity) {
  std::vector<double> full;
  full.reserve(2 * half.size() - 1);
  for (std::size_t i = half.size() - 1; i > 0; --i) full.push_back(parity * half[i]);
  full.insert(full.end(), half.begin(), half.end());
  return full;
}

}  // namespace

LandscapeSummary summarize_landscape(const Model& model, double temperature_K, int points,
                                     const std::vector<double>& curve_temperatures_K) {
  const double kT = units::kT_meV(temperature_K);
  const Landscape landscape(model.band, model.pairing, kT);
  LandscapeSummary summary;
  summary.temperature_K = temperature_K;
  summary.critical = landscape.critical_points();
  summary.blocking_temperature_K = units::kelvin(blocking_kT(model.band, model.pairing, kT));
  summary.bare_pairing_meV = model.pairing.bare_meV;
  summary.critical_temperature_K = units::kelvin(critical_kT(model.band, model.pairing.bare_meV));

  const double Q_max = landscape.outer_edge();
  std::vector<double> Q, V, dV, gap;
  for (const auto& row : landscape.table(Q_max, points)) {
    Q.push_back(row.Q);
    V.push_back(row.potential_meV);
    dV.push_back(row.slope_meV);
    gap.push_back(row.gap_meV);
  }
  summary.Q = mirror(Q, -1.0);
  summary.potential_meV = mirror(V, 1.0);
  summary.slope_meV = mirror(dV, -1.0);
  summary.gap_meV = mirror(gap, 1.0);

  summary.curve_temperatures_K = curve_temperatures_K;
  for (const double curve_K : curve_temperatures_K) {
    const Landscape at_curve(model.band, model.pairing, units::kT_meV(curve_K));
    std::vector<double> curve;
    for (const auto& row : at_curve.table(Q_max, points)) curve.push_back(row.potential_meV);
    const auto full = mirror(curve, 1.0);
    summary.curve_potential_meV.insert(summary.curve_potential_meV.end(), full.begin(), full.end());
  }
  return summary;
}

}  // namespace metasc::physics
