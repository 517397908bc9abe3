#!/usr/bin/env bash
# Benchmark: the 200-point Fig. 4 sweep of tau_MS and 2 Delta(0) over n(0) at
# 100 K on one core (one rank), with the temperature sweep reduced to a single
# point. Prints the wall time; the target is under 5 s.
#   usage: scripts/bench/kinetics_sweep.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
[ -x "$build/bin/metasc-kinetics" ] || { echo "build $build/bin/metasc-kinetics first (scripts/build.sh)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s.%N)
"$build/bin/metasc-kinetics" inputs/k3c60_kinetics.ini --output.file="$out/bench.h5" --output.progress=false \
  --kinetics.sweep_n0=1e-4:0.2:200:log --kinetics.sweep_temperature_K=100:100:1 >/dev/null
end=$(date +%s.%N)
/usr/bin/python3 - "$out/bench.h5" "$start" "$end" <<'PY'
import sys, h5py, numpy as np
path, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
with h5py.File(path) as f:
    tau = f["kinetics/sweep_tau_MS_ps"][()]
    trapped = np.isfinite(tau) & (tau > 0)
print(f"Fig. 4 sweep: {tau.size} points of n(0) ({trapped.sum()} with 0 < tau_MS < inf) "
      f"in {end - start:.2f} s wall on one core (target < 5 s)")
PY
