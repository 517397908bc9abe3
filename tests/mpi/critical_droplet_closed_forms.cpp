// The critical droplet of PHYSICS.md §8 on the cubic well V = V_MS + a u² − b u³,
// u = Q_MS − Q the displacement towards the barrier. The table holds the cubic
// exactly (piecewise-cubic Hermite interpolation reproduces a cubic) over
// u ∈ [−a/b, 3a/b], which the bounce, 0 ≤ u ≤ a/b, never leaves. Closed forms:
//  - d = 1, continuum (width sqrt(2κ/a) ≫ 1 cell): ΔE_c = (16/15) N_s (a/b)² sqrt(aκ/2),
//    profile u(x) = (a/b) sech²(x sqrt(a/2κ)); its Hessian −κ∂² + 2a − 6bu is the
//    Pöschl–Teller operator (a/2)[−∂_y² + 4 − 12 sech² y], lowest eigenvalue −5a/2;
//  - κ → 0: one cell at the barrier u_B = 2a/(3b), ΔV = 4a³/(27b²). Perturbation
//    theory about that configuration, whose Hessian is diag(V''): −2a at the cell,
//    2a elsewhere; the coupling's gradient there is 2dκu_B on the cell and κu_B on
//    each of its 2d neighbours, so E₂ = −½ Σ g_c²/V''_c:
//    ΔE_c = N_s [ΔV + d κ u_B² + (d² − d/2) κ² u_B²/a] + O(κ³).
// The search is a collective on a DMDA, here on MPI_COMM_SELF: the MPI tier on
// one rank (nucleation_critical_droplet.cpp holds it bitwise on split lattices).
// mpi-ranks: 1
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "metasc/nucleation/critical_droplet.hpp"
#include "metasc/nucleation/slab_lattice.hpp"
#include "metasc/stochastic/force_table.hpp"

using namespace metasc::nucleation;

namespace {

constexpr double a = 2.0, b = 1.0, sites = 10.0, Q_metastable = 1.5;

metasc::stochastic::ForceTable cubic_well() {
  const int nodes = 401;
  const double u_low = -a / b, u_high = 3.0 * a / b;
  metasc::stochastic::LandscapeNodes table{.Q_first = Q_metastable - u_high,
                                           .Q_step = (u_high - u_low) / (nodes - 1),
                                           .potential_meV = {},
                                           .slope_meV = {}};
  for (int i = 0; i < nodes; ++i) {
    const double u = Q_metastable - (table.Q_first + table.Q_step * i);
    table.potential_meV.push_back(a * u * u - b * u * u * u);
    table.slope_meV.push_back(-(2.0 * a * u - 3.0 * b * u * u));  // dV/dQ = −dV/du
  }
  return metasc::stochastic::ForceTable(table, 2.0 * a);
}

/// The normal end of the string: the well the harmonic tail makes beyond u = 3a/b.
double normal_minimum(const metasc::stochastic::ForceTable& force) {
  return force.Q_first() - force.slope(force.Q_first()) / (2.0 * a);
}

}  // namespace

TEST_CASE("critical droplet, d = 1: the saddle energy converges to (16/15) N_s (a/b)^2 sqrt(a kappa/2)") {
  const auto force = cubic_well();
  double previous_error = 1.0;
  for (const double kappa_over_a : {4.0, 16.0, 64.0}) {
    const double kappa = kappa_over_a * a;
    const double width = std::sqrt(2.0 * kappa / a);
    // 16 widths: the bounce's tail e^{-2x/w} is e^{-16} at the far side.
    const auto cells = static_cast<std::int64_t>(std::ceil(16.0 * width));
    const auto droplet = find_critical_droplet(
        MPI_COMM_SELF,
        {.extents = {cells}, .stiffness_meV = kappa, .domain_sites = sites, .Q_metastable = Q_metastable,
         .Q_normal = normal_minimum(force)},
        force);
    const double continuum = 16.0 / 15.0 * sites * (a / b) * (a / b) * std::sqrt(a * kappa / 2.0);
    const double error = std::abs(droplet.energy_meV / continuum - 1.0);
    INFO("kappa/a = " << kappa_over_a << ": Delta E_c = " << droplet.energy_meV << " meV, continuum " << continuum
                      << ", unstable curvature " << droplet.unstable_curvature_meV);
    CHECK(droplet.converged);
    // The lattice corrects the continuum at O(1/w²) = O(a/κ): the error falls ~4x per 4x in κ.
    CHECK(error < 0.5 * previous_error);
    CHECK(error < 0.2 / kappa_over_a);
    CHECK(std::abs(droplet.unstable_curvature_meV / (-2.5 * a) - 1.0) < 0.5 / kappa_over_a);
    // The droplet's peak is the bounce's centre, u = a/b, to the same order.
    double deepest = 0.0;
    for (const double Q : droplet.Q) deepest = std::max(deepest, Q_metastable - Q);
    CHECK(std::abs(deepest / (a / b) - 1.0) < 0.5 / kappa_over_a);
    // The unstable mode grows the droplet: it points towards the normal phase where the droplet is.
    CHECK(droplet.unstable_mode.size() == static_cast<std::size_t>(cells));
    previous_error = error;
  }
}

TEST_CASE("critical droplet, kappa -> 0: one cell's barrier N_s dV, corrected to second order in kappa") {
  const auto force = cubic_well();
  const double barrier = 4.0 * a * a * a / (27.0 * b * b), u_barrier = 2.0 * a / (3.0 * b);
  for (const std::vector<std::int64_t>& extents :
       {std::vector<std::int64_t>{9}, std::vector<std::int64_t>{5, 6}, std::vector<std::int64_t>{4, 3, 5}}) {
    const double d = static_cast<double>(extents.size());
    for (const double kappa : {1e-3 * a, 4e-3 * a}) {
      const auto droplet = find_critical_droplet(
          MPI_COMM_SELF,
          {.extents = extents, .stiffness_meV = kappa, .domain_sites = sites, .Q_metastable = Q_metastable,
           .Q_normal = normal_minimum(force)},
          force);
      const double first_order = sites * (barrier + d * kappa * u_barrier * u_barrier);
      const double second_order = sites * (d * d - 0.5 * d) * kappa * kappa * u_barrier * u_barrier / a;
      INFO(d << "-D, kappa = " << kappa << ": Delta E_c = " << droplet.energy_meV << ", to second order "
             << first_order + second_order);
      CHECK(droplet.converged);
      // The third order is O(κ/a) of the second.
      CHECK(std::abs(droplet.energy_meV - first_order - second_order) < 0.05 * second_order);
      // The unstable mode is the cell's own V'' = −2a, shifted O(κ).
      CHECK(std::abs(droplet.unstable_curvature_meV / (-2.0 * a) - 1.0) < 4.0 * d * kappa / a);
      // One cell sits at the barrier, every other near the metastable minimum.
      int flipped = 0;
      for (const double Q : droplet.Q) flipped += Q_metastable - Q > 0.5 * u_barrier ? 1 : 0;
      CHECK(flipped == 1);
    }
  }
}

TEST_CASE("slab split: the first extent above 1 in whole slabs, the first ranks one more, no rank without one") {
  // 7 slabs of 5 cells (the unit extent dropped) over 3 ranks: 3, 2, 2.
  const SlabSplit split = SlabLattice::split({1, 7, 5}, 3);
  CHECK(split.cells == 35);
  CHECK(split.kept == std::vector<PetscInt>{7, 5});
  CHECK(split.slab_cells == 5);
  CHECK(split.slabs_of_rank == std::vector<PetscInt>{3, 2, 2});
  // More ranks than slabs: the extra ranks take no part.
  CHECK(SlabLattice::split({2, 8}, 5).slabs_of_rank == std::vector<PetscInt>{1, 1});
  // A single cell: one slab, no axis.
  const SlabSplit cell = SlabLattice::split({1, 1}, 4);
  CHECK(cell.kept.empty());
  CHECK(cell.slabs_of_rank == std::vector<PetscInt>{1});
  // The search's memory on rank 0 shrinks with its share of the slabs (64 on 1 rank, 22 of 64 on 3).
  CHECK(droplet_search_bytes({64, 64}, 3) < droplet_search_bytes({64, 64}, 1));
}
