#include "metasc/nucleation/critical_droplet.hpp"

#include <algorithm>
#include <array>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"

namespace metasc::nucleation {

namespace {

using State = std::vector<double>;

/// Central-difference step for V'' from the table's V' [ℓ0]: V'' is piecewise
/// linear, so the difference is exact inside a segment to rounding.
constexpr double curvature_step = 1e-6;
/// Stages of the string: the first spans metastable → normal, each later one the part up to just past the barrier.
constexpr int string_stages = 4;
constexpr int string_iterations = 4000;
constexpr int follower_iterations = 400000;
/// Power-iteration sweeps per follower step (the eigenvector moves little between steps).
constexpr int mode_sweeps = 4;
/// The saddle is accepted at max|∂E/∂Q_c|/N_s below this fraction of σ |Q_MS − Q_N|,
/// σ the stiffest curvature: ~10⁶ roundings of the force, far below any physical scale.
constexpr double relative_tolerance = 1e-10;

/// Centre of the initial droplet in cells, away from every point of the
/// lattice's symmetry, so no two cells are equally far from it.
constexpr std::array<double, 3> centre_offset{0.137, 0.291, 0.413};

double dot(const State& a, const State& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

double distance(const State& a, const State& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(sum);
}

/// E/N_s [meV] of the lattice, its gradient and its Hessian, measured from the uniform state Q_ref.
class LatticeEnergy {
 public:
  LatticeEnergy(const PeriodicLattice& lattice, double stiffness_meV, const stochastic::ForceTable& force)
      : lattice_(lattice),
        kappa_(stiffness_meV),
        coordination_(static_cast<double>(lattice.coordination())),
        force_(force),
        sum_(lattice.cells()),
        shifted_(lattice.cells()) {}

  double slope(double Q) const { return force_.slope(Q); }
  double curvature(double Q) const {
    return (force_.slope(Q + curvature_step) - force_.slope(Q - curvature_step)) / (2.0 * curvature_step);
  }
  /// max V'' + 4dκ: no Hessian eigenvalue is above it.
  double stiffest() const { return force_.max_curvature_meV() + 2.0 * coordination_ * kappa_; }

  /// Σ_c [V(Q_c) − V(Q_ref)] + (κ/2) Σ_bonds (Q_c − Q_c')², the bonds of the
  /// displacement u = Q − Q_ref (the same bonds, without cancelling large terms).
  double energy(const State& Q, double Q_ref) {
    const double reference = force_.potential(Q_ref);
    for (std::size_t c = 0; c < Q.size(); ++c) shifted_[c] = Q[c] - Q_ref;
    lattice_.neighbour_sum(shifted_.data(), sum_.data());
    double onsite = 0.0, bonds = 0.0;
    for (std::size_t c = 0; c < Q.size(); ++c) {
      onsite += force_.potential(Q[c]) - reference;
      bonds += shifted_[c] * (coordination_ * shifted_[c] - sum_[c]);
    }
    return onsite + 0.5 * kappa_ * bonds;
  }

  void gradient(const State& Q, State& g) {
    lattice_.neighbour_sum(Q.data(), sum_.data());
    for (std::size_t c = 0; c < Q.size(); ++c) g[c] = force_.slope(Q[c]) + kappa_ * (coordination_ * Q[c] - sum_[c]);
  }

  /// Hv = diag(V''(Q_c)) v + κ (2d v − Σ_nn v), with `curvatures` = V''(Q_c).
  void hessian_times(const State& curvatures, const State& v, State& Hv) {
    lattice_.neighbour_sum(v.data(), sum_.data());
    for (std::size_t c = 0; c < v.size(); ++c) {
      Hv[c] = curvatures[c] * v[c] + kappa_ * (coordination_ * v[c] - sum_[c]);
    }
  }

 private:
  const PeriodicLattice& lattice_;
  double kappa_;
  double coordination_;
  const stochastic::ForceTable& force_;
  State sum_, shifted_;
};

/// The uniform minimum of V next to `guess` (a uniform state feels no coupling).
double relaxed_uniform(const LatticeEnergy& energy, double guess, double reach) {
  std::uintmax_t iterations = 200;
  return boost::math::tools::newton_raphson_iterate(
      [&](double Q) { return std::make_pair(energy.slope(Q), energy.curvature(Q)); }, guess, guess - reach,
      guess + reach, std::numeric_limits<double>::digits - 4, iterations);
}

/// `count` images at equal arc length along the polyline path[0 … last].
std::vector<State> spread(const std::vector<State>& path, std::size_t last, std::size_t count) {
  std::vector<double> arc(last + 1, 0.0);
  for (std::size_t i = 1; i <= last; ++i) arc[i] = arc[i - 1] + distance(path[i], path[i - 1]);
  std::vector<State> images(count, State(path[0].size()));
  images.front() = path[0];
  images.back() = path[last];
  std::size_t segment = 0;
  for (std::size_t j = 1; j + 1 < count; ++j) {
    const double target = arc[last] * static_cast<double>(j) / static_cast<double>(count - 1);
    while (segment + 1 < last && arc[segment + 1] < target) ++segment;
    const double length = arc[segment + 1] - arc[segment];
    const double w = length > 0.0 ? (target - arc[segment]) / length : 0.0;
    for (std::size_t c = 0; c < images[j].size(); ++c) {
      images[j][c] = path[segment][c] + w * (path[segment + 1][c] - path[segment][c]);
    }
  }
  return images;
}

/// A droplet of the normal phase centred off-lattice at the middle, its front
/// (width `width` cells) at radius `radius`: the fraction of the way from Q_MS to Q_N per cell.
State droplet(const PeriodicLattice& lattice, double width, double radius, double Q_metastable, double Q_normal) {
  const auto& extents = lattice.extents();
  const std::size_t d = extents.size();
  State Q(lattice.cells());
  std::array<std::int64_t, 3> at{0, 0, 0}, size{1, 1, 1};
  for (std::size_t a = 0; a < d; ++a) size[a] = extents[a];
  for (at[0] = 0; at[0] < size[0]; ++at[0])
    for (at[1] = 0; at[1] < size[1]; ++at[1])
      for (at[2] = 0; at[2] < size[2]; ++at[2]) {
        double r2 = 0.0;
        for (std::size_t a = 0; a < d; ++a) {
          const double L = static_cast<double>(extents[a]);
          const double offset = std::abs(static_cast<double>(at[a]) - (0.5 * L + centre_offset[a]));
          const double periodic = std::min(offset, L - offset);
          r2 += periodic * periodic;
        }
        const double fraction = 0.5 * (1.0 - std::tanh((std::sqrt(r2) - radius) / width));
        Q[lattice.index(at)] = Q_metastable + (Q_normal - Q_metastable) * fraction;
      }
  return Q;
}

}  // namespace

CriticalDroplet find_critical_droplet(const DropletSearch& search, const stochastic::ForceTable& force) {
  if (!(search.domain_sites > 0.0) || !(search.stiffness_meV >= 0.0)) {
    throw Error("find_critical_droplet: N_s must be > 0 and kappa >= 0 (got " + format_number(search.domain_sites) +
                ", " + format_number(search.stiffness_meV) + ")");
  }
  const PeriodicLattice lattice(search.extents);
  LatticeEnergy energy(lattice, search.stiffness_meV, force);
  const std::size_t M = lattice.cells();
  const double reach = 0.25 * std::abs(search.Q_metastable - search.Q_normal);
  const double Q_metastable = relaxed_uniform(energy, search.Q_metastable, reach);
  const double Q_normal = relaxed_uniform(energy, search.Q_normal, reach);
  const double sigma = energy.stiffest();
  const double step = 1.0 / sigma;
  const double tolerance = relative_tolerance * sigma * std::abs(Q_metastable - Q_normal);

  // Stage 1: the string, from a droplet whose front sweeps the lattice.
  const std::size_t K = string_images;
  const double width = std::max(0.5, std::sqrt(4.0 * search.stiffness_meV / energy.curvature(Q_metastable)));
  double corner = 0.0;
  for (const auto L : search.extents) corner += 0.25 * static_cast<double>(L * L);
  const double sweep = std::sqrt(corner) + 4.0 * width;
  std::vector<State> images(K);
  images.front().assign(M, Q_metastable);
  images.back().assign(M, Q_normal);
  for (std::size_t j = 1; j + 1 < K; ++j) {
    const double radius = sweep * static_cast<double>(j) / static_cast<double>(K - 1) - 2.0 * width;
    images[j] = droplet(lattice, width, radius, Q_metastable, Q_normal);
  }
  State g(M), curvatures(M), Hv(M);
  std::vector<double> energies(K, 0.0);
  std::size_t highest = 0;
  for (int stage = 0; stage < string_stages; ++stage) {
    for (int iteration = 0; iteration < string_iterations; ++iteration) {
      double moved = 0.0;
      for (std::size_t j = 1; j + 1 < K; ++j) {
        energy.gradient(images[j], g);
        for (std::size_t c = 0; c < M; ++c) {
          images[j][c] -= step * g[c];
          moved = std::max(moved, step * std::abs(g[c]));
        }
      }
      images = spread(images, K - 1, K);
      if (moved < tolerance * step) break;
    }
    for (std::size_t j = 0; j < K; ++j) energies[j] = energy.energy(images[j], Q_metastable);
    highest = static_cast<std::size_t>(std::max_element(energies.begin() + 1, energies.end() - 1) - energies.begin());
    // Cut just past the barrier: the first barrier is the droplet, and everything beyond runs downhill.
    if (stage + 1 < string_stages && highest + 2 < K) images = spread(images, highest + 1, K);
  }

  // Stage 2: the minimum-mode follower from the highest image, its mode started along the string.
  State Q = images[highest], v(M);
  for (std::size_t c = 0; c < M; ++c) v[c] = images[highest + 1][c] - images[highest - 1][c];
  const auto normalise = [](State& x) {
    const double norm = std::sqrt(dot(x, x));
    for (double& value : x) value /= norm;
  };
  const auto sweep_mode = [&](int sweeps) {
    for (std::size_t c = 0; c < M; ++c) curvatures[c] = energy.curvature(Q[c]);
    for (int s = 0; s < sweeps; ++s) {
      energy.hessian_times(curvatures, v, Hv);
      // (σ − H) v: the largest eigenvalue of σ − H is the lowest of H.
      for (std::size_t c = 0; c < M; ++c) v[c] -= Hv[c] / sigma;
      normalise(v);
    }
  };
  normalise(v);
  double residual = std::numeric_limits<double>::infinity();
  for (int iteration = 0; iteration < follower_iterations; ++iteration) {
    energy.gradient(Q, g);
    residual = 0.0;
    for (const double x : g) residual = std::max(residual, std::abs(x));
    if (residual < tolerance) break;
    sweep_mode(mode_sweeps);
    const double along = dot(g, v);
    for (std::size_t c = 0; c < M; ++c) Q[c] -= step * (g[c] - 2.0 * along * v[c]);
  }
  // The mode to convergence at the saddle: its Rayleigh quotient stops moving.
  double curvature = 0.0;
  for (int iteration = 0; iteration < follower_iterations / mode_sweeps; ++iteration) {
    sweep_mode(mode_sweeps);
    energy.hessian_times(curvatures, v, Hv);
    const double next = dot(v, Hv);
    const bool settled = std::abs(next - curvature) < 1e-13 * sigma;
    curvature = next;
    if (settled) break;
  }
  double towards_normal = 0.0;
  for (const double x : v) towards_normal += x * (Q_normal - Q_metastable);
  if (towards_normal < 0.0) {
    for (double& x : v) x = -x;
  }

  CriticalDroplet droplet_result{.energy_meV = search.domain_sites * energy.energy(Q, Q_metastable),
                                 .Q = std::move(Q),
                                 .unstable_mode = std::move(v),
                                 .unstable_curvature_meV = curvature,
                                 .string_energy_meV = {},
                                 .residual_meV = residual,
                                 .converged = residual < tolerance};
  for (const double e : energies) droplet_result.string_energy_meV.push_back(search.domain_sites * e);
  return droplet_result;
}

}  // namespace metasc::nucleation
