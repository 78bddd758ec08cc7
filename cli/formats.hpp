#pragma once
// The one `--format` vocabulary (docs/cli.md, "Output formats"). Each word
// means one thing wherever it is taken:
//   table     for people: aligned columns fitted to the terminal
//   text      for people: plain text (on a command that writes `table`, the table)
//   json      JSON, the stable interface for scripts
//   csv       RFC 4180 CSV with a header row
//   jsonl     JSON Lines: one JSON object a line
//   markdown  GitHub-flavoured Markdown
//   html      one self-contained HTML page
//   ics       an RFC 5545 calendar
// Every command that takes `--format` adds it with format_option, naming the
// words it writes; any other word is a usage error (exit 2) listing them.

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace gov::cli {

struct format_spec {
    /// The words the command writes (or, with `reads`, reads), from the vocabulary.
    std::vector<std::string_view> words;
    /// Stored in the option's variable before parsing; empty: none (the
    /// variable keeps its value, and help shows no default).
    std::string_view default_word;
    /// The option's help; empty: "output format: W1, W2 or W3".
    const char* help = "";
    /// The option's name (issue import reports its result with --report).
    const char* name = "--format";
    /// The option names a file's format that the command reads.
    bool reads = false;
};

/// What listings write: table (default), json, csv, markdown; `text` is taken for `table`.
extern const format_spec listing_formats;
/// What a command that prints a result writes: text (default) or json.
extern const format_spec result_formats;

/// Adds the option to `cmd`, storing the chosen word in `var`. A command
/// that writes `table` and not `text` takes `text` and stores `table`.
CLI::Option* format_option(CLI::App& cmd, std::string& var, const format_spec& spec);

/// The words a command takes, in the vocabulary's order, ", " between them
/// (`text` included where it stands for `table`).
std::string format_words(const std::vector<std::string_view>& words);

/// Why a word is refused, after the option's name: `"pdf" is not one this
/// command writes; it writes: table, json, csv, markdown`.
std::string format_refusal(std::string_view word, const std::vector<std::string_view>& words,
                           bool reads = false);

/// Whether a result command's checked --format is json (else text).
inline bool json_output(const std::string& format) {
    return format == "json";
}

}  // namespace gov::cli
