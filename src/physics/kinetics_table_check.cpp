#include "metasc/physics/kinetics_table_check.hpp"

#include <cmath>

#include "metasc/physics/kinetics.hpp"

namespace metasc::physics {
namespace {

// SplitMix64 (Steele, Lea, Flood 2014): a counter-based sequence of 64-bit values.
std::uint64_t mix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double unit_interval(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

}  // namespace

CheckPoint table_check_point(const KineticsTableSpec& spec, std::uint64_t index) {
  const double a = unit_interval(mix(2 * index));
  const double b = unit_interval(mix(2 * index + 1));
  const double log_low = std::log(spec.density_low), log_high = std::log(spec.density_high);
  return {spec.pairing_low_meV + a * (spec.pairing_high_meV - spec.pairing_low_meV),
          std::exp(log_low + b * (log_high - log_low))};
}

TableError table_error_at(const KineticsTable& table, const CheckPoint& point, double horizon_ps) {
  const auto& spec = table.spec();
  const auto direct = density_rate(spec.rate, {spec.band, point.pairing_meV, spec.kT_meV}, point.density);
  const auto cell = table.at_pairing(point.pairing_meV);
  const auto fast = table.state(std::log(point.density), cell, 0.0);
  const double fast_rate = table.slope_per_ps(fast, std::log(point.density)) * point.density;
  const bool direct_gapped = direct.state.branch != GapBranch::normal;
  const double direct_rate = spec.rate.net_per_ps(fast.gap_meV, fast.lambda_meV, spec.kT_meV);
  return {.gap = std::abs(fast.gap_meV - direct.state.gap_meV) / std::max(direct.state.gap_meV, spec.kT_meV),
          .lambda = std::abs(fast.lambda_meV - direct.state.lambda_meV) / spec.kT_meV,
          .rate = std::abs(fast_rate - direct_rate) / (std::abs(direct_rate) + point.density / horizon_ps),
          .branch_agrees = fast.in_range && fast.gapped == direct_gapped};
}

}  // namespace metasc::physics
