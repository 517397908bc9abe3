// Counter-based normal deviates: the distribution, independence across
// trajectories / steps / draws / seeds, and order independence.
// Statistical bounds are z = 5 standard errors of the estimator (two-sided
// false-alarm probability 6e-7 per check under the normal approximation).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "metasc/stochastic/rng.hpp"

using metasc::stochastic::NormalStream;
using metasc::stochastic::Stream;

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
  // Neighbouring ids share a Philox block (lanes 0-1 and 2-3 even share a Box–Muller pair).
  const auto next_trajectory = draws(stream, 1, 1000);
  const auto next_block = draws(stream, 4, 1000);
  const auto next_step = draws(stream, 0, 1001);
  const auto next_draw = draws(stream, 0, 1000, 1);
  CHECK(std::abs(mean_product(base, next_trajectory)) < bound);
  CHECK(std::abs(mean_product(base, next_block)) < bound);
  CHECK(std::abs(mean_product(base, next_step)) < bound);
  CHECK(std::abs(mean_product(base, next_draw)) < bound);

  // Independence, not only zero correlation: for independent normals
  // E[(a²-1)(b²-1)] = 0 with variance 4 (Box–Muller pairs share the radius).
  std::vector<double> a2(sample_size), b2(sample_size);
  for (std::size_t i = 0; i < sample_size; ++i) {
    a2[i] = base[i] * base[i] - 1.0;
    b2[i] = next_trajectory[i] * next_trajectory[i] - 1.0;
  }
  CHECK(std::abs(mean_product(a2, b2)) < 2.0 * bound);
}

TEST_CASE("the numbers depend only on (seed, stream, trajectory, step, draw)", "[rng]") {
  const NormalStream stream(2024, Stream::langevin_noise);
  constexpr std::size_t n = 103;
  constexpr std::uint64_t first = 1'000'000'000'003;  // not a multiple of the 4 lanes
  const auto whole = draws(stream, first, 5, 0, n);

  // Element by element, in reverse order.
  for (std::size_t i = n; i-- > 0;) REQUIRE(stream.normal(first + i, 5) == whole[i]);

  // Split into blocks at odd offsets, as another rank decomposition would.
  std::vector<double> pieces(n);
  const std::size_t cuts[] = {0, 1, 6, 7, 50, n};
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
