#include "metasc/stochastic/ensemble_results.hpp"

#include "metasc/parallel/decomposition.hpp"

namespace metasc::stochastic {
namespace {

template <typename T, typename Member>
std::vector<T> concatenate(const std::vector<BlockResult>& blocks, Member member) {
  std::vector<T> all;
  for (const auto& block : blocks) all.insert(all.end(), (block.*member).begin(), (block.*member).end());
  return all;
}

/// (count, mean, M2) of every block and output time, flattened for shipping.
std::vector<double> pack_moments(const std::vector<BlockResult>& blocks,
                                 std::vector<stats::RunningMoments> BlockResult::*member) {
  std::vector<double> packed;
  for (const auto& block : blocks) {
    for (const auto& moments : block.*member) {
      packed.push_back(static_cast<double>(moments.count));
      packed.push_back(moments.mean);
      packed.push_back(moments.m2);
    }
  }
  return packed;
}

/// Merges the blocks' moments time point by time point, blocks in global order.
std::vector<stats::RunningMoments> merge_moments(const std::vector<double>& packed, std::size_t output_times) {
  std::vector<stats::RunningMoments> merged(output_times);
  const std::size_t per_block = 3 * output_times;
  for (std::size_t offset = 0; offset + per_block <= packed.size(); offset += per_block) {
    for (std::size_t t = 0; t < output_times; ++t) {
      const stats::RunningMoments block{.count = static_cast<std::uint64_t>(packed[offset + 3 * t]),
                                        .mean = packed[offset + 3 * t + 1],
                                        .m2 = packed[offset + 3 * t + 2]};
      merged[t].merge(block);
    }
  }
  return merged;
}

}  // namespace

EnsembleResults collect(const Environment& environment, const std::vector<BlockResult>& local_blocks,
                        std::size_t output_times) {
  EnsembleResults results;
  results.trapped = gather_in_rank_order(environment, concatenate<std::uint8_t>(local_blocks, &BlockResult::trapped));
  results.escape_time_ps =
      gather_in_rank_order(environment, concatenate<double>(local_blocks, &BlockResult::escape_time_ps));
  results.Q_final = gather_in_rank_order(environment, concatenate<double>(local_blocks, &BlockResult::Q_final));
  results.P_final_per_ps =
      gather_in_rank_order(environment, concatenate<double>(local_blocks, &BlockResult::P_final_per_ps));
  results.Q_samples = gather_in_rank_order(environment, concatenate<double>(local_blocks, &BlockResult::Q_samples));
  results.P_samples = gather_in_rank_order(environment, concatenate<double>(local_blocks, &BlockResult::P_samples));
  results.tau_MS_ps = gather_in_rank_order(environment, concatenate<double>(local_blocks, &BlockResult::tau_MS_ps));
  results.density_samples =
      gather_in_rank_order(environment, concatenate<double>(local_blocks, &BlockResult::density_samples));
  const auto Q_packed = gather_in_rank_order(environment, pack_moments(local_blocks, &BlockResult::Q_moments));
  const auto P_packed = gather_in_rank_order(environment, pack_moments(local_blocks, &BlockResult::P_moments));
  const auto gap_packed = gather_in_rank_order(environment, pack_moments(local_blocks, &BlockResult::gap_moments));
  const auto density_packed =
      gather_in_rank_order(environment, pack_moments(local_blocks, &BlockResult::density_moments));
  if (environment.is_root()) {
    results.Q_moments = merge_moments(Q_packed, output_times);
    results.P_moments = merge_moments(P_packed, output_times);
    if (!gap_packed.empty()) {
      results.gap_moments = merge_moments(gap_packed, output_times);
      results.density_moments = merge_moments(density_packed, output_times);
    }
  }
  return results;
}

}  // namespace metasc::stochastic
