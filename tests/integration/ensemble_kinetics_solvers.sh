# The fast path of the coupled kinetics (kinetics.solver = table) against the
# direct (Delta, lambda) solve on the same seeds, inputs/k3c60_coupled.ini:
# every trajectory's n(t) to 1e-4 relative on the output grid where its
# channels are open, tau_MS to 0.1%, the same trapped set and the same
# lifetimes' causes.
# Where a lane sits still in both (2 Delta has crossed Omega_nu = 52 meV, the
# channels closed) the bound is 1e-3: the frozen n is n(t) at the end of the
# interval in which the lane ran into the edge, and near the edge
# n - n* ~ (t* - t)^(2/3), so the two solvers' difference on arrival (a few
# 1e-5 there, from their ~1e-6 rate difference steepened by the edge) is
# amplified by (1/3)((t* - t0)/(t* - t))^(1/3), without bound as the arrival
# t* nears the interval's end t. Measured (seed 4, trajectory 11, arrival
# 2-4 fs after the end): 1.5e-4, each solver within 2e-8 of the oracle
# t(n) = integral of dn/|dn/dt| from its own start; the lanes meet again to
# 2e-8 once the channel reopens. 1e-3 fails only for an arrival within
# ~1e-5 ps of an interval's end, about once in 1e5 arrivals.
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
    def sitting_still(n):
        still = np.zeros(n.shape, dtype=bool)
        same = n[..., 1:] == n[..., :-1]
        still[..., 1:] |= same
        still[..., :-1] |= same
        return still
    frozen = sitting_still(n_fast) & sitting_still(n_direct)
    difference = np.abs(n_fast / n_direct - 1)
    worst_n = np.max(difference[~frozen])
    worst_frozen = np.max(difference[frozen], initial=0.0)
    tau_fast, tau_direct = fast["ensemble/tau_MS_ps"][()], direct["ensemble/tau_MS_ps"][()]
    assert np.array_equal(np.isfinite(tau_fast), np.isfinite(tau_direct)), "tau_MS censored differently"
    finite = np.isfinite(tau_fast) & (tau_direct > 0)
    worst_tau = np.max(np.abs(tau_fast[finite] / tau_direct[finite] - 1), initial=0.0)
    assert np.array_equal(tau_fast == 0, tau_direct == 0)
    assert np.array_equal(fast["ensemble/lifetime_cause"][()], direct["ensemble/lifetime_cause"][()])
    print(f"largest relative difference: n {worst_n:.3g} open, {worst_frozen:.3g} frozen ({frozen.mean():.0%} of samples), "
          f"tau_MS {worst_tau:.3g} ({finite.sum()} finite)")
    assert worst_n < 1e-4, worst_n
    assert worst_frozen < 1e-3, worst_frozen
    assert worst_tau < 1e-3, worst_tau
PY
