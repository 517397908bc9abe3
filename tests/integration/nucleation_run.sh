# metasc-nucleation: results bitwise the same on 1, 2 and 3 ranks in 1, 2 and
# 3 dimensions (coupled cells, uneven decompositions), and the κ = 0 identity
# of PHYSICS.md §8: independent cells, so the first nucleation among M cells
# has rate M k and the rate per cell j does not depend on M.
source "$(dirname "$0")/lib/common.bash"

{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini"
  cat <<'INI'
[phonon]
damping_per_ps = 2
domain_sites = 40
[field]
stiffness_meV = 2
lattices = 2
[pulse]
amplitude = 0
[landscape]
points = 201
[langevin]
dt_ps = 0.005
t_end_ps = 5
INI
} > lattice.ini

for cells in 17 10,9 5,4,3; do
  for ranks in 1 2 3; do
    run_mpi $ranks "$METASC_BIN/metasc-nucleation" lattice.ini --field.cells=$cells --output.file=n_${ranks}.h5 \
      --output.progress=false >n_$ranks.txt || fail "cells = $cells on $ranks ranks: $(cat n_$ranks.txt)"
  done
  for ranks in 2 3; do
    same_h5 n_1.h5 n_$ranks.h5 nucleation >/dev/null || fail "cells = $cells: /nucleation differs on 1 and $ranks ranks"
  done
  /usr/bin/python3 - "$cells" <<'PY' || fail "cells = $cells: the layout of /nucleation"
import sys, h5py, numpy as np
cells = [int(c) for c in sys.argv[1].split(",")]
with h5py.File("n_1.h5") as f:
    n = f["nucleation"]
    assert n["Q_final"].shape == (2, *cells), n["Q_final"].shape
    assert n["f_SC"].shape == (2, n["time_ps"].shape[0])
    assert np.all(n["f_SC"][:, 0] == 1.0), "a lattice starts in the metastable well"
    for name in ("f_SC", "time_ps", "first_time_ps", "Q_final"):
        assert "units" in n[name].attrs, name
    a = n.attrs
    assert a["rate_per_cell_per_ps_ci_low"] <= a["rate_per_cell_per_ps"] <= a["rate_per_cell_per_ps_ci_high"]
    assert f["config"].attrs["ranks"] == 1
PY
done

# κ = 0, from the thermal metastable well, the transient t0 = 1/γ discarded:
# one cell (1500 lattices) against 16 cells (200 lattices). Given the two
# nucleation counts d1, d2 and exposures T1, T2 (cell-ps), equal rates make
# d1 ~ Binomial(d1 + d2, T1/(T1 + T2)): two-sided p > 1e-3 (99.9%).
common=(--field.stiffness_meV=0 --langevin.t_end_ps=20 --escape.transient_ps=0.5 --output.progress=false)
"$METASC_BIN/metasc-nucleation" lattice.ini --field.cells=1 --field.lattices=1500 --output.file=one.h5 "${common[@]}" \
  >one.txt || fail "one cell: $(cat one.txt)"
"$METASC_BIN/metasc-nucleation" lattice.ini --field.cells=4,4 --field.lattices=200 --output.file=many.h5 "${common[@]}" \
  >many.txt || fail "16 cells: $(cat many.txt)"
/usr/bin/python3 - <<'PY' || fail "kappa = 0: the rate per cell depends on M"
import h5py
from scipy.stats import binomtest
counts, exposures = [], []
for name in ("one.h5", "many.h5"):
    with h5py.File(name) as f:
        a = f["nucleation"].attrs
        counts.append(int(a["nucleated_lattices"]))
        exposures.append(counts[-1] / a["rate_per_cell_per_ps"])
assert min(counts) >= 50, counts
p = binomtest(counts[0], sum(counts), exposures[0] / sum(exposures)).pvalue
assert p > 1e-3, (counts, exposures, p)
print(f"kappa = 0: j(M = 1) = {counts[0] / exposures[0]:.4g}, j(M = 16) = {counts[1] / exposures[1]:.4g} /ps, p = {p:.3g}")
PY
echo "metasc-nucleation: rank-invariant in 1, 2, 3 d; rate per cell independent of M at kappa = 0"
