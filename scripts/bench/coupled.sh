#!/usr/bin/env bash
# Benchmarks of the coupled kinetics in one run (inputs/k3c60_coupled.ini):
#   the shipped run, 1024 trajectories x 20 ns of one pulse on 2 ranks, with
#     kinetics on and off: whole processes (table build and output included),
#     three pairs taken in turns; the median of each and their ratio (target <= 2),
#     and the shipped run's wall time (target < 2 min);
#   the fast path (kinetics.solver = table) against the direct solver on the same
#     seeds: largest relative difference in every trajectory's n(t) and in tau_MS.
source "$(dirname "$0")/lib/bench_preamble.bash"
input=inputs/k3c60_coupled.ini

run_seconds() {
  local ranks=$1 output=$2
  shift 2
  local start end
  start=$(date +%s.%N)
  $mpi "$ranks" build/bin/metasc-ensemble "$input" --output.file="$tmp/$output.h5" --output.progress=false "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}

on=() off=()
for repeat in 1 2 3; do
  on+=("$(run_seconds 2 on)")
  off+=("$(run_seconds 2 off --kinetics.enabled=false)")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
awk -v a="$(median "${on[@]}")" -v b="$(median "${off[@]}")" 'BEGIN {
  printf "shipped run      1024 trajectories x 20 ns, one pulse, 2 ranks: %.1f s   (target < 120 s)\n", a
  printf "kinetics on/off  the shipped run, 2 ranks, medians of three in turns: %.1f s / %.1f s = %.2f   (target <= 2)\n", a, b, a / b}'

# The direct solver costs ~0.2 ms per trajectory and ps: 48 trajectories x 3 ns.
compare=(--langevin.trajectories=48 --langevin.t_end_ps=3000 --ensemble.samples=48 --ensemble.output_interval_ps=5)
run_seconds 2 table "${compare[@]}" --kinetics.solver=table >/dev/null
direct=$(run_seconds 2 direct "${compare[@]}" --kinetics.solver=direct)
/usr/bin/python3 - "$tmp" "$direct" <<'PY'
import sys, h5py, numpy as np
tmp, seconds = sys.argv[1], float(sys.argv[2])
with h5py.File(f"{tmp}/table.h5") as fast, h5py.File(f"{tmp}/direct.h5") as direct:
    n = np.abs(fast["ensemble/samples/n"][()] / direct["ensemble/samples/n"][()] - 1).max()
    a, b = fast["ensemble/tau_MS_ps"][()], direct["ensemble/tau_MS_ps"][()]
    same_censoring = np.array_equal(np.isfinite(a), np.isfinite(b))
    both = np.isfinite(a) & np.isfinite(b) & (b > 0)
    tau = np.abs(a[both] / b[both] - 1).max(initial=0.0)
    same_trapped = np.array_equal(fast["ensemble/trapped"][()], direct["ensemble/trapped"][()])
    print(f"table vs direct  48 trajectories x 3 ns: largest relative difference n(t) {n:.2g}, "
          f"tau_MS {tau:.2g} ({both.sum()} with 0 < tau_MS < t_end; censoring "
          f"{'same' if same_censoring else 'DIFFERS'}), trapped set {'same' if same_trapped else 'DIFFERS'}; "
          f"direct run {seconds:.1f} s")
PY

