// metasc-nucleation: nucleation in space (PHYSICS.md §8) — lattices of coupled
// coherent domains in the metastable landscape; the superconducting volume
// fraction, the first-nucleation time of every lattice and the rate per cell.
#include "metasc/drivers/program.hpp"
#include "metasc/drivers/single_job.hpp"
#include "metasc/nucleation/job.hpp"
#include "metasc/nucleation/output.hpp"
#include "metasc/parallel/petsc_session.hpp"

namespace {

using namespace metasc;

void run(const Environment& environment, const config::Config& configuration,
         const config::CommandLine& command_line) {
  const PetscSession petsc;  // the lattice's DMDA
  run_single_job<nucleation::NucleationJob>(environment, configuration, command_line, "metasc-nucleation",
                                            nucleation::run_nucleation, nucleation::write_nucleation,
                                            nucleation::print_nucleation);
}

}  // namespace

int main(int argc, char** argv) {
  return metasc::run_program(
      {.name = "metasc-nucleation",
       .purpose = "nucleation in space: lattices of coupled domains, volume fraction, first nucleation, rate per cell",
       .accepts_restart = true},
      argc, argv, run);
}
