#pragma once
/// The one exception hierarchy of metasc. Each main catches metasc::Error once
/// and turns it into an exit code: 2 for bad input, 1 for a runtime failure.
#include <stdexcept>
#include <string>

namespace metasc {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int exit_code = 1)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

/// Bad configuration or command line: exit code 2.
class ConfigError : public Error {
 public:
  explicit ConfigError(const std::string& message) : Error(message, 2) {}
};

/// A file that cannot be read or written. Exit code 2 when it is the user's
/// path that is wrong (detected before compute), 1 when a write fails later.
class IoError : public Error {
 public:
  explicit IoError(const std::string& message, int exit_code = 2) : Error(message, exit_code) {}
};

/// A solver that could not deliver (no bracket, no convergence): exit code 1.
class NumericalError : public Error {
 public:
  explicit NumericalError(const std::string& message) : Error(message, 1) {}
};

/// An error every rank has raised together (see Environment::collectively):
/// main may return normally on every rank instead of aborting the job.
class AgreedError : public Error {
 public:
  AgreedError(const std::string& message, int exit_code) : Error(message, exit_code) {}
};

/// Exit code of a run that wrote a checkpoint and stopped (on SIGTERM/SIGUSR1):
/// not finished, resume it with --restart.
inline constexpr int exit_checkpointed = 3;

/// Raised on every rank together once the checkpoint is written.
class StoppedAtCheckpoint : public AgreedError {
 public:
  explicit StoppedAtCheckpoint(const std::string& message) : AgreedError(message, exit_checkpointed) {}
};

}  // namespace metasc
