#pragma once
/// Escape rate of an exponential (memoryless) decay from right-censored times:
/// the maximum-likelihood estimate k̂ = d / T_risk with the exact (Garwood)
/// χ² interval (PHYSICS.md §7). Rates in 1/ps, times in ps.
#include <cstdint>
#include <span>

#include "metasc/stats/censored_times.hpp"

namespace metasc::stats {

/// Escapes d and total time at risk T_risk [ps]: the sufficient statistic of
/// the censored exponential. Both add across trajectories, blocks and ranks.
struct EscapeExposure {
  std::uint64_t escapes = 0;
  double time_at_risk_ps = 0.0;

  EscapeExposure& operator+=(const EscapeExposure& other) {
    escapes += other.escapes;
    time_at_risk_ps += other.time_at_risk_ps;
    return *this;
  }
};

/// (d, T_risk) after discarding a transient t₀ = `transient_ps` ≥ 0 on each
/// trajectory's own clock: T_risk = Σ (t_i − t₀)⁺, d counts escapes at t_i ≥ t₀.
/// An escape before t₀ contributes neither event nor exposure. Summed in input order.
EscapeExposure exposure(std::span<const CensoredTime> observations, double transient_ps = 0.0);

/// A rate and its two-sided confidence interval [1/ps].
struct RateEstimate {
  double rate_per_ps;
  double low_per_ps;
  double high_per_ps;
};

/// k̂ = d/T_risk and [χ²_{2d}(α/2), χ²_{2d+2}(1−α/2)] / (2 T_risk), α = 1 − confidence;
/// the lower limit is 0 when d = 0. Equivalently the Poisson means μ = k T_risk with
/// P(Poisson(μ_high) ≤ d) = α/2 and P(Poisson(μ_low) ≥ d) = α/2.
/// Throws NumericalError when T_risk ≤ 0 (nothing was ever at risk).
RateEstimate censored_rate(const EscapeExposure& exposure, double confidence = 0.95);

}  // namespace metasc::stats
