# Bad input to metasc-nucleation: exit 2, one line naming the key, no results
# file, before any compute, on one rank and (a sample) on two.
source "$(dirname "$0")/lib/common.bash"

{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini"
  cat <<'INI'
[phonon]
damping_per_ps = 2
domain_sites = 40
[field]
cells = 8, 8
stiffness_meV = 1
[pulse]
amplitude = 0
[landscape]
points = 101
[langevin]
dt_ps = 0.005
t_end_ps = 1
INI
} > good.ini

"$METASC_BIN/metasc-nucleation" good.ini --output.file=good.h5 --output.progress=false >good.txt ||
  fail "the good configuration fails: $(cat good.txt)"

expect_bad 1 field.cells metasc-nucleation good.ini --field.cells=0
expect_bad 1 field.cells metasc-nucleation good.ini --field.cells=8,-2
expect_bad 1 field.cells metasc-nucleation good.ini --field.cells=8.5
expect_bad 1 field.cells metasc-nucleation good.ini --field.cells=4,4,4,4
expect_bad 1 field.stiffness_meV metasc-nucleation good.ini --field.stiffness_meV=-1
expect_bad 1 field.stiffness_meV metasc-nucleation good.ini --field.stiffness_meV=nan
expect_bad 1 field.lattices metasc-nucleation good.ini --field.lattices=0
expect_bad 1 field.foo metasc-nucleation good.ini --field.foo=1
# The checkerboard mode of a 2-d lattice: (ω/ħ)(max V'' + 8κ) with κ = 100 meV puts ω_max dt above 2.
expect_bad 1 langevin.dt_ps metasc-nucleation good.ini --field.stiffness_meV=100
# 10^10 cells: more than any physical memory this test runs on.
expect_bad 1 "bytes" metasc-nucleation good.ini --field.cells=100000,100000
expect_bad 1 bath.temperature_K metasc-nucleation good.ini --bath.temperature_K=0
expect_bad 1 escape.transient_ps metasc-nucleation good.ini --escape.transient_ps=5
expect_bad 1 output.file metasc-nucleation good.ini --output.file=/proc/forbidden/out.h5
expect_bad 2 field.cells metasc-nucleation good.ini --field.cells=4,4,4,4
expect_bad 2 langevin.dt_ps metasc-nucleation good.ini --field.stiffness_meV=100
expect_bad 2 "bytes" metasc-nucleation good.ini --field.cells=100000,100000
echo "metasc-nucleation: $checked bad inputs refused"
