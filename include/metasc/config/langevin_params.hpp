#pragma once
/// Parameters of the [langevin] section.
#include "metasc/config/options.hpp"

namespace metasc::config {

void declare_langevin_keys(Registry& registry);

}  // namespace metasc::config
