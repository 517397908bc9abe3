#include "metasc/config/field_params.hpp"

#include <cmath>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"

namespace metasc::config {

void declare_field_keys(Registry& registry) {
  registry.add({.key = "field.cells", .kind = Kind::real_list, .default_value = "64",
                .bounds = {.min = 0.0, .max = 1e9, .min_open = true},
                .help = "lattice extents L1[,L2[,L3]] (periodic, 1 to 3 dimensions), positive integers"});
  registry.add({.key = "field.stiffness_meV", .unit = "meV", .default_value = "0", .bounds = between(0.0, 1e9),
                .help = "kappa, the coupling (Q_c - Q_c')^2 N_s kappa/2 of neighbouring cells, per site per l0^2"});
  registry.add({.key = "field.lattices", .kind = Kind::integer, .default_value = "1", .bounds = between(1, 1e9),
                .help = "independent lattices (rate statistics), spread over the ranks"});
  registry.add({.key = "field.decompose", .kind = Kind::flag, .default_value = "false",
                .help = "true: each lattice in turn spread over all ranks (PETSc DMDA, ghost exchange every step; "
                        "every extent >= 2) | false: whole lattices dealt to the ranks"});
  registry.add({.key = "field.saddle", .kind = Kind::flag, .default_value = "false",
                .help = "search the critical droplet (saddle of H between the uniform metastable and normal states)"});
  registry.add({.key = "field.commit_ps", .unit = "ps", .default_value = "0", .bounds = between(0.0, 1e9),
                .help = "a cell nucleates once its local order parameter has stayed in the relaxed normal well this "
                        "long (dated at its entry), so sub-critical droplets that shrink back do not count; 0: at entry"});
  registry.add({.key = "field.start", .kind = Kind::choice, .default_value = "metastable",
                .choices = {"metastable", "pulse", "seeded", "rest"},
                .help = "metastable: every cell thermal in the +Q_MS well, no pump | pulse: every cell thermal in the "
                        "normal well, then the [pulse] pump (one pulse) | rest: every cell at rest at Q_MS with "
                        "thermal momenta, no pump (warms to T in ~1/gamma without a burst of droplets) | seeded: as "
                        "rest, but the cells within field.seed_radius_cells of the lattice's centre at rest at Q = 0: "
                        "the front speed"});
  registry.add({.key = "field.seed_radius_cells", .unit = "cells", .default_value = "0", .bounds = between(0.0, 1e9),
                .help = "field.start = seeded: radius of the normal nucleus, larger than the critical droplet "
                        "(field.saddle) and at most 0.25 x the smallest extent"});
  registry.add({.key = "field.snapshots", .kind = Kind::integer, .default_value = "0", .bounds = between(0, 10000),
                .help = "keep the Q of lattice 0 at this many times, evenly from t = 0 to t_end (0: none; >= 2)"});
}

std::int64_t FieldParams::cells_per_lattice() const {
  std::int64_t product = 1;
  for (const auto extent : cells) product *= extent;
  return product;
}

FieldParams FieldParams::from(const Config& config) {
  const auto extents = config.reals("field.cells");
  if (extents.empty() || extents.size() > 3) {
    throw ConfigError("field.cells must list 1 to 3 extents L1[,L2[,L3]] (got " + std::to_string(extents.size()) +
                      " values)");
  }
  FieldParams params{.cells = {},
                     .stiffness_meV = config.real("field.stiffness_meV"),
                     .lattices = config.integer("field.lattices"),
                     .decompose = config.flag("field.decompose"),
                     .saddle = config.flag("field.saddle"),
                     .commit_ps = config.real("field.commit_ps"),
                     .start = config.text("field.start") == "pulse"    ? FieldStart::pulse
                              : config.text("field.start") == "seeded" ? FieldStart::seeded
                              : config.text("field.start") == "rest"   ? FieldStart::rest
                                                                       : FieldStart::metastable,
                     .seed_radius_cells = config.real("field.seed_radius_cells"),
                     .snapshots = config.integer("field.snapshots")};
  if (params.snapshots == 1) {
    throw ConfigError("field.snapshots must be 0 or >= 2 (the first at t = 0, the last at t_end; got 1)");
  }
  if (params.start == FieldStart::seeded) {
    // The front speed's interval is the spread of independent lattices.
    if (params.lattices < 2) {
      throw ConfigError("field.lattices must be >= 2 with field.start = seeded: the front speed's interval comes "
                        "from the spread over lattices (got " + std::to_string(params.lattices) + ")");
    }
  } else if (params.seed_radius_cells != 0.0) {
    throw ConfigError("field.seed_radius_cells = " + format_number(params.seed_radius_cells) +
                      " needs field.start = seeded (got " + config.text("field.start") + ")");
  }
  // The decomposed checkpoint holds Q and P of the lattice in progress, not the cells' entry steps.
  if (params.decompose && params.commit_ps > 0.0) {
    throw ConfigError("field.commit_ps = " + format_number(params.commit_ps) +
                      " with field.decompose = true: the commitment rule needs field.decompose = false (or "
                      "field.commit_ps = 0)");
  }
  for (const double extent : extents) {
    if (!(extent >= 1.0) || extent != std::floor(extent)) {
      throw ConfigError("field.cells must be positive integers (got " + format_number(extent) + ")");
    }
    // A periodic ghost of width 1 needs a neighbour other than the cell itself.
    if (params.decompose && extent < 2.0) {
      throw ConfigError("field.cells = " + config.text("field.cells") +
                        " with field.decompose = true: every extent must be >= 2");
    }
    params.cells.push_back(static_cast<std::int64_t>(extent));
  }
  return params;
}

}  // namespace metasc::config
