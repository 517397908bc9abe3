#include "metasc/config/field_params.hpp"

#include <cmath>
#include <string>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"

namespace metasc::config {

void declare_field_keys(Registry& registry) {
  registry.add({.key = "field.cells", .kind = Kind::real_list, .default_value = "16",
                .help = "lattice shape L1[, L2[, L3]]: 1 to 3 positive integers, periodic in every direction"});
  registry.add({.key = "field.stiffness_meV", .unit = "meV", .default_value = "0", .bounds = between(0.0, 1e6),
                .help = "kappa >= 0, neighbour coupling (N_s kappa/2)(Q_c - Q_c')^2 per bond, per site per l0^2"});
  registry.add({.key = "field.lattices", .kind = Kind::integer, .default_value = "1", .bounds = between(1, 1e7),
                .help = "independent lattices, for the statistics of the first-nucleation time"});
}

std::int64_t FieldParams::cell_count() const {
  std::int64_t count = 1;
  for (const auto length : cells) count *= length;
  return count;
}

FieldParams FieldParams::from(const Config& config) {
  const auto given = config.reals("field.cells");
  const auto refuse = [&](const std::string& why) {
    std::string text;
    for (const double length : given) {
      if (!text.empty()) text += ",";
      text += format_number(length);
    }
    throw ConfigError("field.cells = '" + text + "': " + why);
  };
  if (given.empty() || given.size() > 3) refuse("give 1 to 3 lattice lengths (d = 1, 2 or 3)");
  FieldParams params{.cells = {}, .stiffness_meV = config.real("field.stiffness_meV"),
                     .lattices = config.integer("field.lattices")};
  for (const double length : given) {
    // 2^31: PETSc's default index type counts cells in 32 bits.
    if (!(length >= 1.0 && length < 2147483648.0 && std::floor(length) == length)) {
      refuse("every length must be a positive integer below 2^31");
    }
    params.cells.push_back(static_cast<std::int64_t>(length));
  }
  return params;
}

}  // namespace metasc::config
