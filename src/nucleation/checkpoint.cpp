#include "metasc/nucleation/checkpoint.hpp"

#include <cmath>

#include "metasc/error.hpp"
#include "metasc/io/checkpoint_file.hpp"

namespace metasc::nucleation {
namespace {

const io::CheckpointFormat format{.program = "metasc-nucleation",
                                  .dataset = "/checkpoint/lattice_records",
                                  .layout = "serialized completed lattices (see nucleation/checkpoint.hpp)"};

}  // namespace

std::vector<double> serialize(const CompletedLattices& lattices) {
  std::vector<double> records;
  for (const auto& [index, result] : lattices) {
    records.push_back(static_cast<double>(index));
    records.push_back(result.first_time_ps);
    records.push_back(static_cast<double>(result.superconducting_cells.size()));
    for (const auto count : result.superconducting_cells) records.push_back(static_cast<double>(count));
    records.push_back(static_cast<double>(result.Q_final.size()));
    records.insert(records.end(), result.Q_final.begin(), result.Q_final.end());
  }
  return records;
}

CompletedLattices deserialize(const std::vector<double>& records) {
  CompletedLattices lattices;
  std::size_t at = 0;
  const auto take_count = [&] {
    if (at >= records.size() || !(records[at] >= 0.0) || records[at] != std::floor(records[at])) {
      throw IoError("a metasc-nucleation checkpoint record does not parse at entry " + std::to_string(at));
    }
    return static_cast<std::size_t>(records[at++]);
  };
  while (at < records.size()) {
    const auto index = static_cast<std::uint64_t>(take_count());
    if (at >= records.size()) throw IoError("a metasc-nucleation checkpoint record ends after its index");
    LatticeResult result{.first_time_ps = records[at++], .superconducting_cells = {}, .Q_final = {}};
    const std::size_t outputs = take_count();
    for (std::size_t i = 0; i < outputs; ++i) result.superconducting_cells.push_back(static_cast<std::int32_t>(take_count()));
    const std::size_t cells = take_count();
    if (at + cells > records.size()) throw IoError("a metasc-nucleation checkpoint record ends inside its Q_final");
    result.Q_final.assign(records.begin() + static_cast<std::ptrdiff_t>(at),
                          records.begin() + static_cast<std::ptrdiff_t>(at + cells));
    at += cells;
    lattices.emplace(index, std::move(result));
  }
  return lattices;
}

void write_checkpoint(const Environment& environment, const std::string& path, const config::Config& config,
                      const CompletedLattices& local) {
  io::write_checkpoint_records(environment, path, config, format, serialize(local));
}

CompletedLattices read_checkpoint(const std::string& path, const config::Config& config) {
  return deserialize(io::read_checkpoint_records(path, config, format));
}

}  // namespace metasc::nucleation
