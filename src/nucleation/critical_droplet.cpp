#include "metasc/nucleation/critical_droplet.hpp"

#include <algorithm>
#include <array>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/nucleation/bond_force.hpp"
#include "metasc/nucleation/slab_lattice.hpp"

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
/// Steps off a saddle of index ≥ 2 along its second mode, at most this many, by this fraction of |Q_MS − Q_N|.
constexpr int index_repairs = 8;
constexpr double index_kick = 0.05;
/// A second eigenvalue above this fraction of the first (both < 0) is a translation, not a second droplet.
constexpr double translation_fraction = 0.1;
/// The saddle is accepted at max|∂E/∂Q_c|/N_s below this fraction of σ |Q_MS − Q_N|,
/// σ the stiffest curvature: ~10⁶ roundings of the force, far below any physical scale.
constexpr double relative_tolerance = 1e-10;

/// Centre of the initial droplet in cells, away from every point of the
/// lattice's symmetry, so no two cells are equally far from it.
constexpr std::array<double, 3> centre_offset{0.137, 0.291, 0.413};

/// Sums over cells, the same bits on any split of the lattice (slab_lattice.hpp):
/// `count` quantities, term(k, i) the contribution of owned cell i to quantity k.
/// With `largest`, also the ranks' largest *largest (slab_lattice.hpp's totals).
template <class Term>
std::vector<double> sums_over_cells(const SlabLattice& lattice, std::size_t count, Term term,
                                    double* largest = nullptr) {
  const std::size_t slabs = lattice.slabs(), per_slab = lattice.slab_cells();
  std::vector<double> partials(count * slabs, 0.0);
  for (std::size_t k = 0; k < count; ++k) {
    for (std::size_t s = 0; s < slabs; ++s) {
      double partial = 0.0;
      for (std::size_t i = s * per_slab; i < (s + 1) * per_slab; ++i) partial += term(k, i);
      partials[k * slabs + s] = partial;
    }
  }
  return lattice.totals(partials, count, largest);
}

double dot(const SlabLattice& lattice, const State& a, const State& b) {
  return sums_over_cells(lattice, 1, [&](std::size_t, std::size_t i) { return a[i] * b[i]; })[0];
}

double largest_magnitude(const SlabLattice& lattice, const State& x) {
  double largest = 0.0;
  for (const double value : x) largest = std::max(largest, std::abs(value));
  return lattice.max(largest);
}

/// E/N_s [meV] of the lattice, its gradient and its Hessian, measured from the uniform state Q_ref.
class LatticeEnergy {
 public:
  LatticeEnergy(SlabLattice& lattice, double stiffness_meV, const stochastic::ForceTable& force)
      : lattice_(lattice),
        bonds_{.stiffness_meV = stiffness_meV, .dimension = lattice.bonded_axes()},
        force_(force),
        sum_(lattice.owned()),
        shifted_(lattice.owned()) {}

  SlabLattice& lattice() const { return lattice_; }

  double slope(double Q) const { return force_.slope(Q); }
  double curvature(double Q) const {
    return (force_.slope(Q + curvature_step) - force_.slope(Q - curvature_step)) / (2.0 * curvature_step);
  }
  /// 4dκ: the largest eigenvalue of κ times the lattice Laplacian.
  double coupling_curvature() const { return bonds_.max_curvature_meV(); }
  /// max V'' + 4dκ: no Hessian eigenvalue is above it.
  double stiffest() const { return force_.max_curvature_meV() + coupling_curvature(); }

  /// Σ_c [V(Q_c) − V(Q_ref)] + (κ/2) Σ_bonds (Q_c − Q_c')², the bonds of the
  /// displacement u = Q − Q_ref (the same bonds, without cancelling large terms).
  double energy(const State& Q, double Q_ref) {
    const double reference = force_.potential(Q_ref);
    for (std::size_t c = 0; c < Q.size(); ++c) shifted_[c] = Q[c] - Q_ref;
    lattice_.neighbour_sum(shifted_.data(), sum_.data());
    const auto parts = sums_over_cells(lattice_, 2, [&](std::size_t k, std::size_t c) {
      return k == 0 ? force_.potential(Q[c]) - reference
                    : shifted_[c] * (bonds_.coordination() * shifted_[c] - sum_[c]);
    });
    return parts[0] + 0.5 * bonds_.stiffness_meV * parts[1];
  }

  /// The gradients of Q[first … last) into g[first … last), one ghost exchange for all.
  void gradients(const std::vector<State>& Q, std::size_t first, std::size_t last, std::vector<State>& g) {
    std::vector<const double*> from;
    std::vector<double*> to;
    for (std::size_t j = first; j < last; ++j) {
      from.push_back(Q[j].data());
      to.push_back(g[j].data());
    }
    lattice_.neighbour_sums(from.size(), from.data(), to.data());
    for (std::size_t j = first; j < last; ++j) {
      const stochastic::NeighbourCoupling coupling = bonds_.on(g[j].data());
      for (std::size_t c = 0; c < Q[j].size(); ++c) g[j][c] = force_.slope(Q[j][c]) + coupling.slope(c, Q[j][c]);
    }
  }

  void gradient(const State& Q, State& g) {
    lattice_.neighbour_sum(Q.data(), sum_.data());
    const stochastic::NeighbourCoupling coupling = bonds_.on(sum_.data());
    for (std::size_t c = 0; c < Q.size(); ++c) g[c] = force_.slope(Q[c]) + coupling.slope(c, Q[c]);
  }

  /// Hv = diag(V''(Q_c)) v + κ (2d v − Σ_nn v), with `curvatures` = V''(Q_c).
  void hessian_times(const State& curvatures, const State& v, State& Hv) {
    lattice_.neighbour_sum(v.data(), sum_.data());
    const stochastic::NeighbourCoupling coupling = bonds_.on(sum_.data());
    for (std::size_t c = 0; c < v.size(); ++c) Hv[c] = curvatures[c] * v[c] + coupling.slope(c, v[c]);
  }

 private:
  SlabLattice& lattice_;
  BondForce bonds_;
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

/// `count` images at equal arc length along the polyline path[0 … last]; with
/// `largest`, the ranks' largest *largest is gathered with the arc lengths.
std::vector<State> spread(const SlabLattice& lattice, const std::vector<State>& path, std::size_t last,
                          std::size_t count, double* largest = nullptr) {
  const auto squares = sums_over_cells(
      lattice, last,
      [&](std::size_t k, std::size_t c) {
        const double step = path[k + 1][c] - path[k][c];
        return step * step;
      },
      largest);
  std::vector<double> arc(last + 1, 0.0);
  for (std::size_t i = 1; i <= last; ++i) arc[i] = arc[i - 1] + std::sqrt(squares[i - 1]);
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
/// (width `width` cells) at radius `radius`: the fraction of the way from Q_MS to Q_N per owned cell.
State droplet(const SlabLattice& lattice, const std::vector<std::int64_t>& extents, double width, double radius,
              double Q_metastable, double Q_normal) {
  State Q(lattice.owned());
  for (std::size_t i = 0; i < Q.size(); ++i) {
    // The natural index's coordinates, the last extent fastest.
    std::array<double, 3> at{};
    auto rest = lattice.first_cell() + i;
    for (std::size_t a = extents.size(); a-- > 0;) {
      const auto L = static_cast<std::uint64_t>(extents[a]);
      at[a] = static_cast<double>(rest % L);
      rest /= L;
    }
    double r2 = 0.0;
    for (std::size_t a = 0; a < extents.size(); ++a) {
      const double L = static_cast<double>(extents[a]);
      const double offset = std::abs(at[a] - (0.5 * L + centre_offset[a]));
      const double periodic = std::min(offset, L - offset);
      r2 += periodic * periodic;
    }
    const double fraction = 0.5 * (1.0 - std::tanh((std::sqrt(r2) - radius) / width));
    Q[i] = Q_metastable + (Q_normal - Q_metastable) * fraction;
  }
  return Q;
}

/// An index-1 saddle reached by the minimum-mode follower, with its two lowest Hessian modes.
struct Saddle {
  State Q, mode;
  double energy, curvature, second_curvature, residual;
};

class SaddleFollower {
 public:
  SaddleFollower(LatticeEnergy& energy, double tolerance, double kick_length)
      : energy_(energy),
        lattice_(energy.lattice()),
        sigma_(energy.stiffest()),
        tolerance_(tolerance),
        kick_length_(kick_length),
        g_(lattice_.owned()),
        curvatures_(lattice_.owned()),
        Hv_(lattice_.owned()) {}

  /// The saddle the follower reaches from Q with its mode started along `direction`.
  Saddle follow(State Q, State direction, double Q_reference) {
    State second(Q.size());
    // A deterministic start for the second mode with a component on every cell.
    for (std::size_t c = 0; c < Q.size(); ++c) {
      second[c] = std::sin(1.0 + static_cast<double>(lattice_.first_cell() + c));
    }
    normalise(direction);
    Saddle saddle{.Q = {}, .mode = {}, .energy = 0.0, .curvature = 0.0, .second_curvature = 0.0,
                  .residual = std::numeric_limits<double>::infinity()};
    for (int repair = 0; repair <= index_repairs; ++repair) {
      saddle.residual = descend(Q, direction);
      couple_curvatures(Q);
      saddle.curvature = settle_mode(direction, nullptr);
      // One cell has no second mode.
      if (lattice_.cells() < 2) {
        saddle.second_curvature = std::numeric_limits<double>::quiet_NaN();
        break;
      }
      saddle.second_curvature = settle_mode(second, &direction);
      // A second negative curvature comparable to the first is a second cell or
      // droplet going over at once: an exactly symmetric state (two cells relaxed
      // to the same bits) can hold the follower there. Step off it along the second
      // mode, sign fixed by its largest component, and follow again. A small one is
      // the droplet's translation over the lattice's (Peierls) pinning: energies
      // differing far below any barrier, kept.
      if (saddle.second_curvature >= translation_fraction * saddle.curvature) break;
      const double kick = std::copysign(index_kick * kick_length_, largest_component(second));
      for (std::size_t c = 0; c < Q.size(); ++c) Q[c] += kick * second[c];
    }
    saddle.energy = energy_.energy(Q, Q_reference);
    saddle.Q = std::move(Q);
    saddle.mode = std::move(direction);
    return saddle;
  }

 private:
  void normalise(State& x) {
    const double norm = std::sqrt(dot(lattice_, x, x));
    for (double& value : x) value /= norm;
  }

  /// The component of x largest in magnitude, the first in natural order of any equal ones
  /// (an exactly symmetric state has pairs ±x_c): the same on every split.
  double largest_component(const State& x) {
    const double magnitude = largest_magnitude(lattice_, x);
    const auto at = std::ranges::find_if(x, [&](double value) { return std::abs(value) == magnitude; });
    const bool here = at != x.end();
    // Natural indices as doubles are exact (M < 2^53); the first is the largest negated.
    const double index = here ? static_cast<double>(lattice_.first_cell() + static_cast<std::uint64_t>(at - x.begin()))
                              : std::numeric_limits<double>::infinity();
    const double first = -lattice_.max(-index);
    return lattice_.max(here && index == first ? *at : -std::numeric_limits<double>::infinity());
  }

  /// Follows until max|∂E/∂Q_c| < tolerance (or the budget ends); returns that maximum.
  double descend(State& Q, State& mode) {
    double residual = std::numeric_limits<double>::infinity();
    for (int iteration = 0; iteration < follower_iterations; ++iteration) {
      energy_.gradient(Q, g_);
      residual = largest_magnitude(lattice_, g_);
      if (residual < tolerance_) break;
      couple_curvatures(Q);
      sweep_mode(mode, nullptr, mode_sweeps);
      const double along = dot(lattice_, g_, mode);
      for (std::size_t c = 0; c < Q.size(); ++c) Q[c] -= step_ * (g_[c] - 2.0 * along * mode[c]);
    }
    return residual;
  }

  /// V''(Q_c) for the Hessian, and the follower's step: reversing the force
  /// along the mode turns its eigenvalue λ₀ < 0 into |λ₀|, which may exceed
  /// every V'' > 0, so the bound is Gershgorin's, max_c |V''_c| + 4dκ.
  void couple_curvatures(const State& Q) {
    double steepest = 0.0;
    for (std::size_t c = 0; c < Q.size(); ++c) {
      curvatures_[c] = energy_.curvature(Q[c]);
      steepest = std::max(steepest, std::abs(curvatures_[c]));
    }
    step_ = 1.0 / std::max(sigma_, lattice_.max(steepest) + energy_.coupling_curvature());
  }

  /// Power sweeps of 1 − H/σ (its largest eigenvalue is H's lowest) on x, kept
  /// orthogonal to `deflate` (a unit vector) when given, normalised at the end: the eigenvalues
  /// lie in [0, 2), so the sweeps grow |x| at most 2^sweeps, and one norm (one
  /// gathering of the ranks' sums) per call suffices.
  void sweep_mode(State& x, const State* deflate, int sweeps) {
    for (int s = 0; s < sweeps; ++s) {
      if (deflate != nullptr) {
        const double overlap = dot(lattice_, x, *deflate);
        for (std::size_t c = 0; c < x.size(); ++c) x[c] -= overlap * (*deflate)[c];
      }
      energy_.hessian_times(curvatures_, x, Hv_);
      for (std::size_t c = 0; c < x.size(); ++c) x[c] -= Hv_[c] / sigma_;
    }
    normalise(x);
  }

  /// x·Hx of a unit x.
  double rayleigh_quotient(const State& x) {
    energy_.hessian_times(curvatures_, x, Hv_);
    return dot(lattice_, x, Hv_);
  }

  /// Sweeps until the Rayleigh quotient stops moving.
  double settle_mode(State& x, const State* deflate) {
    sweep_mode(x, deflate, mode_sweeps);
    double quotient = rayleigh_quotient(x);
    for (int iteration = 0; iteration < follower_iterations / mode_sweeps; ++iteration) {
      sweep_mode(x, deflate, mode_sweeps);
      const double next = rayleigh_quotient(x);
      const bool settled = std::abs(next - quotient) < 1e-13 * sigma_;
      quotient = next;
      if (settled) break;
    }
    return quotient;
  }

  LatticeEnergy& energy_;
  SlabLattice& lattice_;
  double sigma_, tolerance_, kick_length_, step_ = 0.0;
  State g_, curvatures_, Hv_;
};

/// The search on the ranks of `lattice`; Q and the mode complete on its rank 0.
CriticalDroplet search_droplet(SlabLattice& lattice, const DropletSearch& search, const stochastic::ForceTable& force) {
  LatticeEnergy energy(lattice, search.stiffness_meV, force);
  const std::size_t owned = lattice.owned();
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
  images.front().assign(owned, Q_metastable);
  images.back().assign(owned, Q_normal);
  for (std::size_t j = 1; j + 1 < K; ++j) {
    const double radius = sweep * static_cast<double>(j) / static_cast<double>(K - 1) - 2.0 * width;
    images[j] = droplet(lattice, search.extents, width, radius, Q_metastable, Q_normal);
  }
  std::vector<State> g(K, State(owned));
  std::vector<double> energies(K, 0.0);
  std::size_t highest = 0;
  for (int stage = 0; stage < string_stages; ++stage) {
    for (int iteration = 0; iteration < string_iterations; ++iteration) {
      double moved = 0.0;
      energy.gradients(images, 1, K - 1, g);
      for (std::size_t j = 1; j + 1 < K; ++j) {
        for (std::size_t c = 0; c < owned; ++c) {
          images[j][c] -= step * g[j][c];
          moved = std::max(moved, step * std::abs(g[j][c]));
        }
      }
      // The largest move over the ranks comes with the arc lengths: one gathering a sweep.
      images = spread(lattice, images, K - 1, K, &moved);
      if (moved < tolerance * step) break;
    }
    for (std::size_t j = 0; j < K; ++j) energies[j] = energy.energy(images[j], Q_metastable);
    highest = static_cast<std::size_t>(std::max_element(energies.begin() + 1, energies.end() - 1) - energies.begin());
    // Cut just past the barrier: the first barrier is the droplet, and everything beyond runs downhill.
    if (stage + 1 < string_stages && highest + 2 < K) images = spread(lattice, images, highest + 1, K);
  }

  // Stage 2: the follower from each local maximum of the string (and its highest
  // interior image, which may lead up to the fixed end), highest first.
  // The critical droplet is the path's bottleneck, the highest of its saddles; a
  // maximum of the string below the highest saddle found cannot raise it.
  std::vector<std::size_t> maxima;
  for (std::size_t j = 1; j + 1 < K; ++j) {
    if ((energies[j] >= energies[j - 1] && energies[j] >= energies[j + 1]) || j == highest) maxima.push_back(j);
  }
  std::stable_sort(maxima.begin(), maxima.end(), [&](std::size_t i, std::size_t j) { return energies[i] > energies[j]; });
  SaddleFollower follower(energy, tolerance, std::abs(Q_metastable - Q_normal));
  std::optional<Saddle> bottleneck;
  for (const std::size_t j : maxima) {
    if (bottleneck && energies[j] < bottleneck->energy) break;
    State along(owned);
    for (std::size_t c = 0; c < owned; ++c) along[c] = images[j + 1][c] - images[j - 1][c];
    auto saddle = follower.follow(images[j], std::move(along), Q_metastable);
    if (!bottleneck || saddle.energy > bottleneck->energy) bottleneck = std::move(saddle);
  }
  auto& v = bottleneck->mode;
  const double towards_normal =
      sums_over_cells(lattice, 1, [&](std::size_t, std::size_t c) { return v[c] * (Q_normal - Q_metastable); })[0];
  if (towards_normal < 0.0) {
    for (double& x : v) x = -x;
  }

  CriticalDroplet droplet_result{.energy_meV = search.domain_sites * bottleneck->energy,
                                 .Q = lattice.gather(bottleneck->Q),
                                 .unstable_mode = lattice.gather(v),
                                 .unstable_curvature_meV = bottleneck->curvature,
                                 .second_curvature_meV = bottleneck->second_curvature,
                                 .string_energy_meV = {},
                                 .residual_meV = bottleneck->residual,
                                 .converged = bottleneck->residual < tolerance};
  for (const double e : energies) droplet_result.string_energy_meV.push_back(search.domain_sites * e);
  return droplet_result;
}

/// Rank 0's scalars and string energies on every rank of `comm` (copies: the same bits).
void share_summary(MPI_Comm comm, CriticalDroplet& droplet) {
  std::vector<double> summary{droplet.energy_meV, droplet.unstable_curvature_meV, droplet.second_curvature_meV,
                              droplet.residual_meV, droplet.converged ? 1.0 : 0.0};
  summary.insert(summary.end(), droplet.string_energy_meV.begin(), droplet.string_energy_meV.end());
  summary.resize(5 + string_images);
  MPI_Bcast(summary.data(), static_cast<int>(summary.size()), MPI_DOUBLE, 0, comm);
  droplet.energy_meV = summary[0];
  droplet.unstable_curvature_meV = summary[1];
  droplet.second_curvature_meV = summary[2];
  droplet.residual_meV = summary[3];
  droplet.converged = summary[4] != 0.0;
  droplet.string_energy_meV.assign(summary.begin() + 5, summary.end());
}

}  // namespace

double droplet_search_bytes(const std::vector<std::int64_t>& extents, int ranks) {
  const SlabSplit split = SlabLattice::split(extents, ranks);
  const auto cells = static_cast<double>(split.cells);
  // Rank 0's slabs and a ghost slab on either side.
  const double share = static_cast<double>(split.slabs_of_rank.front() + 2) * static_cast<double>(split.slab_cells);
  // The images, their reparametrised copy and their gradients; for their joint
  // ghost exchange the interleaved global, ghosted local and summed arrays; the
  // follower's and the energy's nine vectors.
  const double vectors = 6.0 * string_images + 9.0;
  return (vectors * share + 2.0 * cells) * sizeof(double);
}

CriticalDroplet find_critical_droplet(MPI_Comm comm, const DropletSearch& search,
                                      const stochastic::ForceTable& force) {
  if (!(search.domain_sites > 0.0) || !(search.stiffness_meV >= 0.0)) {
    throw Error("find_critical_droplet: N_s must be > 0 and kappa >= 0 (got " + format_number(search.domain_sites) +
                ", " + format_number(search.stiffness_meV) + ")");
  }
  SlabLattice lattice(comm, search.extents);
  CriticalDroplet droplet{};
  if (lattice.takes_part()) droplet = search_droplet(lattice, search, force);
  share_summary(comm, droplet);
  return droplet;
}

}  // namespace metasc::nucleation
