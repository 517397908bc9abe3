#pragma once
/// RAII start and stop of MPI and PETSc (HDF5 opens and closes itself), in
/// order, plus the few collective questions every driver asks.
#include <mpi.h>

#include <functional>
#include <iosfwd>

namespace metasc {

class Environment {
 public:
  Environment();
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  MPI_Comm comm() const { return MPI_COMM_WORLD; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  /// True on every rank iff `ok` is true on every rank.
  bool all_agree(bool ok) const;

  /// Standard output on rank 0, a sink elsewhere.
  std::ostream& out() const;

  /// Runs `step` on every rank. If it throws metasc::Error on any rank, every
  /// rank throws the same error (message and exit code of the lowest failing
  /// rank), marked as agreed, so no rank is left waiting in a collective.
  void collectively(const std::function<void()>& step) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace metasc
