# Bad input to metasc-landscape: exit 2, one line naming the key, no output
# file (nor a partial one), on 1 and on 2 ranks, and never a hang.
source "$(dirname "$0")/lib/common.bash"

{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini"
  cat <<'INI'
[landscape]
points = 32
temperatures_K = 100
INI
} > good.ini
sed 's/^electrons.Tc_K = 20$//' good.ini > no_pairing.ini
sed 's/^phonon.g_ratio = 0.6$/phonon.g_ratio = 0.6\nphonon.g_meV = 50/' good.ini > both_couplings.ini
printf '[phonon]\ndampin_per_ps = 0.1\n' | cat good.ini - > typo.ini
printf '[phonons]\nfrequency_THz = 22\n' | cat good.ini - > unknown_section.ini
sed 's/^phonon.g_ratio = 0.6$/phonon.g_ratio = 0.6\nphonon.g_ratio = 0.7/' good.ini > repeated.ini
printf 'frequency_THz = 22\n' | cat - good.ini > no_section.ini

expect_bad 1 "phonon.dampin_per_ps" metasc-landscape typo.ini
expect_bad 1 "phonons.frequency_THz" metasc-landscape unknown_section.ini
expect_bad 1 "phonon.foo" metasc-landscape good.ini --phonon.foo=1
expect_bad 1 "electrons.Tc_K" metasc-landscape no_pairing.ini
expect_bad 1 "phonon.g_meV" metasc-landscape both_couplings.ini
expect_bad 1 "phonon.g_ratio" metasc-landscape repeated.ini
expect_bad 1 "frequency_THz" metasc-landscape no_section.ini
expect_bad 1 "bath.temperature_K" metasc-landscape good.ini --bath.temperature_K=nan
expect_bad 1 "bath.temperature_K" metasc-landscape good.ini --bath.temperature_K=-5
expect_bad 1 "phonon.frequency_THz" metasc-landscape good.ini --phonon.frequency_THz=inf
expect_bad 1 "phonon.damping_per_ps" metasc-landscape good.ini --phonon.damping_per_ps=0
expect_bad 1 "langevin.trajectories" metasc-landscape good.ini --langevin.trajectories=abc
expect_bad 1 "landscape.points" metasc-landscape good.ini --landscape.points=10.5
expect_bad 1 "electrons.dos_per_meV" metasc-landscape good.ini --electrons.dos_per_meV=
expect_bad 1 "scan.dos_per_meV" metasc-landscape good.ini --scan.dos_per_meV=0.01:0.02
expect_bad 1 "scan.splitting_meV" metasc-landscape good.ini --scan.splitting_meV=0:100:5:log
expect_bad 1 "pulse.shape" metasc-landscape good.ini --pulse.shape=square
expect_bad 1 "landscape.temperatures_K" metasc-landscape good.ini "--landscape.temperatures_K=100,-1"
expect_bad 1 "missing.ini" metasc-landscape missing.ini
expect_bad 1 "output.file" metasc-landscape good.ini --output.file=/proc/metasc/out.h5
expect_bad 1 "output.file" metasc-landscape good.ini --output.file="$work"
expect_bad 1 "--restart" metasc-landscape good.ini --restart=x.h5
# On several ranks every rank must agree and exit 2, and none may hang.
expect_bad 2 "phonon.dampin_per_ps" metasc-landscape typo.ini
expect_bad 3 "bath.temperature_K" metasc-landscape good.ini --bath.temperature_K=nan
expect_bad 2 "missing.ini" metasc-landscape missing.ini
expect_bad 2 "output.file" metasc-landscape good.ini --output.file=/proc/metasc/out.h5
# The good file itself runs: the cases above fail for the reason they name.
run_mpi 2 "$METASC_BIN/metasc-landscape" good.ini --output.file=out.h5 --output.progress=false >/dev/null
[ -e out.h5 ] || fail "the good configuration did not write its results"
echo "$checked bad-input cases refused correctly"
