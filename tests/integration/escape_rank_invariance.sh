# metasc-escape on 1, 2 and 3 ranks: every rate, interval and cost in /escape
# (the MFPT solve, the ensemble, forward flux, the damping scan) is bitwise the
# same; only the wall-clock seconds in /escape/wall_s may differ. The turnover
# plot is drawn from the result.
source "$(dirname "$0")/lib/common.bash"
for ranks in 1 2 3; do
  run_mpi $ranks "$METASC_BIN/metasc-escape" "$METASC_SOURCE/inputs/escape_turnover.ini" --output.file=escape_$ranks.h5 \
    --output.progress=false --escape.damping_scan_per_ps=30:300:2:log --escape.mfpt_resolution=8 \
    --langevin.trajectories=300 --langevin.t_end_ps=5 --escape.ffs_trials=100 --escape.ffs_replicas=3 \
    --escape.ffs_walkers=5 --escape.ffs_flux_crossings=200 >escape_$ranks.txt ||
    fail "metasc-escape on $ranks ranks: $(cat escape_$ranks.txt)"
done
/usr/bin/python3 - <<'PY' || fail "results differ between rank counts"
import h5py, numpy as np

def members(f):
    found = {}
    def visit(name, obj):
        if "wall_s" in name:
            return
        if isinstance(obj, h5py.Dataset):
            found[name] = obj[()]
        for key, value in obj.attrs.items():
            found[f"{name}@{key}"] = value
    for key, value in f["escape"].attrs.items():
        found[f"@{key}"] = value
    f["escape"].visititems(visit)
    return found

with h5py.File("escape_1.h5") as one:
    reference = members(one)
    assert one["config"].attrs["ranks"] == 1
for ranks in (2, 3):
    with h5py.File(f"escape_{ranks}.h5") as other:
        found = members(other)
    assert found.keys() == reference.keys(), sorted(found.keys() ^ reference.keys())
    for name, value in reference.items():
        a, b = np.asarray(value), np.asarray(found[name])
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), f"{name}: {a} on 1 rank, {b} on {ranks}"
print(f"{len(reference)} members of /escape bitwise identical on 1, 2, 3 ranks")
PY
/usr/bin/python3 - <<'PY' || fail "the results are not what every method should give"
import h5py, numpy as np
with h5py.File("escape_1.h5") as f:
    e = f["escape"]
    a = e.attrs
    for name in ("rate_kramers_per_ps", "rate_turnover_per_ps", "rate_mfpt_per_ps", "rate_sampled_per_ps", "rate_ffs_per_ps"):
        assert a[name] > 0, name
    # Every sampled interval brackets its estimate; KGH is below transition-state theory.
    for prefix in ("rate_sampled", "rate_ffs"):
        assert a[f"{prefix}_ci_low_per_ps"] <= a[f"{prefix}_per_ps"] <= a[f"{prefix}_ci_high_per_ps"], prefix
    assert a["rate_kramers_per_ps"] < a["rate_transition_state_per_ps"]
    assert e["scan/rate_mfpt_per_ps"].shape == (2,) and e["scan/damping_per_ps"].attrs["units"] == "1/ps"
    assert np.all(np.isfinite(e["scan/rate_ffs_per_ps"][()]))
    assert e["ffs/interfaces_meV"][-1] == a["V_barrier_meV"]
    assert e["wall_s"].attrs["mfpt"] > 0
PY
/usr/bin/python3 "$METASC_SOURCE/scripts/plot/escape.py" escape_1.h5 turnover.png >/dev/null || fail "the turnover plot failed"
[ -s turnover.png ] || fail "no turnover plot"
echo "metasc-escape: rank-invariant results and the turnover plot"
