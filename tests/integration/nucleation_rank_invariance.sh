# metasc-nucleation on 1, 2 and 3 ranks: every dataset and attribute of
# /nucleation (f_SC, first-nucleation times, Q_final, the rate per cell) is
# bitwise the same. 7 lattices split unevenly over the ranks; a 2-D lattice
# from the metastable well and a 3-D one after a pump pulse.
source "$(dirname "$0")/lib/common.bash"
{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini" "$METASC_SOURCE/tests/integration/lib/k3c60_cells.ini" "$METASC_SOURCE/tests/integration/lib/k3c60_pulsed_lattice.ini"
  printf '[field]\nlattices = 7\n'
} >lattice.ini
for case in metastable pulse; do
  extra=()
  [ "$case" = pulse ] && extra=(--field.start=pulse --field.cells=4,5,3)
  for ranks in 1 2 3; do
    run_mpi $ranks "$METASC_BIN/metasc-nucleation" lattice.ini --output.file=${case}_$ranks.h5 --output.progress=false \
      "${extra[@]}" >${case}_$ranks.txt || fail "metasc-nucleation ($case) on $ranks ranks: $(cat ${case}_$ranks.txt)"
  done
  for ranks in 2 3; do
    same_h5 ${case}_1.h5 ${case}_$ranks.h5 /nucleation || fail "$case: 1 and $ranks ranks differ"
  done
done
/usr/bin/python3 - <<'PY' || fail "unexpected shapes or a run that never left its start"
import h5py, numpy as np
with h5py.File("metastable_1.h5") as f:
    g = f["nucleation"]
    assert g["Q_final"].shape == (7, 12, 10), g["Q_final"].shape
    assert g["first_time_ps"].shape == (7,)
    assert g["f_SC"][0] > 0.99, g["f_SC"][0]  # thermal start in the metastable well, ~5 sigma inside the barrier
with h5py.File("pulse_1.h5") as f:
    g = f["nucleation"]
    assert g["Q_final"].shape == (7, 4, 5, 3), g["Q_final"].shape
    assert g["f_SC"][0] < 0.05, g["f_SC"][0]  # thermal in the normal well: |Q| > Q_B is a 2.7-sigma tail (0.7 %)
PY
echo "nucleation results bitwise identical on 1, 2, 3 ranks (2-D metastable and 3-D pulsed lattices)"
