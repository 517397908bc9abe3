#pragma once
/// Parameters of the [field] section: the lattice of coherent domains of
/// PHYSICS.md §8 (metasc-nucleation). κ in meV per site per ℓ0².
#include <cstdint>
#include <vector>

#include "metasc/config/options.hpp"

namespace metasc::config {

/// How every cell of a lattice starts.
enum class FieldStart {
  metastable,  ///< at Q_MS with a thermal spread, no pump: the rate of nucleation from the trapped state
  pulse,       ///< in the normal well at Q = 0, then the pump of [pulse] (one pulse) traps it
  seeded,      ///< at rest at Q_MS, but a nucleus of radius seed_radius_cells at rest at Q = 0: the front speed
  rest         ///< at rest at Q_MS with thermal momenta, no pump: no burst of droplets from the start (KJMA)
};

struct FieldParams {
  std::vector<std::int64_t> cells;  ///< L_1[, L_2[, L_3]] ≥ 1 each
  double stiffness_meV;             ///< κ ≥ 0
  std::int64_t lattices;            ///< independent lattices
  bool decompose;                   ///< each lattice spread over all ranks (DMDA) rather than dealt whole
  bool saddle;                      ///< search the critical droplet
  double commit_ps;                 ///< a nucleated cell's stay in the relaxed normal well [ps]
  FieldStart start;
  double seed_radius_cells;         ///< field.start = seeded: R₀ of the normal nucleus [cells]; 0 otherwise
  std::int64_t snapshots;           ///< Q of lattice 0 kept at this many times from 0 to t_end (0: none)

  /// Cells per lattice, M = Π L_i.
  std::int64_t cells_per_lattice() const;

  /// Throws ConfigError naming field.cells for more than 3 extents, one that
  /// is not a positive integer, or one below 2 with field.decompose; field.commit_ps
  /// with field.decompose; field.seed_radius_cells without field.start = seeded
  /// (its range is SeedGeometry's), field.lattices < 2 with it; field.snapshots = 1.
  static FieldParams from(const Config& config);
};

void declare_field_keys(Registry& registry);

}  // namespace metasc::config
