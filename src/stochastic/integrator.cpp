#include "metasc/stochastic/integrator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "metasc/error.hpp"
#include "metasc/units.hpp"

namespace metasc::stochastic {

const char* scheme_name(Scheme scheme) {
  switch (scheme) {
    case Scheme::baoab: return "baoab";
    case Scheme::gjf: return "gjf";
    case Scheme::euler: return "euler";
  }
  return "";
}

Scheme scheme_from_name(const std::string& name) {
  for (const Scheme scheme : {Scheme::baoab, Scheme::gjf, Scheme::euler}) {
    if (name == scheme_name(scheme)) return scheme;
  }
  throw ConfigError("langevin.integrator must be one of baoab | gjf | euler (got '" + name + "')");
}

double momentum_variance(const Oscillator& oscillator) {
  return oscillator.angular_per_ps * oscillator.kT_meV / (oscillator.domain_sites * units::hbar_meV_ps);
}

double time_step_limit_ps(Scheme scheme, double angular_per_ps, double damping_per_ps) {
  const double omega = angular_per_ps, gamma = damping_per_ps;
  switch (scheme) {
    case Scheme::baoab:
    case Scheme::gjf:
      // Both reduce to Störmer–Verlet in Q: |eigenvalues| ≤ 1 iff ω dt < 2, whatever the friction.
      return omega > 0.0 ? 2.0 / omega : std::numeric_limits<double>::infinity();
    case Scheme::euler:
      // Jury conditions on λ² − (2 − γdt)λ + 1 − γdt + ω²dt²: ω²dt < γ and γdt < 2 + ω²dt²/2.
      if (omega == 0.0) return gamma > 0.0 ? 2.0 / gamma : std::numeric_limits<double>::infinity();
      if (gamma < 2.0 * omega) return gamma / (omega * omega);
      return 4.0 / (gamma + std::sqrt(gamma * gamma - 4.0 * omega * omega));
  }
  return 0.0;
}

void check_time_step(Scheme scheme, double dt_ps, double angular_per_ps, double damping_per_ps) {
  const double limit = time_step_limit_ps(scheme, angular_per_ps, damping_per_ps);
  if (dt_ps > 0.0 && dt_ps < limit) return;
  std::ostringstream message;
  message.precision(6);
  message << "langevin.dt_ps must be > 0 and < " << limit << " ps for the " << scheme_name(scheme)
          << " integrator (stability limit at omega = " << angular_per_ps << " rad/ps, the stiffest frequency of the "
          << "landscape, and gamma = " << damping_per_ps << " /ps; got " << dt_ps << ")";
  throw ConfigError(message.str());
}

StepMap StepMap::make(Scheme scheme, const Oscillator& oscillator, double dt_ps, double max_curvature_meV) {
  const double omega = oscillator.angular_per_ps, gamma = oscillator.damping_per_ps;
  if (!(omega > 0.0) || !std::isfinite(omega) || !(gamma >= 0.0) || !std::isfinite(gamma) ||
      !(oscillator.kT_meV >= 0.0) || !std::isfinite(oscillator.kT_meV) || !(oscillator.domain_sites >= 1.0) ||
      !std::isfinite(max_curvature_meV)) {
    std::ostringstream message;
    message << "Langevin oscillator needs omega > 0, gamma >= 0, kT >= 0, N_s >= 1 and a finite max V'' (got omega = "
            << omega << " rad/ps, gamma = " << gamma << " /ps, kT = " << oscillator.kT_meV
            << " meV, N_s = " << oscillator.domain_sites << ", max V'' = " << max_curvature_meV << " meV)";
    throw Error(message.str());
  }
  StepMap map{};
  map.dt_ps = dt_ps;
  map.force_scale = omega / units::hbar_meV_ps;
  const double stiffest = std::sqrt(std::max(0.0, map.force_scale * max_curvature_meV));
  check_time_step(scheme, dt_ps, stiffest, gamma);

  const double dt = dt_ps;
  const double sigma = std::sqrt(momentum_variance(oscillator));
  map.noisy = sigma > 0.0 && gamma > 0.0;
  switch (scheme) {
    case Scheme::baoab: {
      // Kick dt·F (two half kicks), drift dt/2, O: P ← cP + sqrt(1−c²)σξ, drift dt/2.
      const double c = std::exp(-gamma * dt);
      const double o_noise = std::sqrt(-std::expm1(-2.0 * gamma * dt)) * sigma;  // 1 − c² without cancellation
      const double half = 0.5 * dt;
      map.q_from_p = half * (1.0 + c);
      map.q_from_force = half * (1.0 + c) * dt;
      map.q_from_noise = half * o_noise;
      map.p_from_p = c;
      map.p_from_force = c * dt;
      map.p_from_noise = o_noise;
      map.momentum_shift = half;
      break;
    }
    case Scheme::gjf: {
      // With w = v − (dt/2)F:  ṽ = w + dt·F;  Q ← Q + b dt (ṽ + β/2);  w ← a ṽ + b β,
      // β = sqrt(2γ dt) σ ξ the velocity impulse of the noise over the step.
      const double b = 1.0 / (1.0 + 0.5 * gamma * dt);
      const double a = (1.0 - 0.5 * gamma * dt) * b;
      const double beta = std::sqrt(2.0 * gamma * dt) * sigma;
      map.q_from_p = b * dt;
      map.q_from_force = b * dt * dt;
      map.q_from_noise = 0.5 * b * dt * beta;
      map.p_from_p = a;
      map.p_from_force = a * dt;
      map.p_from_noise = b * beta;
      map.momentum_shift = 0.5 * dt;
      break;
    }
    case Scheme::euler: {
      // Q ← Q + dt P;  P ← P + dt(F − γP) + sqrt(2γ dt) σ ξ, all at t_n.
      map.q_from_p = dt;
      map.q_from_force = 0.0;
      map.q_from_noise = 0.0;
      map.p_from_p = 1.0 - gamma * dt;
      map.p_from_force = dt;
      map.p_from_noise = std::sqrt(2.0 * gamma * dt) * sigma;
      map.momentum_shift = 0.0;
      break;
    }
  }
  return map;
}

}  // namespace metasc::stochastic
