#!/usr/bin/env bash
# The MFPT's two linear solvers at more than 10^6 unknowns, on 2 ranks: sparse LU
# on rank 0 (escape.mfpt_solver = lu) against distributed GMRES(200) with ASM/ILU(2)
# (gmres, escape.mfpt_rtol = 1e-10), on the cubic test well at beta dE_b = 6,
# r = 24 (solves at r = 6, 12, 24; 1.6-1.8e6 unknowns on the finest mesh), at
# gamma/omega = 0.001 (delta = 0.025) and at gamma = omega_b/2. GMRES gets at most
# 5 minutes per damping (~10 min in all). Prints each solver's wall time for the
# three solves and the rates, or how GMRES ended.
# Measured (2 ranks, machine shared with other jobs, so the seconds vary 3x between
# runs): LU 14-41 s (gamma/omega = 0.001, 2.36e6 unknowns in all) and 27-40 s
# (omega_b/2, 2.16e6) for all three solves. GMRES did not finish within 5 min at
# gamma/omega = 0.001 (nor in 15 min, nor in 5 min at r = 8 with 2e5 unknowns on
# the finest mesh), and at omega_b/2 it broke down (KSP reason -5) after 800
# iterations, 127-191 s. LU is the solver at these sizes; GMRES serves grids too
# large for rank 0's memory only once a better preconditioner makes it converge.
#   usage: scripts/bench/escape_mfpt_solvers.sh [BUILD_DIR]   (default: build)
source "$(dirname "$0")/lib/escape_bench.bash"
cat >"$out/solvers.ini" <<'INI'
[phonon]
frequency_THz  = 22
g_ratio        = 0.6
domain_sites   = 52
[bath]
temperature_K  = 100
[escape]
landscape       = cubic
methods         = theory, mfpt
mfpt_resolution = 24
INI
for damping in 0.138230 118; do
  for solver in lu gmres; do
    start=$(date +%s.%N)
    status=0
    timeout 300 mpiexec --allow-run-as-root --oversubscribe -n 2 "$build/bin/metasc-escape" "$out/solvers.ini" \
      --phonon.damping_per_ps=$damping --escape.mfpt_solver=$solver --output.file="$out/$solver.h5" \
      --output.progress=false >"$out/$solver.txt" 2>&1 || status=$?
    wall=$(printf '%.0f' "$(echo "$(date +%s.%N) - $start" | bc)")
    if [ $status -eq 0 ]; then
      /usr/bin/python3 - "$out/$solver.h5" "$solver" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1]) as f:
    a = f["escape"].attrs
    print(f"gamma = {a['damping_per_ps']:.4g} /ps, {sys.argv[2]:5s}: {f['escape/wall_s'].attrs['mfpt']:6.1f} s for "
          f"{a['mfpt_unknowns']:.3g} unknowns in three solves; rate {a['rate_mfpt_per_ps']:.6g} /ps, "
          f"finest mesh {a['rate_mfpt_fine_per_ps']:.6g} /ps")
PY
    elif [ $status -eq 124 ]; then
      echo "gamma = $damping /ps, $solver: not finished in 300 s"
    else
      echo "gamma = $damping /ps, $solver: failed after $wall s: $(grep -m1 -o 'MFPT: .*' "$out/$solver.txt")"
    fi
  done
done
