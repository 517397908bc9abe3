# metasc-ensemble [scan]: a scan row is bitwise the run of that point on its
# own; a scan is bitwise the same on 1, 2 and 3 ranks; a scan split into parts
# (scan.part = i/N, a job array) and joined by merge.py --scan is bitwise the
# scan run at once; points without a metastable well are P_trap = 0 rows.
source "$(dirname "$0")/lib/common.bash"
input="$METASC_SOURCE/inputs/k3c60.ini"
quick=(--output.progress=false --langevin.trajectories=300 --langevin.t_end_ps=40 --landscape.points=101
       --pulse.amplitude=0.2,0.3 --pulse.shape=flattop)
# Two axes (3 x 2 points), T across T_B ~ 132 K.
axes=(--scan.bath.temperature_K=110:150:3 --scan.phonon.damping_per_ps=0.1:0.4:2:log)
for ranks in 1 2 3; do
  run_mpi $ranks "$METASC_BIN/metasc-ensemble" "$input" "${quick[@]}" "${axes[@]}" --output.file=scan_$ranks.h5 \
    >scan_$ranks.txt || fail "the scan on $ranks ranks failed: $(cat scan_$ranks.txt)"
done
for ranks in 2 3; do same_h5 scan_1.h5 scan_$ranks.h5 /scan || fail "the scan on $ranks ranks differs from 1 rank"; done

# Each point run on its own with the point's values on the command line (%.17g of the grid values).
points=$(/usr/bin/python3 - <<'PY'
import numpy as np
for T in np.linspace(110, 150, 3):
    for gamma in (0.1, 0.4):
        print(f"{T:.17g} {gamma:.17g}")
PY
)
index=0
while read -r T gamma; do
  run_mpi 2 "$METASC_BIN/metasc-ensemble" "$input" "${quick[@]}" --bath.temperature_K="$T" \
    --phonon.damping_per_ps="$gamma" --output.file=point_$index.h5 </dev/null >/dev/null || fail "point $index ($T K) failed"
  index=$((index + 1))
done <<<"$points"
/usr/bin/python3 - <<'PY' || fail "a scan row differs from the same point run on its own"
import h5py, numpy as np
with h5py.File("scan_1.h5") as scan:
    rows = scan["scan"]
    assert rows.attrs["axes"] == "bath.temperature_K\nphonon.damping_per_ps"
    assert rows["trapping_probability"].shape == (12,)
    for point in range(6):
        with h5py.File(f"point_{point}.h5") as single:
            stats = single["stats"].attrs
            pick = rows["point"][()] == point
            assert np.array_equal(rows["pulse_index"][pick], [0, 1])
            for name in ("trapping_probability", "trapping_ci_low", "trapping_ci_high", "escape_rate_per_ps",
                         "escape_rate_ci_low", "escape_rate_ci_high", "lifetime_median_ps"):
                assert rows[name][pick].tobytes() == np.asarray(stats[name], dtype=float).tobytes(), (point, name)
            assert rows["bath.temperature_K"][pick][0] == float(single["config"].attrs["bath.temperature_K"])
            assert (rows["metastable"][pick][0] == 1) == (stats["no_well_reason"] == "")
    # 150 K is above T_B: P_trap = 0 rows, not an error; 110 K traps some.
    hot = rows["bath.temperature_K"][()] == 150
    assert np.all(rows["trapping_probability"][hot] == 0) and np.all(rows["metastable"][hot] == 0)
    assert np.all(rows["trapping_probability"][rows["bath.temperature_K"][()] == 110] > 0)
    assert rows["trapping_probability"].attrs["units"] == "1" and rows["bath.temperature_K"].attrs["units"] == "K"
PY

# A job array of 4 parts (6 points: slices of 1 or 2), on different rank counts, joined.
for part in 1 2 3 4; do
  run_mpi $((part % 2 + 1)) "$METASC_BIN/metasc-ensemble" "$input" "${quick[@]}" "${axes[@]}" --scan.part=$part/4 \
    --output.file=part_$part.h5 >/dev/null || fail "part $part/4 failed"
done
/usr/bin/python3 "$METASC_SOURCE/scripts/slurm/merge.py" --scan merged.h5 part_3.h5 part_1.h5 part_4.h5 part_2.h5 \
  >/dev/null || fail "merge.py --scan failed"
same_h5 scan_1.h5 merged.h5 /scan /pulses || fail "the merged parts differ from the scan run at once"
! /usr/bin/python3 "$METASC_SOURCE/scripts/slurm/merge.py" --scan incomplete.h5 part_1.h5 part_2.h5 2>/dev/null ||
  fail "merge.py joined an incomplete set of parts"
echo "scan: rank invariance, point-by-point and parts + merge all bitwise"
