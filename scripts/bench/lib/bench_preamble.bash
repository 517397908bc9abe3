# Sourced by the benchmarks that build before they time: strict mode, the
# repository as working directory, an up-to-date build, a scratch directory
# $tmp removed on exit, and $mpi, the launcher that also works as root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
bash scripts/build.sh >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mpi="mpiexec --allow-run-as-root --oversubscribe -n"
