#pragma once
/// Writes metasc-ensemble's results: /landscape, /ensemble, /stats, /pulses.
#include <vector>

#include "metasc/ensemble/job.hpp"
#include "metasc/io/h5_writer.hpp"

namespace metasc::ensemble {

void write_ensemble(io::H5Writer& writer, const EnsembleJob& job, const std::vector<PulseOutcome>& outcomes);

}  // namespace metasc::ensemble
