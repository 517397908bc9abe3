#include "metasc/config/ensemble_params.hpp"
#include "metasc/config/escape_params.hpp"
#include "metasc/config/field_params.hpp"
#include "metasc/config/kinetics_params.hpp"
#include "metasc/config/landscape_params.hpp"
#include "metasc/config/langevin_params.hpp"
#include "metasc/config/model_params.hpp"
#include "metasc/config/options.hpp"
#include "metasc/config/pulse_params.hpp"
#include "metasc/config/run_params.hpp"

namespace metasc::config {

const Registry& registry() {
  static const Registry all_keys = [] {
    Registry keys;
    declare_model_keys(keys);
    declare_landscape_keys(keys);
    declare_ensemble_keys(keys);
    declare_pulse_keys(keys);
    declare_langevin_keys(keys);
    declare_kinetics_keys(keys);
    declare_escape_keys(keys);
    declare_field_keys(keys);
    declare_run_keys(keys);
    return keys;
  }();
  return all_keys;
}

}  // namespace metasc::config
