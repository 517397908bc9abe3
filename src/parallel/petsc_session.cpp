#include "metasc/parallel/petsc_session.hpp"

#include <petscsys.h>

#include "metasc/parallel/petsc_check.hpp"

namespace metasc {

PetscSession::PetscSession() {
  // SLURM's SIGTERM/SIGUSR1 belong to metasc's checkpointing, not to PETSc's
  // debugger-oriented handler; PETSc must not see metasc's --section.key options.
  PETSC_CHECK(PetscOptionsSetValue(nullptr, "-no_signal_handler", nullptr));
  PETSC_CHECK(PetscInitializeNoArguments());
}

PetscSession::~PetscSession() { PetscFinalize(); }

}  // namespace metasc
