#include "metasc/config/model.hpp"

#include "metasc/physics/bcs.hpp"
#include "metasc/units.hpp"

namespace metasc::config {

using physics::BcsBand;
using physics::Model;
using physics::pairing_from_critical_kT;
using physics::pairing_from_zero_temperature_gap;
using physics::PairingModel;

Model build_model(const config::PhononParams& phonon, const config::ElectronParams& electrons) {
  const BcsBand band{.dos_per_meV = electrons.dos_per_meV, .cutoff_meV = phonon.energy_meV};
  double bare_meV = electrons.pairing_value;
  switch (electrons.pairing_fix) {
    case config::PairingFix::critical_temperature:
      bare_meV = pairing_from_critical_kT(band, units::kT_meV(electrons.pairing_value));
      break;
    case config::PairingFix::zero_temperature_gap:
      bare_meV = pairing_from_zero_temperature_gap(band, electrons.pairing_value);
      break;
    case config::PairingFix::bare_pairing: break;
  }
  return {band, PairingModel{.bare_meV = bare_meV,
                             .coupling_meV = phonon.coupling_meV,
                             .phonon_energy_meV = phonon.energy_meV,
                             .splitting_meV = electrons.splitting_meV}};
}

}  // namespace metasc::config
