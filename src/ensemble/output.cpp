#include "metasc/ensemble/output.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "metasc/io/landscape_output.hpp"

namespace metasc::ensemble {

using io::H5Writer;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

template <typename T, typename Get>
std::vector<T> per_pulse(const std::vector<PulseOutcome>& outcomes, Get get) {
  std::vector<T> values;
  for (const auto& outcome : outcomes) {
    const auto part = get(outcome);
    values.insert(values.end(), part.begin(), part.end());
  }
  return values;
}

std::vector<double> moment_series(const std::vector<stats::RunningMoments>& moments, bool variance) {
  std::vector<double> series;
  for (const auto& m : moments) series.push_back(variance ? (m.count > 1 ? m.variance() : nan) : m.mean);
  return series;
}

void write_survival(H5Writer& writer, const std::string& group, const stats::SurvivalCurve& curve) {
  writer.dataset(group + "/time_ps", curve.time_ps, "ps after the trapping check");
  writer.dataset(group + "/survival", curve.survival, "1");
  writer.dataset(group + "/standard_error", curve.standard_error, "1");
}

/// Survival, its pointwise 95% Greenwood band and each cause's incidence, on one time grid.
void write_lifetimes(H5Writer& writer, const std::string& group, const stochastic::LifetimeSummary& summary) {
  write_survival(writer, group, summary.survival);
  std::vector<double> low, high;
  for (std::size_t i = 0; i < summary.survival.survival.size(); ++i) {
    const double band = 1.959963984540054 * summary.survival.standard_error[i];
    low.push_back(std::max(0.0, summary.survival.survival[i] - band));
    high.push_back(std::min(1.0, summary.survival.survival[i] + band));
  }
  writer.dataset(group + "/survival_ci_low", low, "1");
  writer.dataset(group + "/survival_ci_high", high, "1");
  writer.dataset(group + "/incidence_escape", summary.incidence.incidence[0], "1");
  writer.dataset(group + "/incidence_collapse", summary.incidence.incidence[1], "1");
}

}  // namespace

void write_ensemble(H5Writer& writer, const EnsembleJob& job, const std::vector<PulseOutcome>& outcomes) {
  io::write_landscape(writer, job.landscape);
  const std::size_t pulses = outcomes.size();
  const std::size_t times = job.output_times();

  writer.dataset("/ensemble/trapped", per_pulse<std::uint8_t>(outcomes, [](auto& o) { return o.results.trapped; }),
                 "1 = bound in a metastable well at the check time");
  writer.dataset("/ensemble/escape_time_ps",
                 per_pulse<double>(outcomes, [](auto& o) { return o.results.escape_time_ps; }),
                 "ps after the trapping check; NaN not trapped, inf censored");
  writer.dataset("/ensemble/Q_final", per_pulse<double>(outcomes, [](auto& o) { return o.results.Q_final; }),
                 "oscillator length");
  writer.dataset("/ensemble/P_final_per_ps",
                 per_pulse<double>(outcomes, [](auto& o) { return o.results.P_final_per_ps; }), "1/ps");
  // Without kinetics τ_MS is not defined: NaN, so that scripts find the dataset either way.
  writer.dataset("/ensemble/tau_MS_ps", per_pulse<double>(outcomes, [](auto& o) {
                   return o.results.tau_MS_ps.empty() ? std::vector<double>(o.results.trapped.size(), nan)
                                                      : o.results.tau_MS_ps;
                 }),
                 "ps after the trapping check until 2 Delta <= Omega_max; inf censored; NaN without kinetics");
  writer.dataset("/ensemble/lifetime_ps", per_pulse<double>(outcomes, [](auto& o) { return o.lifetimes.lifetime_ps; }),
                 "ps after the trapping check until escape or 2 Delta <= Omega_max; NaN not trapped, inf censored");
  writer.dataset("/ensemble/lifetime_cause", per_pulse<std::uint8_t>(outcomes, [](auto& o) { return o.lifetimes.cause; }),
                 "0 censored or not trapped, 1 phonon escape, 2 kinetic collapse");
  std::vector<std::int32_t> pulse_index;
  for (std::size_t p = 0; p < pulses; ++p) pulse_index.insert(pulse_index.end(), outcomes[p].results.trapped.size(), static_cast<std::int32_t>(p));
  writer.dataset("/ensemble/pulse_index", pulse_index, "index into /pulses");

  std::vector<double> time_ps(times);
  const auto& spec = job.specs.front();
  for (std::size_t t = 0; t < times; ++t) time_ps[t] = static_cast<double>(t * spec.output_stride) * spec.dt_ps;
  writer.dataset("/ensemble/time_ps", time_ps, "ps");
  const std::vector<std::size_t> grid{pulses, times};
  writer.dataset("/ensemble/Q_mean", per_pulse<double>(outcomes, [](auto& o) { return moment_series(o.results.Q_moments, false); }), "oscillator length", grid);
  writer.dataset("/ensemble/Q_variance", per_pulse<double>(outcomes, [](auto& o) { return moment_series(o.results.Q_moments, true); }), "oscillator length^2", grid);
  writer.dataset("/ensemble/P_mean_per_ps", per_pulse<double>(outcomes, [](auto& o) { return moment_series(o.results.P_moments, false); }), "1/ps", grid);
  writer.dataset("/ensemble/P_variance_per_ps2", per_pulse<double>(outcomes, [](auto& o) { return moment_series(o.results.P_moments, true); }), "1/ps^2", grid);
  if (job.specs.front().kinetics) {
    writer.dataset("/ensemble/Delta_mean_meV", per_pulse<double>(outcomes, [](auto& o) { return moment_series(o.results.gap_moments, false); }), "meV", grid);
    writer.dataset("/ensemble/Delta_variance_meV2", per_pulse<double>(outcomes, [](auto& o) { return moment_series(o.results.gap_moments, true); }), "meV^2", grid);
    writer.dataset("/ensemble/n_mean", per_pulse<double>(outcomes, [](auto& o) { return moment_series(o.results.density_moments, false); }), "quasi-particles per site", grid);
    writer.dataset("/ensemble/n_variance", per_pulse<double>(outcomes, [](auto& o) { return moment_series(o.results.density_moments, true); }), "(quasi-particles per site)^2", grid);
  }
  const std::vector<std::size_t> sample_grid{pulses, static_cast<std::size_t>(spec.samples), times};
  writer.dataset("/ensemble/samples/Q", per_pulse<double>(outcomes, [](auto& o) { return o.results.Q_samples; }), "oscillator length", sample_grid);
  writer.dataset("/ensemble/samples/P_per_ps", per_pulse<double>(outcomes, [](auto& o) { return o.results.P_samples; }), "1/ps", sample_grid);
  if (job.specs.front().kinetics) {
    writer.dataset("/ensemble/samples/n", per_pulse<double>(outcomes, [](auto& o) { return o.results.density_samples; }), "quasi-particles per site", sample_grid);
  }

  std::vector<double> amplitude, check_time, p_trap, p_low, p_high, rate, rate_low, rate_high, escapes, at_risk,
      median, mean, tau_median, tau_collapsed, lifetime_median, lifetime_low, lifetime_high;
  std::string labels;
  for (std::size_t p = 0; p < pulses; ++p) {
    const auto& outcome = outcomes[p];
    amplitude.push_back(job.pulses[p].pulse.amplitude());
    check_time.push_back(static_cast<double>(job.specs[p].check_step) * job.specs[p].dt_ps);
    labels += (p ? "\n" : "") + job.pulses[p].label;
    p_trap.push_back(outcome.trapping.estimate);
    p_low.push_back(outcome.trapping.low);
    p_high.push_back(outcome.trapping.high);
    const auto& escape = outcome.escape;
    rate.push_back(escape ? escape->rate.rate_per_ps : nan);
    rate_low.push_back(escape ? escape->rate.low_per_ps : nan);
    rate_high.push_back(escape ? escape->rate.high_per_ps : nan);
    escapes.push_back(escape ? static_cast<double>(escape->exposure.escapes) : 0.0);
    at_risk.push_back(escape ? escape->exposure.time_at_risk_ps : 0.0);
    median.push_back(escape ? escape->median_ps : nan);
    mean.push_back(escape ? escape->mean_ps : nan);
    if (escape) write_survival(writer, "/stats/survival/pulse_" + std::to_string(p), escape->survival);
    const auto& lifetime = outcome.lifetime;
    if (lifetime) write_lifetimes(writer, "/stats/lifetime/pulse_" + std::to_string(p), *lifetime);
    lifetime_median.push_back(lifetime ? lifetime->median.median_ps : nan);
    lifetime_low.push_back(lifetime ? lifetime->median.low_ps : nan);
    lifetime_high.push_back(lifetime ? lifetime->median.high_ps : nan);
    tau_median.push_back(outcome.tau_MS_median_ps);
    tau_collapsed.push_back(static_cast<double>(outcome.tau_MS_observed));
  }
  writer.dataset("/pulses/amplitude", amplitude, "oscillator length");
  writer.dataset("/pulses/check_time_ps", check_time, "ps");
  writer.attribute("/pulses", "labels", labels);
  writer.attribute("/stats", "trapping_probability", p_trap);
  writer.attribute("/stats", "trapping_ci_low", p_low);
  writer.attribute("/stats", "trapping_ci_high", p_high);
  writer.attribute("/stats", "escape_rate_per_ps", rate);
  writer.attribute("/stats", "escape_rate_ci_low", rate_low);
  writer.attribute("/stats", "escape_rate_ci_high", rate_high);
  writer.attribute("/stats", "escape_count", escapes);
  writer.attribute("/stats", "time_at_risk_ps", at_risk);
  writer.attribute("/stats", "escape_median_ps", median);
  writer.attribute("/stats", "escape_mean_ps", mean);
  writer.attribute("/stats", "lifetime_median_ps", lifetime_median);
  writer.attribute("/stats", "lifetime_median_ci_low_ps", lifetime_low);
  writer.attribute("/stats", "lifetime_median_ci_high_ps", lifetime_high);
  if (job.specs.front().kinetics) {
    writer.attribute("/stats", "tau_MS_median_ps", tau_median);
    writer.attribute("/stats", "tau_MS_observed_count", tau_collapsed);
  }
  // Empty when the landscape has a metastable well; otherwise why nothing could be trapped.
  writer.attribute("/stats", "no_well_reason", job.no_well_reason);
  writer.attribute("/stats", "confidence", 0.95);
  writer.attribute("/stats", "transient_ps", job.observation.transient_ps);
}

}  // namespace metasc::ensemble
