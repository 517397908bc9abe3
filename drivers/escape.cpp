// metasc-escape: the escape (nucleation) rate of the metastable well by rate
// theory, the exact mean first-passage time and sampling, side by side, at one
// damping and optionally over a scan of dampings (the turnover curve).
#include <optional>

#include "metasc/config/run_params.hpp"
#include "metasc/drivers/program.hpp"
#include "metasc/escape/job.hpp"
#include "metasc/escape/output.hpp"
#include "metasc/io/h5_writer.hpp"

namespace {

using namespace metasc;

void run(const Environment& environment, const config::Config& configuration, const config::CommandLine&) {
  std::optional<escape::EscapeJob> job;
  config::OutputParams output{};
  environment.collectively([&] {
    output = config::OutputParams::from(configuration);
    job = escape::EscapeJob::from(configuration);
    if (environment.is_root()) io::check_writable("output.file", output.file);
  });
  const auto outcome = escape::run_escape(environment, *job, output.progress);
  environment.collectively([&] {
    if (!environment.is_root()) return;
    io::H5Writer writer(output.file);
    writer.configuration(configuration, "metasc-escape", environment.size());
    escape::write_escape(writer, *job, outcome);
    writer.commit();
    escape::print_escape(environment.out(), *job, outcome);
    environment.out() << "  results: " << output.file << "\n";
  });
}

}  // namespace

int main(int argc, char** argv) {
  return metasc::run_program(
      {.name = "metasc-escape",
       .purpose = "escape rate of the metastable well: rate theory, exact MFPT (PETSc) and sampling, side by side"},
      argc, argv, run);
}
