# kappa = 0 (PHYSICS.md §8): the cells of a lattice are independent copies of
# the §5 domain, so the first nucleation among M cells has rate M k. The rate
# per cell j = d / (M T_risk) of 4x4 lattices must agree with the escape rate k
# of single domains (field.cells = 1) measured the same way: given the two
# counts, d_lattice ~ Binomial(d_lattice + d_single, E_lattice/(E_lattice + E_single))
# with E the cell-time at risk; refused at two-sided p < 1e-3. (2400 lattices:
# at 16 k ~ 0.45/ps most 4x4 lattices nucleate within the 5 ps transient.)
source "$(dirname "$0")/lib/common.bash"
{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini"
  cat <<'INI'
[phonon]
damping_per_ps = 1
domain_sites = 40
[field]
stiffness_meV = 0
[langevin]
dt_ps = 0.005
t_end_ps = 40
seed = 3
[landscape]
points = 201
[escape]
# the thermal start relaxes in ~1/gamma = 1 ps
transient_ps = 5
INI
} >cells.ini
run_mpi 2 "$METASC_BIN/metasc-nucleation" cells.ini --field.cells=1 --field.lattices=2000 --output.file=single.h5 \
  --output.progress=false >single.txt || fail "single domains: $(cat single.txt)"
run_mpi 2 "$METASC_BIN/metasc-nucleation" cells.ini --field.cells=4,4 --field.lattices=2400 --output.file=lattice.h5 \
  --output.progress=false --langevin.seed=4 >lattice.txt || fail "lattices: $(cat lattice.txt)"
/usr/bin/python3 - <<'PY' || fail "the rate per cell at kappa = 0 is not the single-domain rate"
import h5py
from scipy.stats import binomtest
def counts(path):
    with h5py.File(path) as f:
        a = f["nucleation"].attrs
        return int(a["nucleations"]), float(a["time_at_risk_ps"]) * int(a["cells_per_lattice"]), a["rate_per_cell_per_ps"]
d1, e1, k1 = counts("single.h5")
d2, e2, j2 = counts("lattice.h5")
assert d1 > 100 and d2 > 100, (d1, d2)
p = binomtest(d2, d1 + d2, e2 / (e1 + e2)).pvalue
print(f"k = {k1:.5g} /ps ({d1} escapes), j = {j2:.5g} /ps per cell ({d2} first nucleations), p = {p:.3g}")
assert p > 1e-3
PY
