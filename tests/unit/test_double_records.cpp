// Checkpoint records (double_records.hpp): lists come back as written, counts
// that are no counts and lists cut short are refused; the ensemble's block
// records round-trip through them.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "metasc/double_records.hpp"
#include "metasc/error.hpp"
#include "metasc/stochastic/completed_blocks.hpp"

using metasc::RecordReader;

TEST_CASE("checkpoint records read back what was written, and refuse what does not parse", "[io]") {
  const std::vector<std::int64_t> counts{0, 3, (std::int64_t{1} << 52) + 1};
  const std::vector<double> values{-1.5, std::numeric_limits<double>::infinity(), 0x1p-1074};
  std::vector<double> records;
  metasc::append_sized(records, counts);
  metasc::append(records, values);
  records.push_back(std::nan(""));

  RecordReader reader(records, "a test record");
  CHECK(reader.sized<std::int64_t>() == counts);  // 2^52 + 1: exact in a double
  CHECK(reader.take<double>(3) == values);
  CHECK(std::isnan(reader.value()));
  CHECK(reader.done());
  CHECK_THROWS_AS(reader.value(), metasc::IoError);

  for (const double bad : {-1.0, 2.5, std::nan(""), 0x1p53}) {
    const std::vector<double> one{bad};
    RecordReader count_reader(one, "a test record");
    CHECK_THROWS_AS(count_reader.count(), metasc::IoError);
  }
  const std::vector<double> short_list{4.0, 1.0, 2.0};  // says 4 values, holds 2
  RecordReader list_reader(short_list, "a test record");
  CHECK_THROWS_AS(list_reader.sized<double>(), metasc::IoError);
}

TEST_CASE("an ensemble checkpoint's block records: a round trip is the identity, a cut record is refused", "[io]") {
  using namespace metasc::stochastic;
  BlockResult block;
  block.trapped = {1, 0};
  block.escape_time_ps = {std::numeric_limits<double>::infinity(), std::nan("")};
  block.Q_final = {0.3, -0.01};
  block.P_final_per_ps = {1.0, -2.0};
  block.Q_moments = {{2, 0.1, 0.02}};
  block.P_moments = {{2, -0.5, 4.5}};
  CompletedBlocks blocks;
  blocks.emplace(BlockKey{1, 7}, block);
  auto records = serialize(blocks);
  const auto back = deserialize(records);
  REQUIRE(back.size() == 1);
  const auto& [key, read] = *back.begin();
  CHECK(key.pulse == 1);
  CHECK(key.block == 7);
  CHECK(read.trapped == block.trapped);
  CHECK(std::isinf(read.escape_time_ps[0]));
  CHECK(std::isnan(read.escape_time_ps[1]));
  CHECK(read.Q_final == block.Q_final);
  CHECK(read.P_moments[0].m2 == 4.5);
  CHECK(read.tau_MS_ps.empty());
  records.pop_back();
  CHECK_THROWS_AS(deserialize(records), metasc::IoError);
}
