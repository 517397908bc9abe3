#pragma once
/// Progress line on rank 0: percent, rate and ETA, at most once per interval,
/// on standard error so that standard output stays the summary. Rank 0's own
/// share stands for the job (work is spread evenly over ranks).
#include <chrono>
#include <cstdint>
#include <string>

namespace metasc {

class Progress {
 public:
  /// `unit` names what the rate counts, e.g. "trajectory-steps".
  Progress(bool enabled, std::string label, std::string unit, double total_work, double interval_s = 2.0);
  /// Reports `done` units of work finished so far on this rank.
  void update(double done);
  /// Final line with the total time.
  void finish();

 private:
  void print(double done, bool final_line);

  bool enabled_;
  std::string label_;
  std::string unit_;
  double total_;
  double interval_s_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

}  // namespace metasc
