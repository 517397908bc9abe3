#pragma once
/// Counter-based Gaussian noise (Random123 Philox4x64-10 + Box–Muller).
///
/// Every deviate is a pure function of (seed, stream, trajectory, step, draw):
///   key     = (seed, stream)
///   counter = (trajectory / 4, step, draw, 0)
/// One Philox4x64-10 block gives four 64-bit words; r123::boxmuller turns each
/// pair of words into two independent N(0,1) doubles, so one block serves four
/// consecutive trajectory ids; trajectory id t uses lane t mod 4.
/// There is no generator state: the numbers a trajectory sees do not depend on
/// which block or rank owns it, on the order of the calls, or on restarts.
///
/// Box–Muller (Random123 boxmuller.hpp): with u1 uniform on (0, 1] and u0
/// uniform on [-1, 1] (both from 64-bit words), x = sqrt(-2 ln u1) cos(π u0),
/// y = sqrt(-2 ln u1) sin(π u0). u1 never reaches 0, so |ξ| ≤ sqrt(2·64·ln 2)
/// ≈ 9.4: the tail is exact far beyond anything a Langevin run can sample.
#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace metasc::stochastic {

/// What a stream of numbers is for. It is part of the key, so two purposes
/// never share numbers even with the same seed, trajectory and step.
enum class Stream : std::uint64_t {
  langevin_noise = 1,  ///< the thermal force of the integrators, draw 0 at each step
  initial_state = 2,   ///< initial (Q, P) draws, step 0
};

class NormalStream {
 public:
  NormalStream(std::uint64_t seed, Stream stream) : key_{{seed, static_cast<std::uint64_t>(stream)}} {}

  /// ξ ~ N(0, 1) for (trajectory, step, draw).
  double normal(std::uint64_t trajectory, std::uint64_t step, std::uint64_t draw = 0) const {
    return block(trajectory / lanes, step, draw)[trajectory % lanes];
  }

  /// out[i] = normal(first_trajectory + i, step, draw) for i < n; each Philox
  /// block is computed once (one block per four trajectories).
  void fill(double* out, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step,
            std::uint64_t draw = 0) const;

  /// Trajectory ids served by one Philox block.
  static constexpr std::uint64_t lanes = 4;

 private:
  std::array<double, lanes> block(std::uint64_t group, std::uint64_t step, std::uint64_t draw) const {
    const r123::Philox4x64::ctr_type counter{{group, step, draw, 0}};
    const auto words = r123::Philox4x64{}(counter, key_);
    const auto first = r123::boxmuller(words[0], words[1]);
    const auto second = r123::boxmuller(words[2], words[3]);
    return {first.x, first.y, second.x, second.y};
  }

  r123::Philox4x64::key_type key_;
};

}  // namespace metasc::stochastic
