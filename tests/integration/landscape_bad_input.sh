# Bad input to metasc-landscape: exit 2, one line naming the key, no output
# file (nor a partial one), on 1 and on 2 ranks, and never a hang.
source "$(dirname "$0")/lib/common.bash"

cat > good.ini <<'INI'
[phonon]
frequency_THz = 22
g_ratio = 0.6
[electrons]
dos_per_meV = 0.015
splitting_meV = 25
Tc_K = 20
[bath]
temperature_K = 100
[landscape]
points = 32
temperatures_K = 100
INI
sed 's/^Tc_K = 20$//' good.ini > no_pairing.ini
sed 's/^g_ratio = 0.6$/g_ratio = 0.6\ng_meV = 50/' good.ini > both_couplings.ini
sed 's/^\[phonon\]$/[phonon]\ndampin_per_ps = 0.1/' good.ini > typo.ini
sed 's/^\[phonon\]$/[phonons]/' good.ini > unknown_section.ini
sed 's/^g_ratio = 0.6$/g_ratio = 0.6\ng_ratio = 0.7/' good.ini > repeated.ini
printf 'frequency_THz = 22\n' | cat - good.ini > no_section.ini

checked=0
# expect_bad RANKS KEY_IN_MESSAGE CONFIG ARGS...
expect_bad() {
  local ranks=$1 key=$2 config=$3
  shift 3
  rm -f out.h5 out.h5.partial
  local status=0
  run_mpi "$ranks" "$METASC_BIN/metasc-landscape" "$config" --output.file=out.h5 --output.progress=false "$@" \
    >stdout.txt 2>stderr.txt || status=$?
  local message
  message=$(grep -v '^--\|^ \|^$\|^Primary job\|^mpirun\|^  Process\|^  Exit code\|process returned\|has been aborted\|thus causing\|first process' stderr.txt || true)
  [ "$status" -eq 2 ] || fail "[$config $*] on $ranks ranks: exit $status, expected 2; stderr: $(cat stderr.txt)"
  [ "$(echo "$message" | grep -c .)" -eq 1 ] || fail "[$config $*]: expected one error line, got: $message"
  echo "$message" | grep -qF -- "$key" || fail "[$config $*]: message does not name '$key': $message"
  [ ! -e out.h5 ] && [ ! -e out.h5.partial ] || fail "[$config $*]: an output file was left behind"
  checked=$((checked + 1))
}

for ranks in 1 2; do
  expect_bad $ranks "phonon.dampin_per_ps" typo.ini
  expect_bad $ranks "phonons.frequency_THz" unknown_section.ini
  expect_bad $ranks "phonon.foo" good.ini --phonon.foo=1
  expect_bad $ranks "electrons.Tc_K" no_pairing.ini
  expect_bad $ranks "phonon.g_meV" both_couplings.ini
  expect_bad $ranks "phonon.g_ratio" repeated.ini
  expect_bad $ranks "frequency_THz" no_section.ini
  expect_bad $ranks "bath.temperature_K" good.ini --bath.temperature_K=nan
  expect_bad $ranks "bath.temperature_K" good.ini --bath.temperature_K=-5
  expect_bad $ranks "phonon.frequency_THz" good.ini --phonon.frequency_THz=inf
  expect_bad $ranks "phonon.damping_per_ps" good.ini --phonon.damping_per_ps=0
  expect_bad $ranks "langevin.trajectories" good.ini --langevin.trajectories=abc
  expect_bad $ranks "landscape.points" good.ini --landscape.points=10.5
  expect_bad $ranks "electrons.dos_per_meV" good.ini --electrons.dos_per_meV=
  expect_bad $ranks "scan.dos_per_meV" good.ini --scan.dos_per_meV=0.01:0.02
  expect_bad $ranks "scan.splitting_meV" good.ini --scan.splitting_meV=0:100:5:log
  expect_bad $ranks "pulse.shape" good.ini --pulse.shape=square
  expect_bad $ranks "landscape.temperatures_K" good.ini "--landscape.temperatures_K=100,-1"
  expect_bad $ranks "missing.ini" missing.ini
  expect_bad $ranks "output.file" good.ini --output.file=/proc/metasc/out.h5
  expect_bad $ranks "output.file" good.ini --output.file="$work"
  expect_bad $ranks "--restart" good.ini --restart=x.h5
done
# The good file itself runs: the cases above fail for the reason they name.
run_mpi 2 "$METASC_BIN/metasc-landscape" good.ini --output.file=out.h5 --output.progress=false >/dev/null
[ -e out.h5 ] || fail "the good configuration did not write its results"
echo "$checked bad-input cases refused correctly"
