#pragma once
/// Writes a landscape summary under /landscape (INTERFACE.md).
#include "metasc/io/h5_writer.hpp"
#include "metasc/physics/landscape_summary.hpp"

namespace metasc::io {

void write_landscape(H5Writer& writer, const physics::LandscapeSummary& summary);

}  // namespace metasc::io
