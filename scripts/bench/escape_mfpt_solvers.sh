#!/usr/bin/env bash
# The MFPT's two linear solvers at more than 10^6 unknowns, on 2 ranks: sparse LU
# on rank 0 (escape.mfpt_solver = lu) against distributed GMRES with ASM/ILU
# (gmres, rtol 1e-10), on the cubic test well at beta dE_b = 6 and gamma/omega =
# 0.001 (delta = 0.025), r = 24 (solves at r = 6, 12, 24). Prints each solver's
# wall time for the three solves, the unknowns of the finest mesh and the two
# rates' relative difference.
# Measured (2 ranks, machine shared with other jobs): TBD
#   usage: scripts/bench/escape_mfpt_solvers.sh [BUILD_DIR]   (default: build)
source "$(dirname "$0")/lib/escape_bench.bash"
cat >"$out/solvers.ini" <<'INI'
[phonon]
frequency_THz  = 22
g_ratio        = 0.6
damping_per_ps = 0.138230
domain_sites   = 52
[bath]
temperature_K  = 100
[escape]
landscape       = cubic
methods         = theory, mfpt
mfpt_resolution = 24
INI
for solver in lu gmres; do
  mpiexec --allow-run-as-root --oversubscribe -n 2 "$build/bin/metasc-escape" "$out/solvers.ini" \
    --escape.mfpt_solver=$solver --output.file="$out/$solver.h5" --output.progress=false >/dev/null
done
/usr/bin/python3 - "$out/lu.h5" "$out/gmres.h5" <<'PY'
import sys, h5py
rates, walls = {}, {}
for name, path in (("lu", sys.argv[1]), ("gmres", sys.argv[2])):
    with h5py.File(path) as f:
        a = f["escape"].attrs
        rates[name], walls[name] = a["rate_mfpt_fine_per_ps"], f["escape/wall_s"].attrs["mfpt"]
        print(f"{name:6s} {walls[name]:7.1f} s for {a['mfpt_unknowns']:.3g} unknowns in three solves; "
              f"finest-mesh rate {rates[name]:.6g} /ps")
print(f"gmres/lu wall time {walls['gmres'] / walls['lu']:.2f}; rates differ by {abs(rates['gmres'] / rates['lu'] - 1):.1e}")
PY
