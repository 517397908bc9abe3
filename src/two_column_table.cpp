#include "metasc/two_column_table.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "metasc/error.hpp"

namespace metasc {
namespace {

std::optional<double> parse(const std::string& word) {
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(word.c_str(), &end);
  if (end != word.c_str() + word.size() || errno == ERANGE || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

TwoColumnTable read_two_column_table(const std::string& key, const std::string& path, const TableMeaning& meaning,
                                     const std::function<std::string(double, double)>& row_rule) {
  std::ifstream in(path);
  if (!in) throw ConfigError(key + ": cannot read the " + meaning.name + " '" + path + "'");
  TwoColumnTable table;
  std::string line;
  for (int line_number = 1; std::getline(in, line); ++line_number) {
    const auto fail = [&](const std::string& what) {
      throw ConfigError(key + ": " + path + " line " + std::to_string(line_number) + ": " + what + " (got '" + line +
                        "')");
    };
    std::string content = line.substr(0, line.find('#'));
    for (char& c : content) {
      if (c == ',' || c == '\t' || c == '\r') c = ' ';
    }
    std::istringstream fields(content);
    std::vector<std::string> words;
    for (std::string word; fields >> word;) words.push_back(word);
    if (words.empty()) continue;
    if (words.size() != 2) fail("expected two numbers, " + meaning.x + " and " + meaning.y);
    const auto x = parse(words[0]);
    const auto y = parse(words[1]);
    if (!x || !y) fail("not two finite numbers");
    if (*y < 0.0) fail(meaning.y + " must be >= 0");
    if (!table.x.empty() && *x <= table.x.back()) fail(meaning.x + " must increase strictly");
    if (row_rule) {
      if (const auto problem = row_rule(*x, *y); !problem.empty()) fail(problem);
    }
    table.x.push_back(*x);
    table.y.push_back(*y);
  }
  if (table.x.size() < 2) {
    throw ConfigError(key + ": the " + meaning.name + " '" + path + "' needs at least two rows (" + meaning.x + ", " +
                      meaning.y + ")");
  }
  return table;
}

}  // namespace metasc
