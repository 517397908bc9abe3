#!/usr/bin/env bash
# Issue-5 benchmark: the cost of each escape-rate method as the barrier grows,
# beta dE_b = 5, 10, ..., 30, on the cubic test well (dV = 1 meV, 100 K, the
# barrier set by N_s = 43 ... 259; gamma = omega_b/2; BAOAB, omega_b dt = 0.12;
# 2 ranks). For each barrier: the exact MFPT (r = 8, 16: wall seconds,
# unknowns), forward flux (16 replicas x 4000 trials: wall, trajectory-steps,
# 95% half-width, and the steps scaled to a 10% half-width as steps x (hw/10%)^2),
# and brute force, run where it is affordable (beta dE_b <= 10, ~3 lifetimes)
# and otherwise extrapolated from beta dE_b = 10 as steps_10% x k(10)/k.
#   usage: scripts/bench/escape_cost.sh [BUILD_DIR]   (default: build)
source "$(dirname "$0")/lib/escape_bench.bash"
cat >"$out/well.ini" <<'INI'
[phonon]
frequency_THz  = 22
g_ratio        = 0.6
damping_per_ps = 118
[bath]
temperature_K  = 100
[escape]
landscape       = cubic
barrier_meV     = 1
Q_barrier       = 0.2
Q_metastable    = 0.35
mfpt_resolution = 16
ffs_replicas    = 16
ffs_trials      = 4000
[langevin]
dt_ps          = 0.0005
seed           = 9
INI
run() {  # run NAME SITES ARGS...
  local name=$1 sites=$2
  shift 2
  mpiexec --allow-run-as-root --oversubscribe -n 2 "$build/bin/metasc-escape" "$out/well.ini" \
    --output.file="$out/$name.h5" --output.progress=false --phonon.domain_sites="$sites" "$@" >/dev/null
}
for sites in 43 86 129 172 215 259; do
  run "rare_$sites" "$sites" --escape.methods=theory,mfpt,ffs
done
for sites in 43 86; do
  # ~3 mean lifetimes, 256 trajectories: ~240 escapes.
  t_end=$(/usr/bin/python3 -c "import h5py; print(3 / h5py.File('$out/rare_$sites.h5')['escape'].attrs['rate_mfpt_per_ps'])")
  run "brute_$sites" "$sites" --escape.methods=theory,ensemble --langevin.trajectories=256 --langevin.t_end_ps="$t_end"
done
/usr/bin/python3 - "$out" <<'PY'
import os, sys, h5py
out = sys.argv[1]
def attrs(name):
    with h5py.File(os.path.join(out, name + ".h5")) as f:
        return dict(f["escape"].attrs), dict(f["escape/wall_s"].attrs)
print(f"{'bdE_b':>6} {'k_MFPT [1/ps]':>14} | {'MFPT s':>7} {'unknowns':>9} | {'FFS s':>6} {'steps':>9} {'hw':>6} "
      f"{'steps@10%':>10} | {'brute s':>8} {'steps':>9} {'hw':>6} {'steps@10%':>10}")
brute_ref = None
for sites in (43, 86, 129, 172, 215, 259):
    a, wall = attrs(f"rare_{sites}")
    k = a["rate_mfpt_per_ps"]
    hw = (a["rate_ffs_ci_high_per_ps"] - a["rate_ffs_ci_low_per_ps"]) / 2 / a["rate_ffs_per_ps"]
    ffs10 = a["ffs_trajectory_steps"] * (hw / 0.1) ** 2
    line = (f"{a['barrier_over_kT']:6.1f} {k:14.4g} | {wall['mfpt']:7.2f} {a['mfpt_unknowns']:9.3g} | "
            f"{wall['ffs']:6.2f} {a['ffs_trajectory_steps']:9.3g} {100 * hw:5.1f}% {ffs10:10.3g} | ")
    if os.path.exists(os.path.join(out, f"brute_{sites}.h5")):
        b, bwall = attrs(f"brute_{sites}")
        bhw = (b["rate_sampled_ci_high_per_ps"] - b["rate_sampled_ci_low_per_ps"]) / 2 / b["rate_sampled_per_ps"]
        brute10 = b["sampled_trajectory_steps"] * (bhw / 0.1) ** 2
        brute_ref = (brute10, k)
        throughput = b["sampled_trajectory_steps"] / (2 * bwall["ensemble"])
        line += f"{bwall['ensemble']:8.2f} {b['sampled_trajectory_steps']:9.3g} {100 * bhw:5.1f}% {brute10:10.3g}"
    else:
        line += f"{'-':>8} {'-':>9} {'-':>6} {brute_ref[0] * brute_ref[1] / k:10.3g} (extrapolated)"
    print(line)
print(f"steps@10%: trajectory-steps for a 95% half-width of 10%; brute force ran at {throughput:.2g} "
      f"trajectory-steps/s per core, so at beta dE_b = 30 it would need {brute_ref[0] * brute_ref[1] / k / throughput / 3.15e7:.2g} "
      f"core-years")
PY
