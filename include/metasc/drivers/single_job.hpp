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

namespace metasc {

/// Job::from(config) builds the job; run(environment, job, progress) computes
/// its outcome; write(writer, job, outcome) and print(stream, job, outcome)
/// report it.
template <class Job, class Run, class Write, class Print>
void run_single_job(const Environment& environment, const config::Config& configuration, const char* program,
                    Run run, Write write, Print print) {
  std::optional<Job> job;
  config::OutputParams output{};
  environment.collectively([&] {
    output = config::OutputParams::from(configuration);
    job = Job::from(configuration);
    if (environment.is_root()) io::check_writable("output.file", output.file);
  });
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
