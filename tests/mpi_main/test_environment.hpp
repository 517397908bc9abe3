#pragma once
/// The Environment brought up, with a PetscSession, by the MPI-tier test main.
#include "metasc/parallel/environment.hpp"

const metasc::Environment& test_environment();
