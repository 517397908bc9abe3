# Shared by the integration tests: strict mode, a scratch directory, MPI runs
# that can never hang the suite, and bitwise comparison of HDF5 results.
set -euo pipefail
: "${METASC_BIN:?run through ctest}" "${METASC_SOURCE:?run through ctest}" "${METASC_MPIEXEC:?run through ctest}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# run_mpi RANKS PROGRAM ARGS...: at most 300 s, so a hang is a failure, not a stall.
run_mpi() {
  local ranks=$1
  shift
  timeout 300 $METASC_MPIEXEC "$ranks" "$@"
}

# same_h5 A.h5 B.h5 GROUP...: every dataset and attribute under the groups is bitwise equal.
same_h5() {
  /usr/bin/python3 "$METASC_SOURCE/tests/integration/lib/same_h5.py" "$@"
}

checked=0
# expect_bad RANKS KEY_IN_MESSAGE PROGRAM CONFIG ARGS...: the run exits 2 with
# exactly one error line naming KEY, writes neither out.h5 nor out.h5.partial,
# and ends in time. One rank runs as a plain process (MPI singleton); more go
# through mpiexec, whose own notices are not the program's message.
expect_bad() {
  local ranks=$1 key=$2 program=$3 config=$4
  shift 4
  rm -f out.h5 out.h5.partial
  local status=0
  local command=("$METASC_BIN/$program" "$config" --output.file=out.h5 --output.progress=false "$@")
  if [ "$ranks" -eq 1 ]; then
    timeout 60 "${command[@]}" >stdout.txt 2>stderr.txt || status=$?
  else
    run_mpi "$ranks" "${command[@]}" >stdout.txt 2>stderr.txt || status=$?
  fi
  local message
  message=$(grep '^metasc-' stderr.txt || true)
  [ "$status" -eq 2 ] || fail "[$program $config $*] on $ranks ranks: exit $status, expected 2; stderr: $(cat stderr.txt)"
  [ "$(echo "$message" | grep -c .)" -eq 1 ] || fail "[$program $config $*]: expected one error line, got: $(cat stderr.txt)"
  echo "$message" | grep -qF -- "$key" || fail "[$program $config $*]: message does not name '$key': $message"
  [ ! -e out.h5 ] && [ ! -e out.h5.partial ] || fail "[$program $config $*]: an output file was left behind"
  checked=$((checked + 1))
}
