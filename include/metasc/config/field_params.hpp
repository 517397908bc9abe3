#pragma once
/// Parameters of the [field] section: the lattice of coherent domains of
/// metasc-nucleation (PHYSICS.md §8). κ in meV per site per ℓ0².
#include <cstdint>
#include <vector>

#include "metasc/config/options.hpp"

namespace metasc::config {

struct FieldParams {
  std::vector<std::int64_t> cells;  ///< L_1[, L_2[, L_3]] ≥ 1: d = cells.size() ∈ {1, 2, 3}
  double stiffness_meV;             ///< κ ≥ 0
  std::int64_t lattices;            ///< independent lattices, run one after another

  /// L_1 ⋯ L_d.
  std::int64_t cell_count() const;

  /// Throws ConfigError naming field.cells unless it has 1 to 3 positive integers.
  static FieldParams from(const Config& config);
};

void declare_field_keys(Registry& registry);

}  // namespace metasc::config
