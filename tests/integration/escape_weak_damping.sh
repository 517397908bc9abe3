# Pruned forward flux where K3C60 lives, in a suite-sized run: the cubic test
# well at beta dE_b = 6, gamma/omega = 0.001 (delta = gamma I_b/k_BT = 0.025),
# 16 replicas x 1000 trials with the sets tested every 8 steps (4 fs), against
# the exact phase-space MFPT converged on the orbit-aligned mesh (r = 12). The
# MFPT must lie in forward flux's 95% replica interval (a 5% chance of a false
# alarm for a correct sampler; the seed is fixed, so the verdict is too), and
# the interval must be narrower than +-10%, so that the check can fail. The
# benchmark scripts/bench/escape_weak_damping.sh runs beta dE_b = 20 and 30 to 5%.
source "$(dirname "$0")/lib/common.bash"
cat >weak.ini <<'INI'
[phonon]
frequency_THz   = 22
g_ratio         = 0.6
damping_per_ps  = 0.138
domain_sites    = 52
[bath]
temperature_K   = 100
[escape]
landscape       = cubic
methods         = theory, ffs, mfpt
ffs_trials      = 1000
ffs_replicas    = 16
ffs_check_steps = 8
mfpt_resolution = 12
[langevin]
dt_ps           = 0.0005
seed            = 4
[output]
progress        = false
INI
run_mpi 2 "$METASC_BIN/metasc-escape" weak.ini --output.file=weak.h5 >weak.txt || fail "metasc-escape: $(cat weak.txt)"
/usr/bin/python3 - <<'PY' || fail "pruned forward flux at weak damping misses the exact MFPT"
import h5py
with h5py.File("weak.h5") as f:
    a = f["escape"].attrs
    assert a["mfpt_converged"] == 1 and a["ffs_converged"] == 1, (a["mfpt_converged"], a["ffs_converged"])
    exact, ffs = a["rate_mfpt_per_ps"], a["rate_ffs_per_ps"]
    low, high = a["rate_ffs_ci_low_per_ps"], a["rate_ffs_ci_high_per_ps"]
    delta = a["energy_loss"]
    print(f"delta = {delta:.3f}: forward flux {ffs:.4g} [{low:.4g}, {high:.4g}] /ps, MFPT {exact:.4g} /ps "
          f"(FFS/MFPT {ffs / exact:.3f})")
    assert 0.02 < delta < 0.03, delta
    assert low < exact < high
    assert high - low < 0.2 * exact, (low, high)
PY
