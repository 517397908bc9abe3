#!/usr/bin/env bash
# README command 2: install, build and run the whole test suite (unit, MPI, integration).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd build
ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@"
