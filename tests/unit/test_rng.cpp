// Counter-based random numbers: the ziggurat's tables and steps, the normal
// distribution (moments, tails, histogram, KS), independence across
// trajectories / steps / draws / seeds, order and block independence, and the
// roulette's uniforms (documented counter, KS).
// Statistical bounds are z = 5 standard errors of the estimator (two-sided
// false-alarm probability 6e-7 per check under the normal approximation);
// the χ² and KS bounds are stated where they are used. Seeds are fixed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/stochastic/rng.hpp"
#include "metasc/stochastic/ziggurat.hpp"

using metasc::stochastic::NormalStream;
using metasc::stochastic::Stream;
namespace ziggurat = metasc::stochastic::ziggurat;

namespace {

constexpr double z = 5.0;
constexpr std::size_t sample_size = std::size_t{1} << 22;

/// Mean of a·b over matched samples; its standard error is 1/sqrt(n) for independent N(0,1) a, b.
double mean_product(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum / static_cast<double>(a.size());
}

std::vector<double> draws(const NormalStream& stream, std::uint64_t first, std::uint64_t step,
                          std::uint64_t draw = 0, std::size_t n = sample_size) {
  std::vector<double> out(n);
  stream.fill(out.data(), n, first, step, draw);
  return out;
}

/// Φ(x), the standard normal distribution function.
double Phi(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

/// Calls `visit(x)` for `total` deviates, as an integrator draws them: blocks
/// of 4096 trajectories at successive steps.
template <class Visit>
void for_each_deviate(const NormalStream& stream, std::size_t total, Visit visit) {
  constexpr std::size_t block = 4096;
  std::vector<double> x(block);
  for (std::uint64_t step = 0; step * block < total; ++step) {
    stream.fill(x.data(), block, 0, step);
    for (const double v : x) visit(v);
  }
}

/// A ziggurat word with the given layer, sign and 20-bit uniform u.
std::uint32_t word_of(std::uint32_t layer, bool negative, std::uint32_t u) {
  return (u << (ziggurat::sign_bit + 1)) | (std::uint32_t{negative} << ziggurat::sign_bit) | layer;
}

constexpr double grid = 0x1p20;  // 2^core_uniform_bits
static_assert(ziggurat::core_uniform_bits == 20);

}  // namespace

TEST_CASE("normal deviates have the moments and tails of N(0,1)", "[rng][stochastic]") {
  const NormalStream stream(12345, Stream::langevin_noise);
  const auto x = draws(stream, 0, 7);
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  std::size_t beyond_two = 0;
  for (const double v : x) {
    m1 += v;
    m2 += v * v;
    m3 += v * v * v;
    m4 += v * v * v * v;
    beyond_two += std::abs(v) > 2.0;
  }
  const double n = static_cast<double>(x.size());
  m1 /= n;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  // Var of x, x², x³, x⁴ under N(0,1): 1, 2, 15, 96.
  CHECK(std::abs(m1) < z * std::sqrt(1.0 / n));
  CHECK(std::abs(m2 - 1.0) < z * std::sqrt(2.0 / n));
  CHECK(std::abs(m3) < z * std::sqrt(15.0 / n));
  CHECK(std::abs(m4 - 3.0) < z * std::sqrt(96.0 / n));
  const double tail = std::erfc(2.0 / std::sqrt(2.0));  // P(|x| > 2)
  CHECK(std::abs(static_cast<double>(beyond_two) / n - tail) < z * std::sqrt(tail * (1 - tail) / n));
}

TEST_CASE("deviates of different trajectories, steps and draws are uncorrelated", "[rng][stochastic]") {
  const NormalStream stream(99, Stream::langevin_noise);
  const auto base = draws(stream, 0, 1000);
  const double bound = z / std::sqrt(static_cast<double>(sample_size));
  // Ids 8 apart mostly share a Philox block (words k and k + 1 of one block);
  // neighbouring ids take the same word of neighbouring blocks.
  const auto same_block = draws(stream, 8, 1000);
  const auto next_block = draws(stream, 1, 1000);
  const auto next_step = draws(stream, 0, 1001);
  const auto next_draw = draws(stream, 0, 1000, 1);
  CHECK(std::abs(mean_product(base, same_block)) < bound);
  CHECK(std::abs(mean_product(base, next_block)) < bound);
  CHECK(std::abs(mean_product(base, next_step)) < bound);
  CHECK(std::abs(mean_product(base, next_draw)) < bound);

  // Independence, not only zero correlation: for independent normals
  // E[(a²-1)(b²-1)] = 0 with variance 4 (words of one block must not share a scale).
  std::vector<double> a2(sample_size), b2(sample_size);
  for (std::size_t i = 0; i < sample_size; ++i) {
    a2[i] = base[i] * base[i] - 1.0;
    b2[i] = same_block[i] * same_block[i] - 1.0;
  }
  CHECK(std::abs(mean_product(a2, b2)) < 2.0 * bound);
}

TEST_CASE("the numbers depend only on (seed, stream, trajectory, step, draw)", "[rng]") {
  const NormalStream stream(2024, Stream::langevin_noise);
  constexpr std::size_t n = 103;
  constexpr std::uint64_t first = 1'000'000'000'003;  // 3 mod 4: starts in the middle of a block
  const auto whole = draws(stream, first, 5, 0, n);

  // Element by element, in reverse order.
  for (std::size_t i = n; i-- > 0;) REQUIRE(stream.normal(first + i, 5) == whole[i]);

  // Split into blocks at odd offsets, as another rank decomposition would.
  std::vector<double> pieces(n);
  const std::size_t cuts[] = {0, 1, 6, 7, 50, 52, 53, n};
  for (std::size_t c = 0; c + 1 < std::size(cuts); ++c) {
    stream.fill(pieces.data() + cuts[c], cuts[c + 1] - cuts[c], first + cuts[c], 5);
  }
  CHECK(pieces == whole);

  // A fresh object with the same seed gives the same numbers.
  CHECK(draws(NormalStream(2024, Stream::langevin_noise), first, 5, 0, n) == whole);
}

TEST_CASE("different seeds and streams give different, uncorrelated numbers", "[rng][stochastic]") {
  const auto reference = draws(NormalStream(1, Stream::langevin_noise), 0, 3);
  const auto other_seed = draws(NormalStream(2, Stream::langevin_noise), 0, 3);
  const auto other_stream = draws(NormalStream(1, Stream::initial_state), 0, 3);
  std::size_t equal_seed = 0, equal_stream = 0;
  for (std::size_t i = 0; i < sample_size; ++i) {
    equal_seed += reference[i] == other_seed[i];
    equal_stream += reference[i] == other_stream[i];
  }
  CHECK(equal_seed == 0);
  CHECK(equal_stream == 0);
  const double bound = z / std::sqrt(static_cast<double>(sample_size));
  CHECK(std::abs(mean_product(reference, other_seed)) < bound);
  CHECK(std::abs(mean_product(reference, other_stream)) < bound);
}

TEST_CASE("the ziggurat tables follow the Marsaglia–Tsang recursion", "[rng]") {
  // Published values of r: Marsaglia & Tsang (2000), 128 layers, 12 digits;
  // NumPy's 256-layer ziggurat_nor_r.
  CHECK(ziggurat::tail_start(128) == Approx(3.442619855899).epsilon(1e-12));
  CHECK(ziggurat::tail_start(256) == Approx(3.6541528853610088).epsilon(1e-15));

  const auto& t = ziggurat::tables();
  constexpr std::size_t N = ziggurat::layers;
  const double r = t.tail_start;
  const double f_r = std::exp(-0.5 * r * r);
  const double v = r * f_r + std::sqrt(0.5 * std::numbers::pi) * std::erfc(r / std::numbers::sqrt2);
  CHECK(r == ziggurat::tail_start(N));
  CHECK(t.layer_area == Approx(v).epsilon(1e-15));
  CHECK(t.edge[1] == r);
  CHECK(t.edge[0] * f_r == Approx(v).epsilon(1e-15));  // the base: rectangle + tail
  CHECK(t.height[0] == 0.0);
  // Every layer above the base has area v, and its edges sit on the curve.
  for (std::size_t i = 1; i < N; ++i) {
    INFO("layer " << i);
    CHECK(t.edge[i] * (t.height[i + 1] - t.height[i]) == Approx(v).epsilon(1e-12));
    CHECK(t.height[i] == Approx(std::exp(-0.5 * t.edge[i] * t.edge[i])).epsilon(1e-14));
    CHECK(t.edge[i] < t.edge[i - 1]);
  }
  // The top layer reaches the peak (no gap under f), by no more than rounding.
  CHECK(t.height[N] >= 1.0);
  CHECK(t.height[N] < 1.0 + 1e-13);
  // The fast path's integer limits: floor(2²⁰ x_{i+1}/x_i).
  double core_fraction = 0.0;
  for (std::size_t i = 0; i < N; ++i) {
    INFO("layer " << i);
    const double ratio = grid * ((i + 1 < N ? t.edge[i + 1] : 0.0) / t.edge[i]);
    const double limit = t.core[i].limit;
    CHECK(limit == std::floor(limit));
    CHECK(limit <= ratio);
    CHECK(ratio < limit + 1.0);
    CHECK(t.core[i].scale == t.edge[i] / grid);
    core_fraction += limit / grid / static_cast<double>(N);
  }
  CHECK(t.core[N - 1].limit == 0);  // the top layer is all wedge
  CHECK(core_fraction > 0.997);     // one word per deviate in > 99.7 % of cases
}

TEST_CASE("the ziggurat's core, wedge, tail and rejection steps", "[rng]") {
  const auto& t = ziggurat::tables();
  constexpr std::size_t N = ziggurat::layers;
  const double r = t.tail_start;
  // Supplies given words in order and counts them.
  struct Words {
    std::vector<std::uint64_t> words;  // 64-bit further words
    std::size_t used = 0;
    std::uint64_t operator()() { return words.at(used++); }
  };

  SECTION("core: the word alone is the deviate") {
    const std::uint32_t w = word_of(5, true, 1000);
    double x;
    REQUIRE(ziggurat::core_deviate(t, w, x));
    CHECK(x == -1000.0 * (t.edge[5] / grid));
    Words none;
    CHECK(ziggurat::resolve(t, w, none) == x);
    CHECK(none.used == 0);
  }
  SECTION("wedge: accepted below the curve, rejected above it") {
    const std::uint32_t w = word_of(N - 1, false, std::uint32_t{1} << (ziggurat::core_uniform_bits - 1));  // x = x_{N-1}/2, top layer
    double x;
    REQUIRE_FALSE(ziggurat::core_deviate(t, w, x));
    CHECK(x == 0.5 * t.edge[N - 1]);
    Words low{{0}};  // y = f_{N-1} < f(x): accept
    CHECK(ziggurat::resolve(t, w, low) == x);
    CHECK(low.used == 1);
    const std::uint32_t next = word_of(7, true, 12345);  // a core word after the rejection
    double x_next;
    REQUIRE(ziggurat::core_deviate(t, next, x_next));
    // y ≈ f_N ≥ 1 > f(x): reject, start again from the low 32 bits of the next word.
    Words high{{~std::uint64_t{0}, (std::uint64_t{0xdeadbeef} << 32) | next}};
    CHECK(ziggurat::resolve(t, w, high) == x_next);
    CHECK(high.used == 2);
  }
  SECTION("base: rectangle below r, exact tail beyond it") {
    const std::uint64_t half = (std::uint64_t{1} << 52) - 1;  // uniform_positive = 1/2
    const std::uint32_t far = word_of(0, false, (std::uint32_t{1} << ziggurat::core_uniform_bits) - 1);  // x ≈ x_0 > r
    double x;
    REQUIRE_FALSE(ziggurat::core_deviate(t, far, x));
    REQUIRE(x > r);
    // a = ln 2 / r, b = ln 2: 2b > a², accepted: r + a.
    Words accept{{half << 11, half << 11}};
    CHECK(ziggurat::resolve(t, far, accept) == Approx(r + std::log(2.0) / r).epsilon(1e-15));
    CHECK(accept.used == 2);
    Words negative{{half << 11, half << 11}};
    CHECK(ziggurat::resolve(t, word_of(0, true, (std::uint32_t{1} << ziggurat::core_uniform_bits) - 1), negative) ==
          Approx(-(r + std::log(2.0) / r)).epsilon(1e-15));
    // U₁ = 2⁻⁵³: a = 53 ln 2 / r ≈ 9.1, 2b = 2 ln 2 < a²: rejected, the next pair is taken.
    Words retry{{0, half << 11, half << 11, half << 11}};
    CHECK(ziggurat::resolve(t, far, retry) == Approx(r + std::log(2.0) / r).epsilon(1e-15));
    CHECK(retry.used == 4);
  }
}

TEST_CASE("fill agrees with normal() bit for bit and follows the documented counters", "[rng]") {
  const NormalStream stream(31337, Stream::langevin_noise);
  constexpr std::uint64_t step = 42, draw = 3;
  const std::uint64_t firsts[] = {0, 1, 2, 3, 4, 5, 6, 7, (std::uint64_t{1} << 40) + 1};
  const std::size_t lengths[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 31, 32, 33, 255, 256, 257, 511, 512, 513, 1025, 4099};
  for (const auto first : firsts) {
    for (const auto n : lengths) {
      INFO("first " << first << ", n " << n);
      std::vector<double> out(n + 1, 123.0);
      stream.fill(out.data(), n, first, step, draw);
      bool same = true;
      for (std::size_t i = 0; i < n; ++i) same = same && out[i] == stream.normal(first + i, step, draw);
      CHECK(same);
      CHECK(out[n] == 123.0);  // nothing written past n
    }
  }
  // The documented layout: trajectory t = 32m + 8k + j's first word is word k
  // of the Random123 Philox4x32-10 block at key (seed mod 2³², seed / 2³²) and
  // counter (g mod 2³², step mod 2³², step/2³² + 2¹⁶ g/2³², 2²⁸ stream + 2²⁰ draw),
  // g = 8m + j; when it lands in the core, it alone is the deviate. The ranges
  // have words off the core too (~0.23 %), so the comparison above covered
  // resolve(). The second start crosses g = 2³² (the counter's low word wraps).
  const std::uint64_t seed = (std::uint64_t{7} << 32) + 31337;
  const NormalStream wide_seed(seed, Stream::langevin_noise);
  const r123::Philox4x32::key_type key{{31337, 7}};
  const std::uint64_t big_step = (std::uint64_t{5} << 32) + 42;
  for (const std::uint64_t start : {(std::uint64_t{1} << 40) + 1, (std::uint64_t{1} << 34) - 4097}) {
    std::vector<double> filled(4099);
    wide_seed.fill(filled.data(), filled.size(), start, big_step, draw);
    std::size_t off_core = 0;
    for (std::uint64_t t = start; t < start + filled.size(); ++t) {
      const std::uint64_t g = 8 * (t / 32) + t % 8;
      const r123::Philox4x32::ctr_type counter{
          {static_cast<std::uint32_t>(g), 42, static_cast<std::uint32_t>(5 + ((g >> 32) << 16)),
           static_cast<std::uint32_t>((static_cast<std::uint64_t>(Stream::langevin_noise) << 28) | (draw << 20))}};
      const auto r = r123::Philox4x32{}(counter, key);
      const std::uint32_t word = r[t / 8 % 4];
      double x;
      if (ziggurat::core_deviate(ziggurat::tables(), word, x)) {
        REQUIRE(filled[t - start] == x);
        REQUIRE(wide_seed.normal(t, big_step, draw) == x);
      } else {
        ++off_core;
      }
    }
    CHECK(off_core > 0);
  }
}

TEST_CASE("counters beyond the documented ranges are refused, not wrapped", "[rng]") {
  const NormalStream stream(1, Stream::langevin_noise);
  double x[2];
  CHECK_THROWS_AS(stream.normal(std::uint64_t{1} << 49, 0), metasc::NumericalError);
  CHECK_THROWS_AS(stream.normal(0, std::uint64_t{1} << 48), metasc::NumericalError);
  CHECK_THROWS_AS(stream.normal(0, 0, 256), metasc::NumericalError);
  CHECK_THROWS_AS(stream.fill(x, 2, (std::uint64_t{1} << 49) - 1, 0), metasc::NumericalError);
  CHECK_NOTHROW(stream.fill(x, 1, (std::uint64_t{1} << 49) - 1, (std::uint64_t{1} << 48) - 1, 255));
}

TEST_CASE("tail probabilities P(|x| > c) of N(0,1), through the ziggurat's tail start", "[rng][stochastic]") {
  // 2²⁶ deviates: at c = 4 the 5σ bound is ±8 % of P, at c = 5 (38 expected) ±80 %.
  const NormalStream stream(777, Stream::langevin_noise);
  const double r = ziggurat::tables().tail_start;
  const std::array<double, 6> c = {2.0, 3.0, r, 4.0, 4.5, 5.0};
  std::array<std::size_t, c.size()> beyond{};
  std::size_t above_r = 0, below_minus_r = 0;
  double tail_excess = 0.0;  // Σ (|x| − r) over |x| > r
  constexpr std::size_t n = std::size_t{1} << 26;
  for_each_deviate(stream, n, [&](double x) {
    const double a = std::abs(x);
    for (std::size_t k = 0; k < c.size(); ++k) beyond[k] += a > c[k];
    above_r += x > r;
    below_minus_r += x < -r;
    if (a > r) tail_excess += a - r;
  });
  const double size = static_cast<double>(n);
  for (std::size_t k = 0; k < c.size(); ++k) {
    const double p = std::erfc(c[k] / std::numbers::sqrt2);
    INFO("P(|x| > " << c[k] << ") = " << p << ", observed " << static_cast<double>(beyond[k]) / size);
    CHECK(std::abs(static_cast<double>(beyond[k]) / size - p) < z * std::sqrt(p * (1 - p) / size));
  }
  // Both signs of the tail sampler.
  const double q = 0.5 * std::erfc(r / std::numbers::sqrt2);
  CHECK(std::abs(static_cast<double>(above_r) / size - q) < z * std::sqrt(q * (1 - q) / size));
  CHECK(std::abs(static_cast<double>(below_minus_r) / size - q) < z * std::sqrt(q * (1 - q) / size));
  // The shape of the tail: |x| given |x| > r is the normal truncated at r, with
  // mean λ = φ(r)/Q(r) and variance 1 + rλ − λ² (λ − r = 0.224; an exponential
  // tail, the sampler without its rejection step, would give 1/r = 0.248: 6.7σ off
  // with the ~3600 tail deviates expected).
  const double lambda = std::exp(-0.5 * r * r) / std::sqrt(2 * std::numbers::pi) / q;
  const double tail_count = static_cast<double>(above_r + below_minus_r);
  INFO("mean excess over r " << tail_excess / tail_count << ", expected " << lambda - r);
  CHECK(std::abs(tail_excess / tail_count - (lambda - r)) < z * std::sqrt((1 + r * lambda - lambda * lambda) / tail_count));
}

TEST_CASE("the histogram of the deviates matches Φ (χ² test)", "[rng][stochastic]") {
  // 180 bins of width 0.05 on [-4.5, 4.5] and the two tails beyond: 182 bins,
  // ≥ 13 expected counts each with 2²⁴ deviates. Steps in the density at the
  // layer edges (a wrong table) show up here. Bound: the χ² quantile with
  // k = 181 degrees of freedom at one-sided probability 2.9e-7 (z = 5), by
  // Wilson–Hilferty: k (1 − 2/(9k) + z sqrt(2/(9k)))³ ≈ 293.
  constexpr std::size_t inner = 180;
  constexpr double low = -4.5, width = 0.05;
  constexpr std::size_t n = std::size_t{1} << 24;
  std::vector<std::size_t> count(inner + 2, 0);
  for_each_deviate(NormalStream(4242, Stream::langevin_noise), n, [&](double x) {
    const double position = (x - low) / width;
    const std::size_t bin = position < 0 ? 0 : position >= inner ? inner + 1 : 1 + static_cast<std::size_t>(position);
    ++count[bin];
  });
  double chi2 = 0.0;
  for (std::size_t bin = 0; bin < count.size(); ++bin) {
    const double left = bin == 0 ? -INFINITY : low + width * static_cast<double>(bin - 1);
    const double right = bin == inner + 1 ? INFINITY : low + width * static_cast<double>(bin);
    const double expected = static_cast<double>(n) * (Phi(right) - Phi(left));
    const double d = static_cast<double>(count[bin]) - expected;
    chi2 += d * d / expected;
  }
  const double k = static_cast<double>(count.size() - 1);
  const double bound = k * std::pow(1 - 2 / (9 * k) + z * std::sqrt(2 / (9 * k)), 3);
  INFO("chi2 = " << chi2 << " with " << k << " degrees of freedom, bound " << bound);
  CHECK(chi2 < bound);
}

TEST_CASE("the empirical distribution function matches Φ (Kolmogorov–Smirnov)", "[rng][stochastic]") {
  // sqrt(n)·D → Kolmogorov distribution: P(sqrt(n) D > λ) ≈ 2 exp(−2λ²) = 1e-6 at λ = 2.69.
  constexpr std::size_t n = std::size_t{1} << 20;
  auto x = draws(NormalStream(8675309, Stream::langevin_noise), 17, 3, 0, n);
  std::sort(x.begin(), x.end());
  double D = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double F = Phi(x[i]);
    D = std::max({D, static_cast<double>(i + 1) / n - F, F - static_cast<double>(i) / n});
  }
  INFO("sqrt(n) D = " << std::sqrt(static_cast<double>(n)) * D);
  CHECK(std::sqrt(static_cast<double>(n)) * D < 2.69);
}

TEST_CASE("uniforms follow the documented counter and are uniform on [0, 1) (Kolmogorov–Smirnov)", "[rng][stochastic]") {
  using metasc::stochastic::UniformStream;
  const std::uint64_t seed = 0x1234'5678'9abc'def0;
  const UniformStream roulette(seed, Stream::roulette);
  // The documented counter, computed here from r123 directly.
  const std::uint64_t id = (std::uint64_t{3} << 32) | 77, event = 5;
  const auto r = r123::Philox4x32{}({{77u, 3u, 5u, 3u << 28}}, {{0x9abcdef0u, 0x12345678u}});
  const std::uint64_t word = r[0] | (std::uint64_t{r[1]} << 32);
  CHECK(roulette.uniform(id, event) == static_cast<double>(word >> 11) * 0x1p-53);
  CHECK(UniformStream(seed, Stream::initial_state).uniform(id, event) != roulette.uniform(id, event));

  // sqrt(n)·D < 2.69 (false alarm 1e-6), over ids and events both.
  constexpr std::size_t n = std::size_t{1} << 18;
  std::vector<double> u(n);
  for (std::size_t i = 0; i < n; ++i) u[i] = roulette.uniform(i / 4, i % 4);
  REQUIRE(*std::min_element(u.begin(), u.end()) >= 0.0);
  REQUIRE(*std::max_element(u.begin(), u.end()) < 1.0);
  std::sort(u.begin(), u.end());
  double D = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    D = std::max({D, static_cast<double>(i + 1) / n - u[i], u[i] - static_cast<double>(i) / n});
  }
  INFO("sqrt(n) D = " << std::sqrt(static_cast<double>(n)) * D);
  CHECK(std::sqrt(static_cast<double>(n)) * D < 2.69);
}
