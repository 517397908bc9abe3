#pragma once
/// The landscape as the escape methods see it: V and V' on the whole line (even
/// in Q), the critical points with the curvatures that rate theory needs, and
/// the force table the sampling methods integrate. Built from the BCS
/// landscape (V, V' from its table, the same numbers the ensembles use; V''
/// analytic) or from an analytic test well (exact V, V'; the table only for
/// sampling). Q in oscillator lengths, energies in meV per site.
#include <string>

#include "metasc/physics/escape_theory.hpp"
#include "metasc/physics/landscape.hpp"
#include "metasc/physics/model.hpp"
#include "metasc/physics/test_landscapes.hpp"
#include "metasc/stochastic/force_table.hpp"

namespace metasc::escape {

struct Well {
  std::string name;                   ///< "bcs", "cubic" or "quartic"
  physics::Potential potential;       ///< V(Q) [meV per site]
  physics::Potential slope;           ///< V'(Q) [meV per site]
  physics::CriticalPoints critical;   ///< Q_B, Q_MS and V there (a metastable landscape)
  double curvature_barrier_meV;       ///< V''(Q_B) < 0
  double curvature_metastable_meV;    ///< V''(Q_MS) > 0
  stochastic::ForceTable table;       ///< V, V' for the Langevin integrators
};

/// The Q > Q_MS where `potential` rises to `level_meV` (> V(Q_MS)) on the outer wall
/// of the metastable well. Throws NumericalError if the wall never gets there.
double outer_point(const physics::Potential& potential, const physics::CriticalPoints& critical, double level_meV);

/// The BCS landscape of `model` at `temperature_K` [K], tabulated with `points` nodes on
/// [0, outer edge] (landscape.points). Throws ConfigError naming bath.temperature_K
/// when the landscape has no metastable well at that temperature.
Well bcs_well(const physics::Model& model, double temperature_K, int points, double phonon_energy_meV);

/// An analytic test well, tabulated with `points` nodes on [0, Q_edge], Q_edge the
/// outer point `table_reach_meV` above the barrier energy (the table's harmonic tails
/// take over beyond, where no trajectory ever goes).
Well analytic_well(const physics::AnalyticWell& shape, const std::string& name, int points, double table_reach_meV,
                   double phonon_energy_meV);

}  // namespace metasc::escape
