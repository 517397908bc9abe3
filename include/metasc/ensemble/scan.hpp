#pragma once
/// metasc-ensemble's `[scan]`: axes `scan.SECTION.KEY = start:stop:count[:log]`
/// over any numeric key, their product a grid of points (axes in alphabetical
/// order of their keys, the last varying fastest), each point one ensemble run
/// with every pulse of the pulse lists. Points run one after another in global
/// order, each spread over all ranks as a single run is, so a scan row is
/// bitwise the run of that point on its own, on any number of ranks.
/// `scan.part = i/N` runs the i-th of N contiguous slices of the points (a
/// SLURM array task); scripts/slurm/merge.py joins the parts.
#include <cstdint>
#include <string>
#include <vector>

#include "metasc/config/options.hpp"
#include "metasc/ensemble/job.hpp"
#include "metasc/io/h5_writer.hpp"
#include "metasc/parallel/environment.hpp"

namespace metasc::ensemble {

struct ScanAxis {
  std::string key;             ///< the scanned key, e.g. "bath.temperature_K"
  std::vector<double> values;  ///< its grid, in the key's unit
};

struct ScanPlan {
  /// A scan of more points than this is refused as a typo rather than a plan.
  static constexpr std::uint64_t max_points = 4096;

  std::vector<ScanAxis> axes;
  std::uint64_t points = 0;  ///< product of the axis counts
  int part = 1, parts = 1;   ///< scan.part = part/parts
  std::uint64_t first = 0, last = 0;  ///< this part's points [first, last)

  /// Whether the configuration holds any scan axis.
  static bool requested(const config::Config& config);
  /// Throws ConfigError naming the key for a bad axis, part or size.
  static ScanPlan from(const config::Config& config);
  /// The axis values of global point `point` (last axis fastest).
  std::vector<double> values_at(std::uint64_t point) const;
};

/// One row of /scan: one point under one pulse.
struct ScanRow {
  std::uint64_t point;
  std::size_t pulse;
  stats::ProportionEstimate trapping;
  double escape_rate_per_ps, escape_rate_ci_low, escape_rate_ci_high;
  double lifetime_median_ps;  ///< Kaplan–Meier median lifetime (/stats lifetime_median_ps); NaN without one
};

/// The jobs of this part's points, every one resolved (and all bad input
/// refused) before any compute.
std::vector<EnsembleJob> scan_jobs(const config::Config& config, const ScanPlan& plan);

/// Runs the part's points in order. Collective; rank 0 gets the rows.
std::vector<ScanRow> run_scan(const Environment& environment, const ScanPlan& plan,
                              const std::vector<EnsembleJob>& jobs, bool progress);

/// /scan (one row per point and pulse, point-major) and /pulses.
void write_scan(io::H5Writer& writer, const ScanPlan& plan, const std::vector<EnsembleJob>& jobs,
                const std::vector<ScanRow>& rows);

}  // namespace metasc::ensemble
