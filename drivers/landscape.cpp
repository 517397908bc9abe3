// metasc-landscape: one adiabatic landscape at bath.temperature_K, and with a
// [scan] section the metastability diagram over (ν(0), ΔE), spread over ranks.
#include <cmath>
#include <cstdio>
#include <optional>

#include "metasc/config/diagram.hpp"
#include "metasc/config/landscape_params.hpp"
#include "metasc/config/model.hpp"
#include "metasc/config/model_params.hpp"
#include "metasc/config/run_params.hpp"
#include "metasc/drivers/program.hpp"
#include "metasc/io/h5_writer.hpp"
#include "metasc/io/landscape_output.hpp"
#include "metasc/parallel/decomposition.hpp"
#include "metasc/parallel/progress.hpp"
#include "metasc/physics/landscape_summary.hpp"

namespace {

using namespace metasc;

struct Diagram {
  config::ScanParams grid;
  std::vector<std::int32_t> classes;  ///< row-major (dos, splitting), on rank 0
  std::vector<double> blocking_K;
};

Diagram scan(const Environment& environment, const config::PhononParams& phonon,
             const config::ElectronParams& electrons, double temperature_K, const config::ScanParams& grid,
             bool progress_on) {
  const auto dos = grid.dos_per_meV.values();
  const auto splitting = grid.splitting_meV.values();
  // Cyclic: neighbouring points cost alike (T_B regions are contiguous), so dealing
  // them out round-robin balances the ranks.
  const Decomposition points(static_cast<std::int64_t>(dos.size() * splitting.size()), environment.size(),
                             environment.rank(), Decomposition::Layout::cyclic);
  std::vector<std::int32_t> classes;
  std::vector<double> blocking;
  Progress progress(progress_on && environment.is_root(), "diagram", "points",
                    static_cast<double>(points.local_count()));
  for (std::int64_t k = 0; k < points.local_count(); ++k) {
    const auto index = static_cast<std::size_t>(points.global_index(k));
    const auto point = config::diagram_point(phonon, electrons, dos[index / splitting.size()],
                                              splitting[index % splitting.size()], temperature_K);
    classes.push_back(static_cast<std::int32_t>(point.kind));
    blocking.push_back(point.blocking_temperature_K);
    progress.update(static_cast<double>(k + 1));
  }
  progress.finish();
  return {grid, points.gather(environment, classes), points.gather(environment, blocking)};
}

void print_summary(std::ostream& out, const physics::LandscapeSummary& summary) {
  const auto& c = summary.critical;
  char line[256];
  out << "metasc-landscape at T = " << summary.temperature_K << " K\n";
  std::snprintf(line, sizeof line, "  U0 = %.4g meV (T_c = %.4g K)\n  class: %s   V''(0) = %.4g meV\n",
                summary.bare_pairing_meV, summary.critical_temperature_K, physics::class_name(c.kind),
                c.curvature_origin_meV);
  out << line;
  std::snprintf(line, sizeof line, "  barrier    Q_B  = %.5g   V = %.5g meV\n  metastable Q_MS = %.5g   V = %.5g meV\n",
                c.Q_barrier, c.V_barrier_meV, c.Q_metastable, c.V_metastable_meV);
  out << line;
  std::snprintf(line, sizeof line, "  V(0) = %.5g meV   barrier height V(Q_B) - V(Q_MS) = %.4g meV per site\n  T_B = %.4g K\n",
                c.V_origin_meV, c.V_barrier_meV - c.V_metastable_meV, summary.blocking_temperature_K);
  out << line;
}

void print_diagram_summary(std::ostream& out, const Diagram& diagram) {
  int counts[4] = {0, 0, 0, 0};
  for (const auto kind : diagram.classes) ++counts[kind];
  out << "  diagram " << diagram.grid.dos_per_meV.count << " x " << diagram.grid.splitting_meV.count
      << " points: normal " << counts[0] << ", metastable I " << counts[1] << ", metastable II " << counts[2]
      << ", distorted " << counts[3] << "\n";
}

void run(const Environment& environment, const config::Config& configuration, const config::CommandLine&) {
  config::PhononParams phonon{};
  config::ElectronParams electrons{};
  config::BathParams bath{};
  config::OutputParams output{};
  config::LandscapeParams landscape{};
  std::optional<config::ScanParams> grid;
  std::optional<physics::Model> model;
  environment.collectively([&] {
    phonon = config::PhononParams::from(configuration);
    electrons = config::ElectronParams::from(configuration);
    bath = config::BathParams::from(configuration);
    output = config::OutputParams::from(configuration);
    landscape = config::LandscapeParams::from(configuration);
    if (config::ScanParams::requested(configuration)) grid = config::ScanParams::from(configuration);
    model = config::build_model(phonon, electrons);
    if (environment.is_root()) io::check_writable("output.file", output.file);
  });

  std::optional<physics::LandscapeSummary> summary;
  environment.collectively([&] {
    if (environment.is_root()) {
      summary = physics::summarize_landscape(*model, bath.temperature_K, landscape.points, landscape.temperatures_K);
    }
  });
  std::optional<Diagram> diagram;
  if (grid) diagram = scan(environment, phonon, electrons, bath.temperature_K, *grid, output.progress);

  environment.collectively([&] {
    if (!environment.is_root()) return;
    io::H5Writer writer(output.file);
    writer.configuration(configuration, "metasc-landscape", environment.size());
    io::write_landscape(writer, *summary);
    if (diagram) {
      const auto dos = diagram->grid.dos_per_meV.values();
      const auto splitting = diagram->grid.splitting_meV.values();
      writer.dataset("/scan/dos_per_meV", dos, "1/meV");
      writer.dataset("/scan/splitting_meV", splitting, "meV");
      writer.dataset("/scan/class", diagram->classes, "0 normal, 1 metastable I, 2 metastable II, 3 distorted",
                     {dos.size(), splitting.size()});
      writer.dataset("/scan/T_B_K", diagram->blocking_K, "K", {dos.size(), splitting.size()});
      writer.attribute("/scan", "temperature_K", bath.temperature_K);
    }
    writer.commit();
    print_summary(environment.out(), *summary);
    if (diagram) print_diagram_summary(environment.out(), *diagram);
    environment.out() << "  results: " << output.file << "\n";
  });
}

}  // namespace

int main(int argc, char** argv) {
  return metasc::run_program(
      {.name = "metasc-landscape",
       .purpose = "adiabatic BCS landscape V(Q;T), critical points, classification, T_B; [scan]: the diagram"},
      argc, argv, run);
}
