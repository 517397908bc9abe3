# metasc-nucleation with field.saddle = true on the K3C60 landscape: the
# critical droplet is the same bits on 1, 2 and 3 ranks; at weak coupling
# (kappa = 0.05 meV against V'' ~ 400 meV at the barrier) it is one cell going
# over its barrier with its bonds stretched, N_s [dV + d kappa (Q_MS - Q_B)^2]
# to first order in kappa (PHYSICS.md §8, the kappa -> 0 limit); it is an
# index-1 saddle (one negative curvature) and costs far less than the uniform
# barrier M N_s dV.
source "$(dirname "$0")/lib/common.bash"
{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini" "$METASC_SOURCE/tests/integration/lib/k3c60_cells.ini"
  cat <<'INI'
[field]
cells = 6, 5
stiffness_meV = 0.05
saddle = true
[langevin]
t_end_ps = 1
[landscape]
points = 801
INI
} >saddle.ini
for ranks in 1 2 3; do
  run_mpi $ranks "$METASC_BIN/metasc-nucleation" saddle.ini --output.file=saddle_$ranks.h5 --output.progress=false \
    >saddle_$ranks.txt || fail "metasc-nucleation on $ranks ranks: $(cat saddle_$ranks.txt)"
done
for ranks in 2 3; do
  same_h5 saddle_1.h5 saddle_$ranks.h5 /nucleation || fail "the critical droplet differs on 1 and $ranks ranks"
done
/usr/bin/python3 - <<'PY' || fail "the weak-coupling droplet is not one cell over its barrier"
import h5py, numpy as np
with h5py.File("saddle_1.h5") as f:
    g, L = f["nucleation"], f["landscape"].attrs
    a = g.attrs
    assert a["saddle_converged"] == 1
    sites, kappa, d, M = 20.0, 0.05, 2, 30
    dV = L["V_barrier_meV"] - L["V_metastable_meV"]
    u_B = L["Q_metastable"] - L["Q_barrier"]
    first_order = sites * (dV + d * kappa * u_B**2)
    # The O(kappa^2) rest: kappa u_B / |V''| ~ 1e-4 of the bond term and below.
    assert abs(a["saddle_energy_meV"] / first_order - 1) < 1e-3, (a["saddle_energy_meV"], first_order)
    assert a["saddle_unstable_curvature_meV"] < 0 < a["saddle_second_curvature_meV"]
    assert a["saddle_energy_meV"] < a["uniform_barrier_meV"] / 10
    Q = g["saddle_Q"][:]
    assert Q.shape == (6, 5)
    over = np.abs(Q - L["Q_metastable"]) > 0.5 * u_B
    assert over.sum() == 1, over.sum()
    mode = g["saddle_unstable_mode"][:]
    assert abs(np.sum(mode**2) - 1) < 1e-12
    assert mode[over][0] < 0  # growth carries the cell towards the normal state, Q = 0
PY
echo "critical droplet bitwise on 1, 2, 3 ranks; weak coupling: one cell's barrier plus its bonds"
