#include "metasc/io/landscape_output.hpp"

namespace metasc::io {

void write_landscape(H5Writer& writer, const physics::LandscapeSummary& summary) {
  writer.dataset("/landscape/Q", summary.Q, "oscillator length");
  writer.dataset("/landscape/V_meV", summary.potential_meV, "meV");
  writer.dataset("/landscape/dVdQ_meV", summary.slope_meV, "meV");
  writer.dataset("/landscape/Delta_meV", summary.gap_meV, "meV");
  writer.dataset("/landscape/curves/temperature_K", summary.curve_temperatures_K, "K");
  writer.dataset("/landscape/curves/V_meV", summary.curve_potential_meV, "meV",
                 {summary.curve_temperatures_K.size(), summary.Q.size()});
  const auto& critical = summary.critical;
  writer.attribute("/landscape", "class", std::string(physics::class_name(critical.kind)));
  writer.attribute("/landscape", "temperature_K", summary.temperature_K);
  writer.attribute("/landscape", "Q_barrier", critical.Q_barrier);
  writer.attribute("/landscape", "Q_metastable", critical.Q_metastable);
  writer.attribute("/landscape", "V_origin_meV", critical.V_origin_meV);
  writer.attribute("/landscape", "V_barrier_meV", critical.V_barrier_meV);
  writer.attribute("/landscape", "V_metastable_meV", critical.V_metastable_meV);
  writer.attribute("/landscape", "curvature_origin_meV", critical.curvature_origin_meV);
  writer.attribute("/landscape", "T_B_K", summary.blocking_temperature_K);
  writer.attribute("/landscape", "U0_meV", summary.bare_pairing_meV);
  writer.attribute("/landscape", "Tc_K", summary.critical_temperature_K);
}

}  // namespace metasc::io
