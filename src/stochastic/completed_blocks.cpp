#include "metasc/stochastic/completed_blocks.hpp"

#include "metasc/double_records.hpp"

namespace metasc::stochastic {
namespace {

void append_moments(std::vector<double>& out, const std::vector<stats::RunningMoments>& moments) {
  for (const auto& m : moments) {
    out.push_back(static_cast<double>(m.count));
    out.push_back(m.mean);
    out.push_back(m.m2);
  }
}

std::vector<stats::RunningMoments> take_moments(RecordReader& reader, std::size_t n) {
  std::vector<stats::RunningMoments> values(n);
  for (auto& m : values) {
    m.count = reader.count();
    m.mean = reader.value();
    m.m2 = reader.value();
  }
  return values;
}

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
    append_moments(out, block.Q_moments);
    append_moments(out, block.P_moments);
    append(out, block.Q_samples);
    append(out, block.P_samples);
    append(out, block.tau_MS_ps);
    append_moments(out, block.gap_moments);
    append_moments(out, block.density_moments);
    append(out, block.density_samples);
  }
  return out;
}

CompletedBlocks deserialize(const std::vector<double>& records) {
  CompletedBlocks blocks;
  RecordReader reader(records, "a metasc-ensemble checkpoint's block record");
  while (!reader.done()) {
    BlockKey key{reader.count(), reader.count()};
    const std::size_t count = reader.count(), sampled = reader.count(), times = reader.count();
    const bool kinetics = reader.count() != 0;
    BlockResult block;
    block.trapped = reader.take<std::uint8_t>(count);
    block.escape_time_ps = reader.take<double>(count);
    block.Q_final = reader.take<double>(count);
    block.P_final_per_ps = reader.take<double>(count);
    block.Q_moments = take_moments(reader, times);
    block.P_moments = take_moments(reader, times);
    block.Q_samples = reader.take<double>(sampled * times);
    block.P_samples = reader.take<double>(sampled * times);
    block.tau_MS_ps = reader.take<double>(kinetics ? count : 0);
    block.gap_moments = take_moments(reader, kinetics ? times : 0);
    block.density_moments = take_moments(reader, kinetics ? times : 0);
    block.density_samples = reader.take<double>(kinetics ? sampled * times : 0);
    blocks.emplace(key, std::move(block));
  }
  return blocks;
}

}  // namespace metasc::stochastic
