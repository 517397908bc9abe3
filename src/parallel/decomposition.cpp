#include "metasc/parallel/decomposition.hpp"

#include <limits>

#include "metasc/error.hpp"

namespace metasc {

Decomposition::Decomposition(std::int64_t total, int ranks, int rank, Layout layout)
    : total_(total), ranks_(ranks), rank_(rank), layout_(layout) {}

std::int64_t Decomposition::count_of(int rank) const {
  const std::int64_t base = total_ / ranks_;
  return base + (rank < total_ % ranks_ ? 1 : 0);
}

std::int64_t Decomposition::global_index(std::int64_t k) const {
  if (layout_ == Layout::cyclic) return k * ranks_ + rank_;
  const std::int64_t base = total_ / ranks_;
  const std::int64_t extra = total_ % ranks_;
  return rank_ * base + std::min<std::int64_t>(rank_, extra) + k;
}

template <typename T>
std::vector<T> Decomposition::gather_as(const Environment& environment, const std::vector<T>& local,
                                        MPI_Datatype type) const {
  if (static_cast<std::int64_t>(local.size()) != local_count()) {
    throw Error("internal: gather given " + std::to_string(local.size()) + " values for " +
                std::to_string(local_count()) + " items");
  }
  if (total_ > std::numeric_limits<int>::max()) throw Error("internal: gather of more than 2^31 items");
  std::vector<int> counts(static_cast<std::size_t>(ranks_)), offsets(static_cast<std::size_t>(ranks_));
  int offset = 0;
  for (int r = 0; r < ranks_; ++r) {
    counts[static_cast<std::size_t>(r)] = static_cast<int>(count_of(r));
    offsets[static_cast<std::size_t>(r)] = offset;
    offset += counts[static_cast<std::size_t>(r)];
  }
  std::vector<T> by_rank(environment.is_root() ? static_cast<std::size_t>(total_) : 0);
  MPI_Gatherv(local.data(), static_cast<int>(local.size()), type, by_rank.data(), counts.data(), offsets.data(), type,
              0, environment.comm());
  if (!environment.is_root() || layout_ == Layout::contiguous) return by_rank;
  std::vector<T> ordered(static_cast<std::size_t>(total_));
  for (int r = 0; r < ranks_; ++r) {
    for (int k = 0; k < counts[static_cast<std::size_t>(r)]; ++k) {
      ordered[static_cast<std::size_t>(static_cast<std::int64_t>(k) * ranks_ + r)] =
          by_rank[static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)] + k)];
    }
  }
  return ordered;
}

std::vector<double> Decomposition::gather(const Environment& environment, const std::vector<double>& local) const {
  return gather_as(environment, local, MPI_DOUBLE);
}
std::vector<std::int32_t> Decomposition::gather(const Environment& environment,
                                                const std::vector<std::int32_t>& local) const {
  return gather_as(environment, local, MPI_INT32_T);
}
std::vector<std::uint8_t> Decomposition::gather(const Environment& environment,
                                                const std::vector<std::uint8_t>& local) const {
  return gather_as(environment, local, MPI_UINT8_T);
}

namespace {

template <typename T>
std::vector<T> gather_concatenated(const Environment& environment, const std::vector<T>& local, MPI_Datatype type) {
  if (local.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error("internal: gather of more than 2^31 values from one rank");
  }
  const int count = static_cast<int>(local.size());
  std::vector<int> counts(static_cast<std::size_t>(environment.size()));
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, environment.comm());
  std::vector<int> offsets(counts.size());
  std::int64_t total = 0;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    offsets[r] = static_cast<int>(total);
    total += counts[r];
  }
  if (total > std::numeric_limits<int>::max()) throw Error("internal: gather of more than 2^31 values");
  std::vector<T> all(environment.is_root() ? static_cast<std::size_t>(total) : 0);
  MPI_Gatherv(local.data(), count, type, all.data(), counts.data(), offsets.data(), type, 0, environment.comm());
  return all;
}

}  // namespace

std::vector<double> gather_in_rank_order(const Environment& environment, const std::vector<double>& local) {
  return gather_concatenated(environment, local, MPI_DOUBLE);
}
std::vector<std::uint8_t> gather_in_rank_order(const Environment& environment,
                                               const std::vector<std::uint8_t>& local) {
  return gather_concatenated(environment, local, MPI_UINT8_T);
}

}  // namespace metasc
