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
