# Bad input to metasc-nucleation: exit 2, one line naming the key, no results
# file, before any compute. Every case on one rank, a sample on two ranks.
source "$(dirname "$0")/lib/common.bash"
{
  cat "$METASC_SOURCE/tests/integration/lib/k3c60_material.ini"
  cat <<'INI'
[phonon]
domain_sites = 20
[field]
cells = 8, 8
stiffness_meV = 2
[langevin]
dt_ps = 0.005
t_end_ps = 5
[landscape]
points = 101
INI
} >good.ini
bad() { expect_bad "$1" "$2" metasc-nucleation good.ini "${@:3}"; }
bad 1 field.cells --field.cells=0
bad 1 field.cells --field.cells=8,-2
bad 1 field.cells --field.cells=4.5
bad 1 field.cells --field.cells=2,2,2,2
bad 1 field.stiffness_meV --field.stiffness_meV=-1
bad 1 field.stiffness_meV --field.stiffness_meV=nan
bad 1 field.lattices --field.lattices=0
# The highest mode: (omega/hbar)(max V'' + 4 d kappa) with kappa = 1000 meV in 2-D puts 2/omega_max at ~0.0017 ps.
bad 1 field.stiffness_meV --field.stiffness_meV=1000
bad 1 langevin.dt_ps --langevin.dt_ps=0.02
bad 1 "bytes" --field.cells=100000,100000,1000
bad 1 field.start --field.start=sideways
bad 1 field.start --field.start=pulse --pulse.amplitude=0.2,0.3
bad 1 bath.temperature_K --bath.temperature_K=400
# N_s = 5: 2 k_BT/N_s = 3.4 meV exceeds the normal well's depth (1.3 meV): nothing could count as nucleated.
bad 1 escape.margin_kT --phonon.domain_sites=5
bad 2 escape.margin_kT --phonon.domain_sites=5
bad 2 field.cells --field.cells=0
bad 1 field.commit_ps --field.commit_ps=-1
# 41 snapshots need 40 steps; t_end = 0.1 ps at dt = 0.005 ps is 20.
bad 1 field.snapshots --field.snapshots=41 --langevin.t_end_ps=0.1
bad 2 field.snapshots --field.snapshots=41 --langevin.t_end_ps=0.1
bad 2 field.commit_ps --field.commit_ps=2 --field.decompose=true --field.cells=4,4
bad 2 field.stiffness_meV --field.stiffness_meV=1000
bad 2 "bytes" --field.cells=100000,100000,1000
# The seeded front: a radius only with field.start = seeded, inside a quarter of the lattice, two lattices at least.
bad 1 field.seed_radius_cells --field.seed_radius_cells=3
bad 1 field.seed_radius_cells --field.start=seeded --field.lattices=2
bad 2 field.seed_radius_cells --field.start=seeded --field.lattices=2 --field.cells=12,10 --field.seed_radius_cells=3
bad 1 field.lattices --field.start=seeded --field.lattices=1 --field.seed_radius_cells=2
bad 2 field.snapshots --field.snapshots=1
bad 1 field.snapshots --field.snapshots=-3
echo "$checked bad inputs refused with one line naming the key"
