#pragma once
/// Superconducting lifetimes of an ensemble (PHYSICS.md §7 with §6): a trapped
/// trajectory's superconducting state ends at the first of phonon escape from
/// the metastable well and kinetic collapse (2Δ ≤ Ω_max), both measured from
/// the check time, and is censored at t_end. Without kinetics the lifetime is
/// the escape time. Times in ps after the check time.
#include <cstdint>
#include <span>
#include <vector>

#include "metasc/stats/competing_risks.hpp"
#include "metasc/stats/kaplan_meier.hpp"
#include "metasc/stats/median_interval.hpp"

namespace metasc::stochastic {

/// The causes, as stored in /ensemble/lifetime_cause.
enum class LifetimeCause : std::uint8_t {
  censored = 0,  ///< still superconducting at t_end, or never trapped
  escape = 1,    ///< phonon escape into the relaxed normal well
  collapse = 2   ///< kinetic collapse 2Δ ≤ Ω_max (on a tie with an escape the collapse is named)
};

struct Lifetimes {
  std::vector<double> lifetime_ps;  ///< NaN if never trapped, +inf if censored
  std::vector<std::uint8_t> cause;  ///< LifetimeCause
};

/// Per trajectory from its trapping, escape time (NaN, +inf or a time) and τ_MS
/// (+inf if the gap never collapsed, 0 if already at the check; empty without kinetics).
Lifetimes lifetimes(std::span<const std::uint8_t> trapped, std::span<const double> escape_time_ps,
                    std::span<const double> tau_MS_ps);

/// Reduced over the trapped trajectories, censored at `at_risk_ps` = t_end − check time.
struct LifetimeSummary {
  stats::SurvivalCurve survival;           ///< Kaplan–Meier, Greenwood errors
  stats::MedianEstimate median;            ///< with its Brookmeyer–Crowley 95% interval
  stats::CumulativeIncidence incidence;    ///< Aalen–Johansen, causes 1 (escape) and 2 (collapse)
};
LifetimeSummary summarize_lifetimes(const Lifetimes& lifetimes, double at_risk_ps);

}  // namespace metasc::stochastic
