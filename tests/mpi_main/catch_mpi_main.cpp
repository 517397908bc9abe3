// Catch2 main for the MPI tier: every rank runs every test case; a failure on
// any rank makes every rank exit non-zero, so mpiexec reports the test failed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "metasc/parallel/petsc_session.hpp"
#include "test_environment.hpp"

namespace {
const metasc::Environment* environment = nullptr;
}

const metasc::Environment& test_environment() { return *environment; }

int main(int argc, char** argv) {
  metasc::Environment mpi;
  const metasc::PetscSession petsc;
  environment = &mpi;
  Catch::Session session;
  // Only rank 0 reports, so the log is readable; other ranks still fail loudly.
  if (mpi.rank() != 0) session.configData().outputFilename = "/dev/stderr";
  const int failures = session.run(argc, argv);
  return mpi.all_agree(failures == 0) ? 0 : 1;
}
