# metasc-kinetics on inputs/k3c60_kinetics.ini: the same numbers on 1 and 2
# ranks, the scenario and both sweeps physically consistent, the plots drawn,
# and bad input refused with exit 2, one line naming the key and no output.
source "$(dirname "$0")/lib/common.bash"
input="$METASC_SOURCE/inputs/k3c60_kinetics.ini"
small="--output.progress=false --kinetics.sweep_n0=1e-4:0.2:12:log --kinetics.sweep_temperature_K=80:320:5"
for ranks in 1 2; do
  # shellcheck disable=SC2086
  run_mpi $ranks "$METASC_BIN/metasc-kinetics" "$input" --output.file=kinetics_$ranks.h5 $small \
    >summary_$ranks.txt || fail "metasc-kinetics on $ranks ranks failed: $(cat summary_$ranks.txt)"
done
same_h5 kinetics_1.h5 kinetics_2.h5 /kinetics || fail "results on 2 ranks differ from 1 rank"
grep -q "tau_MS" summary_1.txt || fail "no summary: $(cat summary_1.txt)"

/usr/bin/python3 - <<'PY' || fail "the kinetics results are inconsistent"
import h5py, numpy as np
with h5py.File("kinetics_2.h5") as f:
    k = f["kinetics"]
    a = k.attrs
    assert f["config"].attrs["ranks"] == 2
    for name in ("time_ps", "n", "Delta_meV", "sweep_n0", "sweep_two_Delta0_meV", "sweep_tau_MS_ps",
                 "sweep_temperature_K", "sweep_tau_MS_vs_T_ps"):
        assert "units" in k[name].attrs, name
    # the scenario: a trapped state above the continuum that lives 10-20 ns at 100 K
    assert a["temperature_K"] == 100.0
    assert a["two_Delta0_meV"] > a["Omega_max_meV"], a["two_Delta0_meV"]
    assert 0 < a["n_star"] < a["n_av"], (a["n_star"], a["n_av"])
    assert a["tau_MS_ps"] < a["t_collapse_ps"]
    # tau_MS = integral of dn / (dn/dt) from n(0) to n_av, by a quadrature independent of the
    # TS: Simpson's rule in n over the recorded (n, dn/dt) samples before the avalanche, plus
    # the last step to n_av at the last rate. Bound: Simpson's distance from the trapezoid rule
    # (a rule an order lower), plus the last step's rate change extrapolated from the one before.
    n, gap, t, rate = k["n"][()], k["Delta_meV"][()], k["time_ps"][()], k["dndt_per_ps"][()]
    before = np.searchsorted(n, a["n_av"])  # samples with n < n_av
    assert before >= 5 and abs(n[before] / a["n_av"] - 1) < 1e-8 and abs(t[before] / a["tau_MS_ps"] - 1) < 1e-12, before
    x, f = n[:before], 1.0 / rate[:before]
    pairs = (len(x) - 1) // 2
    simpson = 0.0
    for i in range(0, 2 * pairs, 2):
        h0, h1 = x[i + 1] - x[i], x[i + 2] - x[i + 1]
        simpson += (h0 + h1) / 6 * ((2 - h1 / h0) * f[i] + (h0 + h1) ** 2 / (h0 * h1) * f[i + 1] + (2 - h0 / h1) * f[i + 2])
    simpson += np.trapz(f[2 * pairs:], x[2 * pairs:])
    last_step = a["n_av"] - x[-1]
    quadrature = simpson + last_step * f[-1]
    bound = abs(simpson - np.trapz(f, x)) + last_step ** 2 * abs(f[-1] - f[-2]) / (x[-1] - x[-2])
    assert abs(quadrature - a["tau_MS_ps"]) <= bound, (quadrature, a["tau_MS_ps"], bound)
    assert bound < 0.01 * a["tau_MS_ps"], bound
    # dn/dt falls as n grows towards n_av, so the (n_av - n0) tau_g estimate, with the rate at
    # n(0), bounds tau_MS from below, and the rate at n_av bounds it from above.
    assert np.all(np.diff(rate[:before]) < 0), rate[:before]
    assert a["tau_MS_estimate_ps"] <= a["tau_MS_ps"] <= (a["n_av"] - n[0]) * f[-1], (a["tau_MS_estimate_ps"], a["tau_MS_ps"])
    # the trajectory: n grows, the gap falls, the last point is the full collapse
    assert np.all(np.diff(n) >= 0) and np.all(np.diff(t) > 0)
    assert abs(gap[-1] / (0.01 * gap[0]) - 1) < 1e-3, (gap[0], gap[-1])
    assert abs(t[-1] / a["t_collapse_ps"] - 1) < 1e-12
    # Fig. 4: 2 Delta(0) falls with n(0); tau_MS falls and is 0 exactly where 2 Delta(0) <= Omega_max
    n0, two_gap0, tau = k["sweep_n0"][()], k["sweep_two_Delta0_meV"][()], k["sweep_tau_MS_ps"][()]
    assert np.all(np.diff(two_gap0) < 0), two_gap0
    assert np.array_equal(tau == 0, two_gap0 <= a["Omega_max_meV"]), (tau, two_gap0)
    trapped = tau > 0
    assert trapped.sum() >= 3 and (~trapped).sum() >= 1
    assert np.all(np.diff(tau[trapped]) < 0), tau
    # tau_MS vs T: shorter when hotter, roughly Arrhenius in the Hg(2) energy
    T, tau_T = k["sweep_temperature_K"][()], k["sweep_tau_MS_vs_T_ps"][()]
    assert np.all(np.diff(tau_T) < 0), tau_T
PY

# the plotting script draws all three figures
/usr/bin/python3 "$METASC_SOURCE/scripts/plot/kinetics.py" kinetics_1.h5 plots >/dev/null || fail "plotting failed"
for figure in trajectory fig4 tau_vs_T; do [ -s plots_$figure.png ] || fail "no plots_$figure.png"; done

# bad input: exit 2, one line naming the key, nothing written
printf '0 0\n2 0.01\n4 x\n' > bad_table.dat
expect_bad() {
  local key=$1
  shift
  rm -f bad.h5 bad.h5.partial
  local status=0
  run_mpi 2 "$METASC_BIN/metasc-kinetics" "$input" --output.file=bad.h5 --output.progress=false "$@" \
    >stdout.txt 2>stderr.txt || status=$?
  [ "$status" -eq 2 ] || fail "[$*]: exit $status, expected 2: $(cat stderr.txt)"
  local message
  message=$(grep -F "metasc-kinetics: error" stderr.txt || true)
  [ "$(echo "$message" | grep -c .)" -eq 1 ] || fail "[$*]: expected one error line, got: $(cat stderr.txt)"
  echo "$message" | grep -qF -- "$key" || fail "[$*]: message does not name '$key': $message"
  [ ! -e bad.h5 ] && [ ! -e bad.h5.partial ] || fail "[$*]: an output file was left behind"
}
expect_bad kinetics.mode_couplings_meV --kinetics.mode_couplings_meV=0.3,0.2
expect_bad bath.temperature_K --bath.temperature_K=0
# A command-line member replaces the file's initial_U_meV; two on the command line stay an error.
expect_bad kinetics.initial_n --kinetics.initial_n=0.01 --kinetics.initial_Q=1
expect_bad "kinetics.continuum_coupling cannot be combined" --kinetics.spectrum_file=bad_table.dat
grep -v '^continuum_coupling\|^continuum_power' "$input" > table_input.ini
input=table_input.ini
expect_bad "kinetics.spectrum_file: bad_table.dat line 3" --kinetics.spectrum_file=bad_table.dat
expect_bad "kinetics.spectrum_file: cannot read" --kinetics.spectrum_file=missing.dat
echo "metasc-kinetics: rank invariance, physics checks, plots and bad input passed"
