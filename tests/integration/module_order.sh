# Every include follows the module order (scripts/check_module_order.py), and
# the check itself fails on a tree that breaks it: an include pointing right,
# one between two job modules of the same rank, and PETSc / MPI in physics and stats.
source "$(dirname "$0")/lib/common.bash"
check="$METASC_SOURCE/scripts/check_module_order.py"
/usr/bin/python3 "$check" "$METASC_SOURCE" || fail "includes against the module order (above)"

mkdir -p tree/include/metasc/physics tree/include/metasc/config tree/src/stats tree/src/escape tree/drivers
cd tree
printf '#include "metasc/units.hpp"\n#include "metasc/physics/bcs.hpp"\n' >include/metasc/physics/good.hpp
printf '#include "metasc/physics/good.hpp"\n#include "metasc/stochastic/rng.hpp"\n' >include/metasc/config/good.hpp
printf '#include "metasc/config/good.hpp"\n#include "metasc/escape/job.hpp"\n' >drivers/good.cpp
/usr/bin/python3 "$check" . >report.txt || fail "a tree that keeps the order was refused: $(cat report.txt)"

printf '#include "metasc/config/options.hpp"\n' >include/metasc/physics/right.hpp
printf '#include "metasc/ensemble/job.hpp"\n' >src/escape/sibling.cpp
printf '#include <petscts.h>\n#include <mpi.h>\n' >src/stats/runtime.cpp
status=0
/usr/bin/python3 "$check" . >report.txt || status=$?
[ "$status" -eq 1 ] || fail "a tree against the order passed (exit $status): $(cat report.txt)"
for expected in "include/metasc/physics/right.hpp:1: physics includes metasc/config/options.hpp" \
  "src/escape/sibling.cpp:1: escape includes metasc/ensemble/job.hpp" \
  "src/stats/runtime.cpp:1: stats includes <petscts.h>" "src/stats/runtime.cpp:2: stats includes <mpi.h>"; do
  grep -qF "$expected" report.txt || fail "the check did not report '$expected': $(cat report.txt)"
done
[ "$(grep -c ':[0-9]*: ' report.txt)" -eq 4 ] || fail "expected exactly 4 offending includes: $(cat report.txt)"
echo "module order held; the check refuses all 4 planted violations"
