#!/usr/bin/env bash
# Kernel benchmarks in one run, reported as ratios (one core, CPU seconds so
# that waiting for a core on a shared machine counts for nobody):
#   the main job end to end (metasc-ensemble, inputs/k3c60.ini, one pulse,
#   300 ps, 20000 trajectories) vs Gaussian generation alone, vs the numba peer
#   and vs the NumPy peer; the bare kernel vs the Gaussians alone, with the
#   table force and with a harmonic one (the same step without the look-up);
#   weak scaling of metasc-ensemble from 1 to 2 ranks (same work per rank);
#   the normal stream and the main job against themselves as the issue that
#   asked for this speed measured them (lib/reference_build.bash).
source "$(dirname "$0")/lib/bench_preamble.bash"
source "$(dirname "$0")/lib/reference_build.bash"

# The numba peer needs Debian's python3-numba: installed here, not by scripts/setup.sh.
if ! /usr/bin/python3 -c 'import numba' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numba >/dev/null
fi

# The main job and the generator alone in turns, best of two each, this build
# and the reference alike.
main_trajectories=20000 main_steps=60000  # 300 ps at dt = 0.005 ps
main_rate() {
  local binaries=$1 seconds
  seconds=$( { TIMEFORMAT='%U %S'; time "$binaries/metasc-ensemble" inputs/k3c60.ini --output.file="$tmp/main.h5" \
    --output.progress=false --pulse.shape=flattop --pulse.amplitude=0.3 \
    --langevin.trajectories=$main_trajectories >/dev/null; } 2>&1 | awk '{print $1 + $2}')
  awk -v s="$seconds" -v w=$((main_trajectories * main_steps)) 'BEGIN {print w / s}'
}
best_of() { awk -v a="$1" -v b="$2" 'BEGIN {print (b > a ? b : a)}'; }
# The figure named $1 in a report of metasc-bench-kernel, file $2.
rate_of() { awk -v name="$1" '$1 == name {print $2}' "$2"; }
main=0 gaussians=0 kernel=0 no_look_up=0 reference_main=0 reference_gaussians=0
for repeat in 1 2; do
  build/bin/metasc-bench-kernel >"$tmp/kernel.txt"
  gaussians=$(best_of "$gaussians" "$(rate_of gaussians_alone "$tmp/kernel.txt")")
  kernel=$(best_of "$kernel" "$(rate_of kernel_baoab_table "$tmp/kernel.txt")")
  no_look_up=$(best_of "$no_look_up" "$(rate_of kernel_no_look_up "$tmp/kernel.txt")")
  main=$(best_of "$main" "$(main_rate build/bin)")
  if [[ -x $reference/bin/metasc-ensemble ]]; then
    "$reference/bin/metasc-bench-kernel" >"$tmp/reference.txt"
    reference_gaussians=$(best_of "$reference_gaussians" "$(rate_of gaussians_alone "$tmp/reference.txt")")
    reference_main=$(best_of "$reference_main" "$(main_rate "$reference/bin")")
  fi
done
# The bare kernel with the table force, and with a harmonic one (no look-up):
# the second is the ceiling of any table force's kernel against the Gaussians.
awk -v k="$kernel" -v h="$no_look_up" -v g="$gaussians" 'BEGIN {
  printf "kernel_baoab_table  %.4g trajectory-steps/s\nkernel_no_look_up   %.4g trajectory-steps/s\n", k, h
  printf "gaussians_alone     %.4g deviates/s\nkernel/gaussians    %.3f, without the look-up %.3f\n", g, k / g, h / g}'
awk -v m="$main" -v g="$gaussians" \
  'BEGIN {printf "main job end to end %.4g trajectory-steps/s, main/gaussians %.3f   (target >= 0.75)\n", m, m / g}'
if [[ $reference_main != 0 ]]; then
  awk -v g="$gaussians" -v r="$reference_gaussians" -v c="$reference_commit" \
    'BEGIN {printf "normals %.4g/s against %.4g/s from the stream at %s: new/old %.2f   (target >= 1e9/s)\n", g, r, c, g / r}'
  awk -v m="$main" -v r="$reference_main" -v g="$reference_gaussians" -v c="$reference_commit" \
    'BEGIN {printf "main job %.4g against %.4g trajectory-steps/s at %s: new/old %.2f; main/old gaussians %.3f\n", m, r, c, m / r, m / g}'
else
  echo "reference build at $reference_commit unavailable (no git history): new/old not measured"
fi

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
    --pulse.shape=flattop --pulse.amplitude=0.3 --langevin.trajectories="$trajectories" --langevin.t_end_ps=5000 >/dev/null
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
