# Faults: one rank failing ends every rank within 10 s with a non-zero exit;
# a full disk (a 256 KB tmpfs) fails the run at the write that does not fit,
# with the previous checkpoint intact and no results file, and a restart from
# that checkpoint reproduces the uninterrupted run bitwise.
source "$(dirname "$0")/lib/common.bash"
input="$METASC_SOURCE/inputs/k3c60.ini"
options=(--output.progress=false --langevin.trajectories=4096 --langevin.t_end_ps=150 --landscape.points=101
         --pulse.amplitude=0.3 --pulse.shape=flattop --ensemble.samples=0)

start=$(date +%s)
status=0
METASC_FAULT_RANK=1 timeout 60 $METASC_MPIEXEC 3 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" \
  --output.file=fault.h5 --checkpoint.file=fault.ckpt.h5 >/dev/null 2>fault.err || status=$?
elapsed=$(( $(date +%s) - start ))
[ "$status" -ne 0 ] && [ "$status" -ne 124 ] || fail "a failing rank gave exit $status (124 = hang)"
[ "$elapsed" -le 10 ] || fail "the job took ${elapsed} s to end after one rank failed"
grep -q "injected fault on rank 1" fault.err || fail "the failing rank's message is missing: $(cat fault.err)"
[ ! -e fault.h5 ] || fail "a failed job left a results file"

mkdir small
mount -t tmpfs -o size=256k tmpfs small || fail "cannot mount a tmpfs to fill (needs root)"
trap 'umount "$work/small" 2>/dev/null || true; rm -rf "$work"' EXIT
status=0
run_mpi 2 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" --output.file=small/full_disk.h5 \
  --checkpoint.file=small/run.ckpt.h5 --checkpoint.interval_s=0.05 >/dev/null 2>disk.err || status=$?
[ "$status" -eq 1 ] || fail "a full disk gave exit $status, expected 1: $(cat disk.err)"
grep -q "No space left on device" disk.err || fail "the full-disk message does not say what failed: $(cat disk.err)"
[ ! -e small/full_disk.h5 ] || fail "a full disk left a results file"
[ -s small/run.ckpt.h5 ] || fail "no checkpoint survived the full disk"
cp small/run.ckpt.h5 survivor.ckpt.h5
umount small
run_mpi 2 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" --output.file=reference.h5 \
  --checkpoint.file=reference.ckpt.h5 >/dev/null
run_mpi 3 "$METASC_BIN/metasc-ensemble" "$input" "${options[@]}" --output.file=resumed.h5 \
  --checkpoint.file=resumed.ckpt.h5 --restart survivor.ckpt.h5 >/dev/null
same_h5 reference.h5 resumed.h5 /ensemble /stats || fail "the checkpoint left by the full disk does not resume exactly"
echo "faults: failing rank ended in ${elapsed} s; full disk kept the previous checkpoint, which resumes exactly"
