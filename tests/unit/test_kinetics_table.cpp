// The fast path of the coupled kinetics against the direct solver, its oracle
// (PHYSICS.md §3, §6): the tabulated state and rate at random (n, U), and the
// block integrator against the direct solver's adaptive integration.
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "metasc/physics/kinetics.hpp"
#include "metasc/physics/kinetics_table_check.hpp"
#include "metasc/physics/kinetics_table_grid.hpp"
#include "metasc/stochastic/kinetic_coupling.hpp"
#include "metasc/stochastic/table_kinetics.hpp"
#include "metasc/units.hpp"

using namespace metasc;
using namespace metasc::physics;

namespace {

// inputs/k3c60_kinetics.ini: ν = 0.015 /meV, ω_c = ħω at 22 THz, Δ0 = 7 meV,
// g/ħω = 0.6 (U up to U0 + 33 meV), Hg(2) at 52 meV, continuum to 8 meV, 100 K.
stochastic::KineticCoupling k3c60_coupling(double interval_ps) {
  const BcsBand band{.dos_per_meV = 0.015, .cutoff_meV = units::phonon_energy_meV(22.0)};
  const double g = 0.6 * band.cutoff_meV;
  const PairingModel pairing{.bare_meV = pairing_from_zero_temperature_gap(band, 7.0),
                             .coupling_meV = g,
                             .phonon_energy_meV = band.cutoff_meV,
                             .splitting_meV = 25.0};
  QuasiparticleRate rate(EliashbergFunction(PowerLawContinuum{.coupling = 0.05, .power = 2.0, .max_meV = 8.0},
                                            {{.energy_meV = 52.0, .coupling_meV = 0.35}},
                                            GaussianBand{.sigma_meV = 25.0}));
  return {std::move(rate), band, pairing, units::kT_meV(100.0), 8.0, interval_ps};
}

/// The table of refinement `level`, its nodes computed here one after another.
std::shared_ptr<const KineticsTable> serial_table(const KineticsTableSpec& spec, int level) {
  const auto states = state_grid(spec, level);
  std::vector<double> log_density, lambda;
  for (std::size_t j = 0; j < states.pairing.count; ++j) {
    for (std::size_t k = 0; k < states.gap.count; ++k) {
      const auto node = state_node(spec, states.pairing.node(j), states.gap.node(k));
      log_density.push_back(node.log_density);
      lambda.push_back(node.lambda_meV);
    }
  }
  const auto continua = continuum_grid(spec, level, states, lambda);
  const QuasiparticleRate smooth(spec.rate.spectrum().smooth_part(), spec.rate.max_energy_meV());
  std::vector<double> continuum;
  for (std::size_t j = 0; j < continua.angle.count; ++j) {
    for (std::size_t k = 0; k < continua.lambda.count; ++k) {
      continuum.push_back(continuum_node(spec, smooth, continua.angle.node(j), continua.lambda.node(k)));
    }
  }
  return std::make_shared<const KineticsTable>(spec, states, std::move(log_density), std::move(lambda), continua,
                                               std::move(continuum));
}

/// The recombination into the Hg(2) edge at fixed U = 38.3 meV that both
/// edge tests follow: from 2Δ = 50 meV, with excess quasi-particles (λ < 0),
/// down to the density n* where 2Δ = 52 meV (closed form from the gap equation).
struct EdgeApproach {
  stochastic::KineticCoupling coupling = k3c60_coupling(1.0);
  KineticsTableSpec spec = coupling.table_spec();
  double pairing = 38.3;
  double density_at_gap(double gap) const {
    return density(spec.band, gap, spec.kT_meV, *chemical_potential_for_gap(spec.band, pairing, spec.kT_meV, gap));
  }
  double start = density_at_gap(25.0);
  double edge = density_at_gap(26.0);
};

}  // namespace

TEST_CASE("the kinetics table agrees with the direct solver at random (n, U) to 1e-6", "[kinetics][table]") {
  // Level 3 is the grid metasc-ensemble accepts for this model at the default
  // tolerance; these points are not the start-up check's (indices from 10^6).
  const auto coupling = k3c60_coupling(1.0);
  const auto spec = coupling.table_spec();
  const auto table = serial_table(spec, 3);
  double worst_state = 0.0, worst_rate = 0.0;
  int gapped = 0, normal = 0, differs = 0;
  const double horizon_ps = 2e4;
  for (std::uint64_t i = 1000000; i < 1000300; ++i) {
    const auto point = table_check_point(spec, i);
    const auto error = table_error_at(*table, point, horizon_ps);
    if (!error.branch_agrees) {
      ++differs;
      continue;
    }
    const auto cell = table->at_pairing(point.pairing_meV);
    (table->state(std::log(point.density), cell, 0.0).gapped ? gapped : normal) += 1;
    worst_state = std::max({worst_state, error.gap, error.lambda});
    worst_rate = std::max(worst_rate, error.rate);
  }
  INFO("state " << worst_state << ", rate " << worst_rate << "; gapped " << gapped << ", normal " << normal);
  CHECK(worst_state < 1e-6);
  CHECK(worst_rate < 1e-6);
  CHECK(differs <= 3);  // the density-peak discontinuity is a line: few points land within its error
  CHECK(gapped > 50);   // both kinds of state were tested
  CHECK(normal > 3);
}

TEST_CASE("the sharp mode's rate is exact on the table at any gap, also next to 2 Delta = Omega_nu", "[kinetics][table]") {
  // With no continuum the table's rate is the δ-mode's closed form: compare the
  // quadrature's at the same (Δ, λ), right up to the edge singularity.
  const auto coupling = k3c60_coupling(1.0);
  auto spec = coupling.table_spec();
  spec.rate = QuasiparticleRate(EliashbergFunction(PowerLawContinuum{.coupling = 0.0, .power = 2.0, .max_meV = 8.0},
                                                   {{.energy_meV = 52.0, .coupling_meV = 0.35}},
                                                   GaussianBand{.sigma_meV = 25.0}));
  const auto table = serial_table(spec, 2);
  for (const double gap : {4.0, 20.0, 25.9, 25.999, 25.99999999}) {
    for (const double lambda : {-10.0, 3.0, 40.0}) {
      const double direct = spec.rate.net_per_ps(gap, lambda, spec.kT_meV);
      INFO("Delta = " << gap << " meV, lambda = " << lambda << " meV");
      CHECK(table->rate_per_ps(gap, lambda) == Approx(direct).epsilon(1e-13));
    }
  }
  CHECK(table->rate_per_ps(26.0001, 5.0) == 0.0);  // 2Δ above the mode: no pair breaking
}

TEST_CASE("the block integrator on the table follows the direct solver's n(t)", "[kinetics][table]") {
  // Four lanes at different, changing mean pairings — trapped (2Δ up to and
  // through the Hg(2) mode at 52 meV), avalanching (2Δ through Ω_max) and
  // normal — advanced 300 intervals of 1 ps by TableKinetics and by
  // KineticCoupling::advance. Where 2Δ runs into Ω_ν the rate diverges like
  // (Ω_ν − 2Δ)^{-1/2} and vanishes beyond, so n sticks there: the direct
  // solver's step control is limited there (the table's time map is not, see
  // the next test), and they agree to 1e-4; elsewhere to 1e-5, a tenth of the
  // bound a coupled run must meet (tests/integration/ensemble_kinetics_solvers.sh).
  const auto coupling = k3c60_coupling(1.0);
  const auto table = serial_table(coupling.table_spec(), 3);
  const std::vector<double> centres{40.0, 34.0, 28.0, 21.0};
  const std::size_t lanes = centres.size();
  std::vector<double> fast(lanes), direct(lanes), pairing(lanes);
  std::vector<KineticState> fast_state(lanes), direct_state(lanes);
  const double start = coupling.equilibrium_density(coupling.pairing().bare_meV);
  const auto initial = coupling.state(start, coupling.pairing().bare_meV);
  // A second block asks for the states only every seventh interval: lanes whose
  // channels are closed then skip the state solve, and n must not notice.
  stochastic::TableKinetics block(table, 1.0), lazy_block(table, 1.0);
  block.start(lanes, initial, coupling.pairing().bare_meV);
  lazy_block.start(lanes, initial, coupling.pairing().bare_meV);
  std::vector<double> lazy(lanes, start);
  std::vector<KineticState> lazy_state(lanes, initial);
  for (std::size_t i = 0; i < lanes; ++i) fast[i] = direct[i] = start, fast_state[i] = direct_state[i] = initial;
  std::vector<double> worst(lanes, 0.0);
  std::vector<bool> at_mode(lanes, false);
  double moved = 0.0, lazy_density = 0.0, lazy_gap = 0.0;
  int skipped = 0;
  for (int interval = 0; interval < 300; ++interval) {
    for (std::size_t i = 0; i < lanes; ++i) {
      pairing[i] = centres[i] * (1.0 + 0.05 * std::sin(0.1 * interval + static_cast<double>(i)));
    }
    block.advance(lanes, fast.data(), pairing.data(), fast_state.data(), true);
    const bool wanted = interval % 7 == 0;
    lazy_block.advance(lanes, lazy.data(), pairing.data(), lazy_state.data(), wanted);
    for (std::size_t i = 0; i < lanes; ++i) {
      lazy_density = std::max(lazy_density, std::abs(lazy[i] / fast[i] - 1.0));
      if (wanted) lazy_gap = std::max(lazy_gap, std::abs(lazy_state[i].gap_meV - fast_state[i].gap_meV));
      skipped += !wanted && lazy_state[i].gap_meV != fast_state[i].gap_meV ? 1 : 0;
      coupling.advance(direct[i], pairing[i], direct_state[i]);
      worst[i] = std::max(worst[i], std::abs(fast[i] / direct[i] - 1.0));
      moved = std::max(moved, std::abs(direct[i] / start - 1.0));
      at_mode[i] = at_mode[i] || std::abs(2.0 * direct_state[i].gap_meV - 52.0) < 0.1;
    }
  }
  int stuck = 0;
  for (std::size_t i = 0; i < lanes; ++i) {
    INFO("lane " << i << " at U ~ " << centres[i] << " meV: largest relative difference in n " << worst[i]
                 << (at_mode[i] ? " (reached 2 Delta = Omega_nu)" : ""));
    CHECK(worst[i] < (at_mode[i] ? 1e-4 : 1e-5));
    stuck += at_mode[i] ? 1 : 0;
  }
  CHECK(stuck >= 1);  // the singular locus was crossed
  CHECK(stuck < 4);
  CHECK(moved > 0.1);
  INFO("states asked for every 7th interval: n differs by " << lazy_density << ", Delta where asked by "
                                                             << lazy_gap << " meV; " << skipped << " states skipped");
  // Not bit for bit: a skipped solve leaves the next one another Newton start,
  // which moves Δ within the solve's tolerance (1e-9 in x) and n near an edge by as little.
  CHECK(lazy_density < 1e-8);
  CHECK(lazy_gap < 1e-7);
  CHECK(skipped > 50);  // the closed lanes did skip their solves
}

TEST_CASE("a lane recombining into 2 Delta = Omega_nu arrives when the direct rate's time integral says", "[kinetics][table]") {
  // At fixed U the time from n0 down to n is ∫_n^{n0} dn'/|dn/dt|, the direct
  // solver's rate integrated by tanh-sinh quadrature (which takes the
  // integrable (n − n*)^{1/2} end at the edge n* in its stride): an oracle that
  // shares neither the table nor any step control. The lane starts at 2Δ = 50 meV
  // with excess quasi-particles (λ < 0), reaches the Hg(2) edge 2Δ = 52 meV at
  // T_edge and stays there, the channel closed.
  const EdgeApproach approach;
  const auto& [coupling, spec, pairing, start, edge] = approach;
  const auto table = serial_table(spec, 3);
  const KineticsConditions conditions{spec.band, pairing, spec.kT_meV};
  const auto falling_rate = [&](double n) { return -density_rate(spec.rate, conditions, n).rate_per_ps; };
  REQUIRE(falling_rate(start) > 0.0);
  boost::math::quadrature::tanh_sinh<double> quadrature;
  const auto time_from_start = [&](double n) {
    return quadrature.integrate([&](double m) { return 1.0 / falling_rate(m); }, n, start);
  };
  const double edge_time = time_from_start(edge);
  INFO("n0 = " << start << ", n* = " << edge << ", T_edge = " << edge_time << " ps");
  REQUIRE(edge_time > 4.0);  // the lane approaches through several intervals

  stochastic::TableKinetics lane(table, 1.0);
  KineticState state = coupling.state(start, pairing);
  lane.start(1, state, pairing);
  double n = start, worst_time = 0.0;
  int arrival = -1;
  for (int interval = 1; interval <= static_cast<int>(edge_time) + 5; ++interval) {
    lane.advance(1, &n, &pairing, &state, true);
    if (n > edge * (1.0 + 1e-7)) {
      worst_time = std::max(worst_time, std::abs(time_from_start(n) - interval));
    } else {
      if (arrival < 0) arrival = interval;
      CHECK(n == Approx(edge).epsilon(1e-6));
      CHECK(2.0 * state.gap_meV >= 52.0);
    }
  }
  INFO("largest time error before the edge " << worst_time << " ps; arrived in interval " << arrival);
  CHECK(worst_time < 1e-4 * edge_time);
  CHECK(arrival == static_cast<int>(std::ceil(edge_time)));
}

TEST_CASE("the direct solver recombines into 2 Delta = Omega_nu and stays there, the channel closed", "[kinetics]") {
  // The oracle: EdgeApproach's closed-form edge density. The direct solver's
  // adaptive steps meet the integrable (n − n*)^{-1/2} rate at the edge and
  // the zero rate beyond it; they must neither stop short nor overshoot.
  const EdgeApproach approach;
  const auto& [coupling, spec, pairing, start, edge] = approach;
  KineticState state = coupling.state(start, pairing);
  double n = start;
  // The table's test finds the edge time T_edge > 4 ps from the same start;
  // 30 intervals of 1 ps are far past it.
  for (int interval = 0; interval < 30; ++interval) coupling.advance(n, pairing, state);
  const double arrived = n;
  CHECK(arrived == Approx(edge).epsilon(1e-6));
  CHECK(2.0 * state.gap_meV >= 52.0 * (1.0 - 1e-9));
  for (int interval = 0; interval < 5; ++interval) coupling.advance(n, pairing, state);
  CHECK(n == arrived);
}
