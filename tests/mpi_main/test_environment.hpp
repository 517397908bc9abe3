#pragma once
/// The Environment (MPI + PETSc) brought up by the MPI-tier test main.
#include "metasc/parallel/environment.hpp"

const metasc::Environment& test_environment();
