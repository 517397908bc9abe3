#include "metasc/nucleation/checkpoint.hpp"

#include "metasc/double_records.hpp"
#include "metasc/error.hpp"
#include "metasc/io/checkpoint_file.hpp"

namespace metasc::nucleation {
namespace {

const io::CheckpointFormat format{.program = "metasc-nucleation",
                                  .dataset = "/checkpoint/lattice_records",
                                  .layout = "serialized completed lattices (see nucleation/checkpoint.hpp)"};

enum class RecordKind { completed = 0, in_progress = 1 };

}  // namespace

std::vector<double> serialize(const CheckpointContents& contents) {
  std::vector<double> records;
  for (const auto& [index, result] : contents.completed) {
    records.push_back(static_cast<double>(RecordKind::completed));
    records.push_back(static_cast<double>(index));
    records.push_back(result.first_time_ps);
    append_sized(records, result.superconducting_cells);
    append_sized(records, result.Q_final);
    append_sized(records, result.far_superconducting_cells);
    append_sized(records, result.snapshots);
  }
  if (const auto& progress = contents.in_progress) {
    records.push_back(static_cast<double>(RecordKind::in_progress));
    records.push_back(static_cast<double>(progress->lattice_index));
    records.push_back(static_cast<double>(progress->next_step));
    records.push_back(progress->first_step == LatticeProgress::never ? -1.0
                                                                       : static_cast<double>(progress->first_step));
    append_sized(records, progress->superconducting_cells);
    append_sized(records, progress->Q);
    append_sized(records, progress->P);
    append_sized(records, progress->far_superconducting_cells);
    append_sized(records, progress->snapshots);
  }
  return records;
}

CheckpointContents deserialize(const std::vector<double>& records) {
  CheckpointContents contents;
  RecordReader reader(records, "a metasc-nucleation checkpoint record");
  while (!reader.done()) {
    const auto kind = reader.count();
    const std::uint64_t index = reader.count();
    if (kind == static_cast<std::uint64_t>(RecordKind::completed)) {
      LatticeResult result{.first_time_ps = reader.value()};
      result.superconducting_cells = reader.sized<std::int32_t>();
      result.Q_final = reader.sized<double>();
      result.far_superconducting_cells = reader.sized<std::int32_t>();
      result.snapshots = reader.sized<double>();
      contents.completed.emplace(index, std::move(result));
    } else if (kind == static_cast<std::uint64_t>(RecordKind::in_progress)) {
      LatticeProgress progress{.lattice_index = index, .next_step = reader.count()};
      const double first = reader.value();
      progress.first_step = first < 0.0 ? LatticeProgress::never : static_cast<std::uint64_t>(first);
      progress.superconducting_cells = reader.sized<std::int64_t>();
      progress.Q = reader.sized<double>();
      progress.P = reader.sized<double>();
      progress.far_superconducting_cells = reader.sized<std::int64_t>();
      progress.snapshots = reader.sized<double>();
      contents.in_progress = std::move(progress);
    } else {
      throw IoError("a metasc-nucleation checkpoint record has an unknown kind " + std::to_string(kind));
    }
  }
  return contents;
}

void write_checkpoint(const Environment& environment, const std::string& path, const config::Config& config,
                      const CheckpointContents& local) {
  io::write_checkpoint_records(environment, path, config, format, serialize(local));
}

CheckpointContents read_checkpoint(const std::string& path, const config::Config& config) {
  return deserialize(io::read_checkpoint_records(path, config, format));
}

}  // namespace metasc::nucleation
