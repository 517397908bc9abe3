#!/usr/bin/env bash
# Lifetime of a lattice against its size (PHYSICS.md §8): for each L of a 1-D
# lattice (or L x L with --2d), metasc-nucleation from the metastable well with
# the critical-droplet search, then one table and one figure:
#   lifetime 1/(M j) of the first nucleation with its 95% interval, against M;
#   the saddle energy Delta E_c beside the uniform barrier M N_s dV.
# Small lattices move rigidly (the barrier grows as M N_s dV, the lifetime
# exponentially in M); once the lattice holds the critical droplet the barrier
# stays at Delta E_c and the lifetime falls as 1/M (extensive rate): the
# crossover from rigid-domain escape to nucleation.
#
# usage: scripts/scan/nucleation_sizes.sh CONFIG.ini OUT_DIR [--2d] [--sizes="1 2 4 8"] [--ranks=2] [KEY=VALUE overrides...]
#   e.g. scripts/scan/nucleation_sizes.sh inputs/k3c60_nucleation.ini results/sizes \
#          --sizes="1 2 3 4 6 8 12 16 24 32" --field.start=metastable --field.lattices=16 --phonon.domain_sites=10 \
#          --field.stiffness_meV=100 --langevin.dt_ps=0.002 --langevin.t_end_ps=200
# Writes OUT_DIR/size_L.h5 per size, OUT_DIR/sizes.csv and OUT_DIR/sizes.png.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,16p' "$0"; exit 2; }
config=$1 out=$2
shift 2
sizes="1 2 4 8 16 32" ranks=2 two_d=0 overrides=()
for argument in "$@"; do
  case "$argument" in
    --2d) two_d=1 ;;
    --sizes=*) sizes=${argument#--sizes=} ;;
    --ranks=*) ranks=${argument#--ranks=} ;;
    *) overrides+=("$argument") ;;
  esac
done
cd "$(dirname "$0")/../.."
mkdir -p "$out"
for L in $sizes; do
  cells=$L
  [ "$two_d" -eq 1 ] && cells="$L,$L"
  mpiexec --allow-run-as-root --oversubscribe -n "$ranks" build/bin/metasc-nucleation "$config" "${overrides[@]}" \
    --field.cells="$cells" --field.saddle=true --output.progress=false --output.file="$out/size_$L.h5" \
    --checkpoint.file="$out/size_$L.ckpt.h5" >"$out/size_$L.txt"
done
/usr/bin/python3 - "$out" $sizes <<'PY'
import sys
import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

out, sizes = sys.argv[1], sys.argv[2:]
rows = []
for L in sizes:
    with h5py.File(f"{out}/size_{L}.h5") as f:
        a = f["nucleation"].attrs
        M = int(a["cells_per_lattice"])
        j, low, high = a["rate_per_cell_per_ps"], a["rate_per_cell_per_ps_ci_low"], a["rate_per_cell_per_ps_ci_high"]
        rows.append((M, 1 / (M * j), 1 / (M * high), 1 / (M * low) if low > 0 else np.inf, j,
                     a["saddle_energy_meV"], a["uniform_barrier_meV"], int(a["nucleations"])))
rows = np.array(rows, dtype=float)
header = "cells,lifetime_ps,lifetime_low_ps,lifetime_high_ps,rate_per_cell_per_ps,saddle_energy_meV,uniform_barrier_meV,nucleations"
np.savetxt(f"{out}/sizes.csv", rows, delimiter=",", header=header, comments="")
figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
M, lifetime = rows[:, 0], rows[:, 1]
seen = np.isfinite(lifetime)
left.errorbar(M[seen], lifetime[seen], yerr=[lifetime[seen] - rows[seen, 2], rows[seen, 3] - lifetime[seen]],
              fmt="o-", capsize=3, label="first nucleation, 95% interval")
# No nucleation: the interval's lower end is all the run can say.
left.plot(M[~seen], rows[~seen, 2], "^", color="C3", label="none seen: lower bound")
left.legend(fontsize=8)
left.set_xscale("log")
left.set_yscale("log")
left.set_xlabel("cells per lattice M")
left.set_ylabel("lifetime of the lattice 1/(M j) [ps]")
right.plot(M, rows[:, 6], "s--", label="uniform barrier $M N_s \\Delta V$")
right.plot(M, rows[:, 5], "o-", label="critical droplet $\\Delta E_c$")
right.set_xscale("log")
right.set_yscale("log")
right.set_xlabel("cells per lattice M")
right.set_ylabel("barrier [meV]")
right.legend(fontsize=8)
figure.tight_layout()
figure.savefig(f"{out}/sizes.png", dpi=110)
print(f"{out}/sizes.csv\n{out}/sizes.png")
PY
