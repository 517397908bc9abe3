#pragma once
/// RAII start and stop of MPI (PETSc: PetscSession, within it; HDF5 opens
/// and closes itself), plus the few collective questions every driver asks.
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

  /// Runs `step` on every rank. If it throws on any rank, every rank throws the
  /// same AgreedError (message and exit code of the lowest failing rank; exit
  /// code 1 for exceptions that are not metasc::Error), so no rank is left
  /// waiting in a collective. `step` itself must not call collectives.
  void collectively(const std::function<void()>& step) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace metasc
