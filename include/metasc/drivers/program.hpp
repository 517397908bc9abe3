#pragma once
/// The frame every metasc program runs in: environment up, command line and
/// configuration read and validated on every rank, --help/--version, the body,
/// and the one catch that turns metasc::Error into an exit code without ever
/// leaving a rank waiting.
#include <functional>
#include <string>

#include "metasc/config/options.hpp"
#include "metasc/parallel/environment.hpp"

namespace metasc {

struct ProgramInfo {
  std::string name;     ///< "metasc-landscape"
  std::string purpose;  ///< one line for --help
  bool accepts_restart = false;
};

using ProgramBody =
    std::function<void(const Environment&, const config::Config&, const config::CommandLine&)>;

int run_program(const ProgramInfo& info, int argc, char** argv, const ProgramBody& body);

}  // namespace metasc
