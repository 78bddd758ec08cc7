#pragma once
// How gov answers a command line it cannot run as given: `gov help`, a bare
// group, a mistyped command, and CLI11's parse errors, all on stderr as
// `gov: error: …` with exit 2 (docs/cli.md, "Getting help").

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "gov/values/error.hpp"
#include "session.hpp"

namespace gov::cli {

/// Prints `gov: error: MESSAGE` (the prefix red when stderr is a terminal
/// and NO_COLOR is unset), then each detail indented on its own line.
void print_error(std::ostream& err, const std::string& message,
                 const std::vector<std::string>& details);

/// `run "gov issue add --help" for usage`, the last line of a usage error.
std::string usage_hint(std::string_view command);

/// The names among `names` nearest to a mistyped `word`, nearest first:
/// those a few edits away, and those `word` begins. Empty when none is near.
std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& names);

/// `unknown command "lsit" in "gov issue"; did you mean "list"?`, with the
/// commands there as a detail. `group` is empty at the top level.
usage_error unknown_command(std::string_view word, std::string_view group,
                            const std::vector<std::string>& names);

/// Adds `gov help [COMMAND [SUBCOMMAND…]]`, which prints what `--help` prints
/// there. `top_level` are the names of gov's commands (those of the groups
/// that were not built included).
void add_help_command(CLI::App& app, session& s, std::vector<std::string> top_level);

/// Answers a CLI11 parse error of `app`: --help and --version on stdout
/// (exit 0); a bare group's help on stderr; a mistyped subcommand as
/// unknown_command does; anything else as `gov: error: …` with a hint to run
/// the command's --help. Returns the exit code.
int answer_parse_error(CLI::App& app, const CLI::ParseError& e, std::ostream& out,
                       std::ostream& err);

}  // namespace gov::cli
