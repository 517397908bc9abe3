#pragma once
/// [ensemble]: what metasc-ensemble observes and when (PHYSICS.md §7), and the
/// escape-statistics keys it reads from [escape].
#include <cstdint>

#include "metasc/config/options.hpp"

namespace metasc::config {

struct EnsembleParams {
  double settle_ps;           ///< check time = end of the pulse + settle_ps
  double output_interval_ps;  ///< spacing of the moment and sample grid
  std::int64_t samples;       ///< first K trajectories recorded on the output grid
  double margin_kT;           ///< escape.margin_kT
  double transient_ps;        ///< escape.transient_ps: discarded before the rate is estimated
  bool kinetics;              ///< kinetics.enabled: every trajectory drives its own n(t)
  double kinetics_interval_ps;  ///< coupling interval of the kinetics' coarse clock
  bool back_action;           ///< kinetics.back_action: the force uses each trajectory's kinetic gap
  bool kinetics_table;        ///< kinetics.solver = table (else direct)
  double table_tolerance;     ///< kinetics.table_tolerance

  static EnsembleParams from(const Config& config);
};

void declare_ensemble_keys(Registry& registry);

}  // namespace metasc::config
