# ensemble.sbatch's side of the checkpoint contract on a real Slurm, with a
# stand-in for metasc-ensemble (lib/slurm_fake_ensemble.bash) that checkpoints
# and exits 3 on SIGUSR1 and finishes when given --restart. The template's own
# --signal=USR1@120 must reach the program's ranks, the job must requeue
# itself, and the requeued run must continue from the checkpoint, finish and
# remove the checkpoint.
source "$(dirname "$0")/lib/common.bash"
source "$METASC_SOURCE/tests/integration/lib/slurm_cluster.bash"
trap 'slurm_cluster_down; rm -rf "$work"' EXIT
slurm_cluster_up "$work/cluster"

mkdir bin
printf '#!/bin/bash\nexec bash %q "$@"\n' "$METASC_SOURCE/tests/integration/lib/slurm_fake_ensemble.bash" >bin/metasc-ensemble
chmod +x bin/metasc-ensemble
touch run.ini
# Slurm sends --signal at its time-limit checks, every 30 s, up to 30 s early:
# a 3-minute job gets it 30 to 60 s after it starts, when its step is running
# (a signal sent before the step exists is lost). Then the requeue delay.
job=$(METASC_BIN="$work/bin" METASC_OUTDIR=out slurm sbatch --parsable --ntasks=2 --time=3 \
  "$METASC_SOURCE/scripts/slurm/ensemble.sbatch" run.ini --langevin.seed=5)
slurm_wait_job "$job" 300
log=$(cat "metasc-ensemble-$job.out" 2>/dev/null || true)
state=$(slurm scontrol --oneliner show job "$job")
[[ $state == *JobState=COMPLETED* && $state == *Restarts=1\ * && $state == *ExitCode=0:0* ]] ||
  fail "the job did not finish after exactly one requeue: $state
log: $log
calls: $(cat calls.txt 2>/dev/null)"

first="run.ini --output.file=out/run.h5 --checkpoint.file=out/run.ckpt.h5 --langevin.seed=5"
expected="rank 0: $first
rank 0: $first --restart out/run.ckpt.h5
rank 1: $first
rank 1: $first --restart out/run.ckpt.h5"
[ "$(sort calls.txt)" = "$expected" ] || fail "the ranks were not called as expected: $(cat calls.txt)"
[ "$(cat out/run.h5)" = finished ] || fail "the restarted run wrote no results"
[ ! -e out/run.ckpt.h5 ] || fail "the checkpoint of the finished run was left behind"
grep -q "requeueing job $job" <<<"$log" && grep -q "continuing from out/run.ckpt.h5" <<<"$log" ||
  fail "the log does not hold both runs: $log"
echo "checkpointed on the time-limit signal, requeued and finished from the checkpoint"
