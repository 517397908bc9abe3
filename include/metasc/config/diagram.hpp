#pragma once
/// One point of the metastability diagram (Fig. 2b): the landscape class at a
/// temperature and T_B, for given ν(0) and ΔE with the rest of the model fixed.
#include "metasc/config/model_params.hpp"
#include "metasc/physics/landscape.hpp"

namespace metasc::config {

struct DiagramPoint {
  physics::LandscapeClass kind;
  double blocking_temperature_K;  ///< NaN without a non-trivial minimum
};

/// U0 is re-derived at each (ν, ΔE) from whichever of T_c, Δ0, U0 the input fixes.
DiagramPoint diagram_point(const PhononParams& phonon, ElectronParams electrons, double dos_per_meV,
                           double splitting_meV, double temperature_K);

}  // namespace metasc::config
