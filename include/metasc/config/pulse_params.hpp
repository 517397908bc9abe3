#pragma once
/// Parameters of the [pulse] section.
#include "metasc/config/options.hpp"

namespace metasc::config {

void declare_pulse_keys(Registry& registry);

}  // namespace metasc::config
