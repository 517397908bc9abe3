#include "metasc/physics/test_landscapes.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "metasc/error.hpp"
#include "metasc/units.hpp"

namespace metasc::physics {

namespace {

/// ∫_{-1/2}^{1} (1 − y) sqrt(1 + 2y) dy: the cubic's barrier orbit in units of sqrt(2ΔV)·L.
const double cubic_metastable_orbit = 3.0 * std::sqrt(3.0) / 5.0;
/// ∫_0^1 (1 − z) sqrt(1 + 2z) dz: half the cubic's normal-well orbit in units of sqrt(2D)·Q_B.
const double cubic_normal_orbit = (3.0 * std::sqrt(3.0) - 2.0) / 5.0;

/// The quartic's V_B − V(x) = (κ/4)(x − Q_B)² (R² − (x − c)²): the roots of V = V_B other
/// than the double root Q_B are c ± R, with c + R the far turning point.
struct QuarticRoots {
  double centre;
  double radius;
};

QuarticRoots quartic_roots(double Q_barrier, double Q_metastable) {
  return {(2.0 * Q_metastable - Q_barrier) / 3.0,
          std::sqrt(4.0 * Q_metastable * Q_metastable + 2.0 * Q_barrier * Q_metastable - 2.0 * Q_barrier * Q_barrier) /
              3.0};
}

/// Antiderivative in u = x − c of (x − Q_B) sqrt(R² − u²).
double quartic_orbit_antiderivative(double u, const QuarticRoots& roots, double Q_barrier) {
  const double R = roots.radius;
  const double root = std::sqrt(std::max(0.0, R * R - u * u));
  const double ratio = std::max(-1.0, std::min(1.0, u / R));
  return -root * root * root / 3.0 + (roots.centre - Q_barrier) * 0.5 * (u * root + R * R * std::asin(ratio));
}

}  // namespace

AnalyticWell::AnalyticWell(WellForm form, double barrier_meV, double Q_barrier, double Q_metastable)
    : form_(form), barrier_(barrier_meV), Q_barrier_(Q_barrier), Q_metastable_(Q_metastable) {
  if (!(std::isfinite(barrier_meV) && barrier_meV > 0.0 && Q_barrier > 0.0 && Q_metastable > Q_barrier &&
        std::isfinite(Q_metastable)))
    throw Error("analytic well: need barrier > 0 and 0 < Q_B < Q_MS (got barrier " + std::to_string(barrier_meV) +
                " meV, Q_B = " + std::to_string(Q_barrier) + ", Q_MS = " + std::to_string(Q_metastable) + ")");
  const double L = Q_metastable - Q_barrier;
  scale_ = form == WellForm::cubic ? barrier_meV * (Q_barrier / L) * (Q_barrier / L)
                                   : 12.0 * barrier_meV / (L * L * L * (Q_metastable + Q_barrier));
}

double AnalyticWell::value(double x) const {
  if (form_ == WellForm::quartic) {
    return scale_ * x * x * (x * x / 4.0 - (Q_barrier_ + Q_metastable_) * x / 3.0 + Q_barrier_ * Q_metastable_ / 2.0);
  }
  if (x <= Q_barrier_) {
    const double z = x / Q_barrier_;
    return scale_ * z * z * (3.0 - 2.0 * z);
  }
  const double y = (Q_metastable_ - x) / (Q_metastable_ - Q_barrier_);
  return scale_ - barrier_ + barrier_ * y * y * (3.0 - 2.0 * y);
}

double AnalyticWell::derivative(double x) const {
  if (form_ == WellForm::quartic) return scale_ * x * (x - Q_barrier_) * (x - Q_metastable_);
  if (x <= Q_barrier_) {
    const double z = x / Q_barrier_;
    return scale_ * 6.0 * z * (1.0 - z) / Q_barrier_;
  }
  const double L = Q_metastable_ - Q_barrier_;
  const double y = (Q_metastable_ - x) / L;
  return -barrier_ * 6.0 * y * (1.0 - y) / L;
}

double AnalyticWell::second_derivative(double x) const {
  if (form_ == WellForm::quartic) {
    return scale_ * (3.0 * x * x - 2.0 * (Q_barrier_ + Q_metastable_) * x + Q_barrier_ * Q_metastable_);
  }
  if (x <= Q_barrier_) return scale_ * (6.0 - 12.0 * x / Q_barrier_) / (Q_barrier_ * Q_barrier_);
  const double L = Q_metastable_ - Q_barrier_;
  return barrier_ * (6.0 - 12.0 * (Q_metastable_ - x) / L) / (L * L);
}

double AnalyticWell::potential(double Q) const { return value(std::abs(Q)); }
double AnalyticWell::slope(double Q) const { return Q < 0.0 ? -derivative(-Q) : derivative(Q); }
double AnalyticWell::curvature(double Q) const { return second_derivative(std::abs(Q)); }

CriticalPoints AnalyticWell::critical_points() const {
  CriticalPoints points;
  points.Q_barrier = Q_barrier_;
  points.Q_metastable = Q_metastable_;
  points.V_origin_meV = 0.0;
  points.V_barrier_meV = value(Q_barrier_);
  points.V_metastable_meV = value(Q_metastable_);
  points.curvature_origin_meV = second_derivative(0.0);
  points.kind = points.V_metastable_meV > 0.0 ? LandscapeClass::metastable_I : LandscapeClass::metastable_II;
  return points;
}

double AnalyticWell::far_turning_point() const {
  if (form_ == WellForm::cubic) return Q_metastable_ + 0.5 * (Q_metastable_ - Q_barrier_);
  const auto roots = quartic_roots(Q_barrier_, Q_metastable_);
  return roots.centre + roots.radius;
}

double AnalyticWell::metastable_orbit_integral() const {
  if (form_ == WellForm::cubic) {
    return std::sqrt(2.0 * barrier_) * (Q_metastable_ - Q_barrier_) * cubic_metastable_orbit;
  }
  const auto roots = quartic_roots(Q_barrier_, Q_metastable_);
  return std::sqrt(scale_ / 2.0) * (quartic_orbit_antiderivative(roots.radius, roots, Q_barrier_) -
                                    quartic_orbit_antiderivative(Q_barrier_ - roots.centre, roots, Q_barrier_));
}

double AnalyticWell::normal_orbit_integral() const {
  if (form_ == WellForm::cubic) return std::sqrt(2.0 * scale_) * Q_barrier_ * cubic_normal_orbit;
  // On [0, Q_B] the factor (x − Q_B) is negative: the integral of its modulus changes sign.
  const auto roots = quartic_roots(Q_barrier_, Q_metastable_);
  return std::sqrt(scale_ / 2.0) * (quartic_orbit_antiderivative(-roots.centre, roots, Q_barrier_) -
                                    quartic_orbit_antiderivative(Q_barrier_ - roots.centre, roots, Q_barrier_));
}

double AnalyticWell::barrier_orbit_action(double omega_per_ps, double domain_sites) const {
  // ∮ m̃ Q̇ dQ = 2 N_s (ħ/ω) ∫ sqrt(2(ω/ħ)(V_B − V)) dQ = 2 N_s sqrt(ħ/ω) ∫ sqrt(2(V_B − V)) dQ.
  return 2.0 * domain_sites * std::sqrt(units::hbar_meV_ps / omega_per_ps) * metastable_orbit_integral();
}

double AnalyticWell::normal_orbit_action(double omega_per_ps, double domain_sites) const {
  // The orbit runs over [−Q_B, Q_B] and back: twice the integral over [0, Q_B] each way.
  return 4.0 * domain_sites * std::sqrt(units::hbar_meV_ps / omega_per_ps) * normal_orbit_integral();
}

}  // namespace metasc::physics
