// metasc-kinetics: the quasi-particle-trapping scenario (PHYSICS.md §6, Figs. 3–4)
// at bath.temperature_K, the Fig. 4 sweep of τ_MS and 2Δ(0) over n(0), and τ_MS
// over temperature; sweep points are dealt out over ranks and gathered in order.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "metasc/config/kinetics_params.hpp"
#include "metasc/config/model.hpp"
#include "metasc/config/model_params.hpp"
#include "metasc/config/run_params.hpp"
#include "metasc/drivers/program.hpp"
#include "metasc/error.hpp"
#include "metasc/io/h5_writer.hpp"
#include "metasc/kinetics/lifetime.hpp"
#include "metasc/parallel/decomposition.hpp"
#include "metasc/parallel/petsc_session.hpp"
#include "metasc/parallel/progress.hpp"
#include "metasc/physics/kinetics.hpp"
#include "metasc/units.hpp"

namespace {

using namespace metasc;

constexpr double not_defined = std::numeric_limits<double>::quiet_NaN();

struct Setup {
  physics::Model model;
  config::BathParams bath;
  config::OutputParams output;
  config::KineticsRateParams rate;
  config::KineticsScenarioParams scenario;
};

/// n(0) of the trapped state at k_B T [meV]: n*(U*, T) held by the drive, or given.
double initial_density(const Setup& setup, double kT_meV) {
  const auto& band = setup.model.band;
  switch (setup.scenario.initial_state) {
    case config::InitialState::pairing: return physics::driven_density(band, setup.scenario.initial_value, kT_meV);
    case config::InitialState::distortion:
      return physics::driven_density(band, setup.model.pairing.pairing(setup.scenario.initial_value), kT_meV);
    case config::InitialState::density: break;
  }
  return setup.scenario.initial_value;
}

physics::KineticsConditions relaxed(const Setup& setup, double kT_meV) {
  return {.band = setup.model.band, .pairing_meV = setup.model.pairing.bare_meV, .kT_meV = kT_meV};
}

/// The scenario at one temperature: followed to the full collapse with its
/// trajectory (`whole`), or, for the sweeps, only until τ_MS.
physics::TrappedLifetime lifetime(const Setup& setup, double kT_meV, double density, bool whole) {
  auto options = setup.scenario.lifetime;
  options.record_trajectory = whole;
  options.until_collapse = whole;
  return kinetics::trapped_lifetime(setup.rate.rate, relaxed(setup, kT_meV), setup.rate.avalanche_edge_meV, density,
                                   options);
}

/// The values one sweep point contributes, gathered per column in sweep order.
struct Columns {
  std::vector<std::vector<double>> values;
  explicit Columns(std::size_t count) : values(count) {}
  void add(const std::vector<double>& row) {
    std::size_t i = 0;
    for (const double value : row) values[i++].push_back(value);
  }
};

/// Runs `point(global index)` for this rank's share of `total` points and
/// gathers every column to rank 0 in global order. Costs vary smoothly along a
/// sweep, so points are dealt out cyclically.
template <typename Point>
std::vector<std::vector<double>> sweep(const Environment& environment, std::size_t total, std::size_t columns,
                                       const std::string& label, bool progress_on, const Point& point) {
  const Decomposition points(static_cast<std::int64_t>(total), environment.size(), environment.rank(),
                             Decomposition::Layout::cyclic);
  Columns local(columns);
  environment.collectively([&] {
    Progress progress(progress_on && environment.is_root(), label, "points", static_cast<double>(points.local_count()));
    for (std::int64_t k = 0; k < points.local_count(); ++k) {
      local.add(point(static_cast<std::size_t>(points.global_index(k))));
      progress.update(static_cast<double>(k + 1));
    }
    progress.finish();
  });
  std::vector<std::vector<double>> gathered;
  for (const auto& column : local.values) gathered.push_back(points.gather(environment, column));
  return gathered;
}

struct Scenario {
  physics::TrappedLifetime lifetime;
  double avalanche_density;  ///< NaN: no density keeps 2Δ above Ω_max
  double estimate_per_ps;    ///< P 8
};

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

std::string time_text(double time_ps) {
  if (std::isinf(time_ps)) return "inf";
  if (time_ps >= 1e3) return format("%.4g ns", time_ps * 1e-3);
  return format("%.4g ps", time_ps);
}

void print_summary(std::ostream& out, const Setup& setup, const Scenario& scenario,
                   const std::vector<double>& tau_vs_n0, const std::vector<double>& tau_vs_T) {
  const auto& life = scenario.lifetime;
  const double n0 = life.initial_density;
  out << "metasc-kinetics at T = " << setup.bath.temperature_K << " K\n";
  out << "  U0 = " << format("%.5g", setup.model.pairing.bare_meV)
      << " meV, Omega_max = " << format("%.4g", setup.rate.avalanche_edge_meV) << " meV\n";
  out << "  trapped state: n(0) = " << format("%.5g", n0)
      << " per site, 2Delta(0) = " << format("%.5g", 2.0 * life.initial_state.gap_meV)
      << " meV, lambda(0) = " << format("%.5g", life.initial_state.lambda_meV) << " meV\n";
  out << "  n_av = " << format("%.5g", scenario.avalanche_density)
      << ", tau_g = 1/(dn/dt at t = 0) = " << time_text(1.0 / life.initial_rate_per_ps)
      << " (P8: " << time_text(1.0 / scenario.estimate_per_ps) << ")\n";
  out << "  tau_MS = " << time_text(life.lifetime_ps)
      << "   (n_av - n(0)) tau_g = " << time_text((scenario.avalanche_density - n0) / life.initial_rate_per_ps) << "\n";
  const double collapse_ps = life.collapse_time_ps.value();
  out << "  full collapse (Delta < 0.01 Delta(0)): t = " << time_text(collapse_ps);
  if (std::isfinite(collapse_ps) && std::isfinite(life.lifetime_ps)) {
    out << " = tau_MS + " << time_text(collapse_ps - life.lifetime_ps);
  }
  out << " (" << life.steps << " steps)\n";
  const auto& n0_values = setup.scenario.sweep_n0;
  const auto trapped = std::count_if(tau_vs_n0.begin(), tau_vs_n0.end(), [](double tau) { return tau > 0.0; });
  const auto first_zero = std::find(tau_vs_n0.begin(), tau_vs_n0.end(), 0.0);
  out << "  Fig. 4: " << n0_values.size() << " values of n(0), tau_MS > 0 for " << trapped;
  if (first_zero != tau_vs_n0.end()) {
    out << ", avalanche at once (2Delta(0) <= Omega_max) from n(0) = "
        << format("%.4g", n0_values[static_cast<std::size_t>(first_zero - tau_vs_n0.begin())]);
  }
  out << "\n";
  const auto& temperatures = setup.scenario.sweep_temperature_K;
  out << "  tau_MS vs T:";
  const std::size_t stride = std::max<std::size_t>(1, temperatures.size() / 8);
  for (std::size_t i = 0; i < temperatures.size(); i += stride) {
    out << "  " << format("%.4g", temperatures[i]) << " K: " << time_text(tau_vs_T[i]);
  }
  out << "\n";
  const auto infinite = [](double tau) { return std::isinf(tau); };
  if (std::isinf(life.lifetime_ps) || std::any_of(tau_vs_n0.begin(), tau_vs_n0.end(), infinite) ||
      std::any_of(tau_vs_T.begin(), tau_vs_T.end(), infinite)) {
    out << "  (inf: not reached within kinetics.t_max_ps = " << format("%.3g", setup.scenario.lifetime.t_max_ps)
        << " ps, or lambda(0) <= 0: no net generation)\n";
  }
}

void run(const Environment& environment, const config::Config& configuration, const config::CommandLine&) {
  const PetscSession petsc;  // the lifetimes' TS
  std::optional<Setup> setup;
  environment.collectively([&] {
    const auto phonon = config::PhononParams::from(configuration);
    const auto electrons = config::ElectronParams::from(configuration);
    const auto bath = config::BathParams::from(configuration);
    if (!(bath.temperature_K > 0.0)) {
      throw ConfigError("bath.temperature_K must be > 0 for the quasi-particle kinetics (got " +
                        format("%g", bath.temperature_K) + ")");
    }
    setup.emplace(Setup{.model = config::build_model(phonon, electrons),
                        .bath = bath,
                        .output = config::OutputParams::from(configuration),
                        .rate = config::KineticsRateParams::from(configuration),
                        .scenario = config::KineticsScenarioParams::from(configuration)});
    if (environment.is_root()) io::check_writable("output.file", setup->output.file);
  });
  const double kT = setup->bath.kT_meV;

  std::optional<Scenario> scenario;
  environment.collectively([&] {
    if (!environment.is_root()) return;
    const auto life = lifetime(*setup, kT, initial_density(*setup, kT), true);
    scenario.emplace(Scenario{
        .lifetime = life,
        .avalanche_density =
            physics::density_at_gap(relaxed(*setup, kT), 0.5 * setup->rate.avalanche_edge_meV).value_or(not_defined),
        .estimate_per_ps = physics::sharp_mode_generation_estimate_per_ps(setup->rate.rate.spectrum(),
                                                                          life.initial_state.gap_meV, kT)});
  });

  const auto& n0_values = setup->scenario.sweep_n0;
  const auto by_n0 =
      sweep(environment, n0_values.size(), 2, "tau_MS vs n(0)", setup->output.progress, [&](std::size_t i) {
        const auto life = lifetime(*setup, kT, n0_values[i], false);
        return std::vector<double>{life.lifetime_ps, 2.0 * life.initial_state.gap_meV};
      });
  const auto& temperatures = setup->scenario.sweep_temperature_K;
  const auto by_T =
      sweep(environment, temperatures.size(), 5, "tau_MS vs T", setup->output.progress, [&](std::size_t i) {
        const double kT_i = units::kT_meV(temperatures[i]);
        const auto life = lifetime(*setup, kT_i, initial_density(*setup, kT_i), false);
        const auto n_av = physics::density_at_gap(relaxed(*setup, kT_i), 0.5 * setup->rate.avalanche_edge_meV);
        return std::vector<double>{life.lifetime_ps, life.initial_density, 2.0 * life.initial_state.gap_meV,
                                   1.0 / life.initial_rate_per_ps, n_av.value_or(not_defined)};
      });

  environment.collectively([&] {
    if (!environment.is_root()) return;
    const auto& life = scenario->lifetime;
    io::H5Writer writer(setup->output.file);
    writer.configuration(configuration, "metasc-kinetics", environment.size());
    const std::string group = "/kinetics";
    writer.attribute(group, "temperature_K", setup->bath.temperature_K);
    writer.attribute(group, "U0_meV", setup->model.pairing.bare_meV);
    writer.attribute(group, "Omega_max_meV", setup->rate.avalanche_edge_meV);
    writer.attribute(group, "n_star", life.initial_density);
    writer.attribute(group, "two_Delta0_meV", 2.0 * life.initial_state.gap_meV);
    writer.attribute(group, "lambda0_meV", life.initial_state.lambda_meV);
    writer.attribute(group, "n_av", scenario->avalanche_density);
    writer.attribute(group, "tau_g_ps", 1.0 / life.initial_rate_per_ps);
    writer.attribute(group, "tau_g_P8_ps", 1.0 / scenario->estimate_per_ps);
    writer.attribute(group, "tau_MS_ps", life.lifetime_ps);
    writer.attribute(group, "tau_MS_estimate_ps",
                     (scenario->avalanche_density - life.initial_density) / life.initial_rate_per_ps);
    writer.attribute(group, "t_collapse_ps", life.collapse_time_ps.value());
    writer.attribute(group, "notes",
                     std::string("n per site (both spins); n_av NaN: no density keeps 2 Delta above Omega_max; "
                                 "tau_MS 0: 2 Delta(0) <= Omega_max; inf: not reached within kinetics.t_max_ps"));
    std::vector<double> time, density, gap, lambda, rate;
    for (const auto& sample : life.trajectory) {
      time.push_back(sample.time_ps);
      density.push_back(sample.density);
      gap.push_back(sample.gap_meV);
      lambda.push_back(sample.lambda_meV);
      rate.push_back(sample.rate_per_ps);
    }
    writer.dataset(group + "/time_ps", time, "ps");
    writer.dataset(group + "/n", density, "1/site");
    writer.dataset(group + "/Delta_meV", gap, "meV");
    writer.dataset(group + "/lambda_meV", lambda, "meV");
    writer.dataset(group + "/dndt_per_ps", rate, "1/(site ps)");
    writer.dataset(group + "/sweep_n0", n0_values, "1/site");
    writer.dataset(group + "/sweep_tau_MS_ps", by_n0[0], "ps");
    writer.dataset(group + "/sweep_two_Delta0_meV", by_n0[1], "meV");
    writer.dataset(group + "/sweep_temperature_K", temperatures, "K");
    writer.dataset(group + "/sweep_tau_MS_vs_T_ps", by_T[0], "ps");
    writer.dataset(group + "/sweep_n_star_vs_T", by_T[1], "1/site");
    writer.dataset(group + "/sweep_two_Delta0_vs_T_meV", by_T[2], "meV");
    writer.dataset(group + "/sweep_tau_g_vs_T_ps", by_T[3], "ps");
    writer.dataset(group + "/sweep_n_av_vs_T", by_T[4], "1/site");
    writer.commit();
    print_summary(environment.out(), *setup, *scenario, by_n0[0], by_T[0]);
    environment.out() << "  results: " << setup->output.file << "\n";
  });
}

}  // namespace

int main(int argc, char** argv) {
  return metasc::run_program(
      {.name = "metasc-kinetics",
       .purpose = "quasi-particle trapping: Delta/lambda/n kinetics, tau_MS vs n(0) (Fig. 4) and vs temperature"},
      argc, argv, run);
}
