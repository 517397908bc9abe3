// Kernel throughput, measured in one run on one core: BAOAB steps with the
// K3C60 landscape table force against (a) drawing the same number of Gaussian
// deviates alone with the same generator. Prints trajectory-steps per second.
// Built as metasc-bench-kernel; run by scripts/bench/kernel.sh.
#include <array>
#include <ctime>
#include <cstdio>
#include <map>
#include <vector>

#include "metasc/config/options.hpp"
#include "metasc/ensemble/job.hpp"

using namespace metasc;

namespace {

/// Best rate of each piece of work over `repeats` rounds, the pieces taking
/// turns within a round: on a shared machine a slow spell then hits both
/// sides of a ratio rather than one. CPU seconds of the process, so that
/// waiting for a core does not count.
template <typename... Work>
std::array<double, sizeof...(Work)> best_rates(double work_items, int repeats, Work... work) {
  std::array<double, sizeof...(Work)> best{};
  for (int repeat = 0; repeat < repeats; ++repeat) {
    std::size_t k = 0;
    const auto time_one = [&](auto& piece) {
      const std::clock_t start = std::clock();
      piece();
      const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
      best[k] = std::max(best[k], work_items / seconds);
      ++k;
    };
    (time_one(work), ...);
  }
  return best;
}

}  // namespace

int main() {
  const std::map<std::string, std::string> values{
      {"phonon.g_ratio", "0.6"},       {"phonon.domain_sites", "80"}, {"electrons.dos_per_meV", "0.015"},
      {"electrons.splitting_meV", "25"}, {"electrons.Tc_K", "20"},    {"langevin.dt_ps", "0.005"},
      {"pulse.amplitude", "0"}};
  const auto job = ensemble::EnsembleJob::from(config::Config(config::registry(), values, "bench"));
  const std::size_t trajectories = stochastic::trajectories_per_block;
  const std::uint64_t steps = 20000;
  const double work = static_cast<double>(trajectories) * static_cast<double>(steps);

  std::vector<double> Q(trajectories, 0.33), P(trajectories, 0.0), xi(trajectories);
  stochastic::LangevinIntegrator<stochastic::ForceTable> integrator(
      job.langevin.scheme, job.specs.front().oscillator, job.langevin.dt_ps, job.force, job.langevin.seed);
  const stochastic::NormalStream noise(job.langevin.seed, stochastic::Stream::langevin_noise);
  double checksum = 0.0;
  const auto [kernel, gaussians] = best_rates(
      work, 7,
      [&] {
        for (std::uint64_t n = 0; n < steps; ++n) integrator.step(Q.data(), P.data(), trajectories, 0, n, 0.0);
      },
      [&] {
        for (std::uint64_t n = 0; n < steps; ++n) {
          noise.fill(xi.data(), trajectories, 0, n);
          checksum += xi[n % trajectories];
        }
      });
  std::printf("kernel_baoab_table  %.4g trajectory-steps/s\n", kernel);
  std::printf("gaussians_alone     %.4g deviates/s\n", gaussians);
  std::printf("kernel/gaussians    %.3f   [checksum %.3g, Q %.3g]\n", kernel / gaussians, checksum,
              Q[0]);
  return 0;
}
