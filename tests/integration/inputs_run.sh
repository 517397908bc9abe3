# Every file in inputs/ runs with each program its header names (# programs:),
# on the ranks it names (# ranks:), with its test overrides (# test-overrides:),
# and each result holds one physical number that theory fixes (checked at the end).
source "$(dirname "$0")/lib/common.bash"
count=0
for input in "$METASC_SOURCE"/inputs/*.ini; do
  name=$(basename "$input" .ini)
  programs=$(sed -n 's/^# programs: *//p' "$input")
  ranks=$(sed -n 's/^# ranks: *//p' "$input")
  overrides=$(sed -n 's/^# test-overrides: *//p' "$input")
  [ -n "$programs" ] || fail "$input has no '# programs:' header"
  for program in $programs; do
    output="$work/${name}_${program}.h5"
    # shellcheck disable=SC2086
    run_mpi "${ranks:-1}" "$METASC_BIN/$program" "$input" --output.file="$output" --output.progress=false \
      $overrides >"$work/${name}_${program}.txt" || fail "$program $input failed: $(cat "$work/${name}_${program}.txt")"
    [ -s "$output" ] || fail "$program $input wrote no results"
    /usr/bin/python3 -c "import h5py,sys; f=h5py.File(sys.argv[1]); assert 'text' in f['config'].attrs" "$output" ||
      fail "$output has no /config"
    count=$((count + 1))
  done
done
[ "$count" -eq 10 ] || fail "expected 10 input runs (add a physical check below for a new input), got $count"
/usr/bin/python3 - <<'PY' || fail "a shipped input's result disagrees with theory"
import h5py, numpy as np
from scipy.stats import chi2
k_B, hbar = 0.08617333262, 0.6582119569  # meV/K, meV ps
hbar_omega = 2 * np.pi * hbar * 22.0      # f = 22 THz in every input
checked = {}
# PHYSICS.md §4: nu(0) = 0.015 /meV, dE = 25 meV is metastable II at 0 K, metastable I at 100 K, T_B ~ 132 K.
with h5py.File("diagram_metasc-landscape.h5") as f:
    a = f["landscape"].attrs
    assert a["class"] == "metastable_II" and abs(a["T_B_K"] / 132 - 1) < 0.01, (a["class"], a["T_B_K"])
    checked["diagram"] = f"T_B = {a['T_B_K']:.1f} K"
with h5py.File("k3c60_metasc-landscape.h5") as f:
    a = f["landscape"].attrs
    assert a["class"] == "metastable_I" and abs(a["T_B_K"] / 132 - 1) < 0.01, (a["class"], a["T_B_K"])
    # Above T_c the electrons are normal at Q = 0: V = hbar omega Q^2 / 2 there.
    assert abs(a["curvature_origin_meV"] / hbar_omega - 1) < 1e-9, a["curvature_origin_meV"]
    checked["k3c60 landscape"] = f"V''(0) = hbar omega = {hbar_omega:.3f} meV"
# PHYSICS.md §5: the thermal start in the normal well, <Q^2> = k_B T / (N_s hbar omega); the
# sample variance of n draws, times (n - 1) / <Q^2>, is chi-square with n - 1 degrees: 99.9%.
with h5py.File("k3c60_metasc-ensemble.h5") as f:
    variance = f["ensemble/Q_variance"][0, 0]
    n = int(f["config"].attrs["langevin.trajectories"])
    expected = k_B * 100 / (80 * hbar_omega)
    low, high = chi2.ppf([0.0005, 0.9995], n - 1) / (n - 1)
    assert low <= variance / expected <= high, (variance, expected, low, high)
    checked["k3c60 ensemble"] = f"<Q^2>(0) / (k_B T / N_s hbar omega) = {variance / expected:.3f}"
# Transition-state theory: k_TST = (omega_a / 2 pi) exp(-N_s dV / k_B T), dV the barrier per site.
for name, sites, temperature_K in (("escape_k3c60", 80, 100.0), ("escape_turnover", 52, 100.0)):
    with h5py.File(f"{name}_metasc-escape.h5") as f:
        a = f["escape"].attrs
        barrier = sites * (a["V_barrier_meV"] - a["V_metastable_meV"]) / (k_B * temperature_K)
        assert abs(a["barrier_over_kT"] / barrier - 1) < 1e-12, (a["barrier_over_kT"], barrier)
        rate = a["omega_well_per_ps"] / (2 * np.pi) * np.exp(-barrier)
        assert abs(a["rate_transition_state_per_ps"] / rate - 1) < 1e-12, (a["rate_transition_state_per_ps"], rate)
        checked[name] = f"k_TST = {rate:.4g} /ps"
# escape_turnover's cubic well: dV = 1 meV per site by construction.
with h5py.File("escape_turnover_metasc-escape.h5") as f:
    assert abs(f["escape"].attrs["barrier_over_kT"] / (52 * 1.0 / (k_B * 100.0)) - 1) < 1e-12
# BCS at T = 0, flat band of cutoff hbar omega: Delta0 = hbar omega / sinh(1 / (nu U0)), Delta0 = 7 meV.
with h5py.File("k3c60_kinetics_metasc-kinetics.h5") as f:
    U0 = f["kinetics"].attrs["U0_meV"]
    assert abs(U0 * 0.015 * np.arcsinh(hbar_omega / 7.0) - 1) < 1e-9, U0
    checked["k3c60_kinetics"] = f"U0 = {U0:.4f} meV"
# PHYSICS.md §3 with §6: every coupled trajectory starts in equilibrium at U0, whose T_c = 20 K
# is below 100 K: the normal state at lambda = 0, n = 4 nu k_BT [ln 2 - ln(1 + e^{-hbar omega/k_BT})].
with h5py.File("k3c60_coupled_metasc-ensemble.h5") as f:
    kT = k_B * 100.0
    normal = 4 * 0.015 * kT * (np.log(2.0) - np.log1p(np.exp(-hbar_omega / kT)))
    start = f["ensemble/samples/n"][0, :, 0]
    assert np.all(np.abs(start / normal - 1) < 1e-12), (start, normal)
    checked["k3c60_coupled"] = f"n(0) = {start[0]:.6f} = normal-state density at 100 K"
# PHYSICS.md section 4: above T_B ~ 132 K there is no metastable well, so nothing is trapped (exactly 0).
with h5py.File("k3c60_scan_metasc-ensemble.h5") as f:
    scan = f["scan"]
    temperature = scan["bath.temperature_K"][()]
    assert np.array_equal(scan["metastable"][()] == 1, temperature < 132), (temperature, scan["metastable"][()])
    assert np.all(scan["trapping_probability"][()][temperature > 132] == 0)
    checked["k3c60_scan"] = f"P_trap = 0 at the {np.sum(temperature > 132)} rows above T_B"
# PHYSICS.md §8: the uniform barrier of a lattice is M N_s dV; the pulsed start is thermal in the normal well.
with h5py.File("k3c60_nucleation_metasc-nucleation.h5") as f:
    g, a = f["nucleation"], f["landscape"].attrs
    cells = g["Q_final"].shape[1] * g["Q_final"].shape[2]
    uniform = cells * 20 * (a["V_barrier_meV"] - a["V_metastable_meV"])
    assert abs(g.attrs["uniform_barrier_meV"] / uniform - 1) < 1e-12, (g.attrs["uniform_barrier_meV"], uniform)
    assert g["f_SC"][0] < 0.05, g["f_SC"][0]  # |Q| > Q_B at the start is a 2.7-sigma tail
    # The uniform pump moves the coupled lattice as one domain, which the
    # trapping pulse leaves in the metastable well: at the check time (end of
    # the pulse + settle) nearly every cell is superconducting and lattices are at risk.
    t = g["time_ps"][()]
    at_check = g["f_SC"][()][np.argmin(np.abs(t - g.attrs["risk_start_ps"]))]
    assert at_check > 0.9 and g.attrs["trapped_lattices"] >= 1, (at_check, g.attrs["trapped_lattices"])
    # The last snapshot of lattice 0 is its state at t_end.
    assert np.array_equal(g["snapshots"][-1], g["Q_final"][0]) and g["snapshot_time_ps"][-1] == t[-1]
    checked["k3c60_nucleation"] = f"M N_s dV = {uniform:.1f} meV, f_SC = {at_check:.3f} at the check"
# The seeded front: at t = 0 exactly the nucleus is normal (every cell at rest at its minimum), and a front
# grows (v > 0) slower than the lattice's sound speed sqrt((omega/hbar) kappa), the largest group velocity.
with h5py.File("k3c60_front_metasc-nucleation.h5") as f:
    g = f["nucleation"]
    cells = g.attrs["cells_per_lattice"]
    assert g["f_SC"][0] == 1 - g.attrs["seed_cells"] / cells, (g["f_SC"][0], g.attrs["seed_cells"])
    c = np.sqrt(2 * np.pi * 22.0 / hbar * 27.0)
    assert abs(g.attrs["sound_speed_cells_per_ps"] / c - 1) < 1e-12
    low, high = g.attrs["front_speed_cells_per_ps_ci_low"], g.attrs["front_speed_cells_per_ps_ci_high"]
    assert 0 < low and high < c, (low, high, c)
    checked["k3c60_front"] = f"v = {g.attrs['front_speed_cells_per_ps']:.3g} cells/ps in (0, c = {c:.3g})"
for name, what in checked.items():
    print(f"{name}: {what}")
PY
echo "$count input runs passed, each with its physical check"
