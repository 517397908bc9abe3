# metasc-nucleation with field.decompose = true: every lattice spread over all
# ranks (PETSc DMDA, ghost exchange every step) gives bitwise the results of
# the same lattices dealt whole to one rank, on 1, 2 and 3 ranks: a 2-D lattice
# from the metastable well and a 3-D one after a pump pulse. An extent of 1
# cannot be decomposed (its periodic ghost would be the cell itself): refused.
source "$(dirname "$0")/lib/common.bash"
{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini" "$METASC_SOURCE/tests/integration/lib/k3c60_cells.ini" "$METASC_SOURCE/tests/integration/lib/k3c60_pulsed_lattice.ini"
  printf '[field]\nlattices = 3\n'
} >lattice.ini
for case in metastable pulse; do
  extra=()
  [ "$case" = pulse ] && extra=(--field.start=pulse --field.cells=4,5,3)
  run_mpi 1 "$METASC_BIN/metasc-nucleation" lattice.ini --output.file=${case}_whole.h5 --output.progress=false \
    "${extra[@]}" >${case}_whole.txt || fail "metasc-nucleation ($case, whole lattices): $(cat ${case}_whole.txt)"
  for ranks in 1 2 3; do
    run_mpi $ranks "$METASC_BIN/metasc-nucleation" lattice.ini --field.decompose=true \
      --output.file=${case}_$ranks.h5 --output.progress=false "${extra[@]}" >${case}_$ranks.txt ||
      fail "metasc-nucleation ($case, decomposed) on $ranks ranks: $(cat ${case}_$ranks.txt)"
    same_h5 ${case}_whole.h5 ${case}_$ranks.h5 /nucleation || fail "$case: decomposed on $ranks ranks differs from whole"
  done
done
/usr/bin/python3 - <<'PY' || fail "a lattice that never left its start"
import h5py, numpy as np
with h5py.File("metastable_3.h5") as f:
    Q = f["nucleation/Q_final"][:]
    assert Q.shape == (3, 12, 10), Q.shape
    assert np.all(np.isfinite(Q)) and np.std(Q) > 0
PY
expect_bad 2 field.cells metasc-nucleation lattice.ini --field.decompose=true --field.cells=12,1
echo "decomposed lattices bitwise the whole ones on 1, 2, 3 ranks; an extent of 1 refused"
