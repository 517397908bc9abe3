#pragma once
/// SIGTERM and SIGUSR1 — what SLURM sends before a job's time runs out or when
/// it is preempted — ask a run to checkpoint and stop. The handler only sets a
/// flag; the ranks agree on it at the next block boundary.
#include "metasc/parallel/environment.hpp"

namespace metasc {

/// Installs the handlers (idempotent).
void install_stop_handlers();
/// True once SIGTERM or SIGUSR1 has arrived on this rank.
bool stop_requested();

/// Whether any rank asks for a checkpoint now, and whether to stop after it.
struct CheckpointDecision {
  bool save;
  bool stop;
};

/// Collective: a checkpoint when any rank's interval has elapsed or any rank
/// got a stop signal; a stop when any rank got one.
CheckpointDecision agree_on_checkpoint(const Environment& environment, bool interval_elapsed);

}  // namespace metasc
