#pragma once
// --help in the user's language: CLI11's own words (Usage, OPTIONS, TEXT …)
// translated, and the columns padded by display width, so that Chinese
// option names and descriptions line up as English ones do.

#include <CLI/CLI.hpp>

namespace gov::cli {

/// Gives `app` gov's help formatter, translated group names and help flag.
/// Call on the top-level app before any option or subcommand is added:
/// CLI11 copies these into every subcommand when it is made.
void prepare_help(CLI::App& app);

/// Renames the group "Options" of every option of `app` and its
/// subcommands to its translation. Call once every command is added.
void translate_option_groups(CLI::App& app);

}  // namespace gov::cli
