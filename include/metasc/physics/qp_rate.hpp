#pragma once
/// Net quasi-particle generation rate dn/dt of PHYSICS.md §6 (paper Eqs. 6, 7,
/// 27, 29): phonon absorption breaking pairs minus recombination emitting
/// phonons, weighted by α²F. Energies and k_B T in meV, rates per ps (per site,
/// both spins). Pure functions; they throw NumericalError instead of returning
/// NaN (k_B T ≤ 0, a non-finite argument, a δ-mode exactly at the edge 2Δ).
#include <functional>
#include <limits>
#include <span>

#include "metasc/physics/eliashberg.hpp"

namespace metasc::physics {

/// Γ(Ω)/sqrt(Ω/(Ω−2Δ)) of P 7 (dimensionless), Ω > 0, T > 0:
///   csch(Ω/2T) sech((Δ+λ)/2T) sech((Ω−Δ+λ)/2T) sinh(λ/T),
/// evaluated as sign(λ)·exp(Σ logs) so no factor overflows; exactly 0 at λ = 0.
double net_pair_factor(double energy_meV, double gap_meV, double lambda_meV, double kT_meV);

/// Pair breaking by absorption (P 27 integrand without √ and α²F):
///   n_B(Ω) (1 − f(Δ)) (1 − f(Ω−Δ)),  f(E) = 1/(e^{(E+λ)/T}+1), n_B = 1/(e^{Ω/T}−1).
double generation_factor(double energy_meV, double gap_meV, double lambda_meV, double kT_meV);

/// Recombination with emission (P 29 integrand without √ and α²F):
///   (1 + n_B(Ω)) f(Δ) f(Ω−Δ).  4·(generation − recombination) = net_pair_factor.
double recombination_factor(double energy_meV, double gap_meV, double lambda_meV, double kT_meV);

/// ∫_{2Δ}^{upper} dΩ sqrt(Ω/(Ω−2Δ)) h(Ω) [units of h · meV] for h smooth between
/// the breakpoints [meV] and varying on energy scales ≳ resolution [meV]. The edge
/// singularity is removed exactly by Ω = 2Δ + s² (dΩ √(Ω/(Ω−2Δ)) = 2√(2Δ+s²) ds);
/// panels in s (breakpoints, a geometric grading towards the edge, steps of
/// `resolution` in Ω) are each done by a fixed 20-point Gauss–Legendre rule.
/// 0 when upper ≤ 2Δ.
double pair_edge_integral(const std::function<double(double)>& h, double two_gap_meV, double upper_meV,
                          std::span<const double> breakpoints_meV,
                          double resolution_meV = std::numeric_limits<double>::infinity());

/// The two one-way rates of P 27 and P 29 [1/ps].
struct PairRates {
  double generation_per_ps;
  double recombination_per_ps;
};

/// dn/dt of P 6 for a given α²F and upper limit W: a small evaluator, cheap
/// enough to be called at every step of every trajectory.
class QuasiparticleRate {
 public:
  /// W [meV] is the upper limit of the P 6 integral (+inf: no limit).
  explicit QuasiparticleRate(EliashbergFunction spectrum,
                             double max_energy_meV = std::numeric_limits<double>::infinity());

  /// dn/dt [1/ps] = (π/2ħ) ∫_{2Δ}^{W} dΩ α²F(Ω) Γ(Ω) at gap Δ ≥ 0, Bogolyubov
  /// chemical potential λ and k_B T > 0 [meV]: sign(λ), exactly 0 at λ = 0.
  double net_per_ps(double gap_meV, double lambda_meV, double kT_meV) const;

  /// Generation (P 27) and recombination (P 29) separately [1/ps]; their
  /// difference is net_per_ps.
  PairRates rates_per_ps(double gap_meV, double lambda_meV, double kT_meV) const;

  const EliashbergFunction& spectrum() const { return spectrum_; }
  double max_energy_meV() const { return max_energy_meV_; }

 private:
  double integrate(const std::function<double(double)>& factor, double gap_meV, double kT_meV) const;

  EliashbergFunction spectrum_;
  double max_energy_meV_;
};

}  // namespace metasc::physics
