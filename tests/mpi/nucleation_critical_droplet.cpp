// The critical-droplet search split over the ranks against the same search on
// rank 0 alone (MPI_COMM_SELF, the one-rank case): bitwise the same saddle,
// unstable mode, curvatures, string and residual on 1, 2 and 3 ranks, in 1, 2
// and 3 dimensions, with seams between ranks inside the droplet, a lattice with
// fewer slabs than ranks (the 3-d one: a rank sits out on 3) and an axis of extent 1 (the 2-d one).
// Each saddle is also a converged index-1 saddle below the uniform barrier.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "metasc/nucleation/critical_droplet.hpp"
#include "test_environment.hpp"

using namespace metasc;

namespace {

/// The tilted double well V = h (Q² − 1)² + t Q [meV]: metastable near Q = 1,
/// normal near Q = −1, V'' = 8h at both.
constexpr double h = 20.0, t = 4.0;

stochastic::ForceTable tilted_double_well() {
  stochastic::LandscapeNodes nodes{.Q_first = -2.5, .Q_step = 0.005, .potential_meV = {}, .slope_meV = {}};
  for (int i = 0; i <= 1000; ++i) {
    const double Q = nodes.Q_first + nodes.Q_step * i;
    nodes.potential_meV.push_back(h * (Q * Q - 1.0) * (Q * Q - 1.0) + t * Q);
    nodes.slope_meV.push_back(4.0 * h * Q * (Q * Q - 1.0) + t);
  }
  return stochastic::ForceTable(nodes, 8.0 * h);
}

bool same_bits(double x, double y) { return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y); }

bool same_bits(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!same_bits(x[i], y[i])) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("critical droplet: bitwise the one-rank search on any rank count", "[nucleation]") {
  const auto force = tilted_double_well();
  const double sites = 10.0;
  struct Case {
    std::vector<std::int64_t> extents;
    double stiffness_meV;
  };
  // κ = 2h: a droplet a few cells wide (in d = 1); κ ≤ h/2: a cell or a few over the barrier.
  for (const auto& [extents, kappa] : std::vector<Case>{
           {{24}, 2.0 * h}, {{1, 9, 8}, 0.5 * h}, {{2, 3, 5}, 0.1 * h}}) {
    const nucleation::DropletSearch search{.extents = extents, .stiffness_meV = kappa, .domain_sites = sites,
                                           .Q_metastable = 1.0, .Q_normal = -1.0};
    const auto split = nucleation::find_critical_droplet(MPI_COMM_WORLD, search, force);
    if (!test_environment().is_root()) continue;  // rank 0 compares
    const auto alone = nucleation::find_critical_droplet(MPI_COMM_SELF, search, force);
    INFO(extents.size() << "-d lattice of " << alone.Q.size() << " cells, kappa = " << kappa << ", on "
                        << test_environment().size() << " ranks: Delta E_c = " << split.energy_meV << " and "
                        << alone.energy_meV << " meV alone");
    CHECK(same_bits(split.energy_meV, alone.energy_meV));
    CHECK(same_bits(split.Q, alone.Q));
    CHECK(same_bits(split.unstable_mode, alone.unstable_mode));
    CHECK(same_bits(split.unstable_curvature_meV, alone.unstable_curvature_meV));
    CHECK(same_bits(split.second_curvature_meV, alone.second_curvature_meV));
    CHECK(same_bits(split.string_energy_meV, alone.string_energy_meV));
    CHECK(same_bits(split.residual_meV, alone.residual_meV));
    CHECK(split.converged == alone.converged);
    // A real saddle: converged, one unstable mode, below the uniform barrier M N_s ΔV (ΔV < h).
    CHECK(alone.converged);
    CHECK(alone.unstable_curvature_meV < 0.0);
    CHECK(alone.second_curvature_meV > 0.1 * alone.unstable_curvature_meV);
    CHECK(alone.energy_meV > 0.0);
    CHECK(alone.energy_meV < static_cast<double>(alone.Q.size()) * sites * h);
  }
}
