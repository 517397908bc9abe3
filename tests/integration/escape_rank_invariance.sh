# metasc-escape on 1, 2 and 3 ranks: every rate, interval and cost in /escape
# (the MFPT solve, the ensemble, forward flux, the damping scan) is bitwise the
# same; only the wall-clock seconds in /escape/wall_s may differ. Each method agrees with
# rate theory (bounds below). The turnover plot is drawn from the result.
# Ten flux walkers per replica: a walker stops counting when it reaches B, and
# at gamma = 30/ps it leaves A through lambda_0 ~180 times before that (flux
# 12.4/ps over the rate 0.068/ps), so a replica's crossings are Gamma(10)
# with mean ~1800 and miss the 200 asked for with probability ~2e-7 (with
# five walkers, Gamma(5) with mean ~900: 0.5 % a replica, 4 % a run).
source "$(dirname "$0")/lib/common.bash"
for ranks in 1 2 3; do
  run_mpi $ranks "$METASC_BIN/metasc-escape" "$METASC_SOURCE/inputs/escape_turnover.ini" --output.file=escape_$ranks.h5 \
    --output.progress=false --escape.damping_scan_per_ps=30:300:2:log --escape.mfpt_resolution=12 \
    --langevin.trajectories=300 --langevin.t_end_ps=5 --escape.ffs_trials=400 --escape.ffs_replicas=8 \
    --escape.ffs_walkers=10 --escape.ffs_flux_crossings=200 --escape.ffs_check_steps=2 >escape_$ranks.txt ||
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
/usr/bin/python3 - <<'PY' || fail "a method disagrees with rate theory"
# Each method against theory, at gamma/omega_b = 0.5 and at both scan points:
# - the grid MFPT (deterministic; its grid error, in the file, added to the bound) against Mel'nikov-Meshkov x KGH
#   within k_BT/(N_s dV), the order of the first correction to the asymptotic theory;
# - the ensemble's censored rate against the MFPT rate of the same model: exact Poisson
#   (chi-square) interval at 99.9% from its escape count and time at risk;
# - forward flux at gamma/omega_b = 0.5 against the MFPT rate: Student-t interval at 99.9%
#   over its 8 replicas;
# - KGH below transition-state theory (transmission < 1), and the rates positive.
import h5py, numpy as np
from scipy.stats import chi2, t as student
confidence = 0.999
with h5py.File("escape_1.h5") as f:
    e = f["escape"]
    a, scan = e.attrs, e["scan"]
    tolerance = 1.0 / a["barrier_over_kT"]
    points = [(a["damping_per_ps"], a["rate_turnover_per_ps"], a["rate_mfpt_per_ps"], a["mfpt_grid_error"],
               a["sampled_escapes"], a["rate_sampled_per_ps"])]
    points += [(scan["damping_per_ps"][i], scan["rate_turnover_per_ps"][i], scan["rate_mfpt_per_ps"][i],
                scan["mfpt_grid_error"][i], scan["sampled_escapes"][i], scan["rate_sampled_per_ps"][i]) for i in range(2)]
    for damping, theory, mfpt, grid_error, escapes, sampled in points:
        assert grid_error < 0.1 * tolerance, (damping, grid_error)
        assert abs(mfpt / theory - 1) < tolerance + grid_error, f"gamma = {damping}: MFPT {mfpt} vs theory {theory}"
        at_risk_ps = escapes / sampled
        low = chi2.ppf((1 - confidence) / 2, 2 * escapes) / (2 * at_risk_ps)
        high = chi2.ppf((1 + confidence) / 2, 2 * escapes + 2) / (2 * at_risk_ps)
        assert escapes >= 20 and low <= mfpt <= high, f"gamma = {damping}: ensemble [{low}, {high}] ({escapes} escapes) vs MFPT {mfpt}"
    replicas = e["ffs/replica_rates_per_ps"][()]
    spread = student.ppf((1 + confidence) / 2, len(replicas) - 1) * replicas.std(ddof=1) / np.sqrt(len(replicas))
    assert len(replicas) == 8 and abs(replicas.mean() - a["rate_mfpt_per_ps"]) <= spread, (replicas, a["rate_mfpt_per_ps"])
    assert spread < a["rate_mfpt_per_ps"], ("the forward-flux interval reaches 0", spread)
    assert 0 < a["rate_kramers_per_ps"] < a["rate_transition_state_per_ps"]
    assert a["rate_ffs_ci_low_per_ps"] <= a["rate_ffs_per_ps"] <= a["rate_ffs_ci_high_per_ps"]
    assert e["scan/rate_mfpt_per_ps"].shape == (2,) and e["scan/damping_per_ps"].attrs["units"] == "1/ps"
    assert np.all(np.isfinite(e["scan/rate_ffs_per_ps"][()]))
    assert e["ffs/interfaces_meV"][-1] == a["V_barrier_meV"]
    assert e["wall_s"].attrs["mfpt"] > 0
PY
/usr/bin/python3 "$METASC_SOURCE/scripts/plot/escape.py" escape_1.h5 turnover.png >/dev/null || fail "the turnover plot failed"
[ -s turnover.png ] || fail "no turnover plot"
echo "metasc-escape: rank-invariant results and the turnover plot"
