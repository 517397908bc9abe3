#include "metasc/physics/landscape.hpp"

#include <boost/math/tools/minima.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <utility>

#include "metasc/error.hpp"

namespace metasc::physics {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// The sign scan of V'/Q uses this many points up to the outer edge; dips
// narrower than a grid cell are still found by refining every discrete local
// minimum of V'/Q (see find_critical_roots).
constexpr int scan_points = 200;
constexpr int brent_bits = 40;

double refine_root(const std::function<double(double)>& f, double lo, double hi, double f_lo, double f_hi) {
  std::uintmax_t iterations = 100;
  const auto bracket = boost::math::tools::toms748_solve(
      f, lo, hi, f_lo, f_hi, boost::math::tools::eps_tolerance<double>(44), iterations);
  return 0.5 * (bracket.first + bracket.second);
}

}  // namespace

const char* class_name(LandscapeClass kind) {
  switch (kind) {
    case LandscapeClass::normal: return "normal";
    case LandscapeClass::metastable_I: return "metastable_I";
    case LandscapeClass::metastable_II: return "metastable_II";
    case LandscapeClass::distorted: return "distorted";
  }
  return "normal";
}

Landscape::Landscape(const BcsBand& band, const PairingModel& pairing, double kT_meV)
    : band_(band), pairing_(pairing), kT_(kT_meV) {}

double Landscape::enhancement_over_Q(double Q) const {
  const double g2 = pairing_.coupling_meV * pairing_.coupling_meV;
  const double split2 = pairing_.splitting_meV * pairing_.splitting_meV;
  const double effective2 = split2 + 4.0 * g2 * Q * Q;
  return pairing_.enhancement_scale() * 8.0 * g2 * split2 / (effective2 * effective2);
}

LandscapePoint Landscape::at(double Q, double gap_hint_meV) const {
  const double U = pairing_.pairing(Q);
  const double gap_meV = U > 0.0 ? gap(band_, U, kT_, 0.0, gap_hint_meV) : 0.0;
  const double harmonic = 0.5 * pairing_.phonon_energy_meV * Q * Q;
  if (gap_meV == 0.0) return {Q, 0.0, harmonic, pairing_.phonon_energy_meV * Q};
  return {Q, gap_meV, harmonic + free_energy(band_, U, kT_, 0.0, gap_meV),
          pairing_.phonon_energy_meV * Q - gap_meV * gap_meV * pairing_.pairing_slope(Q) / (U * U)};
}

double Landscape::reduced_slope(double Q, double gap_hint_meV) const {
  const double U = pairing_.pairing(Q);
  const double gap_meV = U > 0.0 ? gap(band_, U, kT_, 0.0, gap_hint_meV) : 0.0;
  if (gap_meV == 0.0) return pairing_.phonon_energy_meV;
  return pairing_.phonon_energy_meV - gap_meV * gap_meV * enhancement_over_Q(Q) / (U * U);
}

double Landscape::curvature(double Q) const {
  const double U = pairing_.pairing(Q);
  const double gap_meV = U > 0.0 ? gap(band_, U, kT_, 0.0) : 0.0;
  if (gap_meV == 0.0) return pairing_.phonon_energy_meV;
  const double slope = pairing_.pairing_slope(Q);
  const double dgap_dU = gap_derivative_wrt_pairing(band_, U, kT_, 0.0, gap_meV);
  // d/dQ of Δ²U'/U² with Δ = Δ(U(Q)): chain rule through dΔ/dU.
  return pairing_.phonon_energy_meV - gap_meV * gap_meV * pairing_.pairing_curvature(Q) / (U * U) -
         2.0 * gap_meV * slope * slope * (dgap_dU * U - gap_meV) / (U * U * U);
}

double Landscape::outer_edge() const {
  // Δ_eq ≤ Δ(U_sat, T = 0) and U(Q) ≥ U0, so ħωQ > Δ_max² U'(Q)/U(Q)² guarantees V' > 0;
  // beyond the saturation scale ΔE/2g that bound only decreases with Q.
  const double gap_max = gap(band_, pairing_.saturated_pairing(), 0.0, 0.0);
  const double saturation_Q = pairing_.splitting_meV / (2.0 * pairing_.coupling_meV);
  double Q = saturation_Q;
  for (int step = 0; step < 400; ++step, Q *= 1.1) {
    const double U = pairing_.pairing(Q);
    if (U <= 0.0 || pairing_.phonon_energy_meV * Q > gap_max * gap_max * pairing_.pairing_slope(Q) / (U * U)) {
      return 1.2 * Q;
    }
  }
  throw NumericalError("landscape: no outer edge where the harmonic force dominates");
}

std::vector<LandscapePoint> Landscape::table(double Q_max, int points) const {
  std::vector<LandscapePoint> rows;
  rows.reserve(static_cast<std::size_t>(points));
  double hint = 0.0;
  for (int i = 0; i < points; ++i) {
    const double Q = Q_max * static_cast<double>(i) / static_cast<double>(points - 1);
    rows.push_back(at(Q, hint));
    hint = rows.back().gap_meV;
  }
  return rows;
}

namespace {

struct SignedRoot {
  double Q;
  bool is_minimum;  ///< V'/Q goes from − to + (a minimum of V), else a maximum
};

/// Zeros of V'/Q on (0, edge], each refined by a bracketing solver.
std::vector<SignedRoot> find_critical_roots(const Landscape& landscape, double edge, double h_origin) {
  std::vector<double> Q(scan_points + 1), h(scan_points + 1);
  Q[0] = 0.0;
  h[0] = h_origin;
  double hint = 0.0;
  for (int i = 1; i <= scan_points; ++i) {
    Q[i] = edge * i / scan_points;
    const auto point = landscape.at(Q[i], hint);
    hint = point.gap_meV;
    h[i] = point.slope_meV / Q[i];
  }
  const auto reduced = [&](double q) { return landscape.reduced_slope(q); };
  std::vector<SignedRoot> roots;
  for (int i = 1; i <= scan_points; ++i) {
    if ((h[i - 1] < 0.0) != (h[i] < 0.0)) {
      roots.push_back({refine_root(reduced, Q[i - 1], Q[i], h[i - 1], h[i]), h[i] >= 0.0});
      continue;
    }
    // A shallow dip of V'/Q below zero inside one cell hides a barrier and a minimum.
    if (i < scan_points && h[i] > 0.0 && h[i] < h[i - 1] && h[i] < h[i + 1]) {
      const auto [q_dip, h_dip] = boost::math::tools::brent_find_minima(reduced, Q[i - 1], Q[i + 1], brent_bits);
      if (h_dip < 0.0) {
        roots.push_back({refine_root(reduced, Q[i - 1], q_dip, h[i - 1], h_dip), false});
        roots.push_back({refine_root(reduced, q_dip, Q[i + 1], h_dip, h[i + 1]), true});
      }
    }
  }
  return roots;
}

}  // namespace

CriticalPoints Landscape::critical_points() const {
  CriticalPoints points;
  const auto origin = at(0.0);
  points.V_origin_meV = origin.potential_meV;
  points.curvature_origin_meV = reduced_slope(0.0);
  const auto roots = find_critical_roots(*this, outer_edge(), points.curvature_origin_meV);

  for (const auto& root : roots)
    if (root.is_minimum) points.Q_metastable = root.Q;
  if (!std::isnan(points.Q_metastable)) {
    for (const auto& root : roots)
      if (!root.is_minimum && root.Q < points.Q_metastable) points.Q_barrier = root.Q;
    points.V_metastable_meV = potential(points.Q_metastable);
    if (!std::isnan(points.Q_barrier)) points.V_barrier_meV = potential(points.Q_barrier);
  }
  if (points.curvature_origin_meV < 0.0) {
    points.kind = LandscapeClass::distorted;
  } else if (std::isnan(points.Q_metastable)) {
    points.kind = LandscapeClass::normal;
  } else {
    points.kind = points.V_metastable_meV > points.V_origin_meV ? LandscapeClass::metastable_I
                                                                : LandscapeClass::metastable_II;
  }
  return points;
}

double blocking_kT(const BcsBand& band, const PairingModel& pairing, double kT_start_meV) {
  const auto start = Landscape(band, pairing, kT_start_meV).critical_points();
  if (std::isnan(start.Q_metastable)) return nan;
  // The non-trivial minimum exists iff V'/Q < 0 somewhere; as T rises the barrier
  // and the minimum approach each other, so the dip stays inside [Q_B, Q_MS] at kT_start.
  const double dip_lo = std::isnan(start.Q_barrier) ? 0.0 : start.Q_barrier;
  const double dip_hi = start.Q_metastable;
  const auto deepest_dip = [&](double kT) {
    const Landscape landscape(band, pairing, kT);
    const auto reduced = [&](double q) { return landscape.reduced_slope(q); };
    return boost::math::tools::brent_find_minima(reduced, dip_lo, dip_hi, brent_bits).second;
  };
  // Above T_c of the saturated pairing there is no gap anywhere: V'/Q = ħω > 0.
  const double kT_hi = critical_kT(band, pairing.saturated_pairing()) * (1.0 + 1e-9) + 1e-12;
  const double dip_start = deepest_dip(kT_start_meV);
  if (dip_start >= 0.0) return kT_start_meV;
  return refine_root(deepest_dip, kT_start_meV, kT_hi, dip_start, pairing.phonon_energy_meV);
}

}  // namespace metasc::physics
