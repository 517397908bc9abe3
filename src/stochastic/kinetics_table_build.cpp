#include "metasc/stochastic/kinetics_table_build.hpp"

#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <ostream>
#include <string>
#include <vector>

#include "metasc/error.hpp"
#include "metasc/format_number.hpp"
#include "metasc/parallel/decomposition.hpp"
#include "metasc/physics/kinetics_table_check.hpp"
#include "metasc/physics/kinetics_table_grid.hpp"

namespace metasc::stochastic {
namespace {

/// Values of items 0 … count − 1, each computed once on rank (i mod size), on every rank in global order.
std::vector<std::vector<double>> shared_values(const Environment& environment, std::size_t count, std::size_t columns,
                                               const std::function<void(std::size_t, double*)>& compute) {
  const Decomposition items(static_cast<std::int64_t>(count), environment.size(), environment.rank(),
                            Decomposition::Layout::cyclic);
  std::vector<std::vector<double>> local(columns, std::vector<double>(static_cast<std::size_t>(items.local_count())));
  environment.collectively([&] {
    std::vector<double> row(columns);
    for (std::int64_t k = 0; k < items.local_count(); ++k) {
      compute(static_cast<std::size_t>(items.global_index(k)), row.data());
      for (std::size_t c = 0; c < columns; ++c) local[c][static_cast<std::size_t>(k)] = row[c];
    }
  });
  std::vector<std::vector<double>> shared;
  for (std::size_t c = 0; c < columns; ++c) {
    auto values = items.gather(environment, local[c]);
    values.resize(count);
    MPI_Bcast(values.data(), static_cast<int>(count), MPI_DOUBLE, 0, environment.comm());
    shared.push_back(std::move(values));
  }
  return shared;
}

constexpr int coarsest = 2, finest = 5;
constexpr std::size_t check_points = 1024;

}  // namespace

BuiltTable build_kinetics_table(const Environment& environment, const physics::KineticsTableSpec& spec,
                                double tolerance, double horizon_ps, bool report) {
  const physics::QuasiparticleRate smooth(spec.rate.spectrum().smooth_part(), spec.rate.max_energy_meV());
  const bool has_continuum = physics::continuum_top_meV(spec.rate) > 0.0;
  TableAccuracy accuracy{};
  for (int level = coarsest; level <= finest; ++level) {
    const auto state_grid = physics::state_grid(spec, level);
    const std::size_t state_nodes = state_grid.pairing.count * state_grid.gap.count;
    auto state = shared_values(environment, state_nodes, 2, [&](std::size_t i, double* out) {
      const auto node = physics::state_node(spec, state_grid.pairing.node(i / state_grid.gap.count),
                                            state_grid.gap.node(i % state_grid.gap.count));
      out[0] = node.log_density;
      out[1] = node.lambda_meV;
    });
    for (std::size_t j = 0; j < state_grid.pairing.count; ++j) {
      if (!(state[0][(j + 1) * state_grid.gap.count - 1] < std::log(spec.density_low))) {
        throw NumericalError("kinetics table: at U = " + format_number(state_grid.pairing.node(j)) +
                             " meV the curve's smallest density lies above the range; use kinetics.solver = direct");
      }
    }
    const auto continuum_grid = physics::continuum_grid(spec, level, state_grid, state[1]);
    std::vector<double> continuum(continuum_grid.angle.count * continuum_grid.lambda.count,
                                  -std::numeric_limits<double>::infinity());
    if (has_continuum) {
      continuum = shared_values(environment, continuum.size(), 1, [&](std::size_t i, double* out) {
        out[0] = physics::continuum_node(spec, smooth, continuum_grid.angle.node(i / continuum_grid.lambda.count),
                                         continuum_grid.lambda.node(i % continuum_grid.lambda.count));
      })[0];
    }
    auto table = std::make_shared<const physics::KineticsTable>(spec, state_grid, std::move(state[0]),
                                                                std::move(state[1]), continuum_grid,
                                                                std::move(continuum));
    const auto errors = shared_values(environment, check_points, 3, [&](std::size_t i, double* out) {
      const auto error = physics::table_error_at(*table, physics::table_check_point(spec, i), horizon_ps);
      out[0] = error.branch_agrees ? std::max(error.gap, error.lambda) : 0.0;
      out[1] = error.branch_agrees ? error.rate : 0.0;
      out[2] = error.branch_agrees ? 0.0 : 1.0;
    });
    accuracy = {.state = *std::max_element(errors[0].begin(), errors[0].end()),
                .rate = *std::max_element(errors[1].begin(), errors[1].end()),
                .points = check_points,
                .branch_differs = static_cast<std::size_t>(std::count(errors[2].begin(), errors[2].end(), 1.0))};
    // The density-peak discontinuity is a line: more than 1% of the points on it is not a line.
    const bool within =
        std::max(accuracy.state, accuracy.rate) <= tolerance && accuracy.branch_differs * 100 <= check_points;
    if (report) {
      environment.out() << "kinetics table: " << state_grid.pairing.count << " x " << state_grid.gap.count
                        << " state nodes (U x x), " << continuum_grid.angle.count << " x " << continuum_grid.lambda.count
                        << " continuum nodes; largest error vs the direct solver at " << check_points
                        << " random (n, U): state (Delta, lambda) " << format_number(accuracy.state) << ", rate "
                        << format_number(accuracy.rate) << " (tolerance " << format_number(tolerance) << ")"
                        << (accuracy.branch_differs ? ", " + std::to_string(accuracy.branch_differs) +
                                                          " on the density-peak discontinuity"
                                                    : "")
                        << (within ? "" : ": refining") << std::endl;
    }
    if (within) return {std::move(table), accuracy};
  }
  throw NumericalError("kinetics.table_tolerance = " + format_number(tolerance) +
                       ": the kinetics table's largest error against the direct solver is state " +
                       format_number(accuracy.state) + ", rate " + format_number(accuracy.rate) + " (" +
                       std::to_string(accuracy.branch_differs) + " of " + std::to_string(accuracy.points) +
                       " points on the density peak) on the finest grid; raise the tolerance or use "
                       "kinetics.solver = direct");
}

}  // namespace metasc::stochastic
