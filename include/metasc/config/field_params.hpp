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
  pulse        ///< in the normal well at Q = 0, then the pump of [pulse] (one pulse) traps it
};

struct FieldParams {
  std::vector<std::int64_t> cells;  ///< L_1[, L_2[, L_3]] ≥ 1 each
  double stiffness_meV;             ///< κ ≥ 0
  std::int64_t lattices;            ///< independent lattices
  bool decompose;                   ///< each lattice spread over all ranks (DMDA) rather than dealt whole
  bool saddle;                      ///< search the critical droplet
  double commit_ps;                 ///< a nucleated cell's stay in the relaxed normal well [ps]
  FieldStart start;

  /// Cells per lattice, M = Π L_i.
  std::int64_t cells_per_lattice() const;

  /// Throws ConfigError naming field.cells for more than 3 extents, one that
  /// is not a positive integer, or one below 2 with field.decompose; field.commit_ps
  /// with field.decompose.
  static FieldParams from(const Config& config);
};

void declare_field_keys(Registry& registry);

}  // namespace metasc::config
