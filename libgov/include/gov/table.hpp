#pragma once
/// \file
/// One rendering layer for every listing. A command builds a `table` (typed
/// cells under named columns) and renders it as a terminal table, JSON,
/// CSV or Markdown. Rendering is pure: it returns text and never touches a
/// terminal itself; the caller says how wide the terminal is and whether
/// colour is wanted.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gov {

/// A cell: empty (JSON null), integer, boolean or text. Exact decimals and
/// fractions are text (e.g. "88.50", "179/2") so they never pass through
/// floating point.
using cell = std::variant<std::monostate, std::int64_t, bool, std::string>;

enum class align { left, right };

struct column {
    std::string key;     ///< stable JSON/CSV key, e.g. "due_date"
    std::string header;  ///< human heading for tables and Markdown (translated)
    align alignment = align::left;
};

struct table {
    std::vector<column> columns;
    std::vector<std::vector<cell>> rows;  ///< each row has one cell per column
};

enum class output_format { table, json, csv, markdown };

/// Parses "table", "json", "csv" or "markdown"; throws usage_error otherwise.
output_format parse_output_format(std::string_view name);

struct table_style {
    /// Terminal width in columns; 0 means unlimited (no cutting).
    int width = 0;
    /// Use ANSI colour (bold headers); only on a terminal and never with NO_COLOR.
    bool color = false;
};

/// Display width of UTF-8 text in terminal columns: East Asian wide and
/// full-width characters count 2, combining marks 0. Invalid bytes count 1.
int display_width(std::string_view utf8);

/// Cuts text to at most `width` display columns, ending in "…" when cut.
std::string truncate_to_width(std::string_view utf8, int width);

/// Text of a cell as shown in tables, CSV and Markdown ("" for empty,
/// "true"/"false" for booleans).
std::string cell_text(const cell& c);

/// An aligned table sized by display width; when wider than style.width the
/// widest columns are cut with an ellipsis. Ends with a newline.
std::string render_table(const table& t, const table_style& style = {});

/// A JSON array of objects keyed by column key, one per row, in column order;
/// integers and booleans as JSON numbers/booleans, empty cells as null.
std::string render_json(const table& t);

/// RFC 4180 CSV with a header row of column keys, CRLF line ends. Text cells
/// beginning with '=', '+', '-' or '@' are neutralised with a leading '\''
/// (spreadsheet formula injection) — see csv_writer.hpp.
std::string render_csv(const table& t);

/// A GitHub-flavoured Markdown table (pipes and newlines in cells escaped).
std::string render_markdown(const table& t);

/// Renders in the given format.
std::string render(const table& t, output_format format, const table_style& style = {});

}  // namespace gov
