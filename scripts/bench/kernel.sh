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
/usr/bin/python3 scripts/bench/numpy_baoab.py "$tmp/landscape.h5" 4096 1000 | tee "$tmp/numpy.txt"
kernel=$(awk '/^kernel_baoab_table/ {print $2}' "$tmp/kernel.txt")
numpy=$(awk '/^numpy_baoab_table/ {print $2}' "$tmp/numpy.txt")
awk -v k="$kernel" -v p="$numpy" 'BEGIN {printf "kernel/numpy        %.1f   (target >= 10)\n", k / p}'

run_seconds() {
  local ranks=$1 trajectories=$2
  local start end
  start=$(date +%s.%N)
  $mpi "$ranks" build/bin/metasc-ensemble inputs/k3c60.ini --output.file="$tmp/weak_$ranks.h5" --output.progress=false \
    --pulse.shape=flattop --pulse.amplitude=0.3 --langevin.trajectories="$trajectories" --langevin.t_end_ps=400 >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
one=$(run_seconds 1 2048)
two=$(run_seconds 2 4096)
awk -v a="$one" -v b="$two" 'BEGIN {printf "weak scaling 1->2 ranks: %.2f s vs %.2f s, efficiency %.0f%%   (target >= 95%%)\n", a, b, 100 * a / b}'
