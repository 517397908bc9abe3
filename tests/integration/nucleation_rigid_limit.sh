# kappa -> infinity (PHYSICS.md §8): on a lattice small against the droplet
# the cells move together as one domain of M N_s sites. A 1-D lattice of
# M = 2 cells of 25 sites at kappa = 4000 meV (K3C60 at 100 K) against the
# rigid domain of 50 sites: barrier 46.3 meV = 5.4 k_BT, so the rate is a rate
# (the absorbing rule matters at the e^-m level: margins 2 k_BT per cell, the
# same 4 k_BT / 50 sites per site on both sides, in a normal well 7.5 k_BT deep).
# gamma = 100 /ps (gamma/omega_b = 0.35, delta = 19): spatial diffusion, so a
# crossing does not come back across the barrier and the lattice's at-rest
# criterion and the MFPT's energy criterion count the same crossings.
# Reference: metasc-escape's exact MFPT of the rigid domain (r = 8; 0.3% from
# r = 16), times the one finite-kappa correction of harmonic rate theory: the
# lattice's internal mode (k = pi, stiffness 4 kappa) is stiffer at the barrier
# than in the well by the curvatures there, k_lattice/k_rigid =
# sqrt((4 kappa + V''(Q_MS)) / (4 kappa + V''(Q_B))) = 1.018. The lattice rate
# M j = d / T_risk: d ~ Poisson(k_ref T_risk), refused at two-sided p < 1e-3
# (with ~1800 nucleations: a 9% difference).
source "$(dirname "$0")/lib/common.bash"
{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini"
  cat <<'INI'
[phonon]
damping_per_ps = 100
[landscape]
points = 201
INI
} >rigid.ini
run_mpi 2 "$METASC_BIN/metasc-escape" rigid.ini --escape.methods=theory,mfpt --phonon.domain_sites=50 \
  --escape.margin_kT=4 --escape.mfpt_resolution=8 --output.file=rigid.h5 --output.progress=false >rigid.txt ||
  fail "the rigid domain's MFPT: $(cat rigid.txt)"
# dt = 0.0003 ps: omega_max dt = 0.55 for the internal mode (as the shipped lattice run)
run_mpi 2 "$METASC_BIN/metasc-nucleation" rigid.ini --field.cells=2 --field.stiffness_meV=4000 \
  --phonon.domain_sites=25 --escape.margin_kT=2 --escape.transient_ps=0.2 --langevin.dt_ps=0.0003 \
  --langevin.t_end_ps=20 --field.lattices=2000 --langevin.seed=5 --output.file=lattice.h5 \
  --output.progress=false >lattice.txt || fail "the stiff lattice: $(cat lattice.txt)"
/usr/bin/python3 - <<'PY' || fail "the stiff lattice does not nucleate at the rigid domain's rate"
import math, h5py
from scipy.stats import poisson
with h5py.File("rigid.h5") as f:
    e = dict(f["escape"].attrs)
    assert e["mfpt_converged"] == 1
    k_rigid = e["rate_mfpt_per_ps"]
    stiffness = 2 * math.pi * 22.0 / 0.6582119569  # omega/hbar: omega_x^2 = (omega/hbar) V''
    well, barrier = e["omega_well_per_ps"] ** 2 / stiffness, -e["omega_barrier_per_ps"] ** 2 / stiffness
with h5py.File("lattice.h5") as f:
    a = dict(f["nucleation"].attrs)
    d, T, M, kappa = int(a["nucleations"]), float(a["time_at_risk_ps"]), int(a["cells_per_lattice"]), a["stiffness_meV"]
reference = k_rigid * math.sqrt((4 * kappa + well) / (4 * kappa + barrier))
p = 2 * min(poisson.cdf(d, reference * T), poisson.sf(d - 1, reference * T), 0.5)
low, high = a["rate_per_cell_per_ps_ci_low"] * M, a["rate_per_cell_per_ps_ci_high"] * M
print(f"M j = {d / T:.4g} /ps (95%: {low:.4g} .. {high:.4g}, {d} nucleations) against the rigid domain's MFPT "
      f"{k_rigid:.4g} /ps x {reference / k_rigid:.4f}: ratio {d / T / reference:.3f} "
      f"(95%: {low / reference:.3f} .. {high / reference:.3f}), p = {p:.3g}")
assert d > 1000 and p > 1e-3
PY
