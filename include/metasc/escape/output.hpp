#pragma once
/// metasc-escape's report: the /escape group of the results file (rates,
/// intervals, costs, the γ scan) and the one-screen table on standard output.
/// Wall-clock seconds live in /escape/wall_s only, so that everything else in
/// /escape is the same, bit for bit, on any number of ranks.
#include <ostream>

#include "metasc/escape/job.hpp"
#include "metasc/io/h5_writer.hpp"

namespace metasc::escape {

void write_escape(io::H5Writer& writer, const EscapeJob& job, const EscapeOutcome& outcome);

void print_escape(std::ostream& out, const EscapeJob& job, const EscapeOutcome& outcome);

}  // namespace metasc::escape
