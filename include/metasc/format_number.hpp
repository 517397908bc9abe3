#pragma once
/// Numbers in messages: the shortest text with `digits` significant digits, so
/// an error names the value the user wrote ("-0.1", "1e+12"), not "-0.100000".
#include <sstream>
#include <string>

namespace metasc {

inline std::string format_number(double value, int digits = 6) {
  std::ostringstream out;
  out.precision(digits);
  out << value;
  return out.str();
}

}  // namespace metasc
