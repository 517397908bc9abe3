// The DMDA-distributed lattice against the serial LatticeDynamics of
// metasc-nucleation: the same lattice, state, noise and pump give bitwise the
// same Q after many steps, in 1, 2 and 3 dimensions, on 1, 2 and 3 ranks
// (rank invariance and the ghost exchange at every periodic seam at once).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "metasc/nucleation/distributed_lattice.hpp"
#include "metasc/nucleation/lattice.hpp"
#include "metasc/nucleation/lattice_dynamics.hpp"
#include "metasc/units.hpp"
#include "test_environment.hpp"

using namespace metasc;

namespace {

/// An anharmonic single well V = 10Q² + 5Q⁴ [meV], tabulated on [−3, 3].
stochastic::ForceTable test_table(double phonon_energy_meV) {
  stochastic::LandscapeNodes nodes{.Q_first = -3.0, .Q_step = 0.01, .potential_meV = {}, .slope_meV = {}};
  for (int i = 0; i <= 600; ++i) {
    const double Q = nodes.Q_first + nodes.Q_step * i;
    nodes.potential_meV.push_back(10.0 * Q * Q + 5.0 * Q * Q * Q * Q);
    nodes.slope_meV.push_back(20.0 * Q + 20.0 * Q * Q * Q);
  }
  return stochastic::ForceTable(nodes, phonon_energy_meV);
}

}  // namespace

TEST_CASE("distributed lattice: bitwise the serial lattice dynamics on any rank count", "[nucleation]") {
  const double energy = units::phonon_energy_meV(22.0), kappa = 7.0, dt = 0.004, drive = 3.0;
  const stochastic::Oscillator oscillator{
      .angular_per_ps = units::angular_per_ps(22.0), .damping_per_ps = 2.0, .kT_meV = 8.617, .domain_sites = 5.0};
  const std::uint64_t lattice_index = 3, steps = 400, seed = 11;
  for (const auto& extents : std::vector<std::vector<std::int64_t>>{{13}, {6, 5}, {4, 3, 5}}) {
    const nucleation::PeriodicLattice shape(extents);
    const std::size_t cells = shape.cells();
    std::vector<double> Q(cells), P(cells);
    for (std::size_t c = 0; c < cells; ++c) {
      Q[c] = 0.3 * std::sin(0.7 * static_cast<double>(c));
      P[c] = 2.0 * std::cos(1.3 * static_cast<double>(c));
    }
    nucleation::DistributedLattice distributed(MPI_COMM_WORLD, {extents, kappa}, stochastic::Scheme::baoab, oscillator,
                                               dt, test_table(energy), seed);
    distributed.set_state(lattice_index, Q, P);
    nucleation::LatticeDynamics<stochastic::ForceTable> serial(stochastic::Scheme::baoab, oscillator, dt,
                                                               test_table(energy), seed, shape, kappa);
    serial.couple(Q.data());
    for (std::uint64_t n = 0; n < steps; ++n) {
      distributed.step(n, drive);
      serial.step(Q.data(), P.data(), lattice_index, n, drive);
    }
    const auto gathered = distributed.gather_Q();
    if (gathered.empty()) continue;  // rank 0 compares
    INFO("lattice of " << cells << " cells in " << extents.size() << " d");
    REQUIRE(gathered.size() == cells);
    std::size_t differing = 0;
    for (std::size_t c = 0; c < cells; ++c) differing += gathered[c] != Q[c];
    CHECK(differing == 0);
    // The run went somewhere: the cells are no longer at their start.
    CHECK(std::abs(gathered[0] - 0.0) > 0.0);
  }
}
