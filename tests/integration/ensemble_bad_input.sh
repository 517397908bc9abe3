# Bad input to metasc-ensemble: exit 2, one line naming the key, no output
# file, before any compute, on 1 and several ranks, and never a hang.
source "$(dirname "$0")/lib/common.bash"
input="$METASC_SOURCE/inputs/k3c60.ini"
quick=(--langevin.trajectories=64 --langevin.t_end_ps=40 --landscape.points=101)
printf '# t_ps intensity\n0 0\n1 1\n0.5 0.3\n' > unordered_table.txt
printf '0 0\n1 one\n2 0\n' > bad_number_table.txt
printf '[phonon]\nfrequency_THz = 22\n' > incomplete.ini
echo "not hdf5" > not_a_checkpoint.h5

ensemble_bad() { expect_bad "$1" "$2" metasc-ensemble "$input" "${quick[@]}" "${@:3}"; }
ensemble_bad 1 "langevin.dt_ps" --langevin.dt_ps=0.1
ensemble_bad 1 "langevin.dt_ps" --langevin.dt_ps=0
ensemble_bad 1 "langevin.dt_ps" --langevin.dt_ps=-0.001
ensemble_bad 1 "langevin.t_end_ps" --langevin.t_end_ps=10
ensemble_bad 1 "langevin.trajectories" --langevin.trajectories=1e12
ensemble_bad 1 "langevin.trajectories" --langevin.trajectories=0
ensemble_bad 1 "langevin.seed" --langevin.seed=-1
ensemble_bad 1 "langevin.integrator" --langevin.integrator=rk4
ensemble_bad 1 "pulse.amplitude" "--pulse.amplitude=0.1,nan"
ensemble_bad 1 "pulse.amplitude" --pulse.amplitude=-0.2
ensemble_bad 1 "pulse.fwhm_ps" --pulse.fwhm_ps=0
ensemble_bad 1 "pulse.carrier_THz" --pulse.carrier_THz=inf
ensemble_bad 1 "pulse.table_file" --pulse.shape=table --pulse.table_file=missing_table.txt
ensemble_bad 1 "unordered_table.txt" --pulse.shape=table --pulse.table_file=unordered_table.txt
ensemble_bad 1 "bad_number_table.txt" --pulse.shape=table --pulse.table_file=bad_number_table.txt
ensemble_bad 1 "phonon.domain_sites" --phonon.domain_sites=0.5
ensemble_bad 1 "phonon.frequency_THz" --phonon.frequency_THz=-22
ensemble_bad 1 "ensemble.output_interval_ps" --ensemble.output_interval_ps=0
ensemble_bad 1 "ensemble.samples" --ensemble.samples=100000
ensemble_bad 1 "escape.margin_kT" --escape.margin_kT=-1
ensemble_bad 1 "checkpoint.interval_s" --checkpoint.interval_s=0
ensemble_bad 1 "not_a_checkpoint.h5" --restart not_a_checkpoint.h5
ensemble_bad 1 "missing.ckpt.h5" --restart missing.ckpt.h5
ensemble_bad 1 "kinetics.enabled" --kinetics.enabled=maybe
ensemble_bad 1 "kinetics.back_action" --kinetics.back_action=true
ensemble_bad 1 "langevin.dt_ps" --kinetics.enabled=true --kinetics.back_action=true
ensemble_bad 2 "kinetics.back_action" --kinetics.back_action=true
ensemble_bad 2 "kinetics.solver" --kinetics.enabled=true --kinetics.solver=fast
ensemble_bad 1 "kinetics.table_tolerance" --kinetics.enabled=true --kinetics.table_tolerance=0
expect_bad 1 "phonon.g_ratio" metasc-ensemble incomplete.ini
expect_bad 1 "configuration file" metasc-ensemble ""
ensemble_bad 2 "langevin.dt_ps" --langevin.dt_ps=0.1
ensemble_bad 3 "bath.temperature_K" --bath.temperature_K=-5
ensemble_bad 2 "output.file" --output.file=/proc/metasc/out.h5
# [scan] axes: a numeric key, a count >= 1, a log axis only over positive values, at most 4096 points.
ensemble_bad 1 "scan.pulse.shape" --scan.pulse.shape=1:2:2
ensemble_bad 1 "scan.bath.temprature_K" --scan.bath.temprature_K=100:120:3
ensemble_bad 1 "scan.bath.temperature_K" --scan.bath.temperature_K=100:120:0
ensemble_bad 1 "scan.phonon.damping_per_ps" --scan.phonon.damping_per_ps=0:0.4:3:log
ensemble_bad 1 "scan.pulse.center_ps" --scan.pulse.center_ps=-1:8:3:log
ensemble_bad 1 "scan.langevin.trajectories" --scan.langevin.trajectories=64:101:3
ensemble_bad 2 "scan.phonon.damping_per_ps" --scan.bath.temperature_K=100:120:100 --scan.phonon.damping_per_ps=0.1:0.4:50
ensemble_bad 1 "scan.part" --scan.bath.temperature_K=100:120:3 --scan.part=4/3
ensemble_bad 2 "scan.part" --scan.bath.temperature_K=100:120:3 --scan.part=1/4
ensemble_bad 1 "langevin.t_end_ps" --scan.langevin.t_end_ps=10:40:2
echo "$checked bad-input cases refused correctly"
