# The pulse scan on a real Slurm: a single-node cluster from Debian's packages
# runs scan_array.sbatch as a 3-task job array of 2-rank metasc-ensemble runs
# (srun --mpi=pmix), and merge.py gathers them into one HDF5 file and a CSV
# that hold, per pulse in task order, the label, amplitude and statistics of
# the table line and of the task's own file. merge.py then refuses, naming the
# file, a missing task, a file that is not a metasc-ensemble result and a file
# of another table line, and reads tau_MS statistics when a file has them.
source "$(dirname "$0")/lib/common.bash"
source "$METASC_SOURCE/tests/integration/lib/slurm_cluster.bash"
trap 'slurm_cluster_down; rm -rf "$work"' EXIT
slurm_cluster_up "$work/cluster"

{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini"
  cat <<'INI'
[phonon]
damping_per_ps = 0.2
domain_sites = 80
[pulse]
shape = flattop
rise_ps = 2
flat_ps = 5
center_ps = 6
carrier_THz = 0
amplitude = 0.3
[langevin]
trajectories = 256
dt_ps = 0.005
t_end_ps = 60
[ensemble]
settle_ps = 20
INI
} >tiny.ini
# Task 3 scans two amplitudes, so its /stats attributes are arrays, not scalars.
cat >scan.txt <<'TABLE'
# shape   amplitude   further overrides
flattop   0.3
gaussian  0.3         --pulse.fwhm_ps=1
flattop   0.2,0.4     --langevin.seed=7
TABLE
tasks=$(/usr/bin/python3 "$METASC_SOURCE/scripts/slurm/scan_table.py" count scan.txt)
[ "$tasks" = 3 ] || fail "scan_table.py counts $tasks tasks in a 3-line table"

# sbatch passes this environment (METASC_SOURCE, METASC_BIN) on to the jobs.
array=$(slurm sbatch --parsable --array=1-"$tasks" --ntasks=2 --time=5 \
  "$METASC_SOURCE/scripts/slurm/scan_array.sbatch" tiny.ini scan.txt --output.progress=false | cut -d';' -f1)
slurm_wait_job "$array" 240
logs=$(for log in metasc-scan-*.out; do echo "---- $log" && cat "$log"; done 2>/dev/null || true)
states=$(slurm scontrol --oneliner show job "$array")
[ "$(grep -c 'JobState=COMPLETED .*ExitCode=0:0' <<<"$states")" -eq "$tasks" ] ||
  fail "not every array task completed with exit 0: $states
$logs"
for task in 1 2 3; do
  [ -s "results/scan/task_000$task.h5" ] || fail "array task $task wrote no results/scan/task_000$task.h5; $logs"
done

/usr/bin/python3 "$METASC_SOURCE/scripts/slurm/merge.py" scan.txt results/scan || fail "merge.py failed"
/usr/bin/python3 - <<'PY' || fail "the merged scan does not hold what the tasks computed"
import csv
import h5py
import numpy as np

labels = ["flattop A=0.3", "gaussian A=0.3", "flattop A=0.2", "flattop A=0.4"]
with open("results/scan/scan.csv") as table:
    rows = list(csv.DictReader(table))
assert [row["label"] for row in rows] == labels, rows
assert [int(row["task"]) for row in rows] == [1, 2, 3, 3], rows
for row in rows:
    low, p, high = (float(row[k]) for k in ("trapping_ci_low", "trapping_probability", "trapping_ci_high"))
    assert 0 <= low <= p <= high <= 1, row
    low, rate, high = (float(row[k]) for k in ("escape_rate_ci_low", "escape_rate_per_ps", "escape_rate_ci_high"))
    assert 0 <= low <= rate <= high or np.isnan([low, rate, high]).all(), row

with h5py.File("results/scan/scan.h5") as merged:
    summary = merged["summary"]
    assert [s.decode() for s in summary["label"][()]] == labels
    assert summary["escape_rate_per_ps"].attrs["units"] == "1/ps"
    for name in ("trapping_probability", "escape_rate_ci_high", "time_at_risk_ps"):
        assert np.array_equal(summary[name][()], [float(row[name]) for row in rows]), name
    # Each task's values are its own file's, bitwise.
    for task, pulses in ((1, [0]), (2, [1]), (3, [2, 3])):
        with h5py.File(f"results/scan/task_{task:04d}.h5") as result:
            for name in ("trapping_probability", "trapping_ci_low", "escape_count"):
                assert np.array_equal(np.atleast_1d(result["stats"].attrs[name]), summary[name][pulses]), (task, name)
            assert np.array_equal(result["pulses/amplitude"][()], summary["amplitude"][pulses])
        group = merged[f"tasks/{task:04d}"]
        # 2 ranks in one MPI job: srun's pmix plugin wired the ranks together.
        assert group.attrs["ranks"] == 2, (task, group.attrs["ranks"])
    # Without kinetics there is no lifetime, whether the files omit it or hold NaN.
    assert np.isnan(summary["tau_MS_mean_ps"][()]).all() and np.isnan(summary["tau_MS_median_ps"][()]).all()
    assert "fwhm_ps = 1\n" in merged["tasks/0002"].attrs["config_text"]
    assert "seed = 7\n" in merged["tasks/0003"].attrs["config_text"]
    assert merged["tasks/0003/stats"].attrs["trapping_probability"].shape == (2,)
PY

# expect_refusal DIR MESSAGE: merge.py on DIR fails with MESSAGE and writes nothing.
expect_refusal() {
  local status=0
  /usr/bin/python3 "$METASC_SOURCE/scripts/slurm/merge.py" scan.txt "$1" 2>refusal.txt || status=$?
  [ "$status" -ne 0 ] || fail "merge.py accepted $1, expected: $2"
  grep -qF -- "$2" refusal.txt || fail "merge.py on $1 did not say '$2': $(cat refusal.txt)"
  [ ! -e "$1/scan.h5" ] && [ ! -e "$1/scan.csv" ] || fail "merge.py left output in $1 after refusing it"
}
mkdir missing foreign stale
cp results/scan/task_000[13].h5 missing/
expect_refusal missing "missing/task_0002.h5: missing"
cp results/scan/task_000[13].h5 foreign/
cp scan.txt foreign/task_0002.h5
expect_refusal foreign "foreign/task_0002.h5: not an HDF5 file"
/usr/bin/python3 -c 'import h5py; h5py.File("foreign/task_0002.h5", "w").create_group("config")'
expect_refusal foreign "foreign/task_0002.h5: not a metasc-ensemble result"
cp results/scan/task_000[13].h5 stale/
cp results/scan/task_0001.h5 stale/task_0002.h5
expect_refusal stale "stale/task_0002.h5: not the result of scan.txt:3"

# Lifetimes (the kinetics-coupled run's /ensemble/tau_MS_ps), per pulse:
# NaN entries are left out, an infinite one makes the mean infinite.
mkdir tau
grep -v '^#' scan.txt | sed -n 3p >tau.txt
cp results/scan/task_0003.h5 tau/task_0001.h5
/usr/bin/python3 - <<'PY'
import h5py, numpy as np
with h5py.File("tau/task_0001.h5", "a") as result:
    pulse = result["ensemble/pulse_index"][()]
    tau = np.where(pulse == 0, 10.0 + np.arange(pulse.size), np.inf)
    tau[0] = np.nan
    if "ensemble/tau_MS_ps" in result:  # written as NaN by runs without kinetics
        del result["ensemble/tau_MS_ps"]
    result["ensemble/tau_MS_ps"] = tau
PY
/usr/bin/python3 "$METASC_SOURCE/scripts/slurm/merge.py" tau.txt tau >/dev/null || fail "merge.py failed on lifetimes"
/usr/bin/python3 - <<'PY' || fail "merge.py did not reduce /ensemble/tau_MS_ps per pulse"
import csv
with open("tau/scan.csv") as table:
    rows = list(csv.DictReader(table))
first = [10.0 + i for i in range(1, 256)]  # pulse 0: trajectories 0..255, the first NaN
assert [float(rows[0]["tau_MS_mean_ps"]), float(rows[0]["tau_MS_median_ps"])] == [sum(first) / 255, 138.0], rows[0]
assert [rows[1]["tau_MS_mean_ps"], rows[1]["tau_MS_median_ps"]] == ["inf", "inf"], rows[1]
PY
echo "$tasks array tasks ran on Slurm and merged"
