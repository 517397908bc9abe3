#!/usr/bin/env bash
# Issue-2 benchmark: the 64 x 64 metastability diagram (Fig. 2b) with T_B on
# 2 ranks. Target: under 60 s on a 2-core machine.
source "$(dirname "$0")/lib/bench_preamble.bash"
start=$(date +%s.%N)
mpiexec --allow-run-as-root --oversubscribe -n 2 build/bin/metasc-landscape inputs/diagram.ini \
  --scan.dos_per_meV=0.004:0.03:64 --scan.splitting_meV=5:200:64:log --output.file="$tmp/diagram.h5" \
  --output.progress=false | grep diagram
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN {printf "64 x 64 diagram with T_B on 2 ranks: %.1f s (target < 60 s)\n", b - a}'
