// metasc-nucleation: a periodic lattice of coherent domains coupled by κ
// (PHYSICS.md §8), decomposed over the ranks, from the metastable well:
// superconducting fraction f_SC(t), first-nucleation times, rate per cell.
#include <optional>

#include "metasc/config/run_params.hpp"
#include "metasc/drivers/program.hpp"
#include "metasc/nucleation/job.hpp"
#include "metasc/nucleation/output.hpp"
#include "metasc/io/h5_writer.hpp"

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
       .purpose = "nucleation on a lattice of coherent domains (PETSc DMDA): f_SC(t), first-nucleation times, rate per cell"},
      argc, argv, run);
}
