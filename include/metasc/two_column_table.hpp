#pragma once
/// Tables users give as files (pulse envelopes, α²F): rows of two numbers
/// separated by blanks or a comma, `#` starting a comment. Every problem is a
/// ConfigError naming the key, the file and the line.
#include <functional>
#include <string>
#include <vector>

namespace metasc {

struct TwoColumnTable {
  std::vector<double> x;
  std::vector<double> y;
};

/// What a table is, for messages: e.g. {"pulse table", "t [ps]", "env^2"}.
struct TableMeaning {
  std::string name;
  std::string x;
  std::string y;
};

/// Reads at least two rows of finite numbers with x strictly increasing and
/// y ≥ 0. `row_rule(x, y)` may add a rule: it returns what is wrong, or "".
TwoColumnTable read_two_column_table(const std::string& key, const std::string& path, const TableMeaning& meaning,
                                     const std::function<std::string(double, double)>& row_rule = {});

}  // namespace metasc
