#pragma once
/// Writes metasc-ensemble's results: /landscape, /ensemble, /stats, /pulses.
#include <vector>

#include "metasc/io/h5_writer.hpp"
#include "metasc/stochastic/ensemble_job.hpp"

namespace metasc::io {

void write_ensemble(H5Writer& writer, const stochastic::EnsembleJob& job,
                    const std::vector<stochastic::PulseOutcome>& outcomes);

}  // namespace metasc::io
