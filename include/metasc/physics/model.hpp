#pragma once
/// The physical model assembled from validated parameters: the band (ν, ω_c = ħω)
/// and the pairing U(Q) with U0 fixed by exactly one of T_c, Δ0 or U0.
#include "metasc/config/model_params.hpp"
#include "metasc/physics/bcs.hpp"
#include "metasc/physics/pairing.hpp"

namespace metasc::physics {

struct Model {
  BcsBand band;
  PairingModel pairing;
};

Model build_model(const config::PhononParams& phonon, const config::ElectronParams& electrons);

}  // namespace metasc::physics
