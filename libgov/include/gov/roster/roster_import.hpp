#pragma once
/// \file
/// The termly roster import: a resident roster as a CSV file (UTF-8 with or
/// without BOM, or GB18030; Chinese or English headers) is checked row by
/// row, merged with what is stored, and reported on. All-or-nothing unless
/// asked otherwise; nobody is ever deleted; importing the same file twice
/// changes nothing the second time. The file is streamed: memory does not
/// grow with its size.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gov/text/progress.hpp"
#include "gov/values/date.hpp"

namespace gov {

class context;

struct roster_import_options {
    std::filesystem::path file;
    /// "auto", "utf-8" or "gb18030"; empty takes [roster] encoding.
    std::string encoding;
    /// Check and merge, then roll back: report what would happen.
    bool dry_run = false;
    /// Import the valid rows and report the others (default: one invalid row
    /// and nothing changes).
    bool skip_invalid = false;
    /// Mark active residents of the buildings the file covers who are not in
    /// it as moved out on `moved_out_on` (default: today).
    bool sync = false;
    std::optional<date> moved_out_on;
    /// How many rows of each kind the result keeps as examples.
    std::size_t examples = 5;
    /// Refuse a file with a column gov does not read (input_error, nothing
    /// written) instead of warning about it (roster_import_result::warnings).
    bool strict = false;
    /// Called now and then with bytes read so far and the file's size —
    /// from the helper thread that reads the file, one call at a time.
    progress_callback progress;
    /// Called once a committed import has freed its working memory, before
    /// it reads and stores the phone directory issue imports look residents
    /// up in (~11 MB at 1M residents): the moment for a caller that wants
    /// freed memory handed back to the system. The library changes no
    /// process-wide state itself; the gov tool calls glibc's malloc_trim
    /// here (a first 1M import's peak: 54 MiB instead of 65).
    std::function<void()> memory_freed;
};

/// One problem with one row: `file:line: column: reason`.
struct roster_problem {
    std::uint64_t line = 0;
    std::string column;  ///< the header text of the column ("" for the whole row)
    std::string reason;
};

/// A row as it was merged, for the examples in a report.
struct roster_example {
    std::uint64_t line = 0;  ///< 0 for residents moved out by --sync (not in the file)
    std::string name;
    std::string room;    ///< "compound/building-unit-room"
    std::string detail;  ///< for updates: the fields that changed
};

struct roster_import_result {
    std::string file;        ///< as given
    std::string sha256;      ///< of the file's bytes
    std::string encoding;    ///< "utf-8", "utf-8-bom" or "gb18030"
    std::uint64_t rows = 0;  ///< data rows read (the header not counted)
    std::uint64_t added = 0;
    std::uint64_t updated = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t moved_out = 0;
    std::uint64_t invalid = 0;             ///< rows with at least one problem
    std::vector<roster_problem> problems;  ///< every problem, in file order
    /// "file:1: column 15 (O) "楼层" is not a roster column; ignored (…)":
    /// the header cells no roster field is read from (unknown_column_warnings).
    std::vector<std::string> warnings;
    /// Whether the database was changed (false for a dry run, for a file
    /// with invalid rows without skip_invalid, and when nothing changed).
    bool committed = false;
    std::vector<roster_example> new_examples, updated_examples, unchanged_examples,
        moved_out_examples;
};

/// Imports a roster file. File-level problems (unreadable file, bad
/// encoding, a missing or duplicated column, a known column with a unit or
/// note added to its name, with `strict` a column gov does not read, a
/// broken quote) throw
/// input_error naming the file and line. Row problems are returned in the
/// result: without skip_invalid they leave the database untouched (the
/// caller decides the exit code). One audit event records a committed
/// import with its counts and the file's SHA-256.
roster_import_result import_roster(context& ctx, const roster_import_options& options);

/// The result as one JSON object for scripts (`gov roster import --format
/// json`): the counts, problems, warnings and the examples of each kind of
/// change; pretty-printed, ending in a newline.
std::string render_json(const roster_import_result& r);

/// "file:line: column: reason" for each problem.
std::vector<std::string> problem_messages(const roster_import_result& r);

}  // namespace gov
