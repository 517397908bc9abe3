# The fast path of the coupled kinetics (kinetics.solver = table) against the
# direct (Delta, lambda) solve on the same seeds, inputs/k3c60_coupled.ini:
# every trajectory's n(t) to 1e-4 relative on the output grid, tau_MS to 0.1%,
# the same trapped set and the same lifetimes' causes.
source "$(dirname "$0")/lib/common.bash"
options=(--output.progress=false --langevin.trajectories=24 --langevin.t_end_ps=400 --landscape.points=201
         --ensemble.samples=24 --ensemble.output_interval_ps=2)
for solver in table direct; do
  run_mpi 2 "$METASC_BIN/metasc-ensemble" "$METASC_SOURCE/inputs/k3c60_coupled.ini" --output.file=$solver.h5 \
    --kinetics.solver=$solver "${options[@]}" >/dev/null
done
/usr/bin/python3 - <<'PY' || fail "the table and direct solvers disagree"
import h5py, numpy as np
with h5py.File("table.h5") as fast, h5py.File("direct.h5") as direct:
    assert np.array_equal(fast["ensemble/trapped"][()], direct["ensemble/trapped"][()]), "trapped sets differ"
    assert fast["ensemble/trapped"][()].sum() > 0, "nothing trapped: the comparison would not test the trapped state"
    n_fast, n_direct = fast["ensemble/samples/n"][()], direct["ensemble/samples/n"][()]
    assert n_fast.shape == (1, 24, 201), n_fast.shape
    worst_n = np.max(np.abs(n_fast / n_direct - 1))
    tau_fast, tau_direct = fast["ensemble/tau_MS_ps"][()], direct["ensemble/tau_MS_ps"][()]
    assert np.array_equal(np.isfinite(tau_fast), np.isfinite(tau_direct)), "tau_MS censored differently"
    finite = np.isfinite(tau_fast) & (tau_direct > 0)
    worst_tau = np.max(np.abs(tau_fast[finite] / tau_direct[finite] - 1), initial=0.0)
    assert np.array_equal(tau_fast == 0, tau_direct == 0)
    assert np.array_equal(fast["ensemble/lifetime_cause"][()], direct["ensemble/lifetime_cause"][()])
    print(f"largest relative difference: n {worst_n:.3g}, tau_MS {worst_tau:.3g} ({finite.sum()} finite)")
    assert worst_n < 1e-4, worst_n
    assert worst_tau < 1e-3, worst_tau
PY
