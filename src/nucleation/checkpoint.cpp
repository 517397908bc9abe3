#include "metasc/nucleation/checkpoint.hpp"

#include <cmath>

#include "metasc/error.hpp"
#include "metasc/io/checkpoint_file.hpp"

namespace metasc::nucleation {
namespace {

const io::CheckpointFormat format{.program = "metasc-nucleation",
                                  .dataset = "/checkpoint/lattice_records",
                                  .layout = "serialized completed lattices (see nucleation/checkpoint.hpp)"};

enum class RecordKind { completed = 0, in_progress = 1 };

void append_counts(std::vector<double>& records, const auto& counts) {
  records.push_back(static_cast<double>(counts.size()));
  for (const auto count : counts) records.push_back(static_cast<double>(count));
}

void append_values(std::vector<double>& records, const std::vector<double>& values) {
  records.push_back(static_cast<double>(values.size()));
  records.insert(records.end(), values.begin(), values.end());
}

/// Reads records from the front, naming where one does not parse.
class RecordReader {
 public:
  explicit RecordReader(const std::vector<double>& records) : records_(records) {}
  bool done() const { return at_ >= records_.size(); }
  double value() {
    if (done()) throw IoError("a metasc-nucleation checkpoint record ends early at entry " + std::to_string(at_));
    return records_[at_++];
  }
  std::uint64_t count() {
    const double x = value();
    if (!(x >= 0.0) || x != std::floor(x)) {
      throw IoError("a metasc-nucleation checkpoint record does not parse at entry " + std::to_string(at_ - 1));
    }
    return static_cast<std::uint64_t>(x);
  }
  template <class Count>
  std::vector<Count> counts() {
    std::vector<Count> taken;
    for (std::uint64_t n = count(), i = 0; i < n; ++i) taken.push_back(static_cast<Count>(count()));
    return taken;
  }
  std::vector<double> values() {
    const std::uint64_t n = count();
    if (at_ + n > records_.size()) throw IoError("a metasc-nucleation checkpoint record ends inside its values");
    std::vector<double> taken(records_.begin() + static_cast<std::ptrdiff_t>(at_),
                              records_.begin() + static_cast<std::ptrdiff_t>(at_ + n));
    at_ += n;
    return taken;
  }

 private:
  const std::vector<double>& records_;
  std::size_t at_ = 0;
};

}  // namespace

std::vector<double> serialize(const CheckpointContents& contents) {
  std::vector<double> records;
  for (const auto& [index, result] : contents.completed) {
    records.push_back(static_cast<double>(RecordKind::completed));
    records.push_back(static_cast<double>(index));
    records.push_back(result.first_time_ps);
    append_counts(records, result.superconducting_cells);
    append_values(records, result.Q_final);
    append_counts(records, result.far_superconducting_cells);
    append_values(records, result.snapshots);
  }
  if (const auto& progress = contents.in_progress) {
    records.push_back(static_cast<double>(RecordKind::in_progress));
    records.push_back(static_cast<double>(progress->lattice_index));
    records.push_back(static_cast<double>(progress->next_step));
    records.push_back(progress->first_step == LatticeProgress::never ? -1.0
                                                                       : static_cast<double>(progress->first_step));
    append_counts(records, progress->superconducting_cells);
    append_values(records, progress->Q);
    append_values(records, progress->P);
    append_counts(records, progress->far_superconducting_cells);
    append_values(records, progress->snapshots);
  }
  return records;
}

CheckpointContents deserialize(const std::vector<double>& records) {
  CheckpointContents contents;
  RecordReader reader(records);
  while (!reader.done()) {
    const auto kind = reader.count();
    const std::uint64_t index = reader.count();
    if (kind == static_cast<std::uint64_t>(RecordKind::completed)) {
      LatticeResult result{.first_time_ps = reader.value()};
      result.superconducting_cells = reader.counts<std::int32_t>();
      result.Q_final = reader.values();
      result.far_superconducting_cells = reader.counts<std::int32_t>();
      result.snapshots = reader.values();
      contents.completed.emplace(index, std::move(result));
    } else if (kind == static_cast<std::uint64_t>(RecordKind::in_progress)) {
      LatticeProgress progress{.lattice_index = index, .next_step = reader.count()};
      const double first = reader.value();
      progress.first_step = first < 0.0 ? LatticeProgress::never : static_cast<std::uint64_t>(first);
      progress.superconducting_cells = reader.counts<std::int64_t>();
      progress.Q = reader.values();
      progress.P = reader.values();
      progress.far_superconducting_cells = reader.counts<std::int64_t>();
      progress.snapshots = reader.values();
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
