// The rate laws of PHYSICS.md §8 for the first nucleation, measured by the
// lattice runner (SerialLattice, the at-rest local criterion, the censored
// rate after a transient, as metasc-nucleation reduces it) on the cubic test
// well of physics/test_landscapes.hpp: even in Q, normal well at 0, barrier at
// Q_B = 0.3, metastable well at Q_MS = 0.4, ΔV = 1 meV per site, V'' = ±C =
// ±600 meV at Q_MS and Q_B; the normal well is 9ΔV deep below the barrier top,
// so the relaxed-normal-well criterion (margin 2 k_BT per cell) lies past the
// critical droplet. The κ → ∞ limit against the rigid domain's exact MFPT is
// tests/integration/nucleation_rigid_limit.sh. The reference ΔE_c comes from
// the critical-droplet search, a collective on a DMDA (here on MPI_COMM_SELF),
// hence the MPI tier; the lattices are serial, so one rank does it all.
// mpi-ranks: 1
#include <catch2/catch.hpp>

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

#include "metasc/escape/well.hpp"
#include "metasc/nucleation/critical_droplet.hpp"
#include "metasc/nucleation/lattice_run.hpp"
#include "metasc/nucleation/serial_lattice.hpp"
#include "metasc/stats/censored_rate.hpp"
#include "metasc/units.hpp"

using namespace metasc;

namespace {

constexpr double barrier = 1.0, Q_barrier = 0.3, Q_metastable = 0.4;
constexpr double curvature = 6.0 * barrier / ((Q_metastable - Q_barrier) * (Q_metastable - Q_barrier));

escape::Well cubic_well() {
  const physics::AnalyticWell shape(physics::WellForm::cubic, barrier, Q_barrier, Q_metastable);
  return escape::analytic_well(shape, "cubic", 801, 20.0 * barrier, units::phonon_energy_meV(22.0));
}

struct LatticeSetup {
  std::vector<std::int64_t> extents;
  double stiffness_meV;
  double domain_sites;
  double damping_per_ps;
  double dt_ps;
  double margin_kT;
  double transient_ps;
};

/// First nucleations of `lattices` lattices at k_BT = kT, watched for t_end:
/// the censored exposure after the transient, as metasc-nucleation reduces it.
stats::EscapeExposure first_nucleations(const escape::Well& well, const LatticeSetup& setup, double kT,
                                        double t_end_ps, std::uint64_t lattices, std::uint64_t seed) {
  const stochastic::Oscillator oscillator{.angular_per_ps = units::angular_per_ps(22.0),
                                          .damping_per_ps = setup.damping_per_ps,
                                          .kT_meV = kT,
                                          .domain_sites = setup.domain_sites};
  const auto& critical = well.critical;
  const auto steps = static_cast<std::uint64_t>(std::round(t_end_ps / setup.dt_ps));
  const nucleation::LatticeSpec spec{
      .scheme = stochastic::Scheme::baoab,
      .oscillator = oscillator,
      .dt_ps = setup.dt_ps,
      .steps = steps,
      .seed = seed,
      .extents = setup.extents,
      .stiffness_meV = setup.stiffness_meV,
      .risk_step = 0,
      .output_stride = steps,
      .criteria = {.Q_barrier = critical.Q_barrier,
                   .barrier_meV = critical.V_barrier_meV,
                   .relaxed_meV = critical.V_barrier_meV - setup.margin_kT * kT / setup.domain_sites},
      .neighbour_weight = setup.stiffness_meV / curvature,
      .commit_steps = 0,
      .initial_Q = critical.Q_metastable,
      .initial_curvature_meV = curvature,
      .drive_per_ps2 = {}};
  nucleation::SerialLattice lattice(setup.extents, setup.stiffness_meV, spec.scheme, oscillator, spec.dt_ps,
                                    well.table, seed);
  nucleation::LatticeRunner runner(spec, well.table, lattice);
  std::vector<double> first;
  for (std::uint64_t l = 0; l < lattices; ++l) {
    first.push_back(runner.run(l, nullptr, [](std::uint64_t, const auto&) {}).first_time_ps);
  }
  return stats::exposure(stats::censored_times(first, 0.0, static_cast<double>(steps) * spec.dt_ps),
                         setup.transient_ps);
}

nucleation::CriticalDroplet droplet(const escape::Well& well, const LatticeSetup& setup) {
  return nucleation::find_critical_droplet(MPI_COMM_SELF,
                                           {.extents = setup.extents,
                                            .stiffness_meV = setup.stiffness_meV,
                                            .domain_sites = setup.domain_sites,
                                            .Q_metastable = well.critical.Q_metastable,
                                            .Q_normal = 0.0},
                                           well.table);
}

}  // namespace

TEST_CASE("extensivity: on lattices much larger than the droplet the rate per cell j does not depend on L",
          "[nucleation]") {
  // d = 1, κ = V''(Q_MS): the droplet's core spans ~5 cells and its tails
  // ~13 (healing length sqrt(κ/V'') = 1 cell), so L = 32, 64, 128 are 2.5 to
  // 10 droplets long. k_BT = ΔE_c/8, the droplet search's energy. Given the
  // total count, the counts of the sizes are multinomial with the shares of
  // their cell-time at risk when j is the same: refused at a χ² homogeneity
  // p < 1e-3. (On L = 8 the same run gives j 25% higher, on L = 4, below
  // the droplet and under the uniform saddle M N_s ΔV, 7 times higher.)
  const auto well = cubic_well();
  LatticeSetup setup{.extents = {32}, .stiffness_meV = curvature, .domain_sites = 10.0,
                     .damping_per_ps = 350.0, .dt_ps = 1.2e-4, .margin_kT = 2.0, .transient_ps = 0.05};
  const auto critical_droplet = droplet(well, setup);
  REQUIRE(critical_droplet.converged);
  const double kT = critical_droplet.energy_meV / 8.0;
  std::vector<double> events, cell_time;
  for (const std::int64_t L : {32, 64, 128}) {
    setup.extents = {L};
    // ~one first nucleation per lattice at j ~ 0.05/ps per cell.
    const auto exposure = first_nucleations(well, setup, kT, 20.0 / static_cast<double>(L), 1200,
                                            static_cast<std::uint64_t>(L));
    events.push_back(static_cast<double>(exposure.escapes));
    cell_time.push_back(exposure.time_at_risk_ps * static_cast<double>(L));
  }
  double all_events = 0.0, all_time = 0.0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    all_events += events[i];
    all_time += cell_time[i];
  }
  double chi_square = 0.0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const double expected = all_events * cell_time[i] / all_time;
    chi_square += (events[i] - expected) * (events[i] - expected) / expected;
    INFO("L = " << (32 << i) << ": j = " << events[i] / cell_time[i] << " /ps per cell, "
                << events[i] << " first nucleations; pooled " << all_events / all_time);
    CHECK(events[i] > 400.0);
  }
  const double p = boost::math::cdf(
      boost::math::complement(boost::math::chi_squared_distribution<double>(static_cast<double>(events.size() - 1)),
                              chi_square));
  INFO("chi^2 = " << chi_square << ", p = " << p);
  CHECK(p > 1e-3);
}

TEST_CASE("Arrhenius: ln j against 1/(k_B T) has the slope Delta E_c of the critical droplet", "[nucleation]") {
  // d = 1, κ = V''(Q_MS)/20: the droplet is one cell over its barrier with its
  // two bonds stretched (ΔE_c = 1.32 N_s ΔV, which the search gives to second
  // order in κ, critical_droplet tests), pinned by the lattice: its second
  // curvature is ≈ V''(Q_MS), so it has no translation mode, whose
  // sqrt(ΔE_c/k_BT) per dimension would tilt the slope. γ ≈ ω_b: the
  // spatial-diffusion (Kramers–Grote–Hynes) regime, δ = γ I_b/k_BT ≥ 30 at
  // both temperatures, so Mel'nikov's depletion is 1 to 1e-4 and the harmonic
  // prefactor does not depend on T. What does: the wells' anharmonicity,
  // ln j = c₀ − βΔE_c + c/(βΔE_c), which moves the two-point slope by
  // c/(β₁β₂ΔE_c²) = c/60 (the cubic well's c = −(5/36)ΔE_c/(N_sΔV) gives
  // 0.3%), and the time step (at dt/2 the slope read 13.17 ± 0.15 meV against
  // 13.07 ± 0.15 here: below the noise). The slope's statistical error,
  // sqrt(1/d₁ + 1/d₂)/(β₂ − β₁)ΔE_c, is ≈ 1.1%: the 5% band is 4.5 of them.
  const auto well = cubic_well();
  const LatticeSetup setup{.extents = {32}, .stiffness_meV = curvature / 20.0, .domain_sites = 10.0,
                           .damping_per_ps = 350.0, .dt_ps = 2.5e-4, .margin_kT = 2.0, .transient_ps = 0.05};
  const auto critical_droplet = droplet(well, setup);
  REQUIRE(critical_droplet.converged);
  const double dE_c = critical_droplet.energy_meV;
  // To second order in κ (critical_droplet's small-κ closed form with a = V''(Q_MS)/2).
  const double u_B = Q_metastable - Q_barrier, kappa = setup.stiffness_meV;
  const double second_order = setup.domain_sites * kappa * kappa * u_B * u_B / curvature;
  CHECK(std::abs(dE_c - setup.domain_sites * (barrier + kappa * u_B * u_B) - second_order) < 0.2 * second_order);
  // The slope tells the droplet from one free cell: ΔE_c is 30% above N_s ΔV.
  REQUIRE(dE_c > 1.25 * setup.domain_sites * barrier);

  struct Temperature {
    double beta_dE;
    double t_end_ps;
    std::uint64_t lattices;
  };
  std::vector<double> beta, log_rate, variance;
  for (const auto& [beta_dE, t_end, lattices] : {Temperature{6.0, 0.3, 4000}, Temperature{10.0, 12.0, 1400}}) {
    const auto exposure = first_nucleations(well, setup, dE_c / beta_dE, t_end, lattices,
                                            static_cast<std::uint64_t>(beta_dE));
    const double events = static_cast<double>(exposure.escapes);
    beta.push_back(beta_dE / dE_c);
    log_rate.push_back(std::log(events / exposure.time_at_risk_ps));
    variance.push_back(1.0 / events);
    INFO("beta dE_c = " << beta_dE << ": " << events << " first nucleations");
    CHECK(events > 400.0);
  }
  const double slope = -(log_rate[1] - log_rate[0]) / (beta[1] - beta[0]);
  const double error = std::sqrt(variance[0] + variance[1]) / (beta[1] - beta[0]);
  INFO("slope " << slope << " meV +- " << error << " (1 sigma) against Delta E_c = " << dE_c << " meV");
  CHECK(error < 0.012 * dE_c);
  CHECK(std::abs(slope / dE_c - 1.0) < 0.05);
}
