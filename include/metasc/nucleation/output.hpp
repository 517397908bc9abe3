#pragma once
/// What metasc-nucleation writes (INTERFACE.md /nucleation/...) and prints.
#include <iosfwd>

#include "metasc/io/h5_writer.hpp"
#include "metasc/nucleation/job.hpp"

namespace metasc::nucleation {

/// /nucleation: f_SC on the output grid, first_time_ps per lattice, Q_final
/// (lattices, L1[, L2[, L3]]), the rate per cell with its 95 % interval and the
/// barriers, each with its units; /landscape attributes of the cells' well.
void write_nucleation(io::H5Writer& writer, const NucleationJob& job, const NucleationOutcome& outcome);

/// The one-screen summary (rank 0).
void print_nucleation(std::ostream& out, const NucleationJob& job, const NucleationOutcome& outcome);

}  // namespace metasc::nucleation
