// The thin parallel layer: ownership, gathers in global order, and collective
// agreement on errors. Runs on 1, 2 and 3 ranks.
#include <catch2/catch.hpp>
#include <numeric>
#include <set>

#include "metasc/error.hpp"
#include "metasc/parallel/decomposition.hpp"
#include "test_environment.hpp"

using namespace metasc;

TEST_CASE("every item has exactly one owner and gathers come back in global order", "[parallel]") {
  const auto& environment = test_environment();
  for (const auto layout : {Decomposition::Layout::contiguous, Decomposition::Layout::cyclic}) {
    for (const std::int64_t total : {0, 1, 7, 100}) {
      const Decomposition items(total, environment.size(), environment.rank(), layout);
      std::int64_t owned = 0;
      for (int r = 0; r < environment.size(); ++r) owned += items.count_of(r);
      CHECK(owned == total);
      std::vector<double> local;
      std::vector<std::int32_t> local_ints;
      for (std::int64_t k = 0; k < items.local_count(); ++k) {
        local.push_back(0.5 * static_cast<double>(items.global_index(k)));
        local_ints.push_back(static_cast<std::int32_t>(items.global_index(k)));
      }
      const auto gathered = items.gather(environment, local);
      const auto gathered_ints = items.gather(environment, local_ints);
      if (environment.is_root()) {
        REQUIRE(gathered.size() == static_cast<std::size_t>(total));
        for (std::int64_t i = 0; i < total; ++i) {
          CHECK(gathered[static_cast<std::size_t>(i)] == 0.5 * static_cast<double>(i));
          CHECK(gathered_ints[static_cast<std::size_t>(i)] == i);
        }
      } else {
        CHECK(gathered.empty());
      }
    }
  }
}

TEST_CASE("an error on one rank is raised on every rank, with that rank's message and code", "[parallel]") {
  const auto& environment = test_environment();
  const int failing = environment.size() - 1;
  std::string seen;
  int code = 0;
  try {
    environment.collectively([&] {
      if (environment.rank() == failing) throw ConfigError("bath.temperature_K must be >= 0 (got '-1')");
    });
  } catch (const AgreedError& error) {
    seen = error.what();
    code = error.exit_code();
  }
  CHECK(seen == "bath.temperature_K must be >= 0 (got '-1')");
  CHECK(code == 2);
  CHECK_NOTHROW(environment.collectively([] {}));
}
