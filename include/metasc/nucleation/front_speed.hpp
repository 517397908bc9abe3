#pragma once
/// The growth of a normal droplet from a seeded supercritical nucleus
/// (field.start = seeded, PHYSICS.md §8 "front speed"): the nucleus is every
/// cell within the seed radius R₀ of the lattice's centre point, (L_i − 1)/2 in
/// cell coordinates. The front's radius is read from the normal cells
/// (|Q_c| ≤ Q_B) as that of a d-ball of the same volume, ω_d R^d = V with
/// ω_1 = 2 (two fronts), ω_2 = π, ω_3 = 4π/3. The metastable phase has normal
/// cells of its own (thermal excursions below Q_B, ~1% at N_s = 20) which would
/// bias a small droplet's radius up: their fraction b is measured, at every
/// output time, in the far region — the cells farther than 0.45 min L_i from the
/// centre, which the front does not reach before the fit ends at 0.4 min L_i —
/// and taken out of the near region's count: V = (N_near − b M_near)/(1 − b).
/// The front speed v is the least-squares slope of R(t) per lattice over the
/// window from the transient to the first output time at which the lattices'
/// mean radius passes 0.4 min L_i (before the droplet meets its periodic
/// images), and v with its 95 % interval is the Student-t mean over the
/// independent lattices. Radii in cells, times in ps.
#include <cstdint>
#include <span>
#include <vector>

#include "metasc/stats/mean_interval.hpp"

namespace metasc::nucleation {

/// The fit ends, and the far region starts, at these fractions of the smallest extent.
inline constexpr double front_fit_end_fraction = 0.4;
inline constexpr double far_region_fraction = 0.45;

/// V = ω_d R^d [cells] of a d-ball, and its inverse.
double ball_cells(double radius_cells, int dimension);
double ball_radius_cells(double cells, int dimension);

class SeedGeometry {
 public:
  /// Throws ConfigError naming field.seed_radius_cells unless 0 < R₀ ≤ 0.25 min L_i
  /// (room to grow to the fit's end) and the nucleus holds a cell.
  SeedGeometry(const std::vector<std::int64_t>& extents, double seed_radius_cells);

  /// Cell `cell` (row-major natural index) lies in the seeded nucleus.
  bool in_seed(std::uint64_t cell) const { return squared_distance(cell) <= seed_radius_ * seed_radius_; }
  /// Cell `cell` lies in the far region that measures the metastable phase's own normal cells.
  bool far(std::uint64_t cell) const { return squared_distance(cell) > far_radius_ * far_radius_; }

  int dimension() const { return static_cast<int>(extents_.size()); }
  double seed_radius_cells() const { return seed_radius_; }
  /// 0.4 min L_i: the radius at which the fit ends.
  double fit_end_radius_cells() const { return front_fit_end_fraction * min_extent_; }
  std::uint64_t cells() const { return cells_; }
  std::uint64_t seed_cells() const { return seed_cells_; }
  std::uint64_t far_cells() const { return far_cells_; }

  /// R(t) of one lattice from its superconducting counts on the output grid,
  /// all cells and the far region's; NaN where the far region has no superconducting cell left.
  std::vector<double> front_radius_cells(std::span<const std::int32_t> superconducting,
                                         std::span<const std::int32_t> far_superconducting) const;

 private:
  double squared_distance(std::uint64_t cell) const;

  std::vector<std::int64_t> extents_;
  double seed_radius_, min_extent_, far_radius_;
  std::uint64_t cells_ = 1, seed_cells_ = 0, far_cells_ = 0;
};

struct FrontSpeed {
  stats::MeanEstimate speed_cells_per_ps;   ///< v over the lattices with its 95 % interval (NaN: no window)
  std::vector<double> per_lattice_cells_per_ps;  ///< each lattice's slope over the window
  double fit_start_ps;                      ///< the window's first output time (NaN: no window)
  double fit_end_ps;                        ///< its last
  std::size_t fit_points;                   ///< output times in it; < 3 leaves v NaN
};

/// `radius_cells` holds lattices × time_ps.size() values, lattice-major. The
/// window starts at the first output time ≥ `transient_ps` and ends before the
/// first one whose mean radius exceeds `fit_end_radius_cells` (or is NaN).
/// Needs ≥ 2 lattices.
FrontSpeed fit_front_speed(std::span<const double> time_ps, std::span<const double> radius_cells,
                           double transient_ps, double fit_end_radius_cells);

}  // namespace metasc::nucleation
