# Bad input to metasc-escape: exit 2, one line naming the key, no results file,
# before any compute. Every case on one rank (started directly, as an MPI
# singleton: mpiexec adds ~2 s to every failing run), a sample on two ranks.
source "$(dirname "$0")/lib/common.bash"

{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini"
  cat <<'INI'
[phonon]
damping_per_ps = 100
domain_sites = 50
[escape]
landscape = cubic
methods = theory, ffs
ffs_trials = 16
ffs_replicas = 2
ffs_walkers = 4
ffs_flux_crossings = 10
[langevin]
dt_ps = 0.001
INI
} > good.ini

checked=0
# expect_bad RANKS KEY_IN_MESSAGE ARGS...
expect_bad() {
  local ranks=$1 key=$2
  shift 2
  rm -f out.h5 out.h5.partial
  local status=0
  if [ "$ranks" -eq 1 ]; then
    timeout 300 "$METASC_BIN/metasc-escape" good.ini --output.file=out.h5 --output.progress=false "$@" \
      >stdout.txt 2>stderr.txt || status=$?
  else
    run_mpi "$ranks" "$METASC_BIN/metasc-escape" good.ini --output.file=out.h5 --output.progress=false "$@" \
      >stdout.txt 2>stderr.txt || status=$?
  fi
  local message
  message=$(grep -v '^--\|^ \|^$\|^Primary job\|^mpirun\|^  Process\|^  Exit code\|process returned\|has been aborted\|thus causing\|first process' stderr.txt || true)
  [ "$status" -eq 2 ] || fail "[$*] on $ranks ranks: exit $status, expected 2; stderr: $(cat stderr.txt)"
  [ "$(echo "$message" | grep -c .)" -eq 1 ] || fail "[$*]: expected one error line, got: $message"
  echo "$message" | grep -qF -- "$key" || fail "[$*]: message does not name '$key': $message"
  [ ! -e out.h5 ] && [ ! -e out.h5.partial ] || fail "[$*]: an output file was left behind"
  checked=$((checked + 1))
}

expect_bad 1 escape.Q_metastable --escape.Q_metastable=0.1
expect_bad 1 escape.landscape --escape.landscape=sextic
expect_bad 1 escape.methods --escape.methods=theory,guess
expect_bad 1 escape.margin_kT --escape.margin_kT=50
expect_bad 1 escape.ffs_basin_kT --escape.ffs_basin_kT=20
expect_bad 1 escape.ffs_replicas --escape.ffs_replicas=1
expect_bad 1 escape.ffs_gap_kT --escape.ffs_gap_kT=1
expect_bad 1 escape.ffs_prune --escape.ffs_prune=1
expect_bad 1 escape.ffs_check_steps --escape.ffs_check_steps=0
expect_bad 1 escape.mfpt_tolerance --escape.mfpt_tolerance=0
expect_bad 1 escape.mfpt_resolution --escape.mfpt_resolution=1
expect_bad 1 escape.mfpt_solver --escape.mfpt_solver=cholesky
expect_bad 1 escape.damping_scan_per_ps --escape.damping_scan_per_ps=0:10:5:log
expect_bad 1 escape.barrier_meV --escape.barrier_meV=-1
expect_bad 1 langevin.dt_ps --langevin.dt_ps=0.05
expect_bad 1 langevin.t_end_ps --escape.methods=ensemble --langevin.dt_ps=0.001 --langevin.t_end_ps=0.001
expect_bad 1 bath.temperature_K --bath.temperature_K=0
expect_bad 1 bath.temperature_K --escape.landscape=bcs --bath.temperature_K=300
expect_bad 1 output.file --output.file=/proc/metasc/out.h5
# On two ranks: a key checked by the parser, one by the job, one by the integrator at a scanned damping.
expect_bad 2 escape.Q_metastable --escape.Q_metastable=0.1
expect_bad 2 escape.margin_kT --escape.margin_kT=50
expect_bad 2 langevin.dt_ps --langevin.integrator=euler --langevin.dt_ps=0.0001 --escape.damping_scan_per_ps=1:1000:3:log
run_mpi 2 "$METASC_BIN/metasc-escape" good.ini --output.file=out.h5 --output.progress=false >/dev/null
[ -e out.h5 ] || fail "the good configuration did not write its results"
echo "$checked bad-input cases refused correctly"
