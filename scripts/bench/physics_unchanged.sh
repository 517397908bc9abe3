#!/usr/bin/env bash
# The physics of the main job before and after this round's faster kernel
# (issue 17, item 4): the shipped input inputs/k3c60.ini (six pulses) run with
# this build and with the reference build (lib/reference_build.bash) on 2
# ranks, and per pulse two-sample tests of
#   P_trap: z = (p1 − p2)/sqrt(p(1 − p)(1/n1 + 1/n2)), p the pooled fraction;
#   the escape rate: given k1 + k2 escapes in times at risk T1 and T2, equal
#     rates make k1 binomial with p = T1/(T1 + T2); z of that binomial.
# The two builds draw different noise (another stream), so the numbers differ
# trajectory by trajectory and agree only in distribution: each |z| > 3 has
# probability 0.27% (12 tests: 3% for some |z| > 3 by chance). Exits 1 on a
# |z| > 4 (probability 8e-4 over the 12).
#   usage: scripts/bench/physics_unchanged.sh [TRAJECTORIES per pulse, default 8192]
source "$(dirname "$0")/lib/bench_preamble.bash"
source "$(dirname "$0")/lib/reference_build.bash"
trajectories=${1:-8192}
[[ -x $reference/bin/metasc-ensemble ]] || { echo "no reference build (needs the git history)"; exit 2; }
for name in new old; do
  binaries=build/bin
  [[ $name == old ]] && binaries=$reference/bin
  $mpi 2 "$binaries/metasc-ensemble" inputs/k3c60.ini --output.file="$tmp/$name.h5" --output.progress=false \
    --langevin.trajectories="$trajectories" >"$tmp/$name.txt"
done
/usr/bin/python3 - "$tmp/new.h5" "$tmp/old.h5" <<'PY'
import math
import sys

import h5py
import numpy as np

def stats(path):
    with h5py.File(path) as f:
        attrs = f["stats"].attrs
        pulses = len(f["pulses/amplitude"])
        n = np.bincount(f["ensemble/pulse_index"][()], minlength=pulses)
        return (n, attrs["trapping_probability"], attrs["escape_count"], attrs["time_at_risk_ps"])

(n1, p1, k1, T1), (n2, p2, k2, T2) = stats(sys.argv[1]), stats(sys.argv[2])
worst = 0.0
print(f"{'pulse':>5}  {'P_trap new':>10} {'old':>7} {'z':>6}   {'rate new':>9} {'old':>9} {'z':>6}   (escapes new, old)")
for i in range(len(n1)):
    pooled = (p1[i] * n1[i] + p2[i] * n2[i]) / (n1[i] + n2[i])
    z_trap = (p1[i] - p2[i]) / math.sqrt(pooled * (1 - pooled) * (1 / n1[i] + 1 / n2[i]))
    escapes, share = k1[i] + k2[i], T1[i] / (T1[i] + T2[i])
    z_rate = (k1[i] - escapes * share) / math.sqrt(escapes * share * (1 - share)) if escapes > 0 else 0.0
    worst = max(worst, abs(z_trap), abs(z_rate))
    print(f"{i:>5}  {p1[i]:>10.4f} {p2[i]:>7.4f} {z_trap:>6.2f}   {k1[i] / T1[i]:>9.3e} {k2[i] / T2[i]:>9.3e} "
          f"{z_rate:>6.2f}   ({k1[i]:.0f}, {k2[i]:.0f})")
print(f"largest |z| {worst:.2f} over {2 * len(n1)} tests (|z| > 3: 0.27% each by chance)")
sys.exit(1 if worst > 4 else 0)
PY
