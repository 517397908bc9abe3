#pragma once
/// metasc-nucleation's results: the /nucleation group of the HDF5 file
/// (INTERFACE.md) and the summary printed on rank 0.
#include <ostream>

#include "metasc/io/h5_writer.hpp"
#include "metasc/nucleation/job.hpp"

namespace metasc::nucleation {

void write_nucleation(io::H5Writer& writer, const NucleationJob& job, const NucleationOutcome& outcome);
void print_nucleation(std::ostream& out, const NucleationJob& job, const NucleationOutcome& outcome);

}  // namespace metasc::nucleation
