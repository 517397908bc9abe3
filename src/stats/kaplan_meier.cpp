#include "metasc/stats/kaplan_meier.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include "metasc/error.hpp"

namespace metasc::stats {

SurvivalCurve kaplan_meier(std::span<const CensoredTime> observations) {
  std::vector<CensoredTime> sorted(observations.begin(), observations.end());
  for (const CensoredTime& observation : sorted)
    if (!(observation.time_ps >= 0.0 && std::isfinite(observation.time_ps)))
      throw NumericalError("kaplan_meier: observation times must be finite and >= 0");
  std::sort(sorted.begin(), sorted.end(), [](const CensoredTime& a, const CensoredTime& b) {
    return a.time_ps < b.time_ps || (a.time_ps == b.time_ps && a.escaped && !b.escaped);
  });

  SurvivalCurve curve;
  std::uint64_t at_risk = sorted.size();
  double survival = 1.0;
  double greenwood_sum = 0.0;
  for (auto group = sorted.begin(); group != sorted.end();) {
    const double t = group->time_ps;
    const auto group_end = std::find_if(group, sorted.end(), [t](const CensoredTime& o) { return o.time_ps != t; });
    const auto escaped_here = static_cast<std::uint64_t>(
        std::count_if(group, group_end, [](const CensoredTime& o) { return o.escaped; }));
    if (escaped_here > 0) {
      const double n = static_cast<double>(at_risk);
      const double d = static_cast<double>(escaped_here);
      survival *= (n - d) / n;
      if (at_risk > escaped_here) greenwood_sum += d / (n * (n - d));
      curve.time_ps.push_back(t);
      curve.at_risk.push_back(at_risk);
      curve.escapes.push_back(escaped_here);
      curve.survival.push_back(survival);
      // Where every remaining trajectory escaped Ŝ = 0 exactly and its Greenwood variance is 0.
      curve.standard_error.push_back(survival > 0.0 ? survival * std::sqrt(greenwood_sum) : 0.0);
    }
    at_risk -= static_cast<std::uint64_t>(std::distance(group, group_end));
    curve.follow_up_ps = t;
    group = group_end;
  }
  return curve;
}

double survival_at(const SurvivalCurve& curve, double t_ps) {
  const auto after = std::upper_bound(curve.time_ps.begin(), curve.time_ps.end(), t_ps);
  if (after == curve.time_ps.begin()) return 1.0;
  return curve.survival[static_cast<std::size_t>(std::distance(curve.time_ps.begin(), after)) - 1];
}

double median_time(const SurvivalCurve& curve) {
  constexpr double half = 0.5 * (1.0 + 1e-12);
  for (std::size_t i = 0; i < curve.survival.size(); ++i)
    if (curve.survival[i] <= half) return curve.time_ps[i];
  return std::numeric_limits<double>::infinity();
}

double restricted_mean_time(const SurvivalCurve& curve) {
  double area = 0.0;
  double previous_time = 0.0;
  double previous_survival = 1.0;
  for (std::size_t i = 0; i < curve.time_ps.size(); ++i) {
    area += previous_survival * (curve.time_ps[i] - previous_time);
    previous_time = curve.time_ps[i];
    previous_survival = curve.survival[i];
  }
  return area + previous_survival * (curve.follow_up_ps - previous_time);
}

}  // namespace metasc::stats
