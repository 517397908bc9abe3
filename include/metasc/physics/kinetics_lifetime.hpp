#pragma once
/// Lifetime of the quasi-particle-trapped superconductor (PHYSICS.md §6,
/// Figs. 3–4), what is asked and what comes back: after the phonon has relaxed
/// (U = U0, n frozen at n(0)), n(t) grows by dn/dt = density_rate(n) until 2Δ
/// reaches Ω_max (τ_MS) and the gap avalanches to Δ < 0.01 Δ(0) (full
/// collapse). The integrator is kinetics::trapped_lifetime (PETSc TS).
/// Times in ps, energies in meV, densities per site.
#include <cstdint>
#include <optional>
#include <vector>

#include "metasc/physics/kinetics.hpp"

namespace metasc::physics {

struct LifetimeOptions {
  double t_max_ps;            ///< integration ends here: events not reached are +inf
  double relative_tolerance;  ///< TS error control on n (absolute: this × n(0))
  bool record_trajectory = false;
  bool until_collapse = true;  ///< false: stop at τ_MS (the sweeps need no more)
};

/// One accepted time step.
struct KineticsSample {
  double time_ps;
  double density;
  double gap_meV;
  double lambda_meV;
  double rate_per_ps;
};

struct TrappedLifetime {
  double initial_density;      ///< n(0)
  KineticState initial_state;  ///< Δ(0), λ(0) at U0
  double initial_rate_per_ps;  ///< dn/dt at t = 0, i.e. 1/τ_g (P 8's definition)
  /// τ_MS [ps]: first time 2Δ = Ω_max; 0 if 2Δ(0) ≤ Ω_max; +inf if not reached
  /// by t_max or never (λ(0) ≤ 0: no net generation).
  double lifetime_ps;
  /// First time Δ < 0.01 Δ(0) [ps]; 0 if Δ(0) = 0; +inf as for lifetime_ps;
  /// nullopt when not followed (until_collapse = false).
  std::optional<double> collapse_time_ps;
  std::int64_t steps;                      ///< accepted TS steps
  std::vector<KineticsSample> trajectory;  ///< when requested: every accepted step
};

}  // namespace metasc::physics
