#include "metasc/escape/orbit_mesh.hpp"

#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "metasc/error.hpp"

namespace metasc::escape {

namespace {

/// The share of the shell's depth that a crowded row keeps (see orbit_mesh.hpp): small,
/// so that the rows are contours right up to where a contour leaves the column.
constexpr double crowding = 1e-3;

/// Nodes from `from` to `to` (both included) spaced by about `spacing(x)`: marched, then
/// stretched by the one factor that lands the last node on `to`.
template <class Spacing>
void append_graded(std::vector<double>& nodes, double from, double to, const Spacing& spacing) {
  std::vector<double> marched{from};
  while (marched.back() < to) marched.push_back(marched.back() + spacing(marched.back()));
  if (marched.size() == 2) marched = {from, 0.5 * (from + to), to};  // at least one interior node per segment
  const double stretch = (to - from) / (marched.back() - from);
  for (std::size_t n = nodes.empty() ? 0 : 1; n + 1 < marched.size(); ++n) nodes.push_back(from + (marched[n] - from) * stretch);
  nodes.push_back(to);
}

}  // namespace

PhaseGrid phase_grid(const EscapeProblem& problem, double resolution, double wall_kT) {
  const auto& c = problem.well.critical;
  const double kT_site = problem.kT_per_site_meV();
  const double delta = problem.theory().energy_loss;
  const double layer = std::sqrt(std::min(delta, 1.0)) * kT_site;
  const double growth = 2.0 / resolution;
  PhaseGrid grid{};
  grid.top_meV = c.V_barrier_meV + wall_kT * kT_site;
  const double bottom = std::min(c.V_origin_meV, c.V_metastable_meV);
  const double relaxed = problem.relaxed_meV();
  if (!(relaxed > bottom))
    throw NumericalError("MFPT: the relaxed level V(Q_B) − m k_BT/N_s lies below V(0): nothing to escape into");

  // Energy ladder. Near a well bottom an energy step ε puts the first row at P = sqrt(2ε(ω/ħ)):
  // there the step shrinks like sqrt(e − E_0) so that P is resolved as finely as elsewhere.
  const auto energy_spacing = [&](double e) {
    const double base = kT_site / resolution * std::min(1.0, std::sqrt(2.0 * (e - bottom) / kT_site + 1.0 / 64.0));
    // Finest across the separatrix layer, growing by 1 + 2/r per step away from it.
    return std::min(base, layer / resolution + growth * std::abs(e - c.V_barrier_meV));
  };
  std::vector<double> keys{bottom, relaxed, c.V_barrier_meV, grid.top_meV};
  std::sort(keys.begin(), keys.end());
  for (std::size_t n = 0; n + 1 < keys.size(); ++n) append_graded(grid.ladder_meV, keys[n], keys[n + 1], energy_spacing);

  // Columns on Q ≥ 0, mirrored: one at every turning point of every ladder contour, so that
  // a row ends in a column of its own and its two halves join there, through the crowded
  // rows, without exchanging energy with the rows that end elsewhere; then more where
  // they are further apart than σ_Q/r (near the well bottoms and the barrier top).
  const double sigma_Q = std::sqrt(kT_site / problem.well.curvature_metastable_meV);
  const double Q_wall = outer_point(problem.well.potential, c, grid.top_meV);
  std::vector<double> turning{0.0, c.Q_barrier, c.Q_metastable, Q_wall};
  const auto add_turning_points = [&](double from, double to) {
    const auto& V = problem.well.potential;
    const double V_from = V(from), V_to = V(to);
    for (const double level : grid.ladder_meV) {
      if (!(level > std::min(V_from, V_to) && level < std::max(V_from, V_to))) continue;
      const auto excess = [&](double Q) { return V(Q) - level; };
      std::uintmax_t iterations = 200;
      const auto [low, high] = boost::math::tools::toms748_solve(excess, from, to, V_from - level, V_to - level,
                                                                 boost::math::tools::eps_tolerance<double>(), iterations);
      turning.push_back(0.5 * (low + high));
    }
  };
  add_turning_points(0.0, c.Q_barrier);
  add_turning_points(c.Q_barrier, c.Q_metastable);
  add_turning_points(c.Q_metastable, Q_wall);
  std::sort(turning.begin(), turning.end());
  std::vector<double> half{0.0};
  for (std::size_t n = 1; n < turning.size(); ++n) {
    // A level that is a critical value (E_b at Q_B, E_top at Q_wall) also turns a hair's
    // breadth from the key column, as the roots round: one column.
    const double gap = turning[n] - half.back();
    if (!(gap > 1e-6 * sigma_Q)) continue;
    const auto parts = static_cast<int>(std::ceil(gap / (sigma_Q / resolution)));
    const double from = half.back();
    for (int part = 1; part <= parts; ++part) half.push_back(from + gap * part / parts);
  }
  half.back() = Q_wall;  // the wall, where the shell closes, rather than a root beside it
  for (auto it = half.rbegin(); it + 1 != half.rend(); ++it) grid.Q_columns.push_back(-*it);
  grid.Q_columns.insert(grid.Q_columns.end(), half.begin(), half.end());
  return grid;
}

OrbitMesh::OrbitMesh(const EscapeProblem& problem, const PhaseGrid& grid)
    : Q_cells_(grid.Q_cells()),
      P_cells_(grid.P_cells()),
      stiffness_(problem.stiffness()),
      beta_(1.0 / problem.kT_per_site_meV()),
      bottom_(problem.well.critical.V_metastable_meV),
      Q_(grid.Q_columns) {
  const physics::Potential& potential = problem.well.potential;
  const auto& ladder = grid.ladder_meV;
  const std::int64_t K = static_cast<std::int64_t>(ladder.size()) - 1;
  const double depth = grid.top_meV - ladder.front();
  P_.assign(static_cast<std::size_t>((Q_cells_ + 1) * (P_cells_ + 1)), 0.0);
  stream_.assign(P_.size(), 0.0);
  const double stream_scale = -stiffness_ / beta_;
  for (std::int64_t i = 0; i <= Q_cells_; ++i) {
    const double V = potential(Q_[static_cast<std::size_t>(i)]);
    const double span = grid.top_meV - V;  // ≤ 0 only on the wall columns, which are points
    for (std::int64_t k = 0; k <= K; ++k) {
      const double level = ladder[static_cast<std::size_t>(k)];
      const double share =
          span > 0.0 ? std::max((level - V) / span, crowding * (level - ladder.front()) / depth) : 0.0;
      const double kinetic = std::max(span, 0.0) * share;  // e − V = (ħ/ω)P²/2
      const double P = std::sqrt(2.0 * stiffness_ * kinetic);
      const double psi = stream_scale * std::exp(-beta_ * (V + kinetic - bottom_));
      for (const std::int64_t j : {K + k, K - k}) {
        const auto n = static_cast<std::size_t>(j * (Q_cells_ + 1) + i);
        P_[n] = j >= K ? P : -P;
        stream_[n] = psi;
      }
    }
  }
  // Cell masses: the edges between columns are straight, so at each Q the cell is a P interval
  // whose Gaussian integral is closed-form; Gauss–Legendre across the column.
  using Rule = boost::math::quadrature::gauss<double, 7>;
  const double scale = std::sqrt(beta_ / (2.0 * stiffness_));
  const double norm = std::sqrt(std::numbers::pi / 2.0) / std::sqrt(beta_ / stiffness_);
  const auto gaussian = [&](double low, double high) {
    const double a = low * scale, b = high * scale;
    // erfc in the tails, where erf rounds to ±1; erf near P = 0, where erfc rounds to 1.
    if (a >= 0.5) return norm * (std::erfc(a) - std::erfc(b));
    if (b <= -0.5) return norm * (std::erfc(-b) - std::erfc(-a));
    return norm * (std::erf(b) - std::erf(a));
  };
  mass_.assign(static_cast<std::size_t>(Q_cells_ * P_cells_), 0.0);
  for (std::int64_t i = 0; i < Q_cells_; ++i) {
    const double left = Q_[static_cast<std::size_t>(i)], width = Q_width(i);
    for (std::int64_t j = 0; j < P_cells_; ++j) {
      const double low0 = P(i, j), low1 = P(i + 1, j), high0 = P(i, j + 1), high1 = P(i + 1, j + 1);
      mass_[static_cast<std::size_t>(index(i, j))] = Rule::integrate(
          [&](double Q) {
            const double t = (Q - left) / width;
            return std::exp(-beta_ * (potential(Q) - bottom_)) *
                   gaussian(low0 + t * (low1 - low0), high0 + t * (high1 - high0));
          },
          left, left + width);
    }
  }
  V_centre_.resize(static_cast<std::size_t>(Q_cells_));
  for (std::int64_t i = 0; i < Q_cells_; ++i) V_centre_[static_cast<std::size_t>(i)] = potential(Q_centre(i));
  for (const double m : mass_)
    if (!(m > 0.0)) throw NumericalError("MFPT: a mesh cell has no Boltzmann weight (the shell is too deep for doubles)");
}

double OrbitMesh::energy(std::int64_t i, std::int64_t j) const {
  const double centre_P = P_centre(i, j);
  return V_centre_[static_cast<std::size_t>(i)] + centre_P * centre_P / (2.0 * stiffness_);
}

double OrbitMesh::weight_above(std::int64_t i, std::int64_t j) const {
  const double edge_P = 0.5 * (P(i, j + 1) + P(i + 1, j + 1));
  return std::exp(-beta_ * (V_centre_[static_cast<std::size_t>(i)] + edge_P * edge_P / (2.0 * stiffness_) - bottom_));
}

}  // namespace metasc::escape
