#include "metasc/config/diagram.hpp"

#include <cmath>
#include <limits>

#include "metasc/config/model.hpp"
#include "metasc/units.hpp"

namespace metasc::config {

using physics::blocking_kT;
using physics::Landscape;
using physics::Model;

DiagramPoint diagram_point(const config::PhononParams& phonon, config::ElectronParams electrons, double dos_per_meV,
                           double splitting_meV, double temperature_K) {
  electrons.dos_per_meV = dos_per_meV;
  electrons.splitting_meV = splitting_meV;
  const Model model = build_model(phonon, electrons);
  const double kT = units::kT_meV(temperature_K);
  const auto critical = Landscape(model.band, model.pairing, kT).critical_points();
  // Reuse the classification already done: blocking_kT repeats it only to find the dip.
  const double blocking = std::isnan(critical.Q_metastable) ? std::numeric_limits<double>::quiet_NaN()
                                                            : units::kelvin(blocking_kT(model.band, model.pairing, kT));
  return {critical.kind, blocking};
}

}  // namespace metasc::config
