#pragma once
/// Competing risks: right-censored lifetimes ended by one of several causes.
/// The Aalen–Johansen estimate of each cause's cumulative incidence
///   F_k(t) = Σ_{t_i ≤ t} Ŝ(t_i−) d_ik / n_i,
/// Ŝ the all-cause Kaplan–Meier survival, n_i at risk and d_ik events of cause k
/// at t_i. Σ_k F_k = 1 − Ŝ at every time. Times in ps.
#include <cstdint>
#include <span>
#include <vector>

namespace metasc::stats {

/// One lifetime: `cause` 0 = censored at time_ps, k ≥ 1 = ended by cause k.
struct CompetingTime {
  double time_ps;
  std::uint8_t cause;
};

/// F_k on the distinct event times (any cause), as right-continuous steps.
struct CumulativeIncidence {
  std::vector<double> time_ps;
  std::vector<std::vector<double>> incidence;  ///< [k − 1][i]: F_k(time_ps[i]), k = 1 … causes
};

/// Throws NumericalError for a time that is negative or not finite, or a cause above `causes`.
/// At equal times events precede censorings, as in kaplan_meier.
CumulativeIncidence aalen_johansen(std::span<const CompetingTime> observations, std::uint8_t causes);

}  // namespace metasc::stats
