#!/usr/bin/env bash
# One metasc-ensemble job step under Slurm, checkpointed and requeued until it
# finishes; run by ensemble.sbatch and scan_array.sbatch inside their jobs.
#
#   run_ensemble.sh CONFIG.ini OUTPUT.h5 [--section.key=value ...]
#
# The contract with metasc-ensemble: it checkpoints to checkpoint.file every
# checkpoint.interval_s and when it receives SIGUSR1 or SIGTERM, and then exits
# with 3 (checkpointed, not finished). Here the checkpoint is OUTPUT.ckpt.h5
# (OUTPUT's .h5 replaced). The jobs ask Slurm for SIGUSR1 to the job step a
# while before the time limit (--signal=USR1@120); on exit 3 this script
# requeues the job, and the requeued run continues with --restart from the
# checkpoint, on however many ranks it now has.
set -euo pipefail
source "$(dirname "$0")/job_environment.bash"
config=$1
output=$2
shift 2
checkpoint="${output%.h5}.ckpt.h5"
mkdir -p "$(dirname "$output")"

restart=()
if [ -e "$checkpoint" ]; then
  echo "run_ensemble.sh: continuing from $checkpoint (restart ${SLURM_RESTART_COUNT:-0} of job $SLURM_JOB_ID)"
  restart=(--restart "$checkpoint")
fi

# Slurm's SIGTERM (time limit, scancel) reaches the ranks too and makes them
# checkpoint; the shell must outlive them to see their exit code and requeue.
trap 'echo "run_ensemble.sh: SIGTERM; waiting for the ranks to checkpoint"' TERM

status=0
metasc_srun metasc-ensemble "$config" --output.file="$output" --checkpoint.file="$checkpoint" "$@" "${restart[@]}" ||
  status=$?

case $status in
  0)
    # Finished: a checkpoint left behind would make the next job with the
    # same output continue this finished run instead of starting afresh.
    rm -f "$checkpoint"
    ;;
  3)
    # An array task is requeued by its own id: its SLURM_JOB_ID can equal the
    # array's id, and requeueing that would rerun every task of the array.
    job=${SLURM_ARRAY_JOB_ID:+${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}}
    job=${job:-$SLURM_JOB_ID}
    echo "run_ensemble.sh: checkpointed to $checkpoint; requeueing job $job to continue"
    scontrol requeue "$job"
    ;;
esac
exit "$status"
