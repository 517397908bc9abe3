#pragma once
/// Parameters of the [escape] section: which landscape (the BCS one or an
/// analytic test well), the escape criterion, and the settings of each rate
/// method of metasc-escape (PHYSICS.md §7). Energies meV, times ps.
#include <cstdint>
#include <optional>

#include "metasc/config/options.hpp"

namespace metasc::config {

enum class EscapeLandscape { bcs, cubic, quartic };

/// Shape of an analytic test well (escape.landscape = cubic | quartic).
struct WellShapeParams {
  double barrier_meV;   ///< ΔV = V(Q_B) − V(Q_MS) per site [meV]
  double Q_barrier;     ///< Q_B [oscillator lengths]
  double Q_metastable;  ///< Q_MS > Q_B [oscillator lengths]
};

enum class MfptSolver { lu, gmres };

/// The phase-space grid and linear solver of the exact mean first-passage time.
struct MfptParams {
  double resolution;  ///< mesh cells per thermal width: σ_Q in Q, k_BT/N_s in energy
  double wall_kT;     ///< the domain is the shell {e ≤ V(Q_B) + wall_kT·k_BT/N_s}
  MfptSolver solver;
  double rtol;        ///< relative residual tolerance of gmres
  double tolerance;   ///< the accuracy target: largest move of the extrapolation from (r/4, r/2) to (r/2, r)
};

/// Forward flux sampling with interfaces in the energy per site.
struct ForwardFluxParams {
  std::int64_t replicas;          ///< independent FFS runs; their spread gives the error bar
  std::int64_t walkers;           ///< flux-stage trajectories per replica
  std::int64_t flux_crossings;    ///< flux stage runs until each replica has this many λ_0 crossings
  std::int64_t trials;            ///< trials per interface per replica
  double basin_kT;                ///< λ_0 = V(Q_MS) + basin_kT·k_BT/N_s, the first interface
  double gap_kT;                  ///< A = {e < λ_0 − gap_kT·k_BT/N_s}, the metastable basin (gap < basin)
  double spacing_kT;              ///< largest interface spacing [k_BT/N_s] up to λ_n = V(Q_B)
  double prune;                   ///< Russian roulette: a trial dies at each lower interface it falls through with this probability
  std::int64_t check_steps;       ///< the order parameter is tested every this many steps
};

/// Which methods metasc-escape runs besides rate theory (always on).
struct EscapeMethods {
  bool mfpt;          ///< exact MFPT on the (Q, P) grid (PETSc)
  bool ensemble;      ///< brute-force ensemble, censored MLE
  bool forward_flux;  ///< forward flux sampling
};

struct EscapeParams {
  EscapeLandscape landscape;
  WellShapeParams shape;     ///< read for cubic and quartic only
  double margin_kT;          ///< escape = entry into {|Q| < Q_B, e < V(Q_B) − margin·k_BT/N_s}
  double transient_ps;       ///< escape.transient_ps, discarded by the ensemble rate
  EscapeMethods methods;
  MfptParams mfpt;
  ForwardFluxParams forward_flux;
  std::optional<Grid> damping_scan_per_ps;  ///< γ values of the turnover scan, when given

  /// Throws ConfigError naming the key (e.g. Q_metastable not beyond Q_barrier).
  static EscapeParams from(const Config& config);
};

void declare_escape_keys(Registry& registry);

}  // namespace metasc::config
