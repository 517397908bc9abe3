#pragma once
/// Counter-based Gaussian noise: Random123 Philox4x64-10 words turned into
/// N(0, 1) deviates by the Marsaglia–Tsang ziggurat (ziggurat.hpp).
///
/// Every deviate is a pure function of (seed, stream, trajectory, step, draw):
///   key     = (seed, stream)
///   counter = (trajectory / 4, step, draw, 0)
/// One Philox4x64-10 block gives four 64-bit words; trajectory id t takes
/// word t mod 4 ("lane") and makes its deviate from it with the ziggurat. In
/// ~99.2 % of cases that one word is all it needs (layer, sign and a 53-bit
/// uniform: a table look-up and a multiply, no transcendental function).
/// The other cases (wedge test, tail, rejection) take further words from
/// their own counters, which no other (trajectory, step, draw) ever uses:
///   counter = (trajectory / 4, step, draw, 4j + t mod 4),  j = 1, 2, …
/// consumed in order (four words per block) by ziggurat::resolve.
/// There is no generator state: the numbers a trajectory sees do not depend
/// on which block or rank owns it, on the order of the calls, or on restarts.
///
/// The distribution is exactly N(0, 1) (up to the 2⁻⁵³ grid of the uniforms),
/// tails included: the tail beyond r = 3.852 uses Marsaglia's exact sampler.
///
/// Why Philox4x64 rather than 4x32: on scalar x86-64 one 64×64→128 multiply
/// costs about what a 32×32→64 one does, so 4x64-10 gives twice the bits per
/// round (measured: 4.3e8 against 2.3e8 64-bit words/s), and its 256-bit
/// counter and 128-bit key hold (seed, stream, trajectory, step, draw) whole.
#include <Random123/philox.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "metasc/stochastic/ziggurat.hpp"

namespace metasc::stochastic {

/// What a stream of numbers is for. It is part of the key, so two purposes
/// never share numbers even with the same seed, trajectory and step.
enum class Stream : std::uint64_t {
  langevin_noise = 1,  ///< the thermal force of the integrators, draw 0 at each step
  initial_state = 2,   ///< initial (Q, P) draws, step 0
};

class NormalStream {
 public:
  NormalStream(std::uint64_t seed, Stream stream)
      : key_{{seed, static_cast<std::uint64_t>(stream)}}, tables_(&ziggurat::tables()) {}

  /// ξ ~ N(0, 1) for (trajectory, step, draw).
  double normal(std::uint64_t trajectory, std::uint64_t step, std::uint64_t draw = 0) const {
    const std::uint64_t word = words(trajectory / lanes, step, draw, 0)[trajectory % lanes];
    double x;
    if (ziggurat::core_deviate(*tables_, word, x)) [[likely]] return x;
    return off_core(word, trajectory, step, draw);
  }

  /// out[i] = normal(first_trajectory + i, step, draw) for i < n, bit for bit;
  /// each Philox block is computed once (one block per four trajectories).
  void fill(double* out, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step,
            std::uint64_t draw = 0) const;

  /// Trajectory ids served by one Philox block.
  static constexpr std::uint64_t lanes = 4;

 private:
  /// The Philox4x64-10 block at counter (group, step, draw, extra).
  std::array<std::uint64_t, lanes> words(std::uint64_t group, std::uint64_t step, std::uint64_t draw,
                                          std::uint64_t extra) const {
    const r123::Philox4x64::ctr_type counter{{group, step, draw, extra}};
    const auto block = r123::Philox4x64{}(counter, key_);
    return {block[0], block[1], block[2], block[3]};
  }

  /// The deviate of a trajectory whose first word missed the ziggurat's core:
  /// ziggurat::resolve with the trajectory's extra words (see the file comment).
  double off_core(std::uint64_t word, std::uint64_t trajectory, std::uint64_t step, std::uint64_t draw) const;

  r123::Philox4x64::key_type key_;
  const ziggurat::Tables* tables_;
};

}  // namespace metasc::stochastic
