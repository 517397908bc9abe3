# Checkpoint and restart of metasc-ensemble: a run stopped by SIGUSR1 (exit 3)
# or killed with SIGKILL after a periodic checkpoint resumes, on another number
# of ranks, to results bitwise identical to an uninterrupted run (also with the
# coupled kinetics); a restart
# with other physics and an unwritable checkpoint path are refused (exit 2).
source "$(dirname "$0")/lib/common.bash"
options=(--output.progress=false --langevin.trajectories=6144 --langevin.t_end_ps=300 --landscape.points=101
         --pulse.amplitude=0.2,0.3 --pulse.shape=flattop)
input="$METASC_SOURCE/inputs/k3c60.ini"
run_mpi 2 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" --output.file=full.h5 \
  --checkpoint.file=unused.ckpt.h5 >/dev/null

# stop_by_signal NAME INPUT OPTIONS...: SIGUSR1 (what SLURM sends before the time
# limit) to a 2-rank run writing NAME.ckpt.h5 and NAME_stopped.h5; it must
# checkpoint and exit 3. The signal goes out once a first periodic checkpoint
# shows that blocks are being computed (a fixed delay would race the kernel's speed).
stop_by_signal() {
  local name=$1 run_input=$2
  shift 2
  $METASC_MPIEXEC 2 "$METASC_BIN/metasc-ensemble" "$run_input" "$@" --output.file=${name}_stopped.h5 \
    --checkpoint.file=$name.ckpt.h5 --checkpoint.interval_s=0.2 >/dev/null 2>$name.err &
  local job=$! status=0
  for _ in $(seq 300); do sleep 0.05; [ -s $name.ckpt.h5 ] && break; done
  kill -USR1 "$job"
  wait "$job" || status=$?
  [ "$status" -eq 3 ] || fail "a run stopped by SIGUSR1 exited $status, expected 3: $(cat $name.err)"
  [ -s $name.ckpt.h5 ] || fail "no checkpoint after SIGUSR1"
}

# SIGUSR1: checkpoint, exit 3, resume on 1 rank.
stop_by_signal signal "$input" "${options[@]}"
[ ! -e signal_stopped.h5 ] || fail "a stopped run must not write its results file"
grep -q "resume with --restart" signal.err || fail "the stop message does not say how to resume"
run_mpi 1 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" --output.file=resumed_signal.h5 \
  --checkpoint.file=resumed.ckpt.h5 --restart signal.ckpt.h5 >/dev/null
same_h5 full.h5 resumed_signal.h5 /ensemble /stats /pulses || fail "resuming after SIGUSR1 changed the results"

# SIGKILL after the first periodic checkpoint: the checkpoint survives, resume on 3 ranks.
$METASC_MPIEXEC 2 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" --output.file=killed.h5 \
  --checkpoint.file=periodic.ckpt.h5 --checkpoint.interval_s=0.2 >/dev/null 2>&1 &
job=$!
for _ in $(seq 300); do sleep 0.05; [ -s periodic.ckpt.h5 ] && break; done
[ -s periodic.ckpt.h5 ] || fail "no periodic checkpoint appeared"
pkill -9 -f "metasc-ensemble.*periodic.ckpt.h5" || true
wait "$job" || true
[ ! -e killed.h5 ] || fail "the killed run finished before it could be killed: make it longer"
run_mpi 3 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" --output.file=resumed_kill.h5 \
  --checkpoint.file=resumed2.ckpt.h5 --restart periodic.ckpt.h5 >/dev/null
same_h5 full.h5 resumed_kill.h5 /ensemble /stats /pulses || fail "resuming after SIGKILL changed the results"

# With the coupled kinetics (table path, n checkpointed with the blocks): SIGUSR1, resume on 3 ranks.
coupled=(--output.progress=false --langevin.trajectories=4096 --langevin.t_end_ps=200 --landscape.points=101)
coupled_input="$METASC_SOURCE/inputs/k3c60_coupled.ini"
run_mpi 2 "$METASC_BIN/metasc-ensemble" "$coupled_input" "${coupled[@]}" --output.file=coupled_full.h5 \
  --checkpoint.file=unused_coupled.ckpt.h5 >/dev/null
stop_by_signal coupled "$coupled_input" "${coupled[@]}"
run_mpi 3 "$METASC_BIN/metasc-ensemble" "$coupled_input" "${coupled[@]}" --output.file=coupled_resumed.h5 \
  --checkpoint.file=coupled_resumed.ckpt.h5 --restart coupled.ckpt.h5 >/dev/null
same_h5 coupled_full.h5 coupled_resumed.h5 /ensemble /stats /pulses || fail "resuming a coupled run changed the results"

# A checkpoint belongs to its configuration; an unwritable checkpoint path is refused before compute.
status=0
run_mpi 2 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" --langevin.seed=7 --output.file=other.h5 \
  --checkpoint.file=other.ckpt.h5 --restart signal.ckpt.h5 >/dev/null 2>other.err || status=$?
[ "$status" -eq 2 ] && grep -q "langevin.seed" other.err || fail "a restart with another seed was not refused by name"
status=0
run_mpi 2 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" --output.file=unwritable.h5 \
  --checkpoint.file=/proc/metasc/run.ckpt.h5 >/dev/null 2>unwritable.err || status=$?
[ "$status" -eq 2 ] && grep -q "checkpoint.file" unwritable.err || fail "an unwritable checkpoint path was not refused"
[ ! -e unwritable.h5 ] || fail "a refused run left an output file"
echo "checkpoint/restart: signal, SIGKILL, other configuration and unwritable path all behave"
