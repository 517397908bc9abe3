#include "metasc/nucleation/output.hpp"

#include <cstddef>

#include "metasc/format_number.hpp"

namespace metasc::nucleation {

void write_nucleation(io::H5Writer& writer, const NucleationJob& job, const NucleationOutcome& outcome) {
  const auto lattices = static_cast<std::size_t>(job.field.lattices);
  writer.dataset("/nucleation/time_ps", outcome.time_ps, "ps");
  writer.dataset("/nucleation/f_SC", outcome.f_SC, "1", {lattices, outcome.time_ps.size()});
  writer.dataset("/nucleation/first_time_ps", outcome.first_time_ps, "ps");
  std::vector<std::size_t> shape{lattices};
  for (const auto length : job.field.cells) shape.push_back(static_cast<std::size_t>(length));
  writer.dataset("/nucleation/Q_final", outcome.Q_final, "oscillator lengths", shape);
  writer.attribute("/nucleation", "rate_per_cell_per_ps", outcome.rate_per_cell.rate_per_ps);
  writer.attribute("/nucleation", "rate_per_cell_per_ps_ci_low", outcome.rate_per_cell.low_per_ps);
  writer.attribute("/nucleation", "rate_per_cell_per_ps_ci_high", outcome.rate_per_cell.high_per_ps);
  writer.attribute("/nucleation", "nucleated_lattices", static_cast<std::int64_t>(outcome.nucleated));
  writer.attribute("/nucleation", "uniform_barrier_meV", job.uniform_barrier_meV());
  writer.attribute("/nucleation", "Q_barrier", job.critical.Q_barrier);
  writer.attribute("/nucleation", "Q_metastable", job.critical.Q_metastable);
}

void print_nucleation(std::ostream& out, const NucleationJob& job, const NucleationOutcome& outcome) {
  out << "metasc-nucleation: " << job.field.lattices << " lattice(s) of " << job.field.cell_count()
      << " cells, kappa = " << format_number(job.field.stiffness_meV) << " meV\n"
      << "  uniform barrier M N_s dV = " << format_number(job.uniform_barrier_meV()) << " meV\n"
      << "  nucleated lattices: " << outcome.nucleated << " of " << job.field.lattices << "\n"
      << "  rate per cell j = " << format_number(outcome.rate_per_cell.rate_per_ps) << " /ps  (95%: "
      << format_number(outcome.rate_per_cell.low_per_ps) << " .. " << format_number(outcome.rate_per_cell.high_per_ps)
      << ")\n"
      << "  mean f_SC at t_end: ";
  const std::size_t samples = outcome.time_ps.size();
  double sum = 0.0;  // in lattice order, on rank 0 only
  for (std::size_t l = 0; l < static_cast<std::size_t>(job.field.lattices); ++l) sum += outcome.f_SC[(l + 1) * samples - 1];
  out << format_number(sum / static_cast<double>(job.field.lattices)) << "\n"
      << "  speed: " << format_number(outcome.cell_steps_per_s) << " cell-steps/s\n";
}

}  // namespace metasc::nucleation
