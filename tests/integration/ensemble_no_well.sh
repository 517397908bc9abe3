# metasc-ensemble on a landscape without a metastable well: every trajectory
# runs, none is trapped, exit 0, and the summary says why. In a harmonic
# landscape (tiny nu(0): no gap at any Q) the ensemble obeys equipartition
# (PHYSICS.md section 5) within its sampling error.
source "$(dirname "$0")/lib/common.bash"
input="$METASC_SOURCE/inputs/k3c60.ini"
quick=(--output.progress=false --langevin.trajectories=300 --langevin.t_end_ps=40 --landscape.points=101)

# Above T_B (~132 K): P_trap = 0 exactly, its Wilson interval [0, z^2/(N + z^2)], no escape statistics.
run_mpi 2 "$METASC_BIN/metasc-ensemble" "$input" "${quick[@]}" --bath.temperature_K=150 --output.file=hot.h5 \
  >hot.txt || fail "metasc-ensemble above T_B did not exit 0: $(cat hot.txt)"
grep -q "150 K is at or above T_B = 132" hot.txt || fail "the summary does not name T >= T_B: $(cat hot.txt)"
# No superconductivity at all at this nu(0): named as such, never 'nan K'.
run_mpi 1 "$METASC_BIN/metasc-ensemble" "$input" "${quick[@]}" --electrons.dos_per_meV=0.001 --output.file=bare.h5 \
  >bare.txt || fail "metasc-ensemble without superconductivity did not exit 0: $(cat bare.txt)"
grep -q "no superconducting solution" bare.txt || fail "the summary does not say why: $(cat bare.txt)"
! grep -qi "nan K" hot.txt bare.txt || fail "a summary prints 'nan K'"
/usr/bin/python3 - <<'PY' || fail "P_trap above T_B is not exactly 0 with its Wilson interval"
import h5py, numpy as np
z = 1.959963984540054
for name in ("hot.h5", "bare.h5"):
    with h5py.File(name) as f:
        stats = f["stats"].attrs
        assert f["ensemble/trapped"][()].sum() == 0 and f["ensemble/trapped"].shape == (1800,)
        assert np.all(np.isnan(f["ensemble/escape_time_ps"][()]))
        assert np.all(stats["trapping_probability"] == 0.0) and np.all(stats["trapping_ci_low"] == 0.0)
        assert np.allclose(stats["trapping_ci_high"], z * z / (300 + z * z), rtol=1e-12)
        assert np.all(stats["escape_count"] == 0) and np.all(np.isnan(stats["escape_rate_per_ps"]))
        assert "no metastable well" in stats["no_well_reason"]
PY

# Equipartition: harmonic V = hw Q^2/2 (nu(0) = 1e-4 /meV leaves no gap at 100 K), no pulse.
# The sample variance of N Gaussian values has relative standard error sqrt(2/(N-1)) = 2.2% at
# N = 4096: the bound is 4 of those (false alarm < 1e-4 per check); dt = 0.001 ps keeps
# BAOAB's momentum bias (w dt/2)^2 ~ 0.5% well inside it.
run_mpi 2 "$METASC_BIN/metasc-ensemble" "$input" --output.progress=false --langevin.trajectories=4096 \
  --langevin.dt_ps=0.001 --langevin.t_end_ps=30 --ensemble.settle_ps=1 --landscape.points=101 \
  --electrons.dos_per_meV=1e-4 --pulse.amplitude=0 --pulse.shape=gaussian --output.file=harmonic.h5 \
  >harmonic.txt || fail "the harmonic ensemble failed: $(cat harmonic.txt)"
/usr/bin/python3 - <<'PY' || fail "equipartition does not hold in the harmonic landscape"
import h5py, numpy as np
k_B, h_THz, hbar = 0.08617333262, 4.135667696, 0.6582119569
with h5py.File("harmonic.h5") as f:
    hw = h_THz * 22.0
    omega = 2 * np.pi * 22.0
    kT, sites, n = k_B * 100.0, 80, 4096
    assert np.max(np.abs(f["landscape/V_meV"][()] - 0.5 * hw * f["landscape/Q"][()] ** 2)) < 1e-9 * hw
    bound = 4 * np.sqrt(2 / (n - 1))
    for name, expected in (("Q_variance", kT / (sites * hw)), ("P_variance_per_ps2", omega * kT / (sites * hbar))):
        measured = f["ensemble/" + name][0, -1]
        assert abs(measured / expected - 1) < bound, (name, measured, expected)
    # The mean is zero within 4 standard errors.
    assert abs(f["ensemble/Q_mean"][0, -1]) < 4 * np.sqrt(kT / (sites * hw) / n)
    print("equipartition: Q", f["ensemble/Q_variance"][0, -1] * sites * hw / kT,
          "P", f["ensemble/P_variance_per_ps2"][0, -1] * sites * hbar / (omega * kT))
PY
