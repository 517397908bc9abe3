#include "metasc/parallel/stop_signal.hpp"

#include <csignal>

namespace metasc {
namespace {

volatile std::sig_atomic_t stop_flag = 0;

extern "C" void request_stop(int) { stop_flag = 1; }

}  // namespace

void install_stop_handlers() {
  std::signal(SIGTERM, request_stop);
  std::signal(SIGUSR1, request_stop);
}

bool stop_requested() { return stop_flag != 0; }

CheckpointDecision agree_on_checkpoint(const Environment& environment, bool interval_elapsed) {
  int local = (interval_elapsed ? 1 : 0) | (stop_requested() ? 2 : 0);
  int any = 0;
  MPI_Allreduce(&local, &any, 1, MPI_INT, MPI_BOR, environment.comm());
  return {any != 0, (any & 2) != 0};
}

}  // namespace metasc
