#!/usr/bin/env bash
# Issue-16 benchmarks in one run, reported as ratios:
#   lattice cell-steps/s per core against the ensemble kernel's trajectory-steps/s;
#   weak scaling of metasc-nucleation from 1 to 2 ranks (one lattice per rank);
#   weak scaling of one lattice decomposed over the ranks (field.decompose), 1 to 2 ranks;
#   the largest lattice run here and its wall time.
# Rates come from two run lengths (5 and 15 ps), so start-up and output cancel.
source "$(dirname "$0")/lib/bench_preamble.bash"
{
  cat tests/integration/lib/k3c60_material.ini
  printf '[phonon]\ndamping_per_ps = 0.5\ndomain_sites = 80\n[field]\nstiffness_meV = 2\n'
  printf '[langevin]\ndt_ps = 0.005\n[landscape]\npoints = 201\n[ensemble]\noutput_interval_ps = 5\n'
} >"$tmp/bench.ini"

seconds() {  # seconds RANKS ARGS...
  local ranks=$1 start end
  shift
  start=$(date +%s.%N)
  $mpi "$ranks" build/bin/metasc-nucleation "$tmp/bench.ini" --output.file="$tmp/run.h5" --output.progress=false "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
best() {  # best of three of `seconds ARGS...`
  local t=1e30
  for repeat in 1 2 3; do t=$(awk -v a="$t" -v b="$(seconds "$@")" 'BEGIN {print (b < a ? b : a)}'); done
  echo "$t"
}

build/bin/metasc-bench-kernel >"$tmp/kernel.txt"
kernel=$(awk '/^kernel_baoab_table/ {print $2}' "$tmp/kernel.txt")
cells=$((512 * 512))
short=$(best 1 --field.cells=512,512 --langevin.t_end_ps=5)
long=$(best 1 --field.cells=512,512 --langevin.t_end_ps=15)
awk -v c="$cells" -v s="$short" -v l="$long" -v k="$kernel" 'BEGIN {
  rate = c * 2000 / (l - s)
  printf "lattice 512x512, 1 rank: %.3g cell-steps/s; ensemble kernel %.3g trajectory-steps/s; ratio %.2f   (target >= 0.7)\n", rate, k, rate / k }'

# Two working-set sizes: four 128x128 lattices per rank (each lattice's arrays
# fit a core's cache) and one 256x256 lattice per rank (2.6 MB per rank).
for size in "128 4" "256 1"; do
  set -- $size
  one=$(best 1 --field.cells=$1,$1 --field.lattices=$2 --langevin.t_end_ps=15)
  two=$(best 2 --field.cells=$1,$1 --field.lattices=$((2 * $2)) --langevin.t_end_ps=15)
  awk -v a="$one" -v b="$two" -v n="$1" -v l="$2" 'BEGIN {printf "weak scaling 1->2 ranks (%d lattice(s) of %dx%d per rank): %.2f s vs %.2f s, efficiency %.0f%%   (target >= 90%%)\n", l, n, n, a, b, 100 * a / b}'
done

# One lattice spread over the ranks, 256x256 cells per rank: the step rate of
# each from two run lengths, so start-up, the DMDA's set-up and output cancel.
rate() {  # rate RANKS ARGS...: steps per second of the difference of a 15 ps and a 5 ps run
  local ranks=$1 short long
  shift
  short=$(best "$ranks" --field.decompose=true --langevin.t_end_ps=5 "$@")
  long=$(best "$ranks" --field.decompose=true --langevin.t_end_ps=15 "$@")
  awk -v s="$short" -v l="$long" 'BEGIN {print 2000 / (l - s)}'
}
one=$(rate 1 --field.cells=256,256)
two=$(rate 2 --field.cells=512,256)
serial_256=$(awk -v s="$(best 1 --field.cells=256,256 --langevin.t_end_ps=5)" \
  -v l="$(best 1 --field.cells=256,256 --langevin.t_end_ps=15)" 'BEGIN {print 2000 / (l - s)}')
awk -v a="$one" -v b="$two" -v w="$serial_256" 'BEGIN {
  printf "one decomposed lattice, 256x256 cells per rank: %.4g steps/s on 1 rank (256x256), %.4g on 2 ranks (512x256): weak-scaling efficiency %.0f%%   (target >= 90%%)\n", a, b, 100 * b / a
  printf "  the decomposed kernel on 1 rank against the whole-lattice one (256x256): %.2f\n", a / w }'

large=$(seconds 2 --field.cells=1024,1024 --field.lattices=2 --langevin.t_end_ps=5)
awk -v t="$large" 'BEGIN {printf "largest run: 2 lattices of 1024x1024 cells (2.1e6 cells), 1000 steps, on 2 ranks: %.1f s wall\n", t}'
