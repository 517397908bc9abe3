#include "metasc/stats/competing_risks.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "metasc/error.hpp"

namespace metasc::stats {

CumulativeIncidence aalen_johansen(std::span<const CompetingTime> observations, std::uint8_t causes) {
  std::vector<CompetingTime> sorted(observations.begin(), observations.end());
  for (const auto& observation : sorted) {
    if (!(observation.time_ps >= 0.0 && std::isfinite(observation.time_ps)) || observation.cause > causes) {
      throw NumericalError("aalen_johansen: times must be finite and >= 0, causes 0 (censored) to " +
                           std::to_string(causes));
    }
  }
  std::sort(sorted.begin(), sorted.end(), [](const CompetingTime& a, const CompetingTime& b) {
    return a.time_ps < b.time_ps || (a.time_ps == b.time_ps && a.cause != 0 && b.cause == 0);
  });
  CumulativeIncidence result;
  result.incidence.resize(causes);
  std::vector<double> cumulative(causes, 0.0);
  std::vector<std::uint64_t> events(causes);
  auto at_risk = static_cast<double>(sorted.size());
  double survival = 1.0;  // Ŝ(t−) before the current time
  for (auto group = sorted.begin(); group != sorted.end();) {
    const double t = group->time_ps;
    const auto group_end = std::find_if(group, sorted.end(), [t](const CompetingTime& o) { return o.time_ps != t; });
    std::fill(events.begin(), events.end(), 0);
    for (auto o = group; o != group_end; ++o) {
      if (o->cause != 0) ++events[o->cause - 1];
    }
    std::uint64_t all = 0;
    for (const auto count : events) all += count;
    if (all > 0) {
      for (std::size_t k = 0; k < causes; ++k) {
        cumulative[k] += survival * static_cast<double>(events[k]) / at_risk;
        result.incidence[k].push_back(cumulative[k]);
      }
      survival *= 1.0 - static_cast<double>(all) / at_risk;
      result.time_ps.push_back(t);
    }
    at_risk -= static_cast<double>(std::distance(group, group_end));
    group = group_end;
  }
  return result;
}

}  // namespace metasc::stats
