#include "metasc/stochastic/completed_blocks.hpp"

#include "metasc/error.hpp"

namespace metasc::stochastic {
namespace {

template <typename T>
void append(std::vector<double>& out, const std::vector<T>& values) {
  for (const auto value : values) out.push_back(static_cast<double>(value));
}

void append(std::vector<double>& out, const std::vector<stats::RunningMoments>& moments) {
  for (const auto& m : moments) {
    out.push_back(static_cast<double>(m.count));
    out.push_back(m.mean);
    out.push_back(m.m2);
  }
}

class Cursor {
 public:
  explicit Cursor(const std::vector<double>& data) : data_(data) {}
  bool done() const { return at_ == data_.size(); }
  double next() {
    if (at_ >= data_.size()) throw IoError("checkpoint: truncated block record");
    return data_[at_++];
  }
  std::size_t size() { return static_cast<std::size_t>(next()); }
  template <typename T>
  std::vector<T> take(std::size_t n) {
    std::vector<T> values(n);
    for (auto& value : values) value = static_cast<T>(next());
    return values;
  }
  std::vector<stats::RunningMoments> moments(std::size_t n) {
    std::vector<stats::RunningMoments> values(n);
    for (auto& m : values) {
      m.count = static_cast<std::uint64_t>(next());
      m.mean = next();
      m.m2 = next();
    }
    return values;
  }

 private:
  const std::vector<double>& data_;
  std::size_t at_ = 0;
};

}  // namespace

std::vector<double> serialize(const CompletedBlocks& blocks) {
  std::vector<double> out;
  for (const auto& [key, block] : blocks) {
    const std::size_t times = block.Q_moments.size();
    const std::size_t sampled = times == 0 ? 0 : block.Q_samples.size() / times;
    const double kinetics = block.tau_MS_ps.empty() ? 0.0 : 1.0;
    for (const double header : {static_cast<double>(key.pulse), static_cast<double>(key.block),
                                static_cast<double>(block.trapped.size()), static_cast<double>(sampled),
                                static_cast<double>(times), kinetics}) {
      out.push_back(header);
    }
    append(out, block.trapped);
    append(out, block.escape_time_ps);
    append(out, block.Q_final);
    append(out, block.P_final_per_ps);
    append(out, block.Q_moments);
    append(out, block.P_moments);
    append(out, block.Q_samples);
    append(out, block.P_samples);
    append(out, block.tau_MS_ps);
    append(out, block.gap_moments);
    append(out, block.density_moments);
    append(out, block.density_samples);
  }
  return out;
}

CompletedBlocks deserialize(const std::vector<double>& records) {
  CompletedBlocks blocks;
  Cursor cursor(records);
  while (!cursor.done()) {
    BlockKey key{cursor.size(), static_cast<std::uint64_t>(cursor.next())};
    const std::size_t count = cursor.size(), sampled = cursor.size(), times = cursor.size();
    const bool kinetics = cursor.size() != 0;
    BlockResult block;
    block.trapped = cursor.take<std::uint8_t>(count);
    block.escape_time_ps = cursor.take<double>(count);
    block.Q_final = cursor.take<double>(count);
    block.P_final_per_ps = cursor.take<double>(count);
    block.Q_moments = cursor.moments(times);
    block.P_moments = cursor.moments(times);
    block.Q_samples = cursor.take<double>(sampled * times);
    block.P_samples = cursor.take<double>(sampled * times);
    block.tau_MS_ps = cursor.take<double>(kinetics ? count : 0);
    block.gap_moments = cursor.moments(kinetics ? times : 0);
    block.density_moments = cursor.moments(kinetics ? times : 0);
    block.density_samples = cursor.take<double>(kinetics ? sampled * times : 0);
    blocks.emplace(key, std::move(block));
  }
  return blocks;
}

}  // namespace metasc::stochastic
