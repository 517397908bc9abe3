// Lifetimes with competing causes: the Aalen–Johansen cumulative incidence and
// the Brookmeyer–Crowley median interval against hand-worked values and
// against exponential pairs, whose incidence has a closed form.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "metasc/stats/competing_risks.hpp"
#include "metasc/stats/median_interval.hpp"
#include "metasc/stochastic/lifetimes.hpp"

using namespace metasc;
using namespace metasc::stats;

TEST_CASE("Aalen-Johansen on a hand-worked example", "[stats][lifetime]") {
  // t = 1 cause 1 (5 at risk), t = 2 cause 2 (4), t = 3 censored, t = 4 cause 1 (2), t = 5 censored:
  //   F1(1) = 1/5, S = 4/5;  F2(2) = 4/5 · 1/4 = 1/5, S = 3/5;  F1(4) = 1/5 + 3/5 · 1/2 = 1/2, S = 3/10.
  const std::vector<CompetingTime> observations{{4, 1}, {3, 0}, {1, 1}, {5, 0}, {2, 2}};
  const auto result = aalen_johansen(observations, 2);
  REQUIRE(result.time_ps == std::vector<double>{1, 2, 4});
  CHECK(result.incidence[0][0] == Approx(0.2));
  CHECK(result.incidence[0][1] == Approx(0.2));
  CHECK(result.incidence[0][2] == Approx(0.5));
  CHECK(result.incidence[1][0] == 0.0);
  CHECK(result.incidence[1][1] == Approx(0.2));
  CHECK(result.incidence[1][2] == Approx(0.2));
  // Σ_k F_k = 1 − Kaplan–Meier of all causes.
  std::vector<CensoredTime> all;
  for (const auto& o : observations) all.push_back({o.time_ps, o.cause != 0});
  const auto survival = kaplan_meier(all);
  for (std::size_t i = 0; i < result.time_ps.size(); ++i) {
    CHECK(result.incidence[0][i] + result.incidence[1][i] == Approx(1.0 - survival.survival[i]));
  }
  CHECK_THROWS(aalen_johansen(std::vector<CompetingTime>{{1, 3}}, 2));
}

TEST_CASE("Aalen-Johansen recovers the incidence of exponential competing risks", "[stats][lifetime][stochastic]") {
  // T1 ~ Exp(k1), T2 ~ Exp(k2), censored at c: F1(t) = k1/(k1+k2) (1 − e^{−(k1+k2)t}).
  const double k1 = 0.02, k2 = 0.005, c = 60.0;
  const std::size_t n = 20000;
  std::mt19937_64 engine(12);
  std::exponential_distribution<double> first(k1), second(k2);
  std::vector<CompetingTime> observations;
  for (std::size_t i = 0; i < n; ++i) {
    const double a = first(engine), b = second(engine);
    const double t = std::min(a, b);
    observations.push_back(t > c ? CompetingTime{c, 0} : CompetingTime{t, static_cast<std::uint8_t>(a < b ? 1 : 2)});
  }
  const auto result = aalen_johansen(observations, 2);
  for (const double t : {5.0, 20.0, 40.0, 59.0}) {
    const auto after = std::upper_bound(result.time_ps.begin(), result.time_ps.end(), t);
    const auto i = static_cast<std::size_t>(after - result.time_ps.begin()) - 1;
    for (int k = 0; k < 2; ++k) {
      const double rate = k == 0 ? k1 : k2;
      const double exact = rate / (k1 + k2) * -std::expm1(-(k1 + k2) * t);
      // Without censoring before t the estimate is a binomial proportion: 5 sigma.
      const double sigma = std::sqrt(exact * (1.0 - exact) / static_cast<double>(n));
      INFO("t = " << t << ", cause " << k + 1);
      CHECK(std::abs(result.incidence[static_cast<std::size_t>(k)][i] - exact) < 5.0 * sigma);
    }
  }
}

TEST_CASE("Brookmeyer-Crowley median interval on a hand-worked curve", "[stats][lifetime]") {
  // Ten lifetimes 1 … 10, none censored: Ŝ(t_i) = 1 − i/10,
  // se_i = sqrt(Ŝ(1 − Ŝ)/10) (Greenwood without censoring is binomial).
  std::vector<CensoredTime> observations;
  for (int i = 1; i <= 10; ++i) observations.push_back({static_cast<double>(i), true});
  const auto curve = kaplan_meier(observations);
  const auto median = median_with_interval(curve);
  CHECK(median.median_ps == 5.0);  // Ŝ(5) = 0.5
  // Ŝ ≤ 0.5 + 1.96 se first at t = 3: Ŝ = 0.7, se = 0.145, 0.5 + 0.284 = 0.784 (t = 2: 0.8 > 0.748).
  CHECK(median.low_ps == 3.0);
  // Ŝ < 0.5 − 1.96 se first at t = 8: Ŝ = 0.2, 0.5 − 1.96·0.126 = 0.252 (t = 7: 0.3 > 0.220).
  CHECK(median.high_ps == 8.0);
}

TEST_CASE("a lifetime ends at the first of escape and collapse; never trapped is NaN", "[stats][lifetime]") {
  const double inf = INFINITY, nan = NAN;
  const std::vector<std::uint8_t> trapped{1, 1, 1, 1, 0};
  const std::vector<double> escape{30.0, inf, 10.0, inf, nan};
  const std::vector<double> collapse{20.0, 15.0, inf, inf, 5.0};
  const auto result = stochastic::lifetimes(trapped, escape, collapse);
  CHECK(result.lifetime_ps[0] == 20.0);
  CHECK(result.cause[0] == 2);
  CHECK(result.lifetime_ps[1] == 15.0);
  CHECK(result.cause[1] == 2);
  CHECK(result.lifetime_ps[2] == 10.0);
  CHECK(result.cause[2] == 1);
  CHECK(std::isinf(result.lifetime_ps[3]));
  CHECK(result.cause[3] == 0);
  CHECK(std::isnan(result.lifetime_ps[4]));
  CHECK(result.cause[4] == 0);
  // Without kinetics the lifetime is the escape time.
  const auto escapes_only = stochastic::lifetimes(trapped, escape, {});
  CHECK(escapes_only.lifetime_ps[0] == 30.0);
  CHECK(escapes_only.cause[0] == 1);
  const auto summary = stochastic::summarize_lifetimes(result, 100.0);
  CHECK(summary.survival.time_ps == std::vector<double>{10, 15, 20});
  CHECK(summary.incidence.incidence[1].back() == Approx(0.5));  // two of four collapsed, none censored before
}
