#pragma once
/// A periodic lattice of L_1 × … × L_d cells (d = 1, 2, 3), stored row-major
/// (the last extent fastest), and its nearest-neighbour sum Σ_{c'∈nn(c)} Q_c',
/// the only spatial operation the coupling κ Σ (Q_c − Q_c') of PHYSICS.md §8
/// needs. A neighbour appears as often as it is a neighbour: with L_i = 2 the
/// other cell counts twice (two bonds close the ring), with L_i = 1 the cell is
/// its own neighbour (a bond of zero length), so the lattice-mode frequencies
/// ħω + 4κ Σ sin²(k_i/2) hold for every extent.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace metasc::nucleation {

class PeriodicLattice {
 public:
  /// Throws metasc::Error unless there are 1 to 3 extents, each ≥ 1.
  explicit PeriodicLattice(std::vector<std::int64_t> extents);

  int dimensions() const { return static_cast<int>(extents_.size()); }
  const std::vector<std::int64_t>& extents() const { return extents_; }
  /// M = Π L_i.
  std::size_t cells() const { return cells_; }
  /// Global index of the cell at integer coordinates (each taken modulo its extent).
  std::size_t index(const std::array<std::int64_t, 3>& coordinates) const;

  /// sum[c] = Σ_{c'∈nn(c)} Q[c'] for every cell. Q and sum hold cells() values
  /// and must not overlap. Runs along contiguous rows so that the loops vectorise.
  void neighbour_sum(const double* Q, double* sum) const;

 private:
  std::vector<std::int64_t> extents_;
  std::size_t cells_;
};

}  // namespace metasc::nucleation
