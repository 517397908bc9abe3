#pragma once
/// Which rank owns which global item (trajectory, diagram point, sweep point),
/// and the gather that puts per-item results back in global order on rank 0.
/// Results never pass through a floating-point reduction, so they do not depend
/// on the number of ranks.
#include <mpi.h>

#include <cstdint>
#include <vector>

#include "metasc/parallel/environment.hpp"

namespace metasc {

class Decomposition {
 public:
  enum class Layout {
    contiguous,  ///< rank r owns one block of consecutive items (trajectories)
    cyclic       ///< item i belongs to rank i mod size (balances costly neighbours)
  };

  Decomposition(std::int64_t total, int ranks, int rank, Layout layout);

  std::int64_t total() const { return total_; }
  std::int64_t local_count() const { return count_of(rank_); }
  /// Global index of this rank's k-th item.
  std::int64_t global_index(std::int64_t k) const;
  std::int64_t count_of(int rank) const;

  /// Gathers each rank's per-item values (local order) to rank 0 in global
  /// order; other ranks get an empty vector.
  std::vector<double> gather(const Environment& environment, const std::vector<double>& local) const;
  std::vector<std::int32_t> gather(const Environment& environment, const std::vector<std::int32_t>& local) const;
  std::vector<std::uint8_t> gather(const Environment& environment, const std::vector<std::uint8_t>& local) const;

 private:
  template <typename T>
  std::vector<T> gather_as(const Environment& environment, const std::vector<T>& local, MPI_Datatype type) const;

  std::int64_t total_;
  int ranks_;
  int rank_;
  Layout layout_;
};

/// Concatenates every rank's values on rank 0 in rank order (which is global
/// order for contiguous layouts); other ranks get an empty vector.
std::vector<double> gather_in_rank_order(const Environment& environment, const std::vector<double>& local);
std::vector<std::uint8_t> gather_in_rank_order(const Environment& environment, const std::vector<std::uint8_t>& local);

}  // namespace metasc
