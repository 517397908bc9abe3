#include "metasc/drivers/program.hpp"

#include <iostream>
#include <optional>

#include "metasc/error.hpp"

namespace metasc {

int run_program(const ProgramInfo& info, int argc, char** argv, const ProgramBody& body) {
  Environment environment;
  try {
    config::CommandLine command_line;
    std::optional<config::Config> configuration;
    environment.collectively([&] {
      command_line = config::parse_command_line(config::registry(), argc, argv);
      if (!command_line.restart_file.empty() && !info.accepts_restart) {
        throw ConfigError("--restart is not an option of " + info.name);
      }
      if (!command_line.help && !command_line.version) {
        configuration.emplace(config::load(config::registry(), command_line));
      }
    });
    if (command_line.help) {
      environment.out() << info.name << " — " << info.purpose << "\n\nusage: " << info.name
                        << " CONFIG.ini [--section.key=value ...]" << (info.accepts_restart ? " [--restart FILE]" : "")
                        << " [--help] [--version]\n\nConfiguration keys (INI sections; command-line values override "
                           "the file):\n"
                        << config::registry().help_text();
      return 0;
    }
    if (command_line.version) {
      environment.out() << info.name << " " << METASC_VERSION << "\n";
      return 0;
    }
    body(environment, *configuration, command_line);
    return 0;
  } catch (const AgreedError& error) {
    const char* kind = error.exit_code() == exit_checkpointed ? "stopped" : "error";
    if (environment.is_root()) std::cerr << info.name << ": " << kind << ": " << error.what() << std::endl;
    return error.exit_code();
  } catch (const std::exception& error) {
    // Raised on some ranks only: the others may be inside a collective, so the
    // whole job must be taken down rather than left to hang.
    const auto* metasc_error = dynamic_cast<const Error*>(&error);
    const int exit_code = metasc_error ? metasc_error->exit_code() : 1;
    std::cerr << info.name << ": error on rank " << environment.rank() << ": " << error.what() << std::endl;
    if (environment.size() > 1) MPI_Abort(environment.comm(), exit_code);
    return exit_code;
  }
}

}  // namespace metasc
