#include "metasc/stats/censored_rate.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <string>

#include "confidence.hpp"
#include "metasc/error.hpp"

namespace metasc::stats {

EscapeExposure exposure(std::span<const CensoredTime> observations, double transient_ps) {
  if (!(transient_ps >= 0.0))
    throw NumericalError("exposure: the discarded transient must be >= 0 ps (got " + std::to_string(transient_ps) + ")");
  EscapeExposure total;
  for (const CensoredTime& observation : observations) {
    if (observation.time_ps < transient_ps) continue;  // ended inside the transient: never at risk
    total.time_at_risk_ps += observation.time_ps - transient_ps;
    if (observation.escaped) ++total.escapes;
  }
  return total;
}

RateEstimate censored_rate(const EscapeExposure& exposure, double confidence) {
  if (!(exposure.time_at_risk_ps > 0.0))
    throw NumericalError("censored_rate: total time at risk is " + std::to_string(exposure.time_at_risk_ps) +
                         " ps; no rate can be estimated");
  const double alpha = tail_probability(confidence);
  const double events = static_cast<double>(exposure.escapes);
  const double two_exposure = 2.0 * exposure.time_at_risk_ps;
  const double low =
      exposure.escapes == 0
          ? 0.0
          : boost::math::quantile(boost::math::chi_squared_distribution<double>(2.0 * events), 0.5 * alpha) /
                two_exposure;
  const double high =
      boost::math::quantile(boost::math::complement(boost::math::chi_squared_distribution<double>(2.0 * events + 2.0),
                                                    0.5 * alpha)) /
      two_exposure;
  return {events / exposure.time_at_risk_ps, low, high};
}

}  // namespace metasc::stats
