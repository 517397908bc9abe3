// Kernel throughput, measured in one run on one core: BAOAB steps with the
// K3C60 landscape table force, the same steps with a harmonic force (no table
// look-up), and drawing the same number of Gaussian deviates alone with the
// same generator. Prints trajectory-steps per second.
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
  std::vector<double> Q_harmonic(trajectories, 0.33), P_harmonic(trajectories, 0.0);
  const stochastic::Oscillator& oscillator = job.specs.front().oscillator;
  stochastic::LangevinIntegrator<stochastic::ForceTable> integrator(job.langevin.scheme, oscillator,
                                                                    job.langevin.dt_ps, job.force, job.langevin.seed);
  // The same step with V' = ħωQ, one multiply instead of the table's look-up:
  // the ceiling of any table force's kernel against the Gaussians.
  stochastic::LangevinIntegrator<stochastic::HarmonicForce> harmonic(
      job.langevin.scheme, oscillator, job.langevin.dt_ps, stochastic::HarmonicForce{job.force.max_curvature_meV()},
      job.langevin.seed);
  const stochastic::NormalStream noise(job.langevin.seed, stochastic::Stream::langevin_noise);
  double checksum = 0.0;
  const auto [kernel, no_look_up, gaussians] = best_rates(
      work, 7,
      [&] {
        for (std::uint64_t n = 0; n < steps; ++n) integrator.step(Q.data(), P.data(), trajectories, 0, n, 0.0);
      },
      [&] {
        for (std::uint64_t n = 0; n < steps; ++n) {
          harmonic.step(Q_harmonic.data(), P_harmonic.data(), trajectories, 0, n, 0.0);
        }
      },
      [&] {
        for (std::uint64_t n = 0; n < steps; ++n) {
          noise.fill(xi.data(), trajectories, 0, n);
          checksum += xi[n % trajectories];
        }
      });
  std::printf("kernel_baoab_table  %.4g trajectory-steps/s\n", kernel);
  std::printf("kernel_no_look_up   %.4g trajectory-steps/s\n", no_look_up);
  std::printf("gaussians_alone     %.4g deviates/s\n", gaussians);
  std::printf("kernel/gaussians    %.3f, without the look-up %.3f   [checksum %.3g, Q %.3g %.3g]\n",
              kernel / gaussians, no_look_up / gaussians, checksum, Q[0], Q_harmonic[0]);
  return 0;
}
