#pragma once
/// PETSc started and stopped around the programs that solve with it (the
/// exact MFPT's KSP, the kinetics' TS, the lattice's DMDA): metasc-escape,
/// metasc-kinetics, metasc-nucleation and the MPI-tier tests each hold one
/// for their whole run. The other programs neither start PETSc nor, linked
/// with --as-needed, load its ~100 shared libraries: metasc-ensemble's
/// start-up is the dynamic linker's work on them otherwise (README,
/// "Benchmarks"). Needs MPI up (Environment) and ends before it.
namespace metasc {

class PetscSession {
 public:
  PetscSession();
  ~PetscSession();
  PetscSession(const PetscSession&) = delete;
  PetscSession& operator=(const PetscSession&) = delete;
};

}  // namespace metasc
