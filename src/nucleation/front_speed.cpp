#include "metasc/nucleation/front_speed.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"

namespace metasc::nucleation {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// ω_d: the volume of the unit d-ball (d = 1: the two ends of a segment of length 2).
double unit_ball(int dimension) {
  switch (dimension) {
    case 1: return 2.0;
    case 2: return std::numbers::pi;
    case 3: return 4.0 * std::numbers::pi / 3.0;
    default: throw Error("a d-ball needs d = 1, 2 or 3 (got " + std::to_string(dimension) + ")");
  }
}

/// Least-squares slope of y against x over [first, last).
double slope(std::span<const double> x, std::span<const double> y, std::size_t first, std::size_t last) {
  const double n = static_cast<double>(last - first);
  double x_mean = 0.0, y_mean = 0.0;
  for (std::size_t i = first; i < last; ++i) {
    x_mean += x[i];
    y_mean += y[i];
  }
  x_mean /= n;
  y_mean /= n;
  double covariance = 0.0, variance = 0.0;
  for (std::size_t i = first; i < last; ++i) {
    covariance += (x[i] - x_mean) * (y[i] - y_mean);
    variance += (x[i] - x_mean) * (x[i] - x_mean);
  }
  return covariance / variance;
}

}  // namespace

double ball_cells(double radius_cells, int dimension) {
  return unit_ball(dimension) * std::pow(radius_cells, dimension);
}

double ball_radius_cells(double cells, int dimension) {
  return std::pow(cells / unit_ball(dimension), 1.0 / dimension);
}

SeedGeometry::SeedGeometry(const std::vector<std::int64_t>& extents, double seed_radius_cells)
    : extents_(extents), seed_radius_(seed_radius_cells) {
  min_extent_ = static_cast<double>(*std::ranges::min_element(extents_));
  far_radius_ = far_region_fraction * min_extent_;
  for (const auto extent : extents_) cells_ *= static_cast<std::uint64_t>(extent);
  const double largest = 0.25 * min_extent_;
  if (!(seed_radius_ > 0.0 && seed_radius_ <= largest)) {
    throw ConfigError("field.seed_radius_cells must be > 0 and <= 0.25 x the smallest extent of field.cells = " +
                      format_number(largest) + " cells, so the front can grow to the fit's end at 0.4 x (got " +
                      format_number(seed_radius_) + ")");
  }
  for (std::uint64_t c = 0; c < cells_; ++c) {
    seed_cells_ += in_seed(c) ? 1 : 0;
    far_cells_ += far(c) ? 1 : 0;
  }
  if (seed_cells_ == 0) {
    throw ConfigError("field.seed_radius_cells = " + format_number(seed_radius_) +
                      " holds no cell around the lattice's centre point (L_i - 1)/2: take a radius of at least " +
                      format_number(std::sqrt(0.25 * static_cast<double>(extents_.size()))) + " cells");
  }
}

double SeedGeometry::squared_distance(std::uint64_t cell) const {
  double sum = 0.0;
  for (auto axis = extents_.size(); axis-- > 0;) {
    const auto extent = static_cast<std::uint64_t>(extents_[axis]);
    const double offset = static_cast<double>(cell % extent) - 0.5 * static_cast<double>(extent - 1);
    sum += offset * offset;
    cell /= extent;
  }
  return sum;
}

std::vector<double> SeedGeometry::front_radius_cells(std::span<const std::int32_t> superconducting,
                                                     std::span<const std::int32_t> far_superconducting) const {
  const double far_cells = static_cast<double>(far_cells_);
  const double near_cells = static_cast<double>(cells_) - far_cells;
  std::vector<double> radius;
  for (std::size_t i = 0; i < superconducting.size(); ++i) {
    const double far_normal = far_cells - far_superconducting[i];
    const double near_normal = static_cast<double>(cells_) - superconducting[i] - far_normal;
    const double background = far_normal / far_cells;
    const double volume = (near_normal - background * near_cells) / (1.0 - background);
    radius.push_back(background < 1.0 ? ball_radius_cells(std::max(volume, 0.0), dimension()) : nan);
  }
  return radius;
}

FrontSpeed fit_front_speed(std::span<const double> time_ps, std::span<const double> radius_cells,
                           double transient_ps, double fit_end_radius_cells) {
  const std::size_t times = time_ps.size();
  const std::size_t lattices = times == 0 ? 0 : radius_cells.size() / times;
  if (lattices < 2 || lattices * times != radius_cells.size()) {
    throw NumericalError("fit_front_speed: needs radii of at least 2 lattices on the output grid");
  }
  std::size_t first = 0;
  while (first < times && time_ps[first] < transient_ps) ++first;
  std::size_t last = first;
  for (; last < times; ++last) {
    double mean = 0.0;
    for (std::size_t l = 0; l < lattices; ++l) mean += radius_cells[l * times + last];
    if (!(mean / static_cast<double>(lattices) <= fit_end_radius_cells)) break;
  }
  FrontSpeed fit{.speed_cells_per_ps = {nan, nan, nan},
                 .per_lattice_cells_per_ps = {},
                 .fit_start_ps = last > first ? time_ps[first] : nan,
                 .fit_end_ps = last > first ? time_ps[last - 1] : nan,
                 .fit_points = last - first};
  if (fit.fit_points < 3) return fit;
  for (std::size_t l = 0; l < lattices; ++l) {
    fit.per_lattice_cells_per_ps.push_back(slope(time_ps, radius_cells.subspan(l * times, times), first, last));
  }
  fit.speed_cells_per_ps = stats::mean_with_interval(fit.per_lattice_cells_per_ps);
  return fit;
}

}  // namespace metasc::nucleation
