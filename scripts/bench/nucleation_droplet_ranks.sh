#!/usr/bin/env bash
# The critical-droplet search (field.saddle) of the shipped 64 x 64 lattice
# (inputs/k3c60_nucleation.ini) on 1 and 2 ranks: its wall time (best of two,
# a run without the search subtracted), the speed-up as their ratio, and the
# check that both rank counts give the same saddle bits. On shared cores the
# ranks wait on each other at every ghost exchange and gathering, so run it on
# idle ones.
# Usage: scripts/bench/nucleation_droplet_ranks.sh   (~1 min)
source "$(dirname "$0")/lib/bench_preamble.bash"
run=(build/bin/metasc-nucleation inputs/k3c60_nucleation.ini --langevin.t_end_ps=18 --field.lattices=1
  --field.snapshots=0 --output.progress=false)

seconds() {  # seconds RANKS ARGS...
  local ranks=$1 start end
  shift
  start=$(date +%s.%N)
  $mpi "$ranks" "${run[@]}" "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
best() {  # best of two of `seconds ARGS...`
  local t=1e30
  for repeat in 1 2; do t=$(awk -v a="$t" -v b="$(seconds "$@")" 'BEGIN {print (b < a ? b : a)}'); done
  echo "$t"
}

for ranks in 1 2; do
  without=$(best "$ranks" --field.saddle=false --output.file="$tmp/without.h5")
  with=$(best "$ranks" --output.file="$tmp/saddle_$ranks.h5")
  declare "search_$ranks=$(awk -v a="$with" -v b="$without" 'BEGIN {print a - b}')"
done
/usr/bin/python3 - "$tmp/saddle_1.h5" "$tmp/saddle_2.h5" <<'PY'
import sys, h5py, numpy as np
one, two = (h5py.File(name)["nucleation"] for name in sys.argv[1:])
assert one.attrs["saddle_energy_meV"] == two.attrs["saddle_energy_meV"]
assert np.array_equal(one["saddle_Q"][:], two["saddle_Q"][:])
assert np.array_equal(one["saddle_unstable_mode"][:], two["saddle_unstable_mode"][:])
print(f"saddle {one.attrs['saddle_energy_meV']:.4f} meV, the same bits on 1 and 2 ranks")
PY
awk -v a="$search_1" -v b="$search_2" \
  'BEGIN {printf "droplet search: %.2f s on 1 rank, %.2f s on 2 ranks, speed-up %.2f\n", a, b, a / b}'
