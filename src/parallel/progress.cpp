#include "metasc/parallel/progress.hpp"

#include <cstdio>

namespace metasc {

Progress::Progress(bool enabled, std::string label, std::string unit, double total_work, double interval_s)
    : enabled_(enabled),
      label_(std::move(label)),
      unit_(std::move(unit)),
      total_(total_work),
      interval_s_(interval_s),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

void Progress::update(double done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (std::chrono::duration<double>(now - last_print_).count() < interval_s_) return;
  last_print_ = now;
  print(done, false);
}

void Progress::finish() {
  if (enabled_) print(total_, true);
}

void Progress::print(double done, bool final_line) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0.0 ? done / elapsed : 0.0;
  const double percent = total_ > 0.0 ? 100.0 * done / total_ : 100.0;
  if (final_line) {
    std::fprintf(stderr, "%s: done in %.1f s (%.3g %s/s per rank)\n", label_.c_str(), elapsed, rate, unit_.c_str());
  } else {
    const double eta = rate > 0.0 ? (total_ - done) / rate : 0.0;
    std::fprintf(stderr, "%s: %5.1f%%  %.3g %s/s per rank  ETA %.0f s\n", label_.c_str(), percent, rate,
                 unit_.c_str(), eta);
  }
  std::fflush(stderr);
}

}  // namespace metasc
