#!/usr/bin/env bash
# Kernel benchmarks in one run, reported as ratios (one core, CPU seconds so
# that waiting for a core on a shared machine counts for nobody):
#   the main job end to end (metasc-ensemble, inputs/k3c60.ini, one pulse,
#   300 ps, 20000 trajectories) vs Gaussian generation alone, vs the numba peer
#   and vs the NumPy peer; the bare kernel vs the Gaussians alone;
#   weak scaling of metasc-ensemble from 1 to 2 ranks (same work per rank).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/build.sh >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mpi="mpiexec --allow-run-as-root --oversubscribe -n"

# The numba peer needs Debian's python3-numba: installed here, not by scripts/setup.sh.
if ! /usr/bin/python3 -c 'import numba' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numba >/dev/null
fi

# The main job and the generator alone in turns, best of two each.
main_trajectories=20000 main_steps=60000  # 300 ps at dt = 0.005 ps
main_rate() {
  local seconds
  seconds=$( { TIMEFORMAT='%U %S'; time build/bin/metasc-ensemble inputs/k3c60.ini --output.file="$tmp/main.h5" \
    --output.progress=false --pulse.shape=flattop --pulse.amplitude=0.3 \
    --langevin.trajectories=$main_trajectories >/dev/null; } 2>&1 | awk '{print $1 + $2}')
  awk -v s="$seconds" -v w=$((main_trajectories * main_steps)) 'BEGIN {print w / s}'
}
main=0 gaussians=0
for repeat in 1 2; do
  build/bin/metasc-bench-kernel >"$tmp/kernel.txt"
  gaussians=$(awk -v best="$gaussians" '/^gaussians_alone/ {print ($2 > best ? $2 : best)}' "$tmp/kernel.txt")
  main=$(awk -v a="$main" -v b="$(main_rate)" 'BEGIN {print (b > a ? b : a)}')
done
cat "$tmp/kernel.txt"
awk -v m="$main" -v g="$gaussians" \
  'BEGIN {printf "main job end to end %.4g trajectory-steps/s, main/gaussians %.3f   (target >= 0.75)\n", m, m / g}'

build/bin/metasc-landscape inputs/k3c60.ini --output.file="$tmp/landscape.h5" --output.progress=false >/dev/null
numba=$(/usr/bin/python3 scripts/bench/numba_baoab.py "$tmp/landscape.h5" $main_trajectories 300 |
  awk '/^numba_baoab_table/ {print $2}')
awk -v m="$main" -v p="$numba" \
  'BEGIN {printf "numba_baoab_table   %6d trajectories: %.3g trajectory-steps/s, main/numba %.1f   (target >= 10)\n", 20000, p, m / p}'
# NumPy's speed per trajectory depends on the ensemble size (call overhead for
# small arrays, cache misses for large ones): the peer runs at several sizes,
# about 6e6 trajectory-steps each, and every ratio is reported.
for trajectories in 1024 4096 16384 65536; do
  numpy=$(/usr/bin/python3 scripts/bench/numpy_baoab.py "$tmp/landscape.h5" "$trajectories" $((6000000 / trajectories)) |
    awk '/^numpy_baoab_table/ {print $2}')
  awk -v n="$trajectories" -v k="$main" -v p="$numpy" \
    'BEGIN {printf "numpy_baoab_table   %6d trajectories: %.3g trajectory-steps/s, main/numpy %.1f\n", n, p, k / p}'
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
