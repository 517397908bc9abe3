#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job on the
# default input on 2 ranks, then draw its plots.  Extra arguments are passed to
# the program (e.g. --bath.temperature_K=120).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
input=inputs/k3c60.ini
mpiexec --allow-run-as-root --oversubscribe -n 2 build/bin/metasc-landscape "$input" --output.file=results/k3c60.h5 "$@"
/usr/bin/python3 scripts/plot/landscape.py results/k3c60.h5
