#pragma once

namespace gov::cli {

/// Parses the command line, runs the command and returns the exit code. The
/// only place that turns gov::error into an exit code and a message.
int run(int argc, char** argv);

}  // namespace gov::cli
