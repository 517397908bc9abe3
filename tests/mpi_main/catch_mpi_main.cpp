// Catch2 main for the MPI tier: every rank runs every test case; failures on any
// rank make the process exit non-zero, so mpiexec reports the test as failed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "metasc/parallel/environment.hpp"

int main(int argc, char** argv) {
  metasc::Environment environment;
  Catch::Session session;
  if (environment.rank() != 0) {
    // Only rank 0 reports, so the log is readable; other ranks still fail loudly.
    session.configData().outputFilename = "%stderr";
  }
  const int failures = session.run(argc, argv);
  return environment.all_agree(failures == 0) ? 0 : 1;
}
