#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job — a
# small K3C60 ensemble under pump pulses on 2 ranks — then draw its plots.
# Extra arguments go to the program (e.g. --langevin.trajectories=4096).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
mpiexec --allow-run-as-root --oversubscribe -n 2 build/bin/metasc-ensemble inputs/k3c60.ini \
  --output.file=results/k3c60.h5 "$@"
/usr/bin/python3 scripts/plot/ensemble.py results/k3c60.h5
/usr/bin/python3 scripts/plot/landscape.py results/k3c60.h5
