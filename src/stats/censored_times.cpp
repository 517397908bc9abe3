#include "metasc/stats/censored_times.hpp"

#include <cmath>
#include <string>

#include "metasc/error.hpp"

namespace metasc::stats {

CensoredTime censored_time(double first_passage_ps, double start_ps, double end_ps) {
  if (std::isnan(first_passage_ps)) throw NumericalError("censored_time: first-passage time is NaN (not at risk)");
  if (!(end_ps >= start_ps))
    throw NumericalError("censored_time: observation ends (" + std::to_string(end_ps) + " ps) before it starts (" +
                         std::to_string(start_ps) + " ps)");
  if (first_passage_ps < start_ps)
    throw NumericalError("censored_time: first passage at " + std::to_string(first_passage_ps) +
                         " ps precedes the start of observation at " + std::to_string(start_ps) + " ps");
  if (first_passage_ps <= end_ps) return {first_passage_ps - start_ps, true};
  return {end_ps - start_ps, false};
}

std::vector<CensoredTime> censored_times(std::span<const double> first_passage_ps, double start_ps, double end_ps) {
  std::vector<CensoredTime> observations;
  observations.reserve(first_passage_ps.size());
  for (const double passage : first_passage_ps)
    if (!std::isnan(passage)) observations.push_back(censored_time(passage, start_ps, end_ps));
  return observations;
}

}  // namespace metasc::stats
