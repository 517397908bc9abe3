#pragma once
/// Counter-based Gaussian noise: Random123 Philox4x32-10 words turned into
/// N(0, 1) deviates by the Marsaglia–Tsang ziggurat (ziggurat.hpp).
///
/// Every deviate is a pure function of (seed, stream, trajectory, step, draw).
/// Trajectory t = 32m + 8k + j (j < 8, k < 4) takes word k of block
/// g = 8m + j:
///   key     = (seed mod 2³², seed / 2³²)
///   counter = (g mod 2³², step mod 2³², step/2³² + 2¹⁶·(g/2³²), 2²⁸·stream + 2²⁰·draw + extra)
/// so that each block's four 32-bit words r0 … r3 serve four trajectories,
/// and eight consecutive blocks (one vector of Philox lanes) serve 32
/// consecutive trajectories, word k of the eight serving 8 consecutive ones
/// (philox_blocks stores them in that order). With extra = 0, r_k is the
/// trajectory's ziggurat word: in ~99.77 %
/// of cases all it needs (layer, sign and a 20-bit uniform: a table look-up
/// and a multiply). The other cases (wedge test, tail, rejection) take further
/// 64-bit words from blocks that no other (trajectory, step, draw) ever uses,
/// extra = 4j + k for j = 1, 2, …, two words per block, r0 + 2³²r1
/// then r2 + 2³²r3 (philox_words), consumed in order by ziggurat::resolve.
/// There is no generator state: the numbers a trajectory sees do not depend
/// on which block or rank owns it, on the order of the calls, or on restarts.
/// Ranges: trajectory < 2⁴⁹, step < 2⁴⁸, draw < 2⁸, and at most 2¹⁸ − 1 extra
/// blocks per deviate (each is taken with probability < 0.5 %); beyond them the
/// counters would collide, so NumericalError is thrown instead.
///
/// The distribution is N(0, 1) up to the 2⁻²⁰ grid of the ziggurat's
/// uniforms within a layer (ziggurat.hpp: the distribution function is within
/// 9.5e-7 of Φ), tails included: beyond r = 4.216 Marsaglia's exact tail
/// sampler runs on 53-bit uniforms.
///
/// Why Philox4x32 rather than 4x64: its multiplies vectorise (philox_blocks.hpp).
/// Measured on one AVX-512 core: 1.27e9 64-bit words/s from philox_blocks
/// (32 blocks at a time), against 4.4e8 for scalar Philox4x64-10 and 2.3e8
/// for scalar 4x32. Why one deviate per 32-bit word rather than per 64-bit
/// one: four deviates per block instead of two halve the Philox work per
/// deviate, at a 2⁻²⁰ grid instead of 2⁻⁵³ (ziggurat.hpp).
#include <array>
#include <cstddef>
#include <cstdint>

#include "metasc/stochastic/philox_blocks.hpp"
#include "metasc/stochastic/ziggurat.hpp"

namespace metasc::stochastic {

/// What a stream of numbers is for (< 16). It is part of the counter, so two
/// purposes never share numbers even with the same seed, trajectory and step.
enum class Stream : std::uint64_t {
  langevin_noise = 1,  ///< the thermal force of the integrators, draw 0 at each step
  initial_state = 2,   ///< initial (Q, P) draws, step 0
  roulette = 3,        ///< forward flux's uniforms (pruning, resampling offsets): UniformStream
};

/// The Philox key of a run's seed: (seed mod 2³², seed / 2³²).
inline PhiloxKey philox_key(std::uint64_t seed) {
  return {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
}

/// Uniforms on [0, 1) for decisions that are not noise (forward flux's
/// pruning roulette and resampling offsets), each a pure function of
/// (seed, stream, id, event):
///   counter = (id mod 2³², id / 2³², event mod 2³², 2²⁸·stream),
/// the top 53 bits of the block's first 64-bit word r0 + 2³²r1. The stream
/// sits in the counter's top bits, as in NormalStream, so a stream of its own
/// (Stream::roulette) never meets a normal deviate's counter.
/// Ranges: event < 2³² (not checked: the callers' events are small).
class UniformStream {
 public:
  UniformStream(std::uint64_t seed, Stream stream)
      : key_(philox_key(seed)), stream_word_(static_cast<std::uint32_t>(stream) << 28) {}

  double uniform(std::uint64_t id, std::uint64_t event) const {
    const PhiloxCounter counter{{static_cast<std::uint32_t>(id), static_cast<std::uint32_t>(id >> 32),
                                 static_cast<std::uint32_t>(event), stream_word_}};
    return ziggurat::uniform(philox_words(counter, key_)[0]);
  }

 private:
  PhiloxKey key_;
  std::uint32_t stream_word_;
};

class NormalStream {
 public:
  NormalStream(std::uint64_t seed, Stream stream)
      : key_(philox_key(seed)),
        stream_(static_cast<std::uint32_t>(stream)),
        tables_(&ziggurat::tables()) {}

  /// ξ ~ N(0, 1) for (trajectory, step, draw).
  double normal(std::uint64_t trajectory, std::uint64_t step, std::uint64_t draw = 0) const {
    check_ranges(trajectory, 1, step, draw);
    const std::uint32_t word = r123::Philox4x32{}(counter(block_of(trajectory), step, draw, 0), key_)[word_of(trajectory)];
    double x;
    if (ziggurat::core_deviate(*tables_, word, x)) [[likely]] return x;
    return off_core(word, trajectory, step, draw);
  }

  /// out[i] = normal(first_trajectory + i, step, draw) for i < n, bit for bit;
  /// each Philox block is computed once, 32 at a time where the CPU can.
  /// Fastest where first_trajectory and n are multiples of 32.
  void fill(double* out, std::size_t n, std::uint64_t first_trajectory, std::uint64_t step,
            std::uint64_t draw = 0) const;

  /// Trajectory ids served by one group of eight Philox blocks.
  static constexpr std::uint64_t group_trajectories = group_words;

 private:
  /// Block g and word k of trajectory t (the file comment).
  static std::uint64_t block_of(std::uint64_t trajectory) {
    return group_blocks * (trajectory / group_trajectories) + trajectory % group_blocks;
  }
  static std::size_t word_of(std::uint64_t trajectory) {
    return static_cast<std::size_t>(trajectory / group_blocks % 4);
  }

  /// The counter of the file comment (ranges checked by the callers).
  PhiloxCounter counter(std::uint64_t group, std::uint64_t step, std::uint64_t draw, std::uint64_t extra) const {
    return {{static_cast<std::uint32_t>(group), static_cast<std::uint32_t>(step),
             static_cast<std::uint32_t>((step >> 32) | ((group >> 32) << 16)),
             static_cast<std::uint32_t>((std::uint64_t{stream_} << 28) | (draw << 20) | extra)}};
  }

  /// Throws NumericalError unless trajectories [first, first + n), step and
  /// draw lie in the ranges of the file comment.
  static void check_ranges(std::uint64_t first_trajectory, std::size_t n, std::uint64_t step, std::uint64_t draw);

  /// The deviates of out[0 … n) from their first words (ziggurat core, then
  /// off_core() for the misses).
  void deviates(double* out, const std::uint32_t* words, std::size_t n, std::uint64_t first_trajectory,
                std::uint64_t step, std::uint64_t draw) const;

  /// The deviate of a trajectory whose first word missed the ziggurat's core:
  /// ziggurat::resolve with the trajectory's extra words (see the file comment).
  double off_core(std::uint32_t word, std::uint64_t trajectory, std::uint64_t step, std::uint64_t draw) const;

  PhiloxKey key_;
  std::uint32_t stream_;
  const ziggurat::Tables* tables_;
};

}  // namespace metasc::stochastic
