#include "metasc/nucleation/output.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>

#include "metasc/format_number.hpp"

namespace metasc::nucleation {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Lattices bound in the metastable state at the check time (first_time_ps not NaN): the ones at risk.
std::int64_t trapped_lattices(const NucleationOutcome& outcome) {
  return std::ranges::count_if(outcome.first_time_ps, [](double t) { return !std::isnan(t); });
}

}  // namespace

void write_nucleation(io::H5Writer& writer, const NucleationJob& job, const NucleationOutcome& outcome) {
  const std::string group = "/nucleation";
  writer.dataset(group + "/time_ps", outcome.time_ps, "ps");
  writer.dataset(group + "/f_SC", outcome.superconducting_fraction, "1");
  writer.dataset(group + "/first_time_ps", outcome.first_time_ps, "ps");
  std::vector<std::size_t> shape{static_cast<std::size_t>(job.field.lattices)};
  for (const auto extent : job.field.cells) shape.push_back(static_cast<std::size_t>(extent));
  writer.dataset(group + "/Q_final", outcome.Q_final, "l0", shape);
  const auto& rate = outcome.rate_per_cell;
  writer.attribute(group, "rate_per_cell_per_ps", rate ? rate->rate_per_ps : nan);
  writer.attribute(group, "rate_per_cell_per_ps_ci_low", rate ? rate->low_per_ps : nan);
  writer.attribute(group, "rate_per_cell_per_ps_ci_high", rate ? rate->high_per_ps : nan);
  writer.attribute(group, "nucleations", static_cast<std::int64_t>(outcome.exposure.escapes));
  writer.attribute(group, "trapped_lattices", trapped_lattices(outcome));
  writer.attribute(group, "time_at_risk_ps", outcome.exposure.time_at_risk_ps);
  // first_time_ps counts from here (0, or the end of the pulse + ensemble.settle_ps).
  writer.attribute(group, "risk_start_ps", static_cast<double>(job.spec.risk_step) * job.spec.dt_ps);
  writer.attribute(group, "uniform_barrier_meV", job.uniform_barrier_meV());
  const auto& droplet = outcome.droplet;
  writer.attribute(group, "saddle_energy_meV", droplet ? droplet->energy_meV : nan);
  if (droplet) {
    const std::vector<std::size_t> lattice_shape(shape.begin() + 1, shape.end());
    writer.dataset(group + "/saddle_Q", droplet->Q, "l0", lattice_shape);
    writer.dataset(group + "/saddle_unstable_mode", droplet->unstable_mode, "1", lattice_shape);
    writer.dataset(group + "/saddle_string_energy_meV", droplet->string_energy_meV, "meV");
    writer.attribute(group, "saddle_unstable_curvature_meV", droplet->unstable_curvature_meV);
    writer.attribute(group, "saddle_second_curvature_meV", droplet->second_curvature_meV);
    writer.attribute(group, "saddle_residual_meV", droplet->residual_meV);
    writer.attribute(group, "saddle_converged", static_cast<std::int64_t>(droplet->converged ? 1 : 0));
  }
  if (!outcome.snapshot_time_ps.empty()) {
    std::vector<std::size_t> snapshot_shape{outcome.snapshot_time_ps.size()};
    snapshot_shape.insert(snapshot_shape.end(), shape.begin() + 1, shape.end());
    writer.dataset(group + "/snapshots", outcome.snapshots, "l0", snapshot_shape);
    writer.dataset(group + "/snapshot_time_ps", outcome.snapshot_time_ps, "ps");
  }
  if (const auto& front = outcome.front) {
    const auto& nucleus = *job.spec.nucleus;
    writer.dataset(group + "/front_radius_cells", outcome.front_radius_cells, "cells",
                   {static_cast<std::size_t>(job.field.lattices), outcome.time_ps.size()});
    writer.dataset(group + "/front_speed_per_lattice_cells_per_ps", front->per_lattice_cells_per_ps, "cells/ps");
    writer.attribute(group, "front_speed_cells_per_ps", front->speed_cells_per_ps.mean);
    writer.attribute(group, "front_speed_cells_per_ps_ci_low", front->speed_cells_per_ps.low);
    writer.attribute(group, "front_speed_cells_per_ps_ci_high", front->speed_cells_per_ps.high);
    writer.attribute(group, "front_fit_start_ps", front->fit_start_ps);
    writer.attribute(group, "front_fit_end_ps", front->fit_end_ps);
    writer.attribute(group, "front_fit_end_radius_cells", nucleus.fit_end_radius_cells());
    writer.attribute(group, "seed_radius_cells", nucleus.seed_radius_cells());
    writer.attribute(group, "seed_cells", static_cast<std::int64_t>(nucleus.seed_cells()));
    writer.attribute(group, "sound_speed_cells_per_ps", job.sound_speed_cells_per_ps());
  }
  writer.attribute(group, "cells_per_lattice", static_cast<std::int64_t>(job.cells_per_lattice()));
  writer.attribute(group, "stiffness_meV", job.field.stiffness_meV);
  const auto& critical = job.landscape.critical;
  writer.attribute("/landscape", "Q_barrier", critical.Q_barrier);
  writer.attribute("/landscape", "Q_metastable", critical.Q_metastable);
  writer.attribute("/landscape", "V_barrier_meV", critical.V_barrier_meV);
  writer.attribute("/landscape", "V_metastable_meV", critical.V_metastable_meV);
}

void print_nucleation(std::ostream& out, const NucleationJob& job, const NucleationOutcome& outcome) {
  const auto& critical = job.landscape.critical;
  out << "metasc-nucleation: " << job.field.lattices << " lattice(s) of " << job.cells_per_lattice() << " cells ("
      << job.field.cells.size() << "-D), kappa = " << format_number(job.field.stiffness_meV) << " meV, N_s = "
      << job.phonon.domain_sites << ", T = " << format_number(job.bath.temperature_K) << " K\n";
  out << "  well: Q_B = " << format_number(critical.Q_barrier) << ", Q_MS = " << format_number(critical.Q_metastable)
      << ", uniform barrier M N_s dV = " << format_number(job.uniform_barrier_meV()) << " meV\n";
  if (!outcome.superconducting_fraction.empty()) {
    out << "  f_SC: " << format_number(outcome.superconducting_fraction.front()) << " at t = 0, "
        << format_number(outcome.superconducting_fraction.back()) << " at t = "
        << format_number(outcome.time_ps.back()) << " ps\n";
  }
  if (const auto& droplet = outcome.droplet) {
    out << "  critical droplet: Delta E_c = " << format_number(droplet->energy_meV) << " meV = "
        << format_number(droplet->energy_meV / job.bath.kT_meV) << " k_BT, unstable curvature "
        << format_number(droplet->unstable_curvature_meV) << " meV per site"
        << (droplet->converged ? "" : "  (NOT converged: residual " + format_number(droplet->residual_meV) + " meV)")
        << "\n";
  }
  if (const auto& front = outcome.front) {
    const auto& speed = front->speed_cells_per_ps;
    const auto& nucleus = *job.spec.nucleus;
    out << "  seeded nucleus: " << nucleus.seed_cells() << " normal cells within R0 = "
        << format_number(nucleus.seed_radius_cells()) << " cells";
    if (const auto& droplet = outcome.droplet) {
      const auto normal = std::ranges::count_if(droplet->Q, [&](double Q) { return std::abs(Q) <= critical.Q_barrier; });
      out << " (the critical droplet: " << normal << " normal cells, radius "
          << format_number(ball_radius_cells(static_cast<double>(normal), nucleus.dimension())) << ")";
    }
    out << "\n";
    if (std::isnan(speed.mean)) {
      out << "  front speed: not fitted (" << front->fit_points
          << " output times between escape.transient_ps and the radius 0.4 min L; 3 needed: a finer "
             "ensemble.output_interval_ps or a larger lattice)\n";
    } else {
      out << "  front speed v = " << format_number(speed.mean) << " cells/ps  (95%: " << format_number(speed.low)
          << " .. " << format_number(speed.high) << "), fitted over " << format_number(front->fit_start_ps) << " .. "
          << format_number(front->fit_end_ps) << " ps; sound speed sqrt(omega kappa/hbar) = "
          << format_number(job.sound_speed_cells_per_ps()) << " cells/ps"
          << (speed.mean > 0.0 ? "" : "  (the nucleus shrank: below the critical droplet?)") << "\n";
    }
  }
  out << "  first nucleations: " << outcome.exposure.escapes << " of " << trapped_lattices(outcome) << " lattices trapped at the check ("
      << outcome.first_time_ps.size() << " in all), time at risk " << format_number(outcome.exposure.time_at_risk_ps)
      << " ps\n";
  if (const auto& rate = outcome.rate_per_cell) {
    out << "  rate per cell j = " << format_number(rate->rate_per_ps) << " /ps  (95%: "
        << format_number(rate->low_per_ps) << " .. " << format_number(rate->high_per_ps) << ")\n";
  }
}

}  // namespace metasc::nucleation
