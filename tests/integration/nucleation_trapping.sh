# The §7 trapping check per lattice (field.start = pulse): the first-nucleation
# clock starts at the end of the pulse + ensemble.settle_ps, and a lattice with
# a cell already in the relaxed normal well then was never trapped, so never at
# risk. Without a pump (amplitude 0) every cell stays in the normal well where
# it started: no lattice is trapped, first_time_ps is NaN for all, nothing is
# at risk and there is no rate (not "every lattice nucleates at once"). With
# the trapping pulse the uniform pump carries the coupled lattice into the
# metastable well as one domain: f_SC > 0.9 at the check and lattices are at risk.
source "$(dirname "$0")/lib/common.bash"
{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini" "$METASC_SOURCE/tests/integration/lib/k3c60_shipped_cells.ini"
  cat <<'INI'
[pulse]
shape = flattop
amplitude = 0.3
center_ps = 8
rise_ps = 2
flat_ps = 4
carrier_THz = 0
[field]
cells = 16, 16
lattices = 4
start = pulse
[langevin]
t_end_ps = 20
[ensemble]
settle_ps = 5
output_interval_ps = 0.5
INI
} >trap.ini
run_mpi 2 "$METASC_BIN/metasc-nucleation" trap.ini --pulse.amplitude=0 --output.file=unpumped.h5 \
  --output.progress=false >unpumped.txt || fail "no pump: $(cat unpumped.txt)"
run_mpi 2 "$METASC_BIN/metasc-nucleation" trap.ini --output.file=pumped.h5 --output.progress=false >pumped.txt ||
  fail "trapping pulse: $(cat pumped.txt)"
/usr/bin/python3 - <<'PY' || fail "the trapping check of the lattices"
import h5py, numpy as np
with h5py.File("unpumped.h5") as f:
    g = f["nucleation"]
    assert g.attrs["trapped_lattices"] == 0 and np.isnan(g["first_time_ps"][()]).all(), g["first_time_ps"][()]
    assert g.attrs["nucleations"] == 0 and g.attrs["time_at_risk_ps"] == 0, dict(g.attrs)
    assert np.isnan(g.attrs["rate_per_cell_per_ps"]) and g["f_SC"][()].max() < 0.05
with h5py.File("pumped.h5") as f:
    g = f["nucleation"]
    t = g["time_ps"][()]
    at_check = g["f_SC"][()][np.argmin(np.abs(t - g.attrs["risk_start_ps"]))]
    assert abs(g.attrs["risk_start_ps"] - 17.0) < 0.01, g.attrs["risk_start_ps"]
    trapped = int(g.attrs["trapped_lattices"])
    assert at_check > 0.9 and trapped >= 1, (at_check, trapped)
print(f"no pump: 0 lattices trapped, no rate; trapping pulse: f_SC = {at_check:.3f} at the check, {trapped} of 4 trapped")
PY
