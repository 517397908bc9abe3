// metasc-nucleation: nucleation in space (PHYSICS.md §8) — lattices of coupled
// coherent domains in the metastable landscape; the superconducting volume
// fraction, the first-nucleation time of every lattice and the rate per cell.
#include <optional>

#include "metasc/config/run_params.hpp"
#include "metasc/drivers/program.hpp"
#include "metasc/io/h5_writer.hpp"
#include "metasc/nucleation/job.hpp"
#include "metasc/nucleation/output.hpp"

namespace {

using namespace metasc;

void run(const Environment& environment, const config::Config& configuration, const config::CommandLine&) {
  std::optional<nucleation::NucleationJob> job;
  config::OutputParams output{};
  environment.collectively([&] {
    output = config::OutputParams::from(configuration);
    job = nucleation::NucleationJob::from(configuration);
    if (environment.is_root()) io::check_writable("output.file", output.file);
  });
  const auto outcome = nucleation::run_nucleation(environment, *job, output.progress);
  environment.collectively([&] {
    if (!environment.is_root()) return;
    io::H5Writer writer(output.file);
    writer.configuration(configuration, "metasc-nucleation", environment.size());
    nucleation::write_nucleation(writer, *job, outcome);
    writer.commit();
    nucleation::print_nucleation(environment.out(), *job, outcome);
    environment.out() << "  results: " << output.file << "\n";
  });
}

}  // namespace

int main(int argc, char** argv) {
  return metasc::run_program(
      {.name = "metasc-nucleation",
       .purpose = "nucleation in space: lattices of coupled domains, volume fraction, first nucleation, rate per cell"},
      argc, argv, run);
}
