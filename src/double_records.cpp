#include "metasc/double_records.hpp"

#include <cmath>

#include "metasc/error.hpp"

namespace metasc {

double RecordReader::value() {
  if (done()) throw IoError(what_ + " ends early at entry " + std::to_string(at_));
  return records_[at_++];
}

std::uint64_t RecordReader::count() {
  const double x = value();
  if (!(x >= 0.0) || x != std::floor(x) || x >= 0x1p53) {
    throw IoError(what_ + " does not parse at entry " + std::to_string(at_ - 1) + ": " + std::to_string(x) +
                  " is not a count");
  }
  return static_cast<std::uint64_t>(x);
}

void RecordReader::check_room(std::uint64_t n) const {
  if (n > records_.size() - at_) {
    throw IoError(what_ + " ends inside a list of " + std::to_string(n) + " values at entry " + std::to_string(at_));
  }
}

}  // namespace metasc
