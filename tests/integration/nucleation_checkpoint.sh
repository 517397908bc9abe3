# Checkpoint and restart of metasc-nucleation: a run stopped by SIGUSR1 (exit 3)
# after a periodic checkpoint resumes, on another number of ranks, to results bitwise identical to an uninterrupted
# run; a restart with other physics and an unwritable checkpoint path are
# refused (exit 2), and the stopped run leaves no results file.
source "$(dirname "$0")/lib/common.bash"
{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini" "$METASC_SOURCE/tests/integration/lib/k3c60_cells.ini"
  cat <<'INI'
[field]
cells = 48, 48
stiffness_meV = 2
lattices = 24
[langevin]
t_end_ps = 40
[landscape]
points = 201
[output]
progress = false
INI
} >lattice.ini
run_mpi 2 "$METASC_BIN/metasc-nucleation" lattice.ini --output.file=full.h5 --checkpoint.file=unused.ckpt.h5 >/dev/null

# A 2-rank run of lattice.ini with the given options, checkpointing every 0.1 s,
# sent SIGUSR1 once its first checkpoint NAME.ckpt.h5 exists; it must exit 3.
stop_after_checkpoint() {
  local name=$1
  shift
  $METASC_MPIEXEC 2 "$METASC_BIN/metasc-nucleation" lattice.ini "$@" --checkpoint.file=$name.ckpt.h5 \
    --checkpoint.interval_s=0.1 >/dev/null 2>$name.err &
  local job=$! status=0
  for _ in $(seq 600); do sleep 0.05; [ -s $name.ckpt.h5 ] && break; done
  kill -USR1 "$job"
  wait "$job" || status=$?
  [ "$status" -eq 3 ] || fail "a run ($name) stopped by SIGUSR1 exited $status, expected 3: $(cat $name.err)"
}

# SIGUSR1 once the first periodic checkpoint shows lattices being completed.
stop_after_checkpoint signal --output.file=stopped.h5
[ ! -e stopped.h5 ] || fail "a stopped run must not write its results file"
grep -q "resume with --restart" signal.err || fail "the stop message does not say how to resume"
/usr/bin/python3 - <<'PY' || fail "the checkpoint holds no completed lattice, or all of them: nothing is tested"
import h5py
records = h5py.File("signal.ckpt.h5")["checkpoint/lattice_records"][:]
outputs = len(h5py.File("full.h5")["nucleation/time_ps"])
per_lattice = 1 + 1 + 1 + 1 + outputs + 1 + 48 * 48 + 1 + 1  # kind, index, first time, outputs, counts, cells, Q_final, no far counts, no snapshots
assert len(records) % per_lattice == 0 and 0 < len(records) // per_lattice < 24, len(records) / per_lattice
PY
for ranks in 1 3; do
  run_mpi $ranks "$METASC_BIN/metasc-nucleation" lattice.ini --output.file=resumed_$ranks.h5 \
    --checkpoint.file=resumed_$ranks.ckpt.h5 --restart signal.ckpt.h5 >/dev/null
  same_h5 full.h5 resumed_$ranks.h5 /nucleation || fail "resuming on $ranks ranks changed the results"
done
# One decomposed lattice: stopped part-way on 2 ranks, resumed on 3.
decomposed=(--field.decompose=true --field.lattices=1 --field.cells=96,96 --langevin.t_end_ps=60)
run_mpi 2 "$METASC_BIN/metasc-nucleation" lattice.ini "${decomposed[@]}" --output.file=decomposed_full.h5 \
  --checkpoint.file=unused_d.ckpt.h5 >/dev/null
stop_after_checkpoint decomposed "${decomposed[@]}" --output.file=decomposed_stopped.h5
/usr/bin/python3 - <<'PY' || fail "the decomposed checkpoint does not hold its lattice part-way"
import h5py
records = h5py.File("decomposed.ckpt.h5")["checkpoint/lattice_records"][:]
assert records[0] == 1 and records[1] == 0, records[:3]  # in progress, lattice 0
assert 0 < records[2] < 12000, records[2]  # the step it stopped at, inside the run
PY
run_mpi 3 "$METASC_BIN/metasc-nucleation" lattice.ini "${decomposed[@]}" --output.file=decomposed_resumed.h5 \
  --checkpoint.file=decomposed_resumed.ckpt.h5 --restart decomposed.ckpt.h5 >/dev/null
same_h5 decomposed_full.h5 decomposed_resumed.h5 /nucleation || fail "resuming a decomposed lattice part-way changed the results"

# A checkpoint belongs to its configuration; an unwritable checkpoint path is refused before compute.
status=0
run_mpi 2 "$METASC_BIN/metasc-nucleation" lattice.ini --langevin.seed=7 --output.file=other.h5 \
  --checkpoint.file=other.ckpt.h5 --restart signal.ckpt.h5 >/dev/null 2>other.err || status=$?
[ "$status" -eq 2 ] && grep -q "langevin.seed" other.err || fail "a restart with another seed was not refused by name"
status=0
run_mpi 2 "$METASC_BIN/metasc-nucleation" lattice.ini --output.file=unwritable.h5 \
  --checkpoint.file=/proc/metasc/run.ckpt.h5 >/dev/null 2>unwritable.err || status=$?
[ "$status" -eq 2 ] && grep -q "checkpoint.file" unwritable.err || fail "an unwritable checkpoint path was not refused"
[ ! -e unwritable.h5 ] || fail "a refused run left an output file"
echo "nucleation checkpoint/restart: bitwise on 1 and 3 ranks after SIGUSR1 (whole lattices, and one decomposed lattice part-way); other configuration and unwritable path refused"
