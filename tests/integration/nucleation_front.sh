# The seeded front (field.start = seeded) and the snapshots (field.snapshots):
# bitwise the same on 1 and 2 ranks with whole lattices and on 3 ranks with
# each lattice decomposed (front radii, front speed, snapshots of lattice 0),
# and after a stop part-way through a decomposed run resumed on another rank
# count (the checkpoint carries the far region's counts and the snapshots).
# Physics: the speed does not depend on the seed's size (nuclei of radius 5
# and 9 cells, both above the critical droplet's ~3, give speeds whose 95%
# intervals overlap) and lies below the lattice's sound speed.
source "$(dirname "$0")/lib/common.bash"
{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini" "$METASC_SOURCE/tests/integration/lib/k3c60_shipped_cells.ini"
  cat <<'INI'
[field]
cells = 80, 80
lattices = 4
start = seeded
seed_radius_cells = 5
snapshots = 6
[langevin]
t_end_ps = 3
[escape]
transient_ps = 0.5
[ensemble]
output_interval_ps = 0.05
[output]
progress = false
INI
} >front.ini
nucleation() {  # nucleation RANKS NAME ARGS...
  local ranks=$1 name=$2
  shift 2
  run_mpi "$ranks" "$METASC_BIN/metasc-nucleation" front.ini --output.file=$name.h5 "$@" >$name.txt ||
    fail "metasc-nucleation $name on $ranks ranks: $(cat $name.txt)"
}
nucleation 1 whole_1
nucleation 2 whole_2
nucleation 3 decomposed_3 --field.decompose=true
same_h5 whole_1.h5 whole_2.h5 /nucleation || fail "seeded front: 1 and 2 ranks differ"
same_h5 whole_1.h5 decomposed_3.h5 /nucleation || fail "seeded front: decomposed on 3 ranks differs from whole"
nucleation 2 larger --field.seed_radius_cells=9
/usr/bin/python3 - <<'PY' || fail "front speed or snapshots wrong"
import h5py, numpy as np
hbar = 0.6582119569
with h5py.File("whole_1.h5") as f, h5py.File("larger.h5") as g:
    a, b = f["nucleation"].attrs, g["nucleation"].attrs
    s = f["nucleation/snapshots"]
    assert s.shape == (6, 80, 80), s.shape
    assert np.allclose(f["nucleation/snapshot_time_ps"][()], np.linspace(0, 3, 6), rtol=1e-12, atol=0)
    assert np.array_equal(s[-1], f["nucleation/Q_final"][0])
    assert np.sum(s[0] == 0) == a["seed_cells"], a["seed_cells"]  # the nucleus at rest at Q = 0
    low = max(a["front_speed_cells_per_ps_ci_low"], b["front_speed_cells_per_ps_ci_low"])
    high = min(a["front_speed_cells_per_ps_ci_high"], b["front_speed_cells_per_ps_ci_high"])
    assert low < high, ("seed radius 5 and 9 give disjoint speeds", dict(a), dict(b))
    c = np.sqrt(2 * np.pi * 22.0 / hbar * 27.0)
    assert 0 < a["front_speed_cells_per_ps_ci_low"] and a["front_speed_cells_per_ps_ci_high"] < c
    print(f"v = {a['front_speed_cells_per_ps']:.3g} (R0 = 5) and {b['front_speed_cells_per_ps']:.3g} (R0 = 9) cells/ps")
PY

# Stopped part-way by SIGUSR1 after a checkpoint on 2 ranks (decomposed, so the lattice in progress is saved),
# resumed on 3. Sixteen lattices (~3 s): the run must outlast its first checkpoint by more than the polling on a loaded machine.
long=(--field.decompose=true --langevin.t_end_ps=6 --field.cells=96,96 --field.lattices=16)
nucleation 2 long_full "${long[@]}" --checkpoint.file=unused.ckpt.h5
$METASC_MPIEXEC 2 "$METASC_BIN/metasc-nucleation" front.ini "${long[@]}" --output.file=stopped.h5 \
  --checkpoint.file=stopped.ckpt.h5 --checkpoint.interval_s=0.1 >/dev/null 2>stopped.err &
job=$! status=0
for _ in $(seq 600); do sleep 0.05; [ -s stopped.ckpt.h5 ] && break; done
kill -USR1 "$job"
wait "$job" || status=$?
[ "$status" -eq 3 ] || fail "a seeded run stopped by SIGUSR1 exited $status, expected 3: $(cat stopped.err)"
nucleation 3 resumed "${long[@]}" --checkpoint.file=resumed.ckpt.h5 --restart stopped.ckpt.h5
same_h5 long_full.h5 resumed.h5 /nucleation || fail "resuming a seeded decomposed run changed the results"
echo "seeded front and snapshots bitwise on 1, 2 ranks, decomposed on 3, and after a restart; v independent of the seed's size"
