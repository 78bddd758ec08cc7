#pragma once
/// \file
/// Issues in bulk: `gov issue import` reads a CSV file (headers mapped by
/// [issues.columns]; the default reads `标题,类别,楼栋,提出人电话,状态,
/// 优先级,创建日期,解决日期`) or JSON Lines (one object per line keyed by the
/// logical field names: title, category, building, raised_by_phone, status,
/// priority, created, resolved, severity, description, assignee, due, tags,
/// room, resolution). All or nothing: every problem is reported as
/// `file:line: column: reason` and nothing is written while there is one.
/// `gov issue export` writes the same columns, so an export imports again.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "gov/text/progress.hpp"

namespace gov {

class context;

/// The two file formats of issue import and export.
enum class issue_file_format { csv, jsonl };

struct issue_import_options {
    std::filesystem::path file;
    /// "csv", "jsonl", or "" to choose by extension (.jsonl/.ndjson: JSON Lines).
    std::string format;
    /// CSV only: "auto" (default when empty), "utf-8" or "gb18030".
    std::string encoding;
    /// Check every row, then write nothing.
    bool dry_run = false;
    /// Import a file whose bytes were imported before (refused otherwise:
    /// importing twice would record every issue twice).
    bool allow_reimport = false;
    /// CSV: refuse a file with a column gov does not read (input_error)
    /// instead of warning about it (issue_import_result::warnings).
    bool strict = false;
    /// Called now and then with bytes read so far and the file's size —
    /// from the thread that reads the file (a helper thread for CSV), one
    /// call at a time.
    progress_callback progress;
};

/// One problem with one row.
struct issue_import_problem {
    std::uint64_t line = 0;
    std::string column;  ///< the header (CSV) or key (JSON Lines); "" for the row
    std::string reason;
};

struct issue_import_result {
    std::string file;            ///< as given
    std::string format;          ///< "csv" or "jsonl"
    std::string encoding;        ///< "utf-8", "utf-8-bom" or "gb18030"
    std::string sha256;          ///< of the file's bytes
    std::uint64_t rows = 0;      ///< data rows read
    std::uint64_t imported = 0;  ///< issues written (0 for a dry run or with problems)
    std::uint64_t invalid = 0;   ///< rows with at least one problem
    std::vector<issue_import_problem> problems;  ///< in file order
    std::vector<std::string> ignored_columns;    ///< CSV headers that name no field
    /// One message per ignored column, "file:1: column 9 (I) "电话" is not an
    /// issue column; ignored (did you mean 提出人电话?)" (unknown_column_warnings).
    std::vector<std::string> warnings;
    bool committed = false;
    std::int64_t first_id = 0, last_id = 0;  ///< ids given to the imported issues
};

/// Imports an issue file. Each row is checked against the configuration
/// and the roster; with any problem, or a dry run, nothing is written and
/// the problems are in the result (the caller decides the exit code). A
/// committed import is one transaction with one audit event
/// ("issue.import": file, SHA-256, counts, id range).
///
/// A row's status may be any configured status (historical data: no
/// resolution text is required); `resolved` (a date) is only accepted for
/// a done status and not before `created`, and gives resolved_at (and
/// closed_at for a done status outside resolution_required). A blank
/// `created` means now; blank status and priority take the defaults; the due
/// date comes from the category unless `due` is given. `raised_by_phone` is
/// the phone of an active resident; when several share it, the earliest
/// born (then the lowest id) is taken — a phone is a household's contact.
/// \throws input_error for file-level problems (unreadable, empty, a CSV
///         header without the title and category columns or with a known
///         column's name with a unit or note added, with `strict` a column
///         gov does not read, a broken quote);
///         conflict when the same bytes were imported before, unless
///         allow_reimport (checked after the rows, so a dry run says so too).
issue_import_result import_issues(context& ctx, const issue_import_options& options);

/// The result as one JSON object for scripts (`gov issue import --format
/// json`); first_id and last_id are null unless rows were committed.
std::string render_json(const issue_import_result& r);

/// "file:line: column: reason" for each problem.
std::vector<std::string> problem_messages(const issue_import_result& r);

struct issue_export_options {
    issue_file_format format = issue_file_format::csv;
    /// Write phones as they are; otherwise masked (and then the file does
    /// not import again). A reveal is audited ("pii.reveal") before
    /// anything is written.
    bool reveal_pii = false;
    /// CSV: begin with a UTF-8 byte order mark, so a spreadsheet reads the
    /// file as UTF-8 (gov/csv_writer.hpp).
    bool bom = true;
    /// Called every progress_rows issues with the issues written and their number.
    progress_callback progress;
};

/// Writes every issue, oldest first, in the columns import reads (CSV
/// headers from [issues.columns], or JSON Lines keyed by field name).
/// Returns the number of issues written.
std::uint64_t export_issues(context& ctx, std::ostream& out, const issue_export_options& options);

}  // namespace gov
