#include "metasc/stochastic/lifetimes.hpp"

#include <cmath>
#include <limits>

namespace metasc::stochastic {

Lifetimes lifetimes(std::span<const std::uint8_t> trapped, std::span<const double> escape_time_ps,
                    std::span<const double> tau_MS_ps) {
  constexpr double infinity = std::numeric_limits<double>::infinity();
  Lifetimes result;
  result.lifetime_ps.resize(trapped.size());
  result.cause.resize(trapped.size());
  for (std::size_t i = 0; i < trapped.size(); ++i) {
    const double escape = escape_time_ps[i];
    const double collapse = tau_MS_ps.empty() ? infinity : tau_MS_ps[i];
    LifetimeCause cause = LifetimeCause::censored;
    double lifetime = std::numeric_limits<double>::quiet_NaN();
    if (trapped[i]) {
      lifetime = std::min(escape, collapse);
      cause = std::isinf(lifetime) ? LifetimeCause::censored
              : collapse <= escape ? LifetimeCause::collapse
                                   : LifetimeCause::escape;
    }
    result.lifetime_ps[i] = lifetime;
    result.cause[i] = static_cast<std::uint8_t>(cause);
  }
  return result;
}

LifetimeSummary summarize_lifetimes(const Lifetimes& lifetimes, double at_risk_ps) {
  std::vector<stats::CensoredTime> all_causes;
  std::vector<stats::CompetingTime> competing;
  for (std::size_t i = 0; i < lifetimes.lifetime_ps.size(); ++i) {
    const double lifetime = lifetimes.lifetime_ps[i];
    if (std::isnan(lifetime)) continue;
    const bool ended = lifetimes.cause[i] != static_cast<std::uint8_t>(LifetimeCause::censored) && lifetime <= at_risk_ps;
    const double time = ended ? lifetime : at_risk_ps;
    all_causes.push_back({time, ended});
    competing.push_back({time, ended ? lifetimes.cause[i] : std::uint8_t{0}});
  }
  LifetimeSummary summary{stats::kaplan_meier(all_causes), {}, stats::aalen_johansen(competing, 2)};
  summary.median = stats::median_with_interval(summary.survival);
  return summary;
}

}  // namespace metasc::stochastic
