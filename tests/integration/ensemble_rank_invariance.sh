# metasc-ensemble gives bitwise the same /ensemble, /stats and /pulses on 1, 2
# and 3 ranks for the same seed (blocks split unevenly over the ranks), and a
# different seed gives different results.
source "$(dirname "$0")/lib/common.bash"
options=(--output.progress=false --langevin.trajectories=700 --langevin.t_end_ps=80 --landscape.points=101
         --pulse.amplitude=0.2,0.3 --pulse.shape=flattop)
for ranks in 1 2 3; do
  run_mpi $ranks "$METASC_BIN/metasc-ensemble" "$METASC_SOURCE/inputs/k3c60.ini" --output.file=seed1_$ranks.h5 \
    "${options[@]}" >/dev/null
done
for ranks in 2 3; do
  same_h5 seed1_1.h5 seed1_$ranks.h5 /ensemble /stats /pulses /landscape ||
    fail "metasc-ensemble on $ranks ranks differs from 1 rank"
done
run_mpi 2 "$METASC_BIN/metasc-ensemble" "$METASC_SOURCE/inputs/k3c60.ini" --output.file=seed2.h5 \
  --langevin.seed=2 "${options[@]}" >/dev/null
/usr/bin/python3 - <<'PY' || fail "a different seed did not change the trajectories, or the results are malformed"
import h5py, numpy as np
with h5py.File("seed1_1.h5") as a, h5py.File("seed2.h5") as b:
    assert not np.array_equal(a["ensemble/Q_final"][()], b["ensemble/Q_final"][()])
    trapped = a["ensemble/trapped"][()]
    escape = a["ensemble/escape_time_ps"][()]
    assert trapped.shape == (1400,) and a["ensemble/pulse_index"][()].max() == 1
    # NaN exactly for the trajectories that were not trapped.
    assert np.array_equal(np.isnan(escape), trapped == 0)
    p = a["stats"].attrs["trapping_probability"]
    assert np.allclose(p, [trapped[:700].mean(), trapped[700:].mean()], rtol=0, atol=1e-15)
    for name in ("ensemble/Q_final", "ensemble/escape_time_ps", "ensemble/Q_mean"):
        assert a[name].attrs["units"], name
PY

# The kinetics-coupled ensemble is bitwise the same on 1, 2 and 3 ranks too.
kinetics=(--output.progress=false --langevin.trajectories=300 --langevin.t_end_ps=30 --ensemble.settle_ps=5
          --landscape.points=101 --pulse.amplitude=0.3 --pulse.shape=flattop --kinetics.enabled=true)
for ranks in 1 2 3; do
  run_mpi $ranks "$METASC_BIN/metasc-ensemble" "$METASC_SOURCE/inputs/k3c60.ini" --output.file=kinetics_$ranks.h5 \
    "${kinetics[@]}" >/dev/null
done
for ranks in 2 3; do
  same_h5 kinetics_1.h5 kinetics_$ranks.h5 /ensemble /stats || fail "the coupled ensemble on $ranks ranks differs"
done
/usr/bin/python3 - <<'PY' || fail "the coupled ensemble's kinetics output is missing or malformed"
import h5py, numpy as np
with h5py.File("kinetics_1.h5") as f:
    gap = f["ensemble/Delta_mean_meV"][0]
    n = f["ensemble/n_mean"][0]
    assert gap[0] == 0.0 and gap.max() > 5.0, gap       # the pump opens a gap at 100 K > T_c(U0)
    assert np.all(n > 0) and f["ensemble/tau_MS_ps"].shape == (300,)
PY

# With back-action (each trajectory's force from its own kinetic gap) as well.
back_action=(--output.progress=false --langevin.trajectories=128 --langevin.t_end_ps=16 --ensemble.settle_ps=1
             --langevin.dt_ps=0.0025 --landscape.points=101 --pulse.amplitude=0.3 --pulse.shape=flattop
             --kinetics.enabled=true --kinetics.back_action=true)
for ranks in 1 3; do
  run_mpi $ranks "$METASC_BIN/metasc-ensemble" "$METASC_SOURCE/inputs/k3c60.ini" --output.file=back_action_$ranks.h5 \
    "${back_action[@]}" >/dev/null
done
same_h5 back_action_1.h5 back_action_3.h5 /ensemble /stats || fail "the back-action ensemble on 3 ranks differs"
