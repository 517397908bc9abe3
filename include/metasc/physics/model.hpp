#pragma once
/// The physical model: the band (ν, ω_c = ħω) and the pairing U(Q) with U0
/// fixed (config::build_model assembles it from validated parameters).
#include "metasc/physics/bcs.hpp"
#include "metasc/physics/pairing.hpp"

namespace metasc::physics {

struct Model {
  BcsBand band;
  PairingModel pairing;
};

}  // namespace metasc::physics
