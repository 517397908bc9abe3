// Catch2 main for the unit tier: one process. MPI and PETSc are started
// because the critical-droplet search (a DMDA) runs on MPI_COMM_SELF here.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "metasc/parallel/environment.hpp"

int main(int argc, char** argv) {
  const metasc::Environment mpi_and_petsc;
  return Catch::Session().run(argc, argv);
}
