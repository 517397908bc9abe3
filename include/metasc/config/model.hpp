#pragma once
/// The physical model assembled from validated parameters: U0 fixed by exactly
/// one of T_c, Δ0 or U0.
#include "metasc/config/model_params.hpp"
#include "metasc/physics/model.hpp"

namespace metasc::config {

physics::Model build_model(const PhononParams& phonon, const ElectronParams& electrons);

}  // namespace metasc::config
