#!/usr/bin/env bash
# The KJMA check of PHYSICS.md §8 on the shipped lattice (inputs/k3c60_nucleation.ini's
# material, kappa = 27 meV, N_s = 20, gamma = 2/ps), in three runs on 2 ranks, then
# scripts/plot/kjma.py:
#   v: inputs/k3c60_front.ini (8 seeded 256 x 256 lattices);
#   j: 64 lattices of 64 x 64 from rest in the metastable well (field.start = rest:
#      no burst of droplets from the start, so the rate is constant after ~1/gamma);
#   f_SC(t): 2 lattices of 512 x 512 from rest, ~5 KJMA lengths (v/j)^(1/3) across.
# Usage: scripts/bench/nucleation_kjma.sh [OUTPUT_DIR]   (default results/kjma; ~90 s)
source "$(dirname "$0")/lib/bench_preamble.bash"
out=${1:-results/kjma}
mkdir -p "$out"
lattice=(build/bin/metasc-nucleation inputs/k3c60_nucleation.ini --field.saddle=false --field.snapshots=0
  --field.start=rest --escape.transient_ps=1.5 --output.progress=false)
$mpi 2 build/bin/metasc-nucleation inputs/k3c60_front.ini --output.file="$out/front.h5" --output.progress=false
$mpi 2 "${lattice[@]}" --field.lattices=64 --langevin.t_end_ps=60 --output.file="$out/rate.h5"
$mpi 2 "${lattice[@]}" --field.cells=512,512 --field.lattices=2 --langevin.t_end_ps=30 \
  --ensemble.output_interval_ps=0.25 --output.file="$out/lattice.h5"
/usr/bin/python3 scripts/plot/kjma.py "$out/rate.h5" "$out/front.h5" "$out/lattice.h5" 1.5 "$out/kjma.png"
