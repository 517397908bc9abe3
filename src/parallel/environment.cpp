#include "metasc/parallel/environment.hpp"

#include <exception>
#include <iostream>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "metasc/error.hpp"

namespace metasc {
namespace {

class NullBuffer : public std::streambuf {
 protected:
  int overflow(int character) override { return character; }
};

}  // namespace

Environment::Environment() {
  int already = 0;
  MPI_Initialized(&already);
  if (!already) MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Environment::~Environment() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

bool Environment::all_agree(bool ok) const {
  int local = ok ? 1 : 0;
  int global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_LAND, comm());
  return global != 0;
}

std::ostream& Environment::out() const {
  static NullBuffer null_buffer;
  static std::ostream null_stream(&null_buffer);
  return is_root() ? std::cout : null_stream;
}

void Environment::collectively(const std::function<void()>& step) const {
  std::string message;
  int exit_code = 0;
  try {
    step();
  } catch (const Error& error) {
    message = error.what();
    exit_code = error.exit_code();
  } catch (const std::exception& error) {
    // A library's own exception (Boost.Math, the standard library) is a runtime failure.
    message = error.what();
    exit_code = 1;
  }
  const int local_failing = exit_code != 0 ? rank_ : size_;
  int first_failing = size_;
  MPI_Allreduce(&local_failing, &first_failing, 1, MPI_INT, MPI_MIN, comm());
  if (first_failing == size_) return;
  int length = static_cast<int>(message.size());
  MPI_Bcast(&length, 1, MPI_INT, first_failing, comm());
  MPI_Bcast(&exit_code, 1, MPI_INT, first_failing, comm());
  std::vector<char> buffer(message.begin(), message.end());
  buffer.resize(static_cast<std::size_t>(length));
  MPI_Bcast(buffer.data(), length, MPI_CHAR, first_failing, comm());
  throw AgreedError(std::string(buffer.begin(), buffer.end()), exit_code);
}

}  // namespace metasc
