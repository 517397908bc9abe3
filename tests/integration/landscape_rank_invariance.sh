# The diagram and the landscape are bitwise the same on 1, 2 and 3 ranks.
source "$(dirname "$0")/lib/common.bash"
for ranks in 1 2 3; do
  run_mpi $ranks "$METASC_BIN/metasc-landscape" "$METASC_SOURCE/inputs/diagram.ini" --output.file=diagram_$ranks.h5 \
    --output.progress=false --scan.dos_per_meV=0.008:0.024:5 --scan.splitting_meV=10:80:4:log \
    --landscape.points=64 >/dev/null
done
for ranks in 2 3; do
  same_h5 diagram_1.h5 diagram_$ranks.h5 /scan /landscape || fail "results on $ranks ranks differ from 1 rank"
done
/usr/bin/python3 - <<'PY' || fail "the small diagram does not hold the metastable classes it should"
import h5py, numpy as np
with h5py.File("diagram_1.h5") as f:
    classes = f["scan/class"][()]
    blocking = f["scan/T_B_K"][()]
    assert f["config"].attrs["ranks"] == 1
    assert f["scan/T_B_K"].attrs["units"] == "K"
    # Fig. 2(b), PHYSICS.md §4: the grid spans all four classes; more states nu(0) favour the
    # distortion and a larger splitting dE opposes it, so along dE (axis 1) the class runs
    # distorted (3) -> metastable II (2) -> metastable I (1) -> normal (0) and along nu the
    # reverse; nu = 0.016, dE = 20 meV, beside PHYSICS.md's (0.015, 25), is metastable II.
    nu, dE = f["scan/dos_per_meV"][()], f["scan/splitting_meV"][()]
    assert set(np.unique(classes)) == {0, 1, 2, 3}, classes
    assert np.all(np.diff(classes, axis=1) <= 0) and np.all(np.diff(classes, axis=0) >= 0), classes
    assert classes[np.argmin(abs(nu - 0.016)), np.argmin(abs(dE - 20))] == 2, classes
    # T_B exists exactly where a non-trivial minimum exists at the scan temperature.
    assert np.array_equal(np.isfinite(blocking), classes != 0), (classes, blocking)
PY
