#!/usr/bin/env bash
# Issue-3 benchmarks in one run, reported as ratios:
#   kernel vs Gaussian generation alone (same generator, one core),
#   kernel vs the NumPy peer (one core),
#   weak scaling of metasc-ensemble from 1 to 2 ranks (same work per rank).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/build.sh >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mpi="mpiexec --allow-run-as-root --oversubscribe -n"

build/bin/metasc-bench-kernel | tee "$tmp/kernel.txt"
build/bin/metasc-landscape inputs/k3c60.ini --output.file="$tmp/landscape.h5" --output.progress=false >/dev/null
kernel=$(awk '/^kernel_baoab_table/ {print $2}' "$tmp/kernel.txt")
# NumPy's speed per trajectory depends on the ensemble size (call overhead for
# small arrays, cache misses for large ones): the peer runs at several sizes,
# about 6e6 trajectory-steps each, and every ratio is reported.
for trajectories in 1024 4096 16384 65536; do
  numpy=$(/usr/bin/python3 scripts/bench/numpy_baoab.py "$tmp/landscape.h5" "$trajectories" $((6000000 / trajectories)) |
    awk '/^numpy_baoab_table/ {print $2}')
  awk -v n="$trajectories" -v k="$kernel" -v p="$numpy" \
    'BEGIN {printf "numpy_baoab_table   %6d trajectories: %.3g trajectory-steps/s, kernel/numpy %.1f   (target >= 10)\n", n, p, k / p}'
done

run_seconds() {
  local ranks=$1 trajectories=$2
  local start end
  start=$(date +%s.%N)
  $mpi "$ranks" build/bin/metasc-ensemble inputs/k3c60.ini --output.file="$tmp/weak_$ranks.h5" --output.progress=false \
    --pulse.shape=flattop --pulse.amplitude=0.3 --langevin.trajectories="$trajectories" --langevin.t_end_ps=2000 >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
# Whole runs (start-up and output included) of about 5 s, best of five
# taken in turns, so that a slow spell of a shared machine hits both sizes.
one=1e30 two=1e30
for repeat in 1 2 3 4 5; do
  one=$(awk -v a="$one" -v b="$(run_seconds 1 2048)" 'BEGIN {print (b < a ? b : a)}')
  two=$(awk -v a="$two" -v b="$(run_seconds 2 4096)" 'BEGIN {print (b < a ? b : a)}')
done
awk -v a="$one" -v b="$two" 'BEGIN {printf "weak scaling 1->2 ranks: %.2f s vs %.2f s, efficiency %.0f%%   (target >= 95%%)\n", a, b, 100 * a / b}'
