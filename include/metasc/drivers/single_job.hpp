#pragma once
/// The body of a program that runs one job: the job's parameters validated on
/// every rank (and the output file checked writable) before any compute, the
/// job run collectively, then rank 0 writes the results file and prints the
/// summary.
#include <optional>

#include "metasc/config/options.hpp"
#include "metasc/config/run_params.hpp"
#include "metasc/io/h5_writer.hpp"
#include "metasc/parallel/environment.hpp"
#include "metasc/parallel/stop_signal.hpp"

namespace metasc {

/// Job::from(config) — or Job::from(config, command_line) for a job that
/// restarts — builds the job; run(environment, job, progress) computes its
/// outcome; write(writer, job, outcome) and print(stream, job, outcome) report
/// it. A job with `checkpointing.file` has that path checked writable too, and
/// the stop signals handled (it checkpoints on them).
template <class Job, class Run, class Write, class Print>
void run_single_job(const Environment& environment, const config::Config& configuration,
                    const config::CommandLine& command_line, const char* program, Run run, Write write, Print print) {
  std::optional<Job> job;
  config::OutputParams output{};
  constexpr bool checkpoints = requires(Job& j) { j.checkpointing.file; };
  environment.collectively([&] {
    output = config::OutputParams::from(configuration);
    if constexpr (checkpoints) {
      job = Job::from(configuration, command_line);
    } else {
      job = Job::from(configuration);
    }
    if (environment.is_root()) {
      io::check_writable("output.file", output.file);
      if constexpr (checkpoints) io::check_writable("checkpoint.file", job->checkpointing.file);
    }
  });
  if constexpr (checkpoints) install_stop_handlers();
  const auto outcome = run(environment, *job, output.progress);
  environment.collectively([&] {
    if (!environment.is_root()) return;
    io::H5Writer writer(output.file);
    writer.configuration(configuration, program, environment.size());
    write(writer, *job, outcome);
    writer.commit();
    print(environment.out(), *job, outcome);
    environment.out() << "  results: " << output.file << "\n";
  });
}

}  // namespace metasc
