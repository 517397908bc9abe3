#include "metasc/config/run_params.hpp"

namespace metasc::config {

void declare_run_keys(Registry& registry) {
  registry.add({.key = "output.file", .kind = Kind::text, .default_value = "results/run.h5",
                .help = "HDF5 results file (written atomically: FILE.partial, renamed when complete)"});
  registry.add({.key = "output.progress", .kind = Kind::flag, .default_value = "true",
                .help = "progress line (percent, rate, ETA) on rank 0's standard error"});
  registry.add({.key = "scan.dos_per_meV", .kind = Kind::grid, .unit = "1/meV", .default_value = "0.004:0.02:12",
                .bounds = {.min = 0.0, .max = 10.0, .min_open = true},
                .help = "nu(0) grid of the metastability diagram, start:stop:count[:log]"});
  registry.add({.key = "scan.splitting_meV", .kind = Kind::grid, .unit = "meV", .default_value = "5:200:12:log",
                .bounds = {.min = 0.0, .max = 1e5, .min_open = true},
                .help = "Delta E grid of the metastability diagram, start:stop:count[:log]"});
  registry.add({.key = "scan.part", .kind = Kind::text, .default_value = "1/1",
                .help = "metasc-ensemble scan: run the i-th of N contiguous slices of the points, i/N (a SLURM array "
                        "task; scripts/slurm/merge.py --scan joins the parts)"});
  registry.add({.key = "checkpoint.file", .kind = Kind::text, .default_value = "results/run.ckpt.h5",
                .help = "checkpoint file (written atomically)"});
  registry.add({.key = "checkpoint.interval_s", .unit = "s", .default_value = "600",
                .bounds = {.min = 0.0, .max = 1e9, .min_open = true},
                .help = "wall-clock seconds between checkpoints; SIGTERM/SIGUSR1 also checkpoint"});
}

OutputParams OutputParams::from(const Config& config) {
  return {.file = config.text("output.file"), .progress = config.flag("output.progress")};
}

bool ScanParams::requested(const Config& config) {
  return config.given("scan.dos_per_meV") || config.given("scan.splitting_meV");
}

ScanParams ScanParams::from(const Config& config) {
  return {.dos_per_meV = config.grid("scan.dos_per_meV"), .splitting_meV = config.grid("scan.splitting_meV")};
}

}  // namespace metasc::config
