#pragma once
/// Langevin integrators for a block of trajectories (PHYSICS.md §5):
///
///   dQ = P dt,   dP = [−γP − (ω/ħ)V'(Q) + a(t)] dt + sqrt(2γ σ_P²) dW,
///   σ_P² = ω k_BT/(N_s ħ)  (so ⟨P²⟩ = σ_P², ⟨Q²⟩ = k_BT/(N_s ħω) for harmonic V),
///
/// Q in oscillator lengths, P = dQ/dt [1/ps], V' [meV per site], a [1/ps²].
///
/// Schemes (`langevin.integrator`):
///   baoab  Leimkuhler–Matthews BAOAB, O step exact: P ← cP + sqrt(1−c²) σ_P ξ, c = e^{−γdt}.
///   gjf    Grønbech-Jensen–Farago (2013), a = (1−γdt/2)/(1+γdt/2), b = 1/(1+γdt/2).
///   euler  Euler–Maruyama, a first-order reference only.
///
/// Stored momentum ("leapfrog" convention). BAOAB and GJF are stored half a
/// kick behind the on-site momentum:  P_stored = P(t_n) − (dt/2)·F(Q_n, t_n),
/// F = −(ω/ħ)V'(Q) + a(t). The two half kicks that meet at t_n (end of one
/// step, start of the next) are then one kick, so each step evaluates the force
/// once per trajectory and the drive once per block. Euler stores P(t_n).
/// physical_momentum() / stored_momentum() convert (for initial states and for
/// the energy H = N_s[(ħ/ω)P²/2 + V(Q)] of an observer).
///
/// Where the stationary distribution is exact (harmonic V, any stable dt):
///   baoab  Q_n and P_stored (the momentum right after the O step) are exactly
///          Boltzmann; the on-site P(t_n) has ⟨P²⟩ = σ_P²(1 − ω²dt²/4).
///   gjf    Q_n and P_stored (= v_n − (dt/2)F_n, v the GJF on-site velocity) are
///          exactly Boltzmann, as is GJF's half-step velocity
///          u_{n+1/2} = (Q_{n+1} − Q_n)/(sqrt(b)·dt); the on-site v_n is not.
///   euler  nothing is exact: errors O(γdt, ω²dt/γ).
///
/// Every scheme is, once F(Q_n) is known, an affine map of (P_stored, F, ξ):
///   Q ← Q + q_p P + q_f F + q_ξ ξ,   P ← p_p P + p_f F + p_ξ ξ,
/// with coefficients precomputed per scheme (StepMap): one loop serves all.
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "metasc/multiply_add.hpp"
#include "metasc/stochastic/force_table.hpp"
#include "metasc/stochastic/rng.hpp"

namespace metasc::stochastic {

enum class Scheme { baoab, gjf, euler };

/// "baoab", "gjf", "euler" (the values of `langevin.integrator`).
const char* scheme_name(Scheme scheme);
/// Inverse of scheme_name; throws ConfigError naming `langevin.integrator`.
Scheme scheme_from_name(const std::string& name);

/// The oscillator being integrated.
struct Oscillator {
  double angular_per_ps;  ///< ω = 2πf [rad/ps]; the mass per site is ħ/ω
  double damping_per_ps;  ///< γ [1/ps], ≥ 0
  double kT_meV;          ///< k_B T [meV], ≥ 0 (0: no noise)
  double domain_sites;    ///< N_s ≥ 1
};

/// σ_P² = ω k_BT/(N_s ħ) [1/ps²], the stationary variance of P.
double momentum_variance(const Oscillator& oscillator);

/// Largest dt [ps] for which the scheme is linearly stable on an oscillator of
/// angular frequency ω [rad/ps] with friction γ [1/ps]:
///   baoab, gjf: 2/ω (for every γ);
///   euler: γ/ω² when γ < 2ω, else 4/(γ + sqrt(γ² − 4ω²)); 0 when γ = 0.
double time_step_limit_ps(Scheme scheme, double angular_per_ps, double damping_per_ps);

/// Throws ConfigError naming `langevin.dt_ps`, its value and the limit unless
/// 0 < dt < time_step_limit_ps(scheme, ω, γ). Pass for ω the stiffest
/// frequency of the landscape, sqrt((ω/ħ)·max V''), as LangevinIntegrator does.
void check_time_step(Scheme scheme, double dt_ps, double angular_per_ps, double damping_per_ps);

/// The affine one-step map of a scheme (see the file comment).
struct StepMap {
  double dt_ps;
  double force_scale;     ///< ω/ħ [1/(meV·ps²)]: F = a − (ω/ħ)V'
  double q_from_p, q_from_force, q_from_noise;
  double p_from_p, p_from_force, p_from_noise;
  double momentum_shift;  ///< κ·dt [ps]: P(t_n) = P_stored + κ·dt·F(Q_n, t_n), κ = 1/2 or 0
  bool noisy;             ///< σ_P > 0 and γ > 0

  /// Checks the oscillator's ranges and dt (check_time_step at the stiffest
  /// frequency sqrt((ω/ħ)·max_curvature_meV), max V'' of the landscape in meV).
  static StepMap make(Scheme scheme, const Oscillator& oscillator, double dt_ps, double max_curvature_meV);

  /// F = a − (ω/ħ)V'(Q) [1/ps²]
  double acceleration(double slope_meV, double drive_per_ps2) const {
    return multiply_add(-force_scale, slope_meV, drive_per_ps2);
  }
  /// On-site P(t_n) from the stored momentum where V'(Q_n) [meV per site] is known.
  double physical_momentum(double stored_P, double slope_meV, double drive_per_ps2) const {
    return stored_P + momentum_shift * acceleration(slope_meV, drive_per_ps2);
  }
  /// Stored momentum from the on-site P(t_n) (initial states: P_0 at t_0, a(t_0)).
  double stored_momentum(double physical_P, double slope_meV, double drive_per_ps2) const {
    return physical_P - momentum_shift * acceleration(slope_meV, drive_per_ps2);
  }
  /// Q_{n+1} from Q_n, the stored P_n, F(Q_n, t_n) [1/ps²] and ξ_n.
  double next_position(double Q, double stored_P, double force, double noise) const {
    return multiply_add(q_from_noise, noise, multiply_add(q_from_force, force, multiply_add(q_from_p, stored_P, Q)));
  }
  /// The stored P_{n+1} from the stored P_n, F(Q_n, t_n) [1/ps²] and ξ_n.
  double next_momentum(double stored_P, double force, double noise) const {
    return multiply_add(p_from_noise, noise, multiply_add(p_from_force, force, p_from_p * stored_P));
  }
};

/// A lattice's bond force on a block of cells, added to V': κ(z·Q_c − Σ_c)
/// [meV per site], Σ_c the sum of cell c's z neighbours' Q at t_n.
struct NeighbourCoupling {
  double stiffness_meV;        ///< κ
  double coordination;         ///< z = 2d
  const double* neighbour_sums;  ///< Σ_c of the block's cells
  double slope(std::size_t cell, double Q) const {
    return stiffness_meV * (coordination * Q - neighbour_sums[cell]);
  }
};

/// One step of a block with a ForceTable's force (plus `coupling`'s, unless
/// nullptr), the table's look-up fused into the update: the bits of
/// LangevinIntegrator's general loop with V'(Q) = table.slope(Q) (+
/// coupling->slope(i, Q)), in one pass where assembling the table's rows
/// (shuffle pipes) and the update (multiply-adds, loads, stores) overlap
/// (Zen 4: the step 6 % faster than a pass of its own for the slopes).
/// `xi` holds the block's N(0, 1) draws. True when some trajectory ends the
/// step with |Q_{n+1}| < limit[i]; limit = nullptr watches none (false).
bool table_step(const ForceTable::SlopeKernel& table, const StepMap& map, double* Q, double* P, const double* xi,
                std::size_t n, double drive_per_ps2, const double* limit, const NeighbourCoupling* coupling);

/// What the integrator needs from a landscape: V'(Q) [meV per site], inline and
/// cheap, also from a small copy taken before a loop (slope_kernel(), see
/// ForceTable::SlopeKernel), and max V'' [meV] for the stability check.
template <class F>
concept ForceEvaluator = requires(const F& force, double Q) {
  { force.slope(Q) } -> std::convertible_to<double>;
  { force.slope_kernel().slope(Q) } -> std::convertible_to<double>;
  { force.max_curvature_meV() } -> std::convertible_to<double>;
};

/// Advances blocks of independent trajectories (structure of arrays) by one
/// time step. The noise of trajectory id j at step n is
/// NormalStream(seed, Stream::langevin_noise).normal(j, n): it does not depend
/// on how trajectories are split into blocks or ranks, or on call order.
/// Holds a scratch buffer for the block's noise, so one object per thread.
template <ForceEvaluator Force>
class LangevinIntegrator {
 public:
  /// Throws ConfigError (naming `langevin.dt_ps`) when dt is unstable at the
  /// landscape's stiffest frequency sqrt((ω/ħ)·force.max_curvature_meV()).
  LangevinIntegrator(Scheme scheme, const Oscillator& oscillator, double dt_ps, Force force, std::uint64_t seed);

  /// One step t_n → t_n + dt for trajectories first_trajectory … first_trajectory + n − 1,
  /// whose state is Q[0 … n), P[0 … n) (P in the stored convention).
  /// `step_index` = n (t_n = t_0 + n·dt) selects the noise; `drive_per_ps2` is
  /// a(t_n), the pump at the START of the step, evaluated once for all blocks.
  /// Not inlined: a vectorised loop inlined into a caller's loop nest loses
  /// its vectorisation (measured 2.2e8 against 4.4e8 steps/s for the loop alone).
  [[gnu::noinline]] void step(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                              std::uint64_t step_index, double drive_per_ps2);

  /// step() with a force that differs between trajectories:
  /// `slope(i, Q)` = V'(Q) [meV per site] of trajectory first_trajectory + i
  /// (the kinetics' back-action, ensemble.hpp). Inline: the caller wraps it in
  /// its own non-inlined function, as step() does.
  template <class Slope>
  void step_each(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step_index,
                 double drive_per_ps2, Slope slope);

  /// step() that also tells whether any trajectory ends the step inside its
  /// limit, |Q_{n+1}| < limit[i] (a negative limit: never). The test rides in
  /// the step's own loop on the Q it stores, where a separate pass would
  /// read the block once more every step. Not inlined, as step().
  [[gnu::noinline]] bool step_watching(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                                       std::uint64_t step_index, double drive_per_ps2, const double* limit);

  /// step() with the slope V'(Q) + coupling.slope(i, Q) [meV per site] for
  /// trajectory first_trajectory + i: a lattice's cells. Not inlined, as step().
  [[gnu::noinline]] void step_coupled(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                                      std::uint64_t step_index, double drive_per_ps2,
                                      const NeighbourCoupling& coupling);

  /// step() that also hands each trajectory's state at t_n, the start of the
  /// step, to `observe(i, Q_n, P(t_n), V(Q_n))` (on-site momentum, V in meV per
  /// site) inside the vectorised loop. V comes from the table cell that the
  /// force reads, so an observer costs a few flops rather than a pass with its
  /// own look-ups; the numbers are the bits of physical_momentum() and
  /// force().potential(). Not inlined, as step().
  template <class Observe>
    requires requires(const Force& force, double Q) {
      { force.slope_kernel().slope_and_potential(Q) } -> std::convertible_to<SlopeAndPotential>;
    }
  [[gnu::noinline]] void step_observing(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                                        std::uint64_t step_index, double drive_per_ps2, Observe observe);

  /// On-site momentum P(t_n) [1/ps] from the stored one, with a = a(t_n).
  double physical_momentum(double Q, double stored_P, double drive_per_ps2) const {
    return physical_momentum_at_slope(stored_P, force_.slope(Q), drive_per_ps2);
  }
  /// The same where V'(Q_n) [meV per site] is known (step_each's forces).
  double physical_momentum_at_slope(double stored_P, double slope_meV, double drive_per_ps2) const {
    return map_.physical_momentum(stored_P, slope_meV, drive_per_ps2);
  }
  /// Stored momentum from the on-site P(t_n) (initial states: P_0 at t_0, a(t_0)).
  double stored_momentum(double Q, double physical_P, double drive_per_ps2) const {
    return stored_momentum_at_slope(physical_P, force_.slope(Q), drive_per_ps2);
  }
  double stored_momentum_at_slope(double physical_P, double slope_meV, double drive_per_ps2) const {
    return map_.stored_momentum(physical_P, slope_meV, drive_per_ps2);
  }

  Scheme scheme() const { return scheme_; }
  double time_step_ps() const { return map_.dt_ps; }
  const StepMap& step_map() const { return map_; }
  const Force& force() const { return force_; }

 private:
  static double slope_of(double slope_meV) { return slope_meV; }
  static double slope_of(const SlopeAndPotential& local) { return local.slope_meV; }

  /// The loop of every step: `evaluate(i, Q)` gives V'(Q) (or SlopeAndPotential),
  /// `observe(i, Q_n, P(t_n), evaluated)` sees the state before the update;
  /// the result ORs `watch(i, Q_{n+1})` (0 or 1) over the block.
  template <class Evaluate, class Observe, class Watch>
  unsigned integrate(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step_index,
                     double drive_per_ps2, Evaluate evaluate, Observe observe, Watch watch);
  /// A force whose slope_kernel() is a table's takes table_step.
  static constexpr bool table_force = std::is_same_v<decltype(std::declval<const Force&>().slope_kernel()),
                                                      ForceTable::SlopeKernel>;

  /// step(), step_watching() and step_coupled(): a table's force takes
  /// table_step, any other force integrate() with the landscape's slope; both
  /// watch |Q_{n+1}| < limit[i] when Watching and add coupling's bond force
  /// when Coupled (limit, coupling unread otherwise), chosen at compile time.
  template <bool Watching, bool Coupled>
  unsigned advance(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step_index,
                   double drive_per_ps2, const double* limit, const NeighbourCoupling* coupling);

  static unsigned never_watched(std::size_t, double) { return 0; }

  /// The block's N(0, 1) draws of step `step_index` (zeros when !map_.noisy).
  const double* noise(std::size_t n, std::uint64_t first_trajectory, std::uint64_t step_index) {
    if (xi_.size() < n) xi_.resize(n, 0.0);  // grows once, to the largest block
    if (map_.noisy) noise_.fill(xi_.data(), n, first_trajectory, step_index);
    return xi_.data();
  }

  Scheme scheme_;
  StepMap map_;
  Force force_;
  NormalStream noise_;
  std::vector<double> xi_;  ///< the block's N(0,1) draws; stays zero when !map_.noisy
};

template <ForceEvaluator Force>
LangevinIntegrator<Force>::LangevinIntegrator(Scheme scheme, const Oscillator& oscillator, double dt_ps, Force force,
                                              std::uint64_t seed)
    : scheme_(scheme),
      map_(StepMap::make(scheme, oscillator, dt_ps, force.max_curvature_meV())),
      force_(std::move(force)),
      noise_(seed, Stream::langevin_noise) {}

template <ForceEvaluator Force>
template <bool Watching, bool Coupled>
unsigned LangevinIntegrator<Force>::advance(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                                            std::uint64_t step_index, double drive_per_ps2, const double* limit,
                                            const NeighbourCoupling* coupling) {
  if constexpr (table_force) {
    return table_step(force_.slope_kernel(), map_, Q, P, noise(n, first_trajectory, step_index), n, drive_per_ps2,
                      limit, coupling);
  } else {
    // Copies: the loop must see that nothing it writes through Q, P changes the landscape or the bonds.
    const auto force = force_.slope_kernel();
    const NeighbourCoupling bonds = Coupled ? *coupling : NeighbourCoupling{};
    const auto slope = [force, bonds](std::size_t i, double q) {
      if constexpr (Coupled) {
        return force.slope(q) + bonds.slope(i, q);
      } else {
        return force.slope(q);
      }
    };
    const auto watch = [limit](std::size_t i, double q) {
      return Watching ? static_cast<unsigned>(std::abs(q) < limit[i]) : 0u;
    };
    const auto nothing = [](std::size_t, double, double, double) {};
    return integrate(Q, P, n, first_trajectory, step_index, drive_per_ps2, slope, nothing, watch);
  }
}

template <ForceEvaluator Force>
void LangevinIntegrator<Force>::step(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                                     std::uint64_t step_index, double drive_per_ps2) {
  advance<false, false>(Q, P, n, first_trajectory, step_index, drive_per_ps2, nullptr, nullptr);
}

template <ForceEvaluator Force>
bool LangevinIntegrator<Force>::step_watching(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                                              std::uint64_t step_index, double drive_per_ps2,
                                              const double* __restrict limit) {
  return advance<true, false>(Q, P, n, first_trajectory, step_index, drive_per_ps2, limit, nullptr) != 0;
}

template <ForceEvaluator Force>
void LangevinIntegrator<Force>::step_coupled(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                                             std::uint64_t step_index, double drive_per_ps2,
                                             const NeighbourCoupling& coupling) {
  advance<false, true>(Q, P, n, first_trajectory, step_index, drive_per_ps2, nullptr, &coupling);
}

template <ForceEvaluator Force>
template <class Slope>
void LangevinIntegrator<Force>::step_each(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                                          std::uint64_t step_index, double drive_per_ps2, Slope slope) {
  integrate(Q, P, n, first_trajectory, step_index, drive_per_ps2, slope, [](std::size_t, double, double, double) {},
            never_watched);
}

template <ForceEvaluator Force>
template <class Observe>
  requires requires(const Force& force, double Q) {
    { force.slope_kernel().slope_and_potential(Q) } -> std::convertible_to<SlopeAndPotential>;
  }
void LangevinIntegrator<Force>::step_observing(double* Q, double* P, std::size_t n, std::uint64_t first_trajectory,
                                               std::uint64_t step_index, double drive_per_ps2, Observe observe) {
  const auto force = force_.slope_kernel();
  integrate(
      Q, P, n, first_trajectory, step_index, drive_per_ps2,
      [force](std::size_t, double q) { return force.slope_and_potential(q); },
      [observe](std::size_t i, double q, double momentum, const SlopeAndPotential& local) {
        observe(i, q, momentum, local.potential_meV);
      },
      never_watched);
}

template <ForceEvaluator Force>
template <class Evaluate, class Observe, class Watch>
unsigned LangevinIntegrator<Force>::integrate(double* __restrict Q, double* __restrict P, std::size_t n,
                                              std::uint64_t first_trajectory, std::uint64_t step_index,
                                              double drive_per_ps2, Evaluate evaluate, Observe observe, Watch watch) {
  // Locals: the loop must see that nothing it writes through Q, P changes them.
  const double* __restrict xi = noise(n, first_trajectory, step_index);
  const StepMap m = map_;
  // The table look-ups are gathers, which GCC will not vectorise past a store
  // it cannot prove unaliased; the iterations are independent, so say so.
  unsigned watched = 0;
#pragma omp simd reduction(| : watched)
  for (std::size_t i = 0; i < n; ++i) {
    const auto local = evaluate(i, Q[i]);
    const double f = m.acceleration(slope_of(local), drive_per_ps2);
    const double p = P[i];
    // = physical_momentum_at_slope(), spelled out on the loop's locals.
    observe(i, Q[i], p + m.momentum_shift * f, local);
    const double q = m.next_position(Q[i], p, f, xi[i]);
    Q[i] = q;
    P[i] = m.next_momentum(p, f, xi[i]);
    watched |= watch(i, q);
  }
  return watched;
}

}  // namespace metasc::stochastic
