// Langevin integrators: equipartition at large dt, energy conservation and its
// dt² scaling, the static and periodic drive, block independence, dt limits.
// Statistical bounds are z = 5 standard errors (two-sided false alarm 6e-7).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <utility>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/stochastic/back_action_force.hpp"
#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/integrator.hpp"
#include "metasc/units.hpp"

using namespace metasc::stochastic;
using metasc::units::hbar_meV_ps;

namespace {

constexpr double z = 5.0;

/// Steps every trajectory of (Q, P) `steps` times in blocks of `block`, from step `first_step`.
template <class Force>
void run(LangevinIntegrator<Force>& integrator, std::vector<double>& Q, std::vector<double>& P, std::uint64_t steps,
         double drive = 0.0, std::size_t block = 4096, std::uint64_t first_step = 0) {
  for (std::uint64_t n = first_step; n < first_step + steps; ++n) {
    for (std::size_t start = 0; start < Q.size(); start += block) {
      const std::size_t count = std::min(block, Q.size() - start);
      integrator.step(Q.data() + start, P.data() + start, count, start, n, drive);
    }
  }
}

double mean_square(const std::vector<double>& x) {
  return std::inner_product(x.begin(), x.end(), x.begin(), 0.0) / static_cast<double>(x.size());
}

/// A double well V = ħω(Q⁴/8 − Q²/2) tabulated coarsely on [−3, 3]; the table's own V is the energy.
ForceTable double_well(double hbar_omega) {
  LandscapeNodes nodes{.Q_first = -3.0, .Q_step = 0.1};
  for (int i = 0; i <= 60; ++i) {
    const double Q = -3.0 + 0.1 * i;
    nodes.potential_meV.push_back(hbar_omega * (Q * Q * Q * Q / 8.0 - Q * Q / 2.0));
    nodes.slope_meV.push_back(hbar_omega * (Q * Q * Q / 2.0 - Q));
  }
  return ForceTable(nodes, hbar_omega);
}

}  // namespace

TEST_CASE("harmonic equipartition at omega*dt = 0.5: exact for BAOAB and GJF, not for Euler",
          "[integrator][stochastic]") {
  const Oscillator oscillator{.angular_per_ps = 2.0, .damping_per_ps = 2.0, .kT_meV = 1.0, .domain_sites = 3.0};
  const double dt = 0.25;
  const double hbar_omega = hbar_meV_ps * oscillator.angular_per_ps;
  const double Q2 = oscillator.kT_meV / (oscillator.domain_sites * hbar_omega);  // k_BT/(N_s ħω)
  const double P2 = oscillator.angular_per_ps * oscillator.kT_meV / (oscillator.domain_sites * hbar_meV_ps);
  REQUIRE(momentum_variance(oscillator) == Approx(P2));

  // Independent trajectories from rest; 120 steps = γt of 60 relaxes the variances by e^{−60}.
  const std::size_t trajectories = std::size_t{1} << 17;
  const std::uint64_t steps = 120;
  // Sample mean of x² for Gaussian x: relative standard error sqrt(2/N).
  const double bound = z * std::sqrt(2.0 / static_cast<double>(trajectories));

  for (const Scheme scheme : {Scheme::baoab, Scheme::gjf}) {
    INFO(scheme_name(scheme));
    LangevinIntegrator integrator(scheme, oscillator, dt, HarmonicForce{hbar_omega}, 17);
    std::vector<double> Q(trajectories, 0.0), P(trajectories, 0.0);
    run(integrator, Q, P, steps - 1);
    const std::vector<double> Q_before = Q;
    run(integrator, Q, P, 1, 0.0, 4096, steps - 1);
    CHECK(std::abs(mean_square(Q) / Q2 - 1.0) < bound);
    CHECK(std::abs(mean_square(P) / P2 - 1.0) < bound);  // stored P: exact for both
    // The on-site momentum is not: ⟨P(t_n)²⟩ = σ_P²(1 − ω²dt²/4) = 0.9375 σ_P².
    std::vector<double> onsite(trajectories);
    for (std::size_t i = 0; i < trajectories; ++i) onsite[i] = integrator.physical_momentum(Q[i], P[i], 0.0);
    CHECK(std::abs(mean_square(onsite) / P2 - 0.9375) < bound);
    if (scheme == Scheme::gjf) {
      // GJF's half-step velocity u = (Q_{n+1} − Q_n)/(sqrt(b) dt) is exactly Maxwellian too.
      const double b = 1.0 / (1.0 + 0.5 * oscillator.damping_per_ps * dt);
      std::vector<double> u(trajectories);
      for (std::size_t i = 0; i < trajectories; ++i) u[i] = (Q[i] - Q_before[i]) / (std::sqrt(b) * dt);
      CHECK(std::abs(mean_square(u) / P2 - 1.0) < bound);
    }
  }

  // Euler–Maruyama at the same dt: stationary ⟨Q²⟩ is 28/13 of the truth (Lyapunov equation of the
  // linear map at ωdt = γdt = 0.5); the test only demands a failure far outside the sampling error.
  LangevinIntegrator euler(Scheme::euler, oscillator, dt, HarmonicForce{hbar_omega}, 17);
  std::vector<double> Q(trajectories, 0.0), P(trajectories, 0.0);
  run(euler, Q, P, steps);
  CHECK(mean_square(Q) / Q2 - 1.0 > 10.0 * bound);
  CHECK(mean_square(Q) / Q2 == Approx(28.0 / 13.0).epsilon(3.0 * bound));
}

TEST_CASE("at T = 0 and gamma = 0 the energy is conserved to O(dt^2) over 1000 periods", "[integrator]") {
  const double omega = 1.0, hbar_omega = hbar_meV_ps * omega;
  const Oscillator conservative{.angular_per_ps = omega, .damping_per_ps = 0.0, .kT_meV = 0.0, .domain_sites = 1.0};
  const double duration = 1000.0 * metasc::units::two_pi / omega;

  // Largest |H − H0|/(H0 − V_min) over the run (the energy above the bottom of the landscape),
  // for start points in one well and above the barrier.
  const auto worst_error = [&](Scheme scheme, const auto& force, double V_min, double dt) {
    LangevinIntegrator integrator(scheme, conservative, dt, force, 1);
    std::vector<double> Q{0.3, 1.2, 2.4}, P{0.0, 0.0, 0.0};
    const auto energy = [&](std::size_t i) {
      const double onsite = integrator.physical_momentum(Q[i], P[i], 0.0);
      return 0.5 * (hbar_meV_ps / omega) * onsite * onsite + force.potential(Q[i]);
    };
    std::vector<double> initial(Q.size());
    for (std::size_t i = 0; i < Q.size(); ++i) initial[i] = energy(i);
    double worst = 0.0;
    const auto steps = static_cast<std::uint64_t>(duration / dt);
    for (std::uint64_t n = 0; n < steps; ++n) {
      integrator.step(Q.data(), P.data(), Q.size(), 0, n, 0.0);
      for (std::size_t i = 0; i < Q.size(); ++i) {
        worst = std::max(worst, std::abs(energy(i) - initial[i]) / (initial[i] - V_min));
      }
    }
    return worst;
  };

  for (const Scheme scheme : {Scheme::baoab, Scheme::gjf}) {
    INFO(scheme_name(scheme));
    const HarmonicForce harmonic{hbar_omega};
    const double harmonic_coarse = worst_error(scheme, harmonic, 0.0, 0.1);
    const double harmonic_fine = worst_error(scheme, harmonic, 0.0, 0.05);
    // Leapfrog on a harmonic oscillator: relative energy error oscillates with amplitude (ωdt)²/4, no drift.
    CHECK(harmonic_coarse <= 0.01 / 4.0 * 1.01);
    CHECK(harmonic_coarse / harmonic_fine == Approx(4.0).epsilon(0.05));

    // Anharmonic, tabulated: the force is the exact derivative of the table's V, so no drift either.
    const ForceTable well = double_well(hbar_omega);
    const double well_coarse = worst_error(scheme, well, -0.5 * hbar_omega, 0.02);
    const double well_fine = worst_error(scheme, well, -0.5 * hbar_omega, 0.01);
    CHECK(well_coarse < 1e-2);
    CHECK(well_coarse / well_fine == Approx(4.0).epsilon(0.15));
  }
}

TEST_CASE("a static drive a = omega^2 A displaces the damped oscillator to A", "[integrator]") {
  const double omega = 1.0, A = 0.37;
  const Oscillator damped{.angular_per_ps = omega, .damping_per_ps = 0.5, .kT_meV = 0.0, .domain_sites = 1.0};
  for (const Scheme scheme : {Scheme::baoab, Scheme::gjf, Scheme::euler}) {
    INFO(scheme_name(scheme));
    LangevinIntegrator integrator(scheme, damped, 0.1, HarmonicForce{hbar_meV_ps * omega}, 3);
    std::vector<double> Q{0.0}, P{0.0};
    run(integrator, Q, P, 2000, omega * omega * A);  // γt = 100: transient e^{−50}
    CHECK(Q[0] == Approx(A).epsilon(1e-12));
    CHECK(std::abs(integrator.physical_momentum(Q[0], P[0], omega * omega * A)) < 1e-12);
  }
}

TEST_CASE("a periodic drive is followed to second order with a(t_n) given at the start of each step",
          "[integrator]") {
  // Undamped oscillator from rest under a(t) = a0 cos(Ωt): Q(t) = a0 (cos Ωt − cos ωt)/(ω² − Ω²).
  const double omega = 1.0, drive_omega = 0.6, a0 = 0.8, t_end = 20.0;
  const Oscillator free{.angular_per_ps = omega, .damping_per_ps = 0.0, .kT_meV = 0.0, .domain_sites = 1.0};
  const double exact = a0 * (std::cos(drive_omega * t_end) - std::cos(omega * t_end)) /
                       (omega * omega - drive_omega * drive_omega);
  for (const Scheme scheme : {Scheme::baoab, Scheme::gjf}) {
    INFO(scheme_name(scheme));
    const auto error = [&](double dt) {
      LangevinIntegrator integrator(scheme, free, dt, HarmonicForce{hbar_meV_ps * omega}, 5);
      std::vector<double> Q{0.0}, P{integrator.stored_momentum(0.0, 0.0, a0)};
      const auto steps = static_cast<std::uint64_t>(std::lround(t_end / dt));
      for (std::uint64_t n = 0; n < steps; ++n) {
        integrator.step(Q.data(), P.data(), 1, 0, n, a0 * std::cos(drive_omega * dt * static_cast<double>(n)));
      }
      return std::abs(Q[0] - exact);
    };
    CHECK(error(0.02) / error(0.01) == Approx(4.0).epsilon(0.1));
    CHECK(error(0.01) < 1e-3 * std::abs(exact));
  }
}

TEST_CASE("a trajectory does not depend on the block that advances it", "[integrator]") {
  const double omega = 1.0, hbar_omega = hbar_meV_ps * omega;
  const Oscillator warm{.angular_per_ps = omega, .damping_per_ps = 0.1, .kT_meV = 2.0, .domain_sites = 1.0};
  for (const Scheme scheme : {Scheme::baoab, Scheme::gjf}) {
    LangevinIntegrator integrator(scheme, warm, 0.05, double_well(hbar_omega), 2024);
    std::vector<double> Q_whole(37, 1.4), P_whole(37, 0.0);
    run(integrator, Q_whole, P_whole, 50, 0.1, 37);
    std::vector<double> Q_split(37, 1.4), P_split(37, 0.0);
    run(integrator, Q_split, P_split, 50, 0.1, 5);  // blocks of 5: starts not aligned to the RNG lanes
    CHECK(Q_split == Q_whole);
    CHECK(P_split == P_whole);
    // A different seed gives a different trajectory.
    LangevinIntegrator other(scheme, warm, 0.05, double_well(hbar_omega), 2025);
    std::vector<double> Q_other(37, 1.4), P_other(37, 0.0);
    run(other, Q_other, P_other, 50, 0.1, 37);
    CHECK(Q_other != Q_whole);
  }
}

TEST_CASE("a table force's fused step is the general loop's, bit for bit, and watches as it does", "[integrator]") {
  // step() and step_watching() with a ForceTable take table_step (the slope
  // pass fused into the update); step_each with the table's own slope() takes
  // the general loop. Blocks of 37 and 300 have remainders after the vector
  // lanes and the 256-lane chunk; Q spans the table and both harmonic tails.
  const double omega = 1.0, hbar_omega = hbar_meV_ps * omega;
  const Oscillator warm{.angular_per_ps = omega, .damping_per_ps = 0.1, .kT_meV = 2.0, .domain_sites = 1.0};
  const ForceTable well = double_well(hbar_omega);
  const auto table = well.slope_kernel();
  for (const auto& [scheme, dt] : {std::pair{Scheme::baoab, 0.05}, {Scheme::gjf, 0.05}, {Scheme::euler, 0.005}}) {
    for (const std::size_t n : {37, 300}) {
      INFO("scheme " << scheme_name(scheme) << ", block " << n);
      LangevinIntegrator fused(scheme, warm, dt, well, 99);
      LangevinIntegrator general(scheme, warm, dt, well, 99);
      std::vector<double> Q(n), P(n, 0.3), limit(n);
      for (std::size_t i = 0; i < n; ++i) {
        Q[i] = -4.0 + 8.0 * static_cast<double>(i) / static_cast<double>(n - 1);
        limit[i] = i % 7 == 0 ? 0.05 : -1.0;  // a few watched, inside now and then
      }
      std::vector<double> Q_general = Q, P_general = P;
      bool same = true;
      int watched_steps = 0, unwatched_steps = 0;
      for (std::uint64_t step = 0; step < 200; ++step) {
        const bool watched = step % 2 == 0 ? fused.step_watching(Q.data(), P.data(), n, 0, step, 0.1, limit.data())
                                           : (fused.step(Q.data(), P.data(), n, 0, step, 0.1), false);
        general.step_each(Q_general.data(), P_general.data(), n, 0, step, 0.1,
                          [&](std::size_t, double q) { return table.slope(q); });
        bool inside = false;
        for (std::size_t i = 0; i < n; ++i) inside = inside || std::abs(Q_general[i]) < limit[i];
        same = same && Q == Q_general && P == P_general && (step % 2 == 1 || watched == inside);
        if (step % 2 == 0) (watched ? watched_steps : unwatched_steps) += 1;
      }
      CHECK(same);
      CHECK(watched_steps > 0);  // the watch answered both ways
      CHECK(unwatched_steps > 0);
    }
  }
}

TEST_CASE("an unstable time step is refused before any compute, naming langevin.dt_ps", "[integrator]") {
  const double omega = 3.0, gamma = 0.4;
  CHECK(time_step_limit_ps(Scheme::baoab, omega, gamma) == Approx(2.0 / omega));
  CHECK(time_step_limit_ps(Scheme::gjf, omega, gamma) == Approx(2.0 / omega));
  CHECK(time_step_limit_ps(Scheme::euler, omega, gamma) == Approx(gamma / (omega * omega)));
  CHECK(time_step_limit_ps(Scheme::euler, omega, 10.0) == Approx(4.0 / (10.0 + std::sqrt(100.0 - 36.0))));
  CHECK(time_step_limit_ps(Scheme::euler, omega, 0.0) == 0.0);

  CHECK_NOTHROW(check_time_step(Scheme::baoab, 0.99 * 2.0 / omega, omega, gamma));
  CHECK_THROWS_WITH(check_time_step(Scheme::baoab, 2.0 / omega, omega, gamma), Catch::Contains("langevin.dt_ps"));
  CHECK_THROWS_AS(check_time_step(Scheme::gjf, 1.0, omega, gamma), metasc::ConfigError);
  CHECK_THROWS_AS(check_time_step(Scheme::euler, 1.01 * gamma / (omega * omega), omega, gamma), metasc::ConfigError);
  CHECK_THROWS_AS(check_time_step(Scheme::baoab, 0.0, omega, gamma), metasc::ConfigError);

  // The integrator checks at the stiffest curvature of its landscape: the double well's table edge,
  // V''(±3) = ħω(3·9/2 − 1) = 12.5 ħω, so the limit is 2/(ω sqrt(12.5)) = 0.566/ω, not 2/ω.
  const Oscillator oscillator{.angular_per_ps = 1.0, .damping_per_ps = 0.1, .kT_meV = 1.0, .domain_sites = 1.0};
  const ForceTable well = double_well(hbar_meV_ps);
  CHECK_NOTHROW(LangevinIntegrator(Scheme::baoab, oscillator, 0.5, well, 1));
  CHECK_THROWS_WITH(LangevinIntegrator(Scheme::baoab, oscillator, 0.6, well, 1), Catch::Contains("langevin.dt_ps"));
}

TEST_CASE("scheme names round-trip and an unknown name names the key", "[integrator]") {
  for (const Scheme scheme : {Scheme::baoab, Scheme::gjf, Scheme::euler}) {
    CHECK(scheme_from_name(scheme_name(scheme)) == scheme);
  }
  CHECK_THROWS_WITH(scheme_from_name("verlet"), Catch::Contains("langevin.integrator"));
}

TEST_CASE("per-trajectory forces: with no gap the back-action force is the bare oscillator, bit for bit",
          "[integrator]") {
  // U(Q) of K3C60 (g = 0.6 ħω, ΔE = 25 meV, U0 = 16.3 meV); with Δ = 0 the
  // pairing term vanishes exactly and step_each must reproduce step().
  const double omega = 2.0 * std::numbers::pi * 22.0, hbar_omega = hbar_meV_ps * omega;
  const BackActionForce no_gap{{.bare_meV = 16.3, .coupling_meV = 0.6 * hbar_omega, .phonon_energy_meV = hbar_omega,
                                .splitting_meV = 25.0}};
  const Oscillator warm{.angular_per_ps = omega, .damping_per_ps = 0.2, .kT_meV = 8.6, .domain_sites = 80.0};
  for (const Scheme scheme : {Scheme::baoab, Scheme::gjf}) {
    LangevinIntegrator bare(scheme, warm, 0.005, HarmonicForce{hbar_omega}, 7);
    LangevinIntegrator per_trajectory(scheme, warm, 0.005, HarmonicForce{hbar_omega}, 7);
    const std::vector<double> gap_squared(37, 0.0);
    std::vector<double> Q(37), P(37, 0.0);
    for (std::size_t i = 0; i < Q.size(); ++i) Q[i] = 0.01 * static_cast<double>(i) - 0.15;
    std::vector<double> Q_each = Q, P_each = P;
    for (std::uint64_t n = 0; n < 400; ++n) {
      bare.step(Q.data(), P.data(), Q.size(), 0, n, 3.0);
      per_trajectory.step_each(Q_each.data(), P_each.data(), Q.size(), 0, n, 3.0,
                               [&](std::size_t i, double q) { return no_gap.slope(q, gap_squared[i]); });
    }
    CHECK(Q_each == Q);
    CHECK(P_each == P);
    // A gap changes the force: Δ = 10 meV pulls towards larger U (larger |Q|).
    CHECK(no_gap.slope(0.2, 100.0) < no_gap.slope(0.2, 0.0));
  }
}
