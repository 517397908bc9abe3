#pragma once
/// Parameters of the [escape] section.
#include "metasc/config/options.hpp"

namespace metasc::config {

void declare_escape_keys(Registry& registry);

}  // namespace metasc::config
