#pragma once
/// Checkpoint records: the numbers of a program's state flattened into one
/// array of doubles (HDF5 writes it as one dataset), written and read front to
/// back. Counts and indices are integers below 2⁵³, exact in a double. A list
/// is either of a length the reader knows from what came before (append /
/// take) or prefixed by its length (append_sized / sized).
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace metasc {

template <typename T>
void append(std::vector<double>& records, const std::vector<T>& values) {
  for (const auto value : values) records.push_back(static_cast<double>(value));
}

template <typename T>
void append_sized(std::vector<double>& records, const std::vector<T>& values) {
  records.push_back(static_cast<double>(values.size()));
  append(records, values);
}

/// Reads records from the front; every malformed record throws metasc::IoError
/// naming `what` (e.g. "a metasc-nucleation checkpoint record") and the entry.
class RecordReader {
 public:
  RecordReader(const std::vector<double>& records, std::string what) : records_(records), what_(std::move(what)) {}

  bool done() const { return at_ >= records_.size(); }
  double value();
  /// A non-negative integer.
  std::uint64_t count();
  /// n values, converted to T (counts: each checked as count()).
  template <typename T>
  std::vector<T> take(std::uint64_t n) {
    check_room(n);
    std::vector<T> taken;
    taken.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      if constexpr (std::is_floating_point_v<T>) {
        taken.push_back(static_cast<T>(value()));
      } else {
        taken.push_back(static_cast<T>(count()));
      }
    }
    return taken;
  }
  /// A list written by append_sized.
  template <typename T>
  std::vector<T> sized() {
    return take<T>(count());
  }

 private:
  void check_room(std::uint64_t n) const;

  const std::vector<double>& records_;
  std::string what_;
  std::size_t at_ = 0;
};

}  // namespace metasc
