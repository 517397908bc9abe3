// metasc-nucleation's checkpoint records: completed lattices and the lattice in
// progress come back bit for bit (infinite first times, no nucleation yet,
// empty and full counts), and records that do not parse are refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/nucleation/checkpoint.hpp"

using namespace metasc::nucleation;

TEST_CASE("nucleation checkpoint records: a round trip is the identity, bad records are refused") {
  CheckpointContents contents;
  contents.completed.emplace(
      3, LatticeResult{.first_time_ps = 12.625, .superconducting_cells = {4, 3, 0}, .Q_final = {0.1, -0.2, 1e-300, 7.0}});
  contents.completed.emplace(5, LatticeResult{.first_time_ps = std::numeric_limits<double>::infinity(),
                                              .superconducting_cells = {4, 4, 4},
                                              .Q_final = {0.3, 0.3, 0.3, std::nextafter(0.3, 1.0)}});
  contents.in_progress = LatticeProgress{.lattice_index = 6,
                                         .next_step = 2048,
                                         .first_step = LatticeProgress::never,
                                         .superconducting_cells = {4, 2},
                                         .Q = {0.5, -0.5, 0.25, 0.125},
                                         .P = {1.0, -2.0, 3.0, -4.0}};
  const auto back = deserialize(serialize(contents));
  REQUIRE(back.completed.size() == 2);
  for (const auto& [index, result] : contents.completed) {
    const auto& copy = back.completed.at(index);
    CHECK(copy.first_time_ps == result.first_time_ps);
    CHECK(copy.superconducting_cells == result.superconducting_cells);
    CHECK(copy.Q_final == result.Q_final);
  }
  REQUIRE(back.in_progress.has_value());
  CHECK(back.in_progress->lattice_index == 6);
  CHECK(back.in_progress->next_step == 2048);
  CHECK(back.in_progress->first_step == LatticeProgress::never);
  CHECK(back.in_progress->superconducting_cells == contents.in_progress->superconducting_cells);
  CHECK(back.in_progress->Q == contents.in_progress->Q);
  CHECK(back.in_progress->P == contents.in_progress->P);

  auto records = serialize(contents);
  records.pop_back();  // the in-progress P ends early
  CHECK_THROWS_AS(deserialize(records), metasc::IoError);
  CHECK_THROWS_AS(deserialize({7.0, 1.0}), metasc::IoError);       // an unknown kind
  CHECK_THROWS_AS(deserialize({0.0, 1.5, 2.0}), metasc::IoError);  // an index that is no count
  CHECK(deserialize({}).completed.empty());
}
