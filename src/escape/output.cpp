#include "metasc/escape/output.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "metasc/stats/censored_rate.hpp"

namespace metasc::escape {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// One value per scanned damping.
std::vector<double> over_scan(const EscapeOutcome& outcome, const std::function<double(const DampingOutcome&)>& get) {
  std::vector<double> values;
  for (const auto& point : outcome.scan) values.push_back(get(point));
  return values;
}

/// A quantity every damping point has: /escape attribute and /escape/scan dataset `name`;
/// wall-clock seconds go to /escape/wall_s instead, outside the rank-independent results.
struct Column {
  std::string name;
  std::string unit;
  std::function<double(const DampingOutcome&)> get;
  bool wall_clock = false;
  bool flag = false;  ///< 0/1: an integer /escape attribute, written only when the method ran
};

/// f(*result) when the method ran, NaN when it did not.
template <class Result, class Get>
double when(const std::optional<Result>& result, Get get) {
  return result ? static_cast<double>(get(*result)) : nan;
}

/// The ensemble's censored-MLE estimate; absent when nothing was at risk.
std::optional<stats::RateEstimate> sampled_rate(const DampingOutcome& o) {
  if (o.ensemble && o.ensemble->escape) return o.ensemble->escape->rate;
  return std::nullopt;
}

const std::vector<Column>& columns() {
  static const std::vector<Column> all{
      {"rate_transition_state_per_ps", "1/ps", [](const DampingOutcome& o) { return o.theory.transition_state_per_ps; }},
      {"rate_kramers_per_ps", "1/ps", [](const DampingOutcome& o) { return o.theory.kramers_per_ps; }},
      {"rate_energy_diffusion_per_ps", "1/ps", [](const DampingOutcome& o) { return o.theory.energy_diffusion_per_ps; }},
      {"rate_turnover_per_ps", "1/ps", [](const DampingOutcome& o) { return o.theory.turnover_per_ps; }},
      {"rate_energy_diffusion_mfpt_per_ps", "1/ps", [](const DampingOutcome& o) { return o.energy_diffusion.rate_per_ps; }},
      {"energy_loss", "1", [](const DampingOutcome& o) { return o.theory.energy_loss; }},
      {"depletion", "1", [](const DampingOutcome& o) { return o.theory.depletion; }},
      {"rate_mfpt_per_ps", "1/ps", [](const DampingOutcome& o) { return when(o.mfpt, [](auto& m) { return m.rate_per_ps; }); }},
      {"rate_mfpt_coarsest_per_ps", "1/ps",
       [](const DampingOutcome& o) { return when(o.mfpt, [](auto& m) { return m.coarsest.rate_per_ps; }); }},
      {"rate_mfpt_coarse_per_ps", "1/ps",
       [](const DampingOutcome& o) { return when(o.mfpt, [](auto& m) { return m.coarse.rate_per_ps; }); }},
      {"rate_mfpt_fine_per_ps", "1/ps",
       [](const DampingOutcome& o) { return when(o.mfpt, [](auto& m) { return m.fine.rate_per_ps; }); }},
      {"rate_mfpt_extrapolated_per_ps", "1/ps",
       [](const DampingOutcome& o) { return when(o.mfpt, [](auto& m) { return m.extrapolated_per_ps; }); }},
      {"mfpt_grid_error", "1", [](const DampingOutcome& o) { return when(o.mfpt, [](auto& m) { return m.grid_error; }); }},
      {"mfpt_converged", "1", [](const DampingOutcome& o) { return when(o.mfpt, [](auto& m) { return m.converged; }); },
       false, true},
      {"mfpt_unknowns", "1",
       [](const DampingOutcome& o) { return when(o.mfpt, [](auto& m) { return m.coarsest.unknowns + m.coarse.unknowns + m.fine.unknowns; }); }},
      {"rate_sampled_per_ps", "1/ps",
       [](const DampingOutcome& o) { return when(sampled_rate(o), [](auto& r) { return r.rate_per_ps; }); }},
      {"rate_sampled_ci_low_per_ps", "1/ps",
       [](const DampingOutcome& o) { return when(sampled_rate(o), [](auto& r) { return r.low_per_ps; }); }},
      {"rate_sampled_ci_high_per_ps", "1/ps",
       [](const DampingOutcome& o) { return when(sampled_rate(o), [](auto& r) { return r.high_per_ps; }); }},
      {"sampled_escapes", "1",
       [](const DampingOutcome& o) {
         return when(o.ensemble, [](auto& e) { return e.escape ? static_cast<double>(e.escape->exposure.escapes) : 0.0; });
       }},
      {"sampled_trapped", "1", [](const DampingOutcome& o) { return when(o.ensemble, [](auto& e) { return e.trapped; }); }},
      {"sampled_trajectory_steps", "1",
       [](const DampingOutcome& o) { return when(o.ensemble, [](auto& e) { return e.trajectory_steps; }); }},
      {"rate_ffs_per_ps", "1/ps", [](const DampingOutcome& o) { return when(o.forward_flux, [](auto& f) { return f.rate_per_ps; }); }},
      {"rate_ffs_ci_low_per_ps", "1/ps",
       [](const DampingOutcome& o) { return when(o.forward_flux, [](auto& f) { return f.low_per_ps; }); }},
      {"rate_ffs_ci_high_per_ps", "1/ps",
       [](const DampingOutcome& o) { return when(o.forward_flux, [](auto& f) { return f.high_per_ps; }); }},
      {"ffs_converged", "1", [](const DampingOutcome& o) { return when(o.forward_flux, [](auto& f) { return f.converged; }); },
       false, true},
      {"ffs_flux_per_ps", "1/ps", [](const DampingOutcome& o) { return when(o.forward_flux, [](auto& f) { return f.flux_per_ps; }); }},
      {"ffs_trajectory_steps", "1",
       [](const DampingOutcome& o) { return when(o.forward_flux, [](auto& f) { return f.trajectory_steps; }); }},
      {"mfpt", "s", [](const DampingOutcome& o) { return when(o.mfpt, [&](auto&) { return o.mfpt_wall_s; }); }, true},
      {"ensemble", "s", [](const DampingOutcome& o) { return when(o.ensemble, [&](auto&) { return o.ensemble_wall_s; }); }, true},
      {"ffs", "s", [](const DampingOutcome& o) { return when(o.forward_flux, [&](auto&) { return o.forward_flux_wall_s; }); }, true},
  };
  return all;
}

}  // namespace

void write_escape(io::H5Writer& writer, const EscapeJob& job, const EscapeOutcome& outcome) {
  const std::string group = "/escape";
  const auto& problem = job.problem;
  const auto& critical = problem.well.critical;
  const auto geometry = problem.geometry();
  writer.attribute(group, "landscape", problem.well.name);
  writer.attribute(group, "Q_barrier", critical.Q_barrier);
  writer.attribute(group, "Q_metastable", critical.Q_metastable);
  writer.attribute(group, "V_origin_meV", critical.V_origin_meV);
  writer.attribute(group, "V_barrier_meV", critical.V_barrier_meV);
  writer.attribute(group, "V_metastable_meV", critical.V_metastable_meV);
  writer.attribute(group, "V_relaxed_meV", problem.relaxed_meV());
  writer.attribute(group, "barrier_over_kT", problem.barrier_over_kT());
  writer.attribute(group, "barrier_meV", geometry.barrier_meV);
  writer.attribute(group, "omega_well_per_ps", geometry.omega_well_per_ps);
  writer.attribute(group, "omega_barrier_per_ps", geometry.omega_barrier_per_ps);
  writer.attribute(group, "action_meV_ps", geometry.action_meV_ps);
  writer.attribute(group, "normal_action_meV_ps", outcome.main.energy_diffusion.normal_action_meV_ps);
  writer.attribute(group, "damping_per_ps", outcome.main.damping_per_ps);
  writer.attribute(group, "temperature_K", job.bath.temperature_K);
  writer.attribute(group, "domain_sites", static_cast<std::int64_t>(job.phonon.domain_sites));
  for (const auto& column : columns()) {
    const double value = column.get(outcome.main);
    if (!column.flag) {
      writer.attribute(column.wall_clock ? group + "/wall_s" : group, column.name, value);
    } else if (!std::isnan(value)) {
      writer.attribute(group, column.name, static_cast<std::int64_t>(value));
    }
  }
  if (outcome.main.forward_flux) {
    const auto& ffs = *outcome.main.forward_flux;
    writer.dataset(group + "/ffs/interfaces_meV", ffs.interfaces_meV, "meV per site");
    writer.dataset(group + "/ffs/probabilities", ffs.probabilities, "1 (P(lambda_i+1|lambda_i), last P(B|lambda_n))");
    writer.dataset(group + "/ffs/replica_rates_per_ps", ffs.replica_rates_per_ps, "1/ps");
  }
  if (!outcome.scan.empty()) {
    writer.dataset(group + "/scan/damping_per_ps", over_scan(outcome, [](const auto& o) { return o.damping_per_ps; }),
                   "1/ps");
    for (const auto& column : columns()) {
      writer.dataset((column.wall_clock ? group + "/wall_s/scan_" : group + "/scan/") + column.name,
                     over_scan(outcome, column.get), column.unit);
    }
  }
}

void print_escape(std::ostream& out, const EscapeJob& job, const EscapeOutcome& outcome) {
  const auto& problem = job.problem;
  const auto geometry = problem.geometry();
  const auto& main = outcome.main;
  char line[400];
  std::snprintf(line, sizeof line,
                "metasc-escape: %s landscape, T = %g K, N_s = %lld, gamma = %g /ps\n"
                "  barrier dE_b = %.4g meV = %.3f k_BT, omega_a = %.4g, omega_b = %.4g rad/ps, gamma/omega_b = %.3g,"
                " I_b = %.4g meV ps, delta = %.4g, A(delta) = %.4g\n",
                problem.well.name.c_str(), job.bath.temperature_K, static_cast<long long>(job.phonon.domain_sites),
                main.damping_per_ps, geometry.barrier_meV, problem.barrier_over_kT(), geometry.omega_well_per_ps,
                geometry.omega_barrier_per_ps, main.damping_per_ps / geometry.omega_barrier_per_ps,
                geometry.action_meV_ps, main.theory.energy_loss, main.theory.depletion);
  out << line;
  out << "  method                              rate [1/ps]   95% interval               wall [s]  trajectory-steps\n";
  const auto row = [&](const char* name, double rate, double low, double high, double wall_s, double steps) {
    char interval[64] = "";
    if (std::isfinite(low)) std::snprintf(interval, sizeof interval, "[%.4g, %.4g]", low, high);
    char cost[64] = "";
    if (std::isfinite(wall_s)) std::snprintf(cost, sizeof cost, "%8.3g", wall_s);
    if (std::isfinite(steps)) std::snprintf(cost + std::strlen(cost), sizeof cost - std::strlen(cost), "  %.3g", steps);
    std::snprintf(line, sizeof line, "  %-34s  %-12.5g  %-25s  %s\n", name, rate, interval, cost);
    out << line;
  };
  row("transition state", main.theory.transition_state_per_ps, nan, nan, nan, nan);
  row("Kramers-Grote-Hynes", main.theory.kramers_per_ps, nan, nan, nan, nan);
  row("energy diffusion k_ED", main.theory.energy_diffusion_per_ps, nan, nan, nan, nan);
  row("Mel'nikov-Meshkov turnover", main.theory.turnover_per_ps, nan, nan, nan, nan);
  row("energy-diffusion MFPT (1-D)", main.energy_diffusion.rate_per_ps, nan, nan, nan, nan);
  if (main.mfpt) {
    const auto& mfpt = *main.mfpt;
    std::snprintf(line, sizeof line, "MFPT %lldx%lld (r = %g, %g, %g)", static_cast<long long>(mfpt.fine.grid.Q_cells()),
                  static_cast<long long>(mfpt.fine.grid.P_cells()), job.settings.mfpt.resolution / 4, job.settings.mfpt.resolution / 2,
                  job.settings.mfpt.resolution);
    const std::string name = line;
    row(name.c_str(), mfpt.rate_per_ps, nan, nan, main.mfpt_wall_s, nan);
    std::snprintf(line, sizeof line,
                  "    grid study: %.5g (r/4, %lld unknowns), %.5g (r/2, %lld unknowns), %.5g (r, %lld unknowns), "
                  "extrapolated %.5g (a %.2g%% step from r/4, r/2; target %.2g%%)\n",
                  mfpt.coarsest.rate_per_ps, static_cast<long long>(mfpt.coarsest.unknowns), mfpt.coarse.rate_per_ps, static_cast<long long>(mfpt.coarse.unknowns), mfpt.fine.rate_per_ps,
                  static_cast<long long>(mfpt.fine.unknowns), mfpt.extrapolated_per_ps, 100.0 * mfpt.grid_error,
                  100.0 * job.settings.mfpt.tolerance);
    out << line;
    if (!mfpt.converged) out << "    MFPT NOT CONVERGED, rate_mfpt_per_ps = NaN: " << mfpt.failure << "\n";
  }
  if (main.ensemble) {
    const auto& ensemble = *main.ensemble;
    if (ensemble.escape) {
      const auto& rate = ensemble.escape->rate;
      row("ensemble (brute force)", rate.rate_per_ps, rate.low_per_ps, rate.high_per_ps, main.ensemble_wall_s,
          ensemble.trajectory_steps);
      std::snprintf(line, sizeof line, "    %llu of %llu trapped, %llu escapes in %.4g ps at risk\n",
                    static_cast<unsigned long long>(ensemble.trapped),
                    static_cast<unsigned long long>(ensemble.trajectories),
                    static_cast<unsigned long long>(ensemble.escape->exposure.escapes),
                    ensemble.escape->exposure.time_at_risk_ps);
      out << line;
    } else {
      row("ensemble (brute force): no time at risk", nan, nan, nan, main.ensemble_wall_s, ensemble.trajectory_steps);
    }
  }
  if (main.forward_flux) {
    const auto& ffs = *main.forward_flux;
    row("forward flux sampling", ffs.rate_per_ps, ffs.low_per_ps, ffs.high_per_ps, main.forward_flux_wall_s,
        ffs.trajectory_steps);
    std::snprintf(line, sizeof line, "    %zu replicas, flux %.4g /ps from %llu crossings, %zu interfaces, P:",
                  ffs.replica_rates_per_ps.size(), ffs.flux_per_ps, static_cast<unsigned long long>(ffs.flux_crossings),
                  ffs.interfaces_meV.size());
    out << line;
    for (const double p : ffs.probabilities) {
      std::snprintf(line, sizeof line, " %.3g", p);
      out << line;
    }
    out << "\n";
    if (!ffs.converged) out << "    FORWARD FLUX NOT CONVERGED, rate_ffs_per_ps = NaN: " << ffs.failure << "\n";
  }
  if (!outcome.scan.empty()) out << "  damping scan: " << outcome.scan.size() << " values of gamma\n";
}

}  // namespace metasc::escape
