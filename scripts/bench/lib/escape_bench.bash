# Sourced by the escape benchmarks: strict mode, the repository as working
# directory, the build directory from the script's first argument (default
# build), and a scratch directory $out removed on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
build=${1:-build}
[ -x "$build/bin/metasc-escape" ] || { echo "build $build/bin/metasc-escape first (scripts/build.sh)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
