#pragma once
/// Parameters of the [kinetics] section.
#include "metasc/config/options.hpp"

namespace metasc::config {

void declare_kinetics_keys(Registry& registry);

}  // namespace metasc::config
