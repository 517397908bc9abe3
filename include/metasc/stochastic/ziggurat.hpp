#pragma once
/// The Marsaglia–Tsang ziggurat for N(0, 1), driven by 32-bit random words
/// (G. Marsaglia, W. W. Tsang, "The ziggurat method for generating random
/// variables", J. Stat. Softw. 5(8), 2000; layout as in Doornik's ZIGNOR and
/// NumPy's 256-layer version). N = 2048 layers, in one 32-bit word with the
/// sign and a 20-bit uniform, so that one Philox4x32 block gives four
/// deviates; the fast path's table is 32 KB. Why 2048 and not NumPy's 256:
/// a word that misses the core costs a scalar Philox block and often an
/// exp(), ~35 ns; 256 layers miss 1.49 % of the time, 1024 layers 0.43 %,
/// 2048 layers 0.23 % (measured on one AVX-512 core: 7.6e8 against 1.25e9
/// deviates/s for 256 and 1024 layers; on Zen 4 1.05e9 against 1.15e9 for
/// 1024 and 2048, the integrator's step 4 % faster, where 4096 layers no
/// longer speed the step up), at a coarser grid (below).
///
/// Geometry. Let f(x) = exp(−x²/2) on x ≥ 0 (the half-normal, unnormalised).
/// The region under f is covered by N = 2048 layers of equal area v:
///   layer 0      the base: the rectangle [0, r] × [0, f(r)] plus the tail
///                {x > r, y < f(x)};  v = r f(r) + ∫_r^∞ f = r f(r) + sqrt(π/2) erfc(r/√2);
///   layer i ≥ 1  the rectangle [0, x_i] × [f_i, f_{i+1}] with
///                x_1 = r,  f_i = f(x_i),  f_{i+1} = f_i + v/x_i,  x_{i+1} = f⁻¹(f_{i+1}) = sqrt(−2 ln f_{i+1}).
/// r is the root of "the top layer ends at the peak", f_{N−1} + v/x_{N−1} = 1
/// (bisection at start-up, tail_start(N): r = 4.216370409511897 for N = 2048,
/// 4.0388498461095 for N = 1024; 3.6541528853610088 for N = 256 as in NumPy, 3.442619855899 for N = 128 as
/// in Marsaglia–Tsang). The base gets
/// the virtual width x_0 = v/f(r), so that a uniform x in [0, x_0) lands in
/// the rectangle with probability r f(r)/v and in the tail otherwise.
///
/// Sampling from one 32-bit word w:
///   layer i = w mod N (bits 0–10), sign = bit 11, u = w >> 12 (20 bits),
///   x = u · x_i / 2²⁰, uniform on the grid {k x_i/2²⁰} of [0, x_i).
///   core:  x < x_{i+1} (the part of layer i that lies under f; the integer
///          test u < floor(2²⁰ x_{i+1}/x_i)): return ±x.  This is
///          the ~99.77 % path: one word, a table look-up, a multiply.
///   base:  i = 0 and x ≥ r: return ±(r + a), a from the exact tail sampler
///          (Marsaglia 1964): a = −ln(U₁)/r, b = −ln(U₂), repeat until 2b > a².
///   wedge: i ≥ 1: y = f_i + U (f_{i+1} − f_i); y < f(x) → return ±x.
///   else:  reject; start again with a fresh 32-bit word (fresh layer, sign and u).
/// Each U is a further 64-bit word (two 32-bit words), (w >> 11)·2⁻⁵³ (or
/// (w >> 11) + 1 for the logarithm's (0, 1]): the tail sampler reaches
/// −ln(2⁻⁵³)/r ≈ 9 beyond r, far past any tail a run can resolve.
///
/// The trade: within a layer the deviate lies on a grid of 2⁻²⁰ of the
/// layer's width (2⁻²⁰ x_i ≤ 4.3e-6 in x), where 64-bit words gave 2⁻⁵³.
/// Otherwise the point (x, y) is uniform on the union of the layers and is
/// kept iff it lies under f, so the deviates follow N(0, 1) except that each
/// layer's share (1/N of the total, all layers alike) sits on its grid: the
/// distribution function is within 2⁻²⁰ ≈ 9.5e-7 of Φ everywhere (one grid
/// cell per layer, summed over the layers), a Kolmogorov–Smirnov test would
/// need ~2·10¹² deviates to see it, and the even moments move by relative
/// ~2e-6 (the odd ones stay 0: the grid is the same on both signs).
/// The tables round the layer areas to relative 1e-13; no part of the
/// distribution is cut off (the tail sampler reaches any x > r on the 2⁻⁵³
/// grid of its uniforms).
///
/// The search for r keeps the side where the top layer reaches at least the
/// peak (f_{N−1} + v/x_{N−1} ≥ 1, by ~1e-16): the layers then cover all of
/// the region under f, and the sliver above y = 1 is rejected by the wedge test.
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace metasc::stochastic::ziggurat {

inline constexpr unsigned layer_bits = 11;
inline constexpr std::size_t layers = std::size_t{1} << layer_bits;  ///< N = 2048
inline constexpr unsigned sign_bit = layer_bits;                   ///< bit 11 of the word
inline constexpr unsigned core_uniform_bits = 31 - layer_bits;     ///< bits 12–31 of the ziggurat's word
inline constexpr unsigned uniform_bits = 53;                       ///< the further words' uniforms, exact in a double

/// The ziggurat of f(x) = exp(−x²/2) with N layers (see the file comment).
struct Tables {
  double tail_start;  ///< r = x_1, where the tail begins
  double layer_area;  ///< v, the area of every layer
  std::array<double, layers> edge;        ///< x_i (x_0 = v/f(r), the virtual width of the base)
  std::array<double, layers + 1> height;  ///< f_i, the bottom of layer i (f_0 = 0); f_N ≥ 1 the top of the last

  /// What the fast path needs of a layer, side by side in one 16-byte
  /// entry (one load per deviate in a vectorised loop), indexed by the
  /// word's low layer_bits bits:
  ///   scale:  x_i·2⁻²⁰, so that |x| = u·scale
  ///   limit:  floor(2²⁰ x_{i+1}/x_i) (x_N = 0): u < limit ⇔ x < x_{i+1}, under f;
  ///           an integer held as a double, so that the test compares the
  ///           double that x is made of (exact: both are integers < 2²⁰)
  struct alignas(16) CoreEntry {
    double scale;
    double limit;
  };
  alignas(64) std::array<CoreEntry, layers> core;
};

/// The tables, built on first use (thread-safe) by build_tables().
const Tables& tables();

/// Builds the tables from the recursion of the file comment with r = tail_start(N).
Tables build_tables();

/// r for a ziggurat of `layer_count` layers: the largest double at which the
/// top layer still reaches the peak (f_{N−1} + v/x_{N−1} ≥ 1), by bisection.
/// Throws metasc::NumericalError unless 2 < r < 5 (layer_count from ~8 to ~10⁵).
double tail_start(std::size_t layer_count);

/// Uniform on [0, 1) from the top 53 bits of a 64-bit word.
inline double uniform(std::uint64_t word) {
  return static_cast<double>(word >> (64 - uniform_bits)) * 0x1p-53;
}

/// Uniform on (0, 1] from the top 53 bits of a 64-bit word (for a logarithm).
inline double uniform_positive(std::uint64_t word) {
  return static_cast<double>((word >> (64 - uniform_bits)) + 1) * 0x1p-53;
}

/// ±magnitude with the sign taken from bit 11 of the ziggurat's word (a bit
/// the layer and u do not use), without a branch.
inline double with_sign(double magnitude, std::uint32_t word) {
  const std::uint64_t sign = (std::uint64_t{word} << (63 - sign_bit)) & (std::uint64_t{1} << 63);
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(magnitude) | sign);
}

/// The fast path: x = ±u·x_i from the word; true when it lies in the core of
/// its layer, i.e. when x is already the deviate. Otherwise resolve() decides.
inline bool core_deviate(const Tables& t, std::uint32_t word, double& x) {
  const auto layer = static_cast<std::size_t>(word & (layers - 1));
  const std::uint32_t u = word >> (32 - core_uniform_bits);
  // Through int32 (exact: u < 2²⁰): one conversion instruction instead of the unsigned sequence.
  const double uniform_count = static_cast<double>(static_cast<std::int32_t>(u));
  x = with_sign(uniform_count * t.core[layer].scale, word);
  return uniform_count < t.core[layer].limit;
}

/// The deviate of a word whose point missed the core: the base, wedge and
/// rejection steps of the file comment. `next_word()` supplies the further
/// 64-bit words (wedge heights, tail uniforms, and after a rejection a fresh
/// ziggurat word in its low 32 bits), in a fixed order, so the result is a
/// deterministic function of the word sequence. Returns the deviate for a
/// core hit as well.
template <class NextWord>
double resolve(const Tables& t, std::uint32_t word, NextWord&& next_word) {
  for (;;) {
    const std::size_t layer = static_cast<std::size_t>(word & (layers - 1));
    const std::uint32_t u = word >> (32 - core_uniform_bits);
    const double uniform_count = static_cast<double>(static_cast<std::int32_t>(u));
    const double x = uniform_count * t.core[layer].scale;
    if (uniform_count < t.core[layer].limit) return with_sign(x, word);
    if (layer == 0) {
      // The core test is floor-rounded: an x just below r is still in the rectangle.
      if (x < t.tail_start) return with_sign(x, word);
      const double r = t.tail_start;
      for (;;) {
        const double a = -std::log(uniform_positive(next_word())) / r;
        const double b = -std::log(uniform_positive(next_word()));
        if (2.0 * b > a * a) return with_sign(r + a, word);
      }
    }
    const double y = t.height[layer] + uniform(next_word()) * (t.height[layer + 1] - t.height[layer]);
    if (y < std::exp(-0.5 * x * x)) return with_sign(x, word);
    word = static_cast<std::uint32_t>(next_word());
  }
}

}  // namespace metasc::stochastic::ziggurat
