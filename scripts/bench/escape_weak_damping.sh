#!/usr/bin/env bash
# Forward flux where K3C60 lives, too long for the test suite (~8 min on 2 ranks):
# the cubic test well (omega_a = omega_b = 237 rad/ps) at gamma/omega = 0.001
# (gamma = 0.138 /ps, omega = 2 pi 22 THz) and beta dE_b = 20 (N_s = 172,
# T = 99.8 K, delta = 0.084) and 30 (N_s = 259, T = 100.19 K, delta = 0.126),
# pruned forward flux (32 replicas x 6000 trials, escape.ffs_prune = 0.5, the
# sets tested every 16 steps) against the exact phase-space MFPT (r = 16, its
# grid study printed). BAOAB at omega_a dt = 0.059 (dt = 0.25 fs); the time-step
# check repeats beta dE_b = 20 at 2 dt and 4 dt, same check interval 4 fs.
# Prints FFS/MFPT with the replicas' 95% interval and the cost in core-minutes
# (wall x ranks). Target: within 5% in under 10 core-minutes each.
# Measured (2 ranks, machine shared with other jobs, load 3-5):
#   beta dE_b = 20: FFS/MFPT = 1.004 [0.969, 1.038], 1.90 core-minutes (2.8e10 steps;
#                   the MFPT's grid error 0.22%, its three solves 83 s)
#   beta dE_b = 30: FFS/MFPT = 0.995 [0.948, 1.042], 3.26 core-minutes (3.2e10 steps;
#                   grid error 0.15%, 159 s)
#   time step, beta dE_b = 20: 1.009 [0.978, 1.040] at 2 dt, 0.955 [0.922, 0.988] at
#                   4 dt (an earlier run at 4 dt, 32 x 8000 trials: 0.917 [0.891, 0.943]);
#                   BAOAB's bias is O(dt^2), so a 16th of that, ~0.3-0.5%, at dt.
#   usage: scripts/bench/escape_weak_damping.sh [BUILD_DIR]   (default: build)
source "$(dirname "$0")/lib/escape_bench.bash"
ranks=2
cat >"$out/weak.ini" <<'INI'
[phonon]
frequency_THz  = 22
g_ratio        = 0.6
damping_per_ps = 0.138230
[escape]
landscape        = cubic
methods          = theory, ffs, mfpt
mfpt_resolution  = 16
ffs_trials       = 6000
ffs_replicas     = 32
ffs_prune        = 0.5
ffs_check_steps  = 16
[langevin]
dt_ps          = 0.00025
seed           = 4
INI
report() {  # results.h5 label reference.h5 (holds the MFPT)
  /usr/bin/python3 - "$1" "$ranks" "$2" "$3" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1]) as f, h5py.File(sys.argv[4]) as r:
    a, wall = f["escape"].attrs, f["escape/wall_s"].attrs
    ranks, label = int(sys.argv[2]), sys.argv[3]
    ffs, low, high = a["rate_ffs_per_ps"], a["rate_ffs_ci_low_per_ps"], a["rate_ffs_ci_high_per_ps"]
    mfpt = r["escape"].attrs["rate_mfpt_per_ps"]
    minutes = wall["ffs"] * ranks / 60
    print(f"{label}: beta dE_b = {a['barrier_over_kT']:.2f}, gamma/omega = {a['damping_per_ps'] / (2 * 3.141592653589793 * 22):.4f}, "
          f"delta = {a['energy_loss']:.3f}, dt = {f['config'].attrs['langevin.dt_ps']} ps")
    if sys.argv[1] == sys.argv[4]:
        print(f"  MFPT {mfpt:.4g} /ps (grid error {100 * a['mfpt_grid_error']:.2f}%, {r['escape/wall_s'].attrs['mfpt']:.0f} s)")
    print(f"  FFS  {ffs:.4g} [{low:.4g}, {high:.4g}] /ps, {a['ffs_trajectory_steps']:.3g} trajectory-steps, "
          f"{wall['ffs']:.0f} s x {ranks} ranks = {minutes:.2f} core-minutes")
    print(f"  FFS/MFPT = {ffs / mfpt:.3f} [{low / mfpt:.3f}, {high / mfpt:.3f}]   (target: within 5% in < 10 core-minutes: "
          f"{'met' if abs(ffs / mfpt - 1) < 0.05 and minutes < 10 else 'NOT met'})")
PY
}
run() {  # label reference N_s T_K [extra options]
  local label=$1 reference=$2 sites=$3 kelvin=$4
  shift 4
  mpiexec --allow-run-as-root --oversubscribe -n $ranks "$build/bin/metasc-escape" "$out/weak.ini" \
    --phonon.domain_sites="$sites" --bath.temperature_K="$kelvin" --output.file="$out/$label.h5" \
    --output.progress=false "$@" >/dev/null
  report "$out/$label.h5" "$label" "$out/$reference.h5"
}
# k_BT = N_s (1 meV)/(beta dE_b).
run barrier_20 barrier_20 172 99.79886
run barrier_30 barrier_30 259 100.18567
# The time-step check against the same MFPT (BAOAB's bias grows as dt^2 or faster).
run barrier_20_2dt barrier_20 172 99.79886 --escape.methods=theory,ffs --langevin.dt_ps=0.0005 --escape.ffs_check_steps=8
run barrier_20_4dt barrier_20 172 99.79886 --escape.methods=theory,ffs --langevin.dt_ps=0.001 --escape.ffs_check_steps=4
