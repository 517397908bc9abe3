#pragma once
/// SIGTERM and SIGUSR1 — what SLURM sends before a job's time runs out or when
/// it is preempted — ask a run to checkpoint and stop. The handler only sets a
/// flag; the ranks agree on it at the next block boundary.
namespace metasc {

/// Installs the handlers (idempotent).
void install_stop_handlers();
/// True once SIGTERM or SIGUSR1 has arrived on this rank.
bool stop_requested();

}  // namespace metasc
