#!/usr/bin/python3
"""check_module_order.py [ROOT]: every `#include "metasc/..."` in ROOT's include/,
src/ and drivers/ points to the including file's own module or one to its left
in ORDER, and physics/ and stats/ include no MPI, PETSc or HDF5 header. Prints
one line per offending include (file:line: what and why) and exits 1 if there
is any, 0 otherwise.

A file's module is its folder under include/metasc/ or src/ (a file directly
there belongs to `base`); drivers/ is `drivers`."""
import re
import sys
from pathlib import Path

# shared/ARCHITECTURE.md's module order: each rank may include only the ranks
# before it (and its own module); modules within one rank do not include each other.
ORDER = [
    ["base"],
    ["stats", "parallel"],
    ["physics"],
    ["stochastic"],
    ["config"],
    ["io"],
    ["ensemble", "escape", "kinetics", "nucleation"],
    ["drivers"],
]
RANK = {module: rank for rank, modules in enumerate(ORDER) for module in modules}
# Modules that must stay unit-testable alone, and the system headers they may not use.
PURE = {"physics", "stats"}
RUNTIME_HEADER = re.compile(r"#\s*include\s*<(mpi\.h|petsc\w*\.h|hdf5\.h|H5\w*\.h)>")
METASC_HEADER = re.compile(r'#\s*include\s*"metasc/([^"]+)"')


def module_of(relative: Path) -> str:
    parts = relative.parts
    if parts[0] == "drivers":
        return "drivers"
    inner = parts[2:] if parts[0] == "include" else parts[1:]  # include/metasc/... or src/...
    return inner[0] if len(inner) > 1 else "base"


def header_module(target: str) -> str:
    return target.split("/")[0] if "/" in target else "base"


def problems(root: Path):
    for folder in ("include", "src", "drivers"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".hpp", ".cpp", ".h"):
                continue
            relative = path.relative_to(root)
            module = module_of(relative)
            if module not in RANK:
                yield f"{relative}: module '{module}' is not in the order {ORDER}"
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if module in PURE and (system := RUNTIME_HEADER.search(line)):
                    yield f"{relative}:{number}: {module} includes <{system.group(1)}>: physics and stats know nothing of MPI, PETSc or HDF5"
                if not (found := METASC_HEADER.search(line)):
                    continue
                target = header_module(found.group(1))
                if target not in RANK:
                    yield f"{relative}:{number}: includes metasc/{found.group(1)} of unknown module '{target}'"
                elif target != module and RANK[target] >= RANK[module]:
                    yield f"{relative}:{number}: {module} includes metasc/{found.group(1)}, but {target} is not to the left of {module}"


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    found = list(problems(root))
    for problem in found:
        print(problem)
    if found:
        order = " < ".join(", ".join(modules) for modules in ORDER)
        print(f"{len(found)} includes against the module order {order}")
        sys.exit(1)


if __name__ == "__main__":
    main()
