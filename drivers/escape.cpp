// metasc-escape: the escape (nucleation) rate of the metastable well by rate
// theory, the exact mean first-passage time and sampling, side by side, at one
// damping and optionally over a scan of dampings (the turnover curve).
#include "metasc/drivers/program.hpp"
#include "metasc/drivers/single_job.hpp"
#include "metasc/escape/job.hpp"
#include "metasc/escape/output.hpp"
#include "metasc/parallel/petsc_session.hpp"

namespace {

using namespace metasc;

void run(const Environment& environment, const config::Config& configuration,
         const config::CommandLine& command_line) {
  const PetscSession petsc;  // the exact MFPT's KSP
  run_single_job<escape::EscapeJob>(environment, configuration, command_line, "metasc-escape", escape::run_escape, escape::write_escape,
                                    escape::print_escape);
}

}  // namespace

int main(int argc, char** argv) {
  return metasc::run_program(
      {.name = "metasc-escape",
       .purpose = "escape rate of the metastable well: rate theory, exact MFPT (PETSc) and sampling, side by side"},
      argc, argv, run);
}
