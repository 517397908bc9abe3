// Catch2 main for the unit tier: one process, no MPI and no PETSc (the tests
// that need them, a DMDA even on MPI_COMM_SELF, are in the MPI tier).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char** argv) { return Catch::Session().run(argc, argv); }
