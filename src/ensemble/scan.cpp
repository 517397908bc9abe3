#include "metasc/ensemble/scan.hpp"

#include <cmath>
#include <limits>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/parallel/progress.hpp"

namespace metasc::ensemble {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// "i/N" with 1 <= i <= N.
std::pair<int, int> parse_part(const std::string& text) {
  const auto slash = text.find('/');
  int part = 0, parts = 0;
  std::size_t used_part = 0, used_parts = 0;
  try {
    if (slash != std::string::npos) {
      part = std::stoi(text.substr(0, slash), &used_part);
      parts = std::stoi(text.substr(slash + 1), &used_parts);
    }
  } catch (const std::exception&) {
    parts = 0;
  }
  if (slash == std::string::npos || used_part != slash || used_parts != text.size() - slash - 1 || parts < 1 ||
      part < 1 || part > parts) {
    throw ConfigError("scan.part must be i/N with 1 <= i <= N (got '" + text + "')");
  }
  return {part, parts};
}

}  // namespace

bool ScanPlan::requested(const config::Config& config) { return !config.scan_axes().empty(); }

ScanPlan ScanPlan::from(const config::Config& config) {
  ScanPlan plan;
  plan.points = 1;
  for (const auto& key : config.scan_axes()) {
    plan.axes.push_back({key, config.grid("scan." + key).values()});
    plan.points *= plan.axes.back().values.size();
    if (plan.points > max_points) {
      throw ConfigError("scan." + key + ": the scan would have more than " + std::to_string(max_points) +
                        " points (the product of the axis counts); split it or coarsen an axis");
    }
  }
  std::tie(plan.part, plan.parts) = parse_part(config.text("scan.part"));
  if (static_cast<std::uint64_t>(plan.parts) > plan.points) {
    throw ConfigError("scan.part = " + config.text("scan.part") + ": more parts than the scan's " +
                      std::to_string(plan.points) + " points");
  }
  // Contiguous slices in global point order; parts differ in size by at most one point.
  const auto parts = static_cast<std::uint64_t>(plan.parts);
  plan.first = plan.points * static_cast<std::uint64_t>(plan.part - 1) / parts;
  plan.last = plan.points * static_cast<std::uint64_t>(plan.part) / parts;
  return plan;
}

std::vector<double> ScanPlan::values_at(std::uint64_t point) const {
  std::vector<double> values(axes.size());
  for (std::size_t a = axes.size(); a-- > 0;) {
    const auto count = axes[a].values.size();
    values[a] = axes[a].values[point % count];
    point /= count;
  }
  return values;
}

std::vector<EnsembleJob> scan_jobs(const config::Config& config, const ScanPlan& plan) {
  std::vector<EnsembleJob> jobs;
  for (std::uint64_t point = plan.first; point < plan.last; ++point) {
    const auto values = plan.values_at(point);
    config::Config at_point = config;
    for (std::size_t a = 0; a < plan.axes.size(); ++a) at_point = at_point.with(plan.axes[a].key, values[a]);
    try {
      jobs.push_back(EnsembleJob::from(at_point));
    } catch (const ConfigError& error) {
      std::string where;
      for (std::size_t a = 0; a < plan.axes.size(); ++a)
        where += (a ? ", " : "") + plan.axes[a].key + " = " + format_number(values[a]);
      throw ConfigError(std::string(error.what()) + " (at scan point " + std::to_string(point) + ": " + where + ")");
    }
  }
  return jobs;
}

std::vector<ScanRow> run_scan(const Environment& environment, const ScanPlan& plan,
                              const std::vector<EnsembleJob>& jobs, bool progress_on) {
  const auto work = [](const EnsembleJob& job) {
    return static_cast<double>(job.specs.front().steps) * static_cast<double>(job.langevin.trajectories) *
           static_cast<double>(job.pulses.size());
  };
  double total = 0.0;
  for (const auto& job : jobs) total += work(job);
  // The whole scan's work, counted per finished point (every rank works on every point).
  Progress progress(progress_on && environment.is_root(), "scan", "trajectory-steps", total);
  const Checkpointing no_checkpoints{.save = [](const stochastic::CompletedBlocks&) {}};
  std::vector<ScanRow> rows;
  double done = 0.0;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const auto outcomes = run_ensembles(environment, jobs[j], false, no_checkpoints);
    done += work(jobs[j]);
    progress.update(done);
    if (!environment.is_root()) continue;
    for (std::size_t p = 0; p < outcomes.size(); ++p) {
      const auto& escape = outcomes[p].escape;
      rows.push_back({.point = plan.first + j,
                      .pulse = p,
                      .trapping = outcomes[p].trapping,
                      .escape_rate_per_ps = escape ? escape->rate.rate_per_ps : nan,
                      .escape_rate_ci_low = escape ? escape->rate.low_per_ps : nan,
                      .escape_rate_ci_high = escape ? escape->rate.high_per_ps : nan,
                      .lifetime_median_ps = outcomes[p].lifetime ? outcomes[p].lifetime->median.median_ps : nan});
    }
  }
  progress.finish();
  return rows;
}

void write_scan(io::H5Writer& writer, const ScanPlan& plan, const std::vector<EnsembleJob>& jobs,
                const std::vector<ScanRow>& rows) {
  std::vector<std::vector<double>> axis_columns(plan.axes.size());
  std::vector<double> point, amplitude, p_trap, p_low, p_high, rate, rate_low, rate_high, lifetime, metastable;
  std::vector<std::int32_t> pulse_index;
  for (const auto& row : rows) {
    const auto values = plan.values_at(row.point);
    for (std::size_t a = 0; a < values.size(); ++a) axis_columns[a].push_back(values[a]);
    const auto& job = jobs[row.point - plan.first];
    point.push_back(static_cast<double>(row.point));
    pulse_index.push_back(static_cast<std::int32_t>(row.pulse));
    amplitude.push_back(job.pulses[row.pulse].pulse.amplitude());
    metastable.push_back(job.no_well_reason.empty() ? 1.0 : 0.0);
    p_trap.push_back(row.trapping.estimate);
    p_low.push_back(row.trapping.low);
    p_high.push_back(row.trapping.high);
    rate.push_back(row.escape_rate_per_ps);
    rate_low.push_back(row.escape_rate_ci_low);
    rate_high.push_back(row.escape_rate_ci_high);
    lifetime.push_back(row.lifetime_median_ps);
  }
  const auto& registry = config::registry();
  std::string axes;
  for (std::size_t a = 0; a < plan.axes.size(); ++a) {
    const auto& unit = registry.spec(plan.axes[a].key).unit;
    writer.dataset("/scan/" + plan.axes[a].key, axis_columns[a], unit.empty() ? "1" : unit);
    axes += (a ? "\n" : "") + plan.axes[a].key;
  }
  writer.dataset("/scan/point", point, "index of the grid point, last axis fastest");
  writer.dataset("/scan/pulse_index", pulse_index, "index into /pulses");
  writer.dataset("/scan/pulse.amplitude", amplitude, "oscillator length");
  writer.dataset("/scan/metastable", metastable, "1 = the landscape has a metastable well, 0 = none (P_trap = 0)");
  writer.dataset("/scan/trapping_probability", p_trap, "1");
  writer.dataset("/scan/trapping_ci_low", p_low, "1");
  writer.dataset("/scan/trapping_ci_high", p_high, "1");
  writer.dataset("/scan/escape_rate_per_ps", rate, "1/ps");
  writer.dataset("/scan/escape_rate_ci_low", rate_low, "1/ps");
  writer.dataset("/scan/escape_rate_ci_high", rate_high, "1/ps");
  writer.dataset("/scan/lifetime_median_ps", lifetime, "ps after the trapping check, Kaplan-Meier (NaN: nothing trapped or median not reached)");
  writer.attribute("/scan", "axes", axes);
  writer.attribute("/scan", "order", std::string("rows point-major, pulse fastest; points: axes in the order of "
                                                 "the axes attribute, the last fastest"));
  writer.attribute("/scan", "points", static_cast<std::int64_t>(plan.points));
  writer.attribute("/scan", "confidence", 0.95);
  std::string labels;
  for (std::size_t p = 0; p < jobs.front().pulses.size(); ++p) labels += (p ? "\n" : "") + jobs.front().pulses[p].label;
  writer.attribute("/pulses", "labels", labels);
}

}  // namespace metasc::ensemble
