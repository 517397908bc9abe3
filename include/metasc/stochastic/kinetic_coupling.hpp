#pragma once
/// The coupled ensemble of PHYSICS.md §6: every Langevin trajectory's pairing
/// U(Q(t)) drives its own quasi-particle density n(t) (P 6–7), with (Δ, λ)
/// from the gap and density equations at each instant.
///
/// Operator splitting: the kinetics is slow (ns) against the phonon (ps), so it
/// runs on a coarser clock. Over one coupling interval τ_c the phonon moves
/// with the kinetics frozen; then n is advanced across the interval with U
/// replaced by its average Ū over the interval,
///     n(t+τ_c) = n(t) + ∫ f(n; Ū) dt,
/// the ODE integrated adaptively (Dormand–Prince 5(4), Boost.Odeint) on the
/// direct path, or for the whole block by TableKinetics on the table path. The
/// splitting error is O(τ_c²) where the rate is smooth in U: Ū is U at
/// mid-interval to O(τ_c²), so ∫ ∂_U f (U − Ū) dt vanishes and the remainder
/// is O(τ_c³) per interval; the test converges to a run without averaging.
///
/// Why not one distributed PETSc vector for the ensemble's n: the ODEs of
/// different trajectories are independent, so a global TS would add collective
/// steps and a rank-dependent layout for nothing; keeping n beside Q and P in
/// the block's arrays keeps it in cache and makes the result rank-independent.
#include <memory>

#include "metasc/physics/bcs.hpp"
#include "metasc/physics/kinetics.hpp"
#include "metasc/physics/kinetics_table.hpp"
#include "metasc/physics/pairing.hpp"
#include "metasc/physics/qp_rate.hpp"
#include "metasc/stochastic/table_kinetics.hpp"

namespace metasc::stochastic {

class KineticCoupling {
 public:
  /// `avalanche_edge_meV` = Ω_max: a trajectory's lifetime τ_MS ends when 2Δ ≤ Ω_max.
  KineticCoupling(physics::QuasiparticleRate rate, physics::BcsBand band, physics::PairingModel pairing,
                  double kT_meV, double avalanche_edge_meV, double interval_ps);

  /// n in equilibrium (λ = 0) at pairing U [meV]: where every trajectory starts.
  double equilibrium_density(double pairing_meV) const;
  /// (Δ, λ) at density n and pairing U.
  physics::KineticState state(double density, double pairing_meV) const;
  /// Advances n across one coupling interval at the interval's mean pairing Ū;
  /// `state` holds the trajectory's last (Δ, λ) — the starting guess of every
  /// solve — and is the state at the end on return.
  void advance(double& density, double mean_pairing_meV, physics::KineticState& state) const;

  /// The same coupling on the fast path (kinetics.solver = table): blocks advance
  /// through copies of one TableKinetics on this table (its start-up work, the
  /// normal state's flow map, done once here) instead of `advance`.
  KineticCoupling with_table(std::shared_ptr<const physics::KineticsTable> table) const;
  /// What a table for this coupling covers: U from U0 to the saturated pairing,
  /// n from half the equilibrium density of the largest U to 1.5 times that of
  /// U0 (dn/dt has the sign of λ, which drives n towards the equilibrium density
  /// n_eq(Ū), and n_eq falls with U: n stays between n_eq(U_sat) and n_eq(U0)).
  physics::KineticsTableSpec table_spec() const;
  /// Null on the direct path.
  /// The block integrator on the table; null on the direct path.
  const std::shared_ptr<const TableKinetics>& table_kinetics() const { return table_kinetics_; }

  const physics::QuasiparticleRate& rate() const { return rate_; }
  const physics::BcsBand& band() const { return band_; }
  const physics::PairingModel& pairing() const { return pairing_; }
  double kT_meV() const { return kT_; }
  double interval_ps() const { return interval_ps_; }
  double avalanche_edge_meV() const { return avalanche_edge_meV_; }

 private:
  physics::QuasiparticleRate rate_;
  physics::BcsBand band_;
  physics::PairingModel pairing_;
  double kT_;
  double avalanche_edge_meV_;
  double interval_ps_;
  std::shared_ptr<const TableKinetics> table_kinetics_;
};

}  // namespace metasc::stochastic
