// Estimators of PHYSICS.md §7 against their defining formulas, a hand-worked
// Kaplan–Meier example, exact two-pass moments and a coverage experiment.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/stats/estimators.hpp"

using namespace metasc::stats;

namespace {

/// P(Poisson(μ) ≤ d), summed term by term in log space.
double poisson_cdf(std::uint64_t d, double mu) {
  double sum = 0.0;
  for (std::uint64_t j = 0; j <= d; ++j) {
    const double dj = static_cast<double>(j);
    sum += std::exp(-mu + dj * std::log(mu) - std::lgamma(dj + 1.0));
  }
  return sum;
}

/// Uniform on (0, 1) from the fully specified 64-bit Mersenne twister (portable, unlike std distributions).
double uniform_open(std::mt19937_64& engine) { return (static_cast<double>(engine() >> 11) + 0.5) * 0x1p-53; }

constexpr double z975 = 1.959963984540054;  // standard-normal 0.975 quantile (tables)

}  // namespace

TEST_CASE("Wilson interval endpoints solve the score equation", "[stats]") {
  for (const auto& [s, n] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{{1, 10}, {7, 20}, {493, 1000}, {2, 3}}) {
    const ProportionEstimate p = wilson_interval(s, n);
    const double p_hat = static_cast<double>(s) / static_cast<double>(n);
    const double nn = static_cast<double>(n);
    CHECK(p.estimate == p_hat);
    CHECK(p.low < p_hat);
    CHECK(p.high > p_hat);
    for (const double q : {p.low, p.high})
      CHECK((p_hat - q) * (p_hat - q) == Approx(z975 * z975 * q * (1.0 - q) / nn).epsilon(1e-10));
  }
}

TEST_CASE("Wilson interval at the boundaries and at other confidences", "[stats]") {
  const double n = 25.0;
  const ProportionEstimate none = wilson_interval(0, 25);
  CHECK(none.estimate == 0.0);
  CHECK(none.low == 0.0);
  CHECK(none.high == Approx(z975 * z975 / (n + z975 * z975)).epsilon(1e-12));
  const ProportionEstimate all = wilson_interval(25, 25);
  CHECK(all.high == 1.0);
  CHECK(all.low == Approx(n / (n + z975 * z975)).epsilon(1e-12));
  // 68.27% ↔ z = 1: s = 0 gives high = 1/(n+1).
  CHECK(wilson_interval(0, 25, 0.6826894921370859).high == Approx(1.0 / (n + 1.0)).epsilon(1e-9));
  CHECK_THROWS_AS(wilson_interval(0, 0), metasc::NumericalError);
  CHECK_THROWS_AS(wilson_interval(3, 2), metasc::NumericalError);
  CHECK_THROWS_AS(wilson_interval(1, 2, 1.0), metasc::ConfigError);
}

TEST_CASE("Censored-rate interval: closed forms for d = 0 and d = 1", "[stats]") {
  const double alpha = 0.05;
  const double t_risk = 123.4;
  const RateEstimate zero = censored_rate({0, t_risk});
  CHECK(zero.rate_per_ps == 0.0);
  CHECK(zero.low_per_ps == 0.0);
  // χ²_2 quantile q is −2 ln(1−q).
  CHECK(zero.high_per_ps == Approx(-std::log(alpha / 2.0) / t_risk).epsilon(1e-10));

  const RateEstimate one = censored_rate({1, t_risk});
  CHECK(one.rate_per_ps == Approx(1.0 / t_risk).epsilon(1e-15));
  CHECK(one.low_per_ps == Approx(-std::log(1.0 - alpha / 2.0) / t_risk).epsilon(1e-10));
  // χ²_4 has CDF 1 − e^{−x/2}(1 + x/2): the upper μ = k T solves e^{−μ}(1 + μ) = α/2.
  const double mu = one.high_per_ps * t_risk;
  CHECK(std::exp(-mu) * (1.0 + mu) == Approx(alpha / 2.0).epsilon(1e-10));
}

TEST_CASE("Censored-rate interval: Poisson-sum identities for general d", "[stats]") {
  const double t_risk = 5.0e4;
  for (const double confidence : {0.95, 0.9}) {
    const double alpha = 1.0 - confidence;
    for (const std::uint64_t d : {2u, 5u, 17u, 200u}) {
      const RateEstimate r = censored_rate({d, t_risk}, confidence);
      CHECK(r.rate_per_ps == Approx(static_cast<double>(d) / t_risk).epsilon(1e-15));
      CHECK(poisson_cdf(d, r.high_per_ps * t_risk) == Approx(alpha / 2.0).epsilon(1e-8));
      CHECK(poisson_cdf(d - 1, r.low_per_ps * t_risk) == Approx(1.0 - alpha / 2.0).epsilon(1e-8));
    }
  }
  CHECK_THROWS_AS(censored_rate({0, 0.0}), metasc::NumericalError);
}

TEST_CASE("Exposure discards the transient and adds across blocks", "[stats]") {
  // Start of risk at 10 ps, end at 110 ps, transient t0 = 5 ps.
  const std::vector<double> passages{12.0, 20.0, std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(), 110.0, 500.0, 15.0};
  const std::vector<CensoredTime> observations = censored_times(passages, 10.0, 110.0);
  REQUIRE(observations.size() == 6);  // the NaN (never trapped) is not at risk
  CHECK(observations[0].escaped);
  CHECK(observations[0].time_ps == 2.0);
  CHECK(!observations[2].escaped);
  CHECK(observations[2].time_ps == 100.0);
  CHECK(observations[3].escaped);        // exactly at t_end: observed
  CHECK(!observations[4].escaped);       // after t_end: censored at t_end
  const EscapeExposure e = exposure(observations, 5.0);
  // 12 ps escapes inside the transient (dropped); 20 → 5; inf → 95; 110 → 95 (escape); 500 → 95; 15 → 0 (escape).
  CHECK(e.escapes == 3);
  CHECK(e.time_at_risk_ps == 5.0 + 95.0 + 95.0 + 95.0 + 0.0);
  EscapeExposure split = exposure(std::span(observations).first(3), 5.0);
  split += exposure(std::span(observations).subspan(3), 5.0);
  CHECK(split.escapes == e.escapes);
  CHECK(split.time_at_risk_ps == e.time_at_risk_ps);
  CHECK_THROWS_AS(censored_time(5.0, 10.0, 110.0), metasc::NumericalError);
}

TEST_CASE("Kaplan-Meier on a hand-worked example with ties", "[stats]") {
  // times 1e 2c 3e 3e 3c 4e 5c, shuffled: at t = 3 the escapes precede the censoring.
  const std::vector<CensoredTime> observations{{3.0, false}, {5.0, false}, {1.0, true}, {3.0, true},
                                               {4.0, true},  {2.0, false}, {3.0, true}};
  const SurvivalCurve km = kaplan_meier(observations);
  REQUIRE(km.time_ps == std::vector<double>{1.0, 3.0, 4.0});
  CHECK(km.at_risk == std::vector<std::uint64_t>{7, 5, 2});
  CHECK(km.escapes == std::vector<std::uint64_t>{1, 2, 1});
  CHECK(km.survival[0] == Approx(6.0 / 7.0).epsilon(1e-15));
  CHECK(km.survival[1] == Approx(18.0 / 35.0).epsilon(1e-15));
  CHECK(km.survival[2] == Approx(9.0 / 35.0).epsilon(1e-15));
  const double g1 = 1.0 / 42.0, g2 = g1 + 2.0 / 15.0, g3 = g2 + 1.0 / 2.0;
  CHECK(km.standard_error[0] == Approx(6.0 / 7.0 * std::sqrt(g1)).epsilon(1e-14));
  CHECK(km.standard_error[1] == Approx(18.0 / 35.0 * std::sqrt(g2)).epsilon(1e-14));
  CHECK(km.standard_error[2] == Approx(9.0 / 35.0 * std::sqrt(g3)).epsilon(1e-14));
  CHECK(km.follow_up_ps == 5.0);
  CHECK(survival_at(km, 0.5) == 1.0);
  CHECK(survival_at(km, 3.0) == km.survival[1]);
  CHECK(survival_at(km, 3.999) == km.survival[1]);
  CHECK(median_time(km) == 4.0);  // Ŝ(3) = 18/35 > 1/2
  CHECK(restricted_mean_time(km) == Approx(122.0 / 35.0).epsilon(1e-14));

  const EscapeSummary summary = summarize_escapes(observations, 0.0);
  CHECK(summary.exposure.escapes == 4);
  CHECK(summary.exposure.time_at_risk_ps == 21.0);
  CHECK(summary.mean_ps == Approx(21.0 / 4.0).epsilon(1e-15));
  CHECK(summary.mean_low_ps == Approx(1.0 / summary.rate.high_per_ps).epsilon(1e-15));
  CHECK(summary.mean_high_ps == Approx(1.0 / summary.rate.low_per_ps).epsilon(1e-15));
  CHECK(summary.median_ps == 4.0);
  CHECK(summary.restricted_mean_ps == Approx(122.0 / 35.0).epsilon(1e-14));
}

TEST_CASE("Kaplan-Meier without censoring is the empirical survival function", "[stats]") {
  const std::vector<CensoredTime> observations{{2.0, true}, {1.0, true}, {4.0, true}, {3.0, true}};
  const SurvivalCurve km = kaplan_meier(observations);
  CHECK(km.survival == std::vector<double>{0.75, 0.5, 0.25, 0.0});
  CHECK(km.standard_error.back() == 0.0);
  // Greenwood reduces to the binomial error sqrt(S(1−S)/n) without censoring.
  CHECK(km.standard_error[1] == Approx(std::sqrt(0.5 * 0.5 / 4.0)).epsilon(1e-14));
  CHECK(median_time(km) == 2.0);
  CHECK(restricted_mean_time(km) == Approx(2.5).epsilon(1e-15));  // the sample mean
  const SurvivalCurve censored_only = kaplan_meier(std::vector<CensoredTime>{{7.0, false}});
  CHECK(censored_only.time_ps.empty());
  CHECK(median_time(censored_only) == std::numeric_limits<double>::infinity());
  CHECK(restricted_mean_time(censored_only) == 7.0);
  const EscapeSummary summary = summarize_escapes(std::vector<CensoredTime>{{7.0, false}});
  CHECK(summary.mean_ps == std::numeric_limits<double>::infinity());
  CHECK(summary.mean_high_ps == std::numeric_limits<double>::infinity());
  CHECK(std::isfinite(summary.mean_low_ps));
}

TEST_CASE("Merged running moments equal one-pass and exact two-pass moments", "[stats]") {
  std::vector<double> samples;
  for (int i = 0; i < 1000; ++i) samples.push_back(10.0 + std::sin(0.37 * i) + 1e-3 * i);
  long double sum = 0.0L;
  for (const double x : samples) sum += x;
  const long double exact_mean = sum / samples.size();
  long double exact_m2 = 0.0L;
  for (const double x : samples) exact_m2 += (x - exact_mean) * (x - exact_mean);

  RunningMoments one_pass;
  for (const double x : samples) one_pass.add(x);
  // Uneven blocks, merged left to right as the ranks would be.
  RunningMoments merged;
  for (std::size_t begin = 0, block = 1; begin < samples.size(); begin += block, block = 2 * block + 3) {
    RunningMoments part;
    for (std::size_t i = begin; i < std::min(samples.size(), begin + block); ++i) part.add(samples[i]);
    merged.merge(part);
  }
  merged.merge(RunningMoments{});  // an empty rank changes nothing
  // Two passes over whole blocks, merged the same way.
  RunningMoments blocks;
  for (std::size_t begin = 0, block = 1; begin < samples.size(); begin += block, block = 2 * block + 3) {
    blocks.merge(RunningMoments::of(samples.data() + begin, std::min(block, samples.size() - begin)));
  }
  const RunningMoments whole = RunningMoments::of(samples.data(), samples.size());
  const double n = static_cast<double>(samples.size());
  // Welford and Chan are backward stable: errors of a few ulps times log-ish growth.
  const double tolerance = 1e-13;
  CHECK(merged.count == samples.size());
  CHECK(one_pass.mean == Approx(static_cast<double>(exact_mean)).epsilon(tolerance));
  CHECK(merged.mean == Approx(static_cast<double>(exact_mean)).epsilon(tolerance));
  CHECK(one_pass.m2 == Approx(static_cast<double>(exact_m2)).epsilon(1e-12));
  CHECK(merged.m2 == Approx(static_cast<double>(exact_m2)).epsilon(1e-12));
  CHECK(blocks.count == samples.size());
  CHECK(whole.count == samples.size());
  CHECK(blocks.mean == Approx(static_cast<double>(exact_mean)).epsilon(tolerance));
  CHECK(whole.mean == Approx(static_cast<double>(exact_mean)).epsilon(tolerance));
  CHECK(blocks.m2 == Approx(static_cast<double>(exact_m2)).epsilon(1e-12));
  CHECK(whole.m2 == Approx(static_cast<double>(exact_m2)).epsilon(1e-12));
  CHECK(RunningMoments::of(samples.data(), 0).count == 0);
  CHECK(merged.variance() == Approx(static_cast<double>(exact_m2) / (n - 1.0)).epsilon(1e-12));
  CHECK(merged.population_variance() == Approx(static_cast<double>(exact_m2) / n).epsilon(1e-12));

  RunningMoments single;
  single.add(3.0);
  CHECK(single.population_variance() == 0.0);
  CHECK_THROWS_AS(single.variance(), metasc::NumericalError);
  CHECK_THROWS_AS(RunningMoments{}.population_variance(), metasc::NumericalError);
}

TEST_CASE("Histogram bins, edges, under- and overflow, merge", "[stats]") {
  Histogram h(0.0, 2.0, 4);  // edges 0, 0.5, 1, 1.5, 2 (exact in binary)
  for (const double x : {-1.0, 0.0, 0.25, 0.5, 1.49, 1.5, 1.9999, 2.0, std::numeric_limits<double>::infinity(),
                         -std::numeric_limits<double>::infinity()})
    h.add(x);
  CHECK(h.underflow() == 2);
  CHECK(h.overflow() == 2);
  CHECK(std::vector<std::uint64_t>(h.counts().begin(), h.counts().end()) == std::vector<std::uint64_t>{2, 1, 1, 2});
  CHECK(h.edge(1) == 0.5);
  CHECK(h.edge(4) == 2.0);
  Histogram other(0.0, 2.0, 4);
  other.add(0.1);
  h.merge(other);
  CHECK(h.counts()[0] == 3);
  CHECK(h.tallies().size() == 6);
  CHECK_THROWS_AS(h.add(std::numeric_limits<double>::quiet_NaN()), metasc::NumericalError);
  CHECK_THROWS_AS(h.merge(Histogram(0.0, 2.0, 5)), metasc::NumericalError);
  CHECK_THROWS_AS(Histogram(1.0, 1.0, 3), metasc::ConfigError);
}

TEST_CASE("Censored-MLE interval covers the true rate at its nominal level", "[stats][stochastic]") {
  // M experiments of n trajectories each: exponential escape times with rate k,
  // observed on [0, t_end] with the first t0 discarded (memoryless, so the rate
  // after t0 is still k). The Garwood interval is exact-or-conservative for a
  // Poisson count; with a random exposure it is close to nominal. Each tail may
  // miss at most α/2; allowing 4 binomial standard deviations over M makes a
  // false failure less likely than 1 in 30 000 per tail.
  constexpr int experiments = 10000;
  constexpr int trajectories = 40;
  const double rate = 0.01, t_end = 100.0, t0 = 10.0;
  std::mt19937_64 engine(20240611);
  int below = 0, above = 0;
  std::vector<double> passages(trajectories);
  for (int m = 0; m < experiments; ++m) {
    for (double& tau : passages) {
      const double t = -std::log(uniform_open(engine)) / rate;
      tau = t <= t_end ? t : std::numeric_limits<double>::infinity();
    }
    const RateEstimate r = censored_rate(exposure(censored_times(passages, 0.0, t_end), t0));
    if (rate < r.low_per_ps) ++below;
    if (rate > r.high_per_ps) ++above;
  }
  const double tail = 0.025;
  const double tail_bound = tail + 4.0 * std::sqrt(tail * (1.0 - tail) / experiments);
  CHECK(below / double(experiments) <= tail_bound);
  CHECK(above / double(experiments) <= tail_bound);
  // Not uselessly conservative either: the Garwood coverage of any Poisson mean in
  // [15, 30] (the expected escape count here is 21) is at most 97.2%, so together the
  // tails miss at least 2.7%; the check allows 4 standard deviations below that.
  const double miss = (below + above) / double(experiments);
  const double miss_floor = 0.027;
  CHECK(miss >= miss_floor - 4.0 * std::sqrt(miss_floor * (1.0 - miss_floor) / experiments));
}
