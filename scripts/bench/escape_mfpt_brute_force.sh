#!/usr/bin/env bash
# The exact MFPT against brute force where K3C60 lives, too long for the test suite
# (~5 min on 2 ranks): the k3c60 landscape at 100 K, N_s = 74, gamma = 0.138 /ps
# (gamma/omega = 0.001, delta = 0.04), the MFPT on its orbit-aligned mesh (r = 16)
# and 2048 Langevin trajectories for 10 ns (the censored MLE, chi-square 95%
# interval). Prints the MFPT's grid study, both rates, their ratio and each one's cost.
#   usage: scripts/bench/escape_mfpt_brute_force.sh [BUILD_DIR]   (default: build)
source "$(dirname "$0")/lib/escape_bench.bash"
common=(inputs/escape_k3c60.ini --output.progress=false --phonon.domain_sites=74 --phonon.damping_per_ps=0.138)
mpiexec --allow-run-as-root --oversubscribe -n 2 "$build/bin/metasc-escape" "${common[@]}" --escape.methods=theory,mfpt \
  --escape.mfpt_resolution=16 --output.file="$out/mfpt.h5" | grep "grid study"
mpiexec --allow-run-as-root --oversubscribe -n 2 "$build/bin/metasc-escape" "${common[@]}" --escape.methods=theory,ensemble \
  --langevin.trajectories=2048 --langevin.t_end_ps=10000 --output.file="$out/ensemble.h5" >/dev/null
/usr/bin/python3 - "$out/mfpt.h5" "$out/ensemble.h5" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1]) as f:
    m = f["escape"].attrs
    mfpt_s = f["escape/wall_s"].attrs["mfpt"]
with h5py.File(sys.argv[2]) as f:
    e = f["escape"].attrs
    ensemble_s = f["escape/wall_s"].attrs["ensemble"]
k, low, high = e["rate_sampled_per_ps"], e["rate_sampled_ci_low_per_ps"], e["rate_sampled_ci_high_per_ps"]
print(f"delta = {m['energy_loss']:.3f}, beta dE_b = {m['barrier_over_kT']:.2f}")
print(f"  MFPT       {m['rate_mfpt_per_ps']:.4g} /ps (grid error {100 * m['mfpt_grid_error']:.2f}%, {mfpt_s:.1f} s)")
print(f"  ensemble   {k:.4g} [{low:.4g}, {high:.4g}] /ps ({e['sampled_escapes']:.0f} escapes, {ensemble_s:.1f} s)")
print(f"  MFPT/ensemble = {m['rate_mfpt_per_ps'] / k:.3f} [{m['rate_mfpt_per_ps'] / high:.3f}, {m['rate_mfpt_per_ps'] / low:.3f}]")
PY
