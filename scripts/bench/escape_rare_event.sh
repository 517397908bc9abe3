#!/usr/bin/env bash
# Issue-5 benchmark: the escape rate at beta dE_b = 30 to 5% relative error by
# forward flux sampling, in under 10 core-minutes. Cubic test well (dV = 1 meV,
# N_s = 259 at 100 K: beta dE_b = 30.06), gamma = omega_b/2, BAOAB with
# omega_b dt = 0.03 (time-step bias below 1%: -5%, -2%, +0.4% at omega_b dt =
# 0.12, 0.06, 0.03), 64 replicas of 20000 trials per interface, on 2 ranks.
# "Relative error" is the 95% half-width over the replicas divided by the rate;
# the exact MFPT (converged to 1e-4) is printed beside it for the true error.
#   usage: scripts/bench/escape_rare_event.sh [BUILD_DIR]   (default: build)
source "$(dirname "$0")/lib/escape_bench.bash"
ranks=2
cat >"$out/rate30.ini" <<'INI'
[phonon]
frequency_THz  = 22
g_ratio        = 0.6
damping_per_ps = 118
domain_sites   = 259
[bath]
temperature_K  = 100
[escape]
landscape       = cubic
barrier_meV     = 1
Q_barrier       = 0.2
Q_metastable    = 0.35
methods         = theory, mfpt, ffs
mfpt_resolution = 16
ffs_replicas    = 64
ffs_trials      = 20000
[langevin]
dt_ps          = 0.000125
seed           = 5
INI
mpiexec --allow-run-as-root --oversubscribe -n $ranks "$build/bin/metasc-escape" "$out/rate30.ini" \
  --output.file="$out/rate30.h5" --output.progress=false >"$out/rate30.txt"
grep -E "metasc-escape|barrier|Kramers|MFPT|forward flux" "$out/rate30.txt" | grep -v "energy-diffusion MFPT"
/usr/bin/python3 - "$out/rate30.h5" $ranks <<'PY'
import sys, h5py
with h5py.File(sys.argv[1]) as f:
    a, wall = f["escape"].attrs, f["escape/wall_s"].attrs
    ranks = int(sys.argv[2])
    rate, low, high = a["rate_ffs_per_ps"], a["rate_ffs_ci_low_per_ps"], a["rate_ffs_ci_high_per_ps"]
    half = (high - low) / 2 / rate
    core_minutes = wall["ffs"] * ranks / 60
    print(f"beta dE_b = {a['barrier_over_kT']:.2f}: FFS {rate:.4g} /ps, 95% half-width {100 * half:.1f}%, "
          f"exact MFPT {a['rate_mfpt_per_ps']:.4g} /ps (FFS/MFPT - 1 = {100 * (rate / a['rate_mfpt_per_ps'] - 1):+.1f}%)")
    print(f"cost: {a['ffs_trajectory_steps']:.3g} trajectory-steps, {wall['ffs']:.1f} s on {ranks} ranks = "
          f"{core_minutes:.2f} core-minutes   (target: 5% in < 10 core-minutes: "
          f"{'met' if half <= 0.05 and core_minutes < 10 else 'NOT met'})")
PY
