#pragma once
/// The lifetime integrator of metasc-kinetics: n(t) by an adaptive PETSc TS
/// (Dormand–Prince RK5) with TSEvent locating τ_MS and the full collapse
/// (physics/kinetics_lifetime.hpp says what they are). It runs on
/// PETSC_COMM_SELF, needs PETSc initialised (metasc::Environment) and
/// communicates with no other rank.
#include "metasc/physics/kinetics.hpp"
#include "metasc/physics/kinetics_lifetime.hpp"

namespace metasc::kinetics {

/// Throws NumericalError when the state or the integrator fails.
physics::TrappedLifetime trapped_lifetime(const physics::QuasiparticleRate& rate,
                                          const physics::KineticsConditions& relaxed, double edge_meV,
                                          double initial_density, const physics::LifetimeOptions& options);

}  // namespace metasc::kinetics
