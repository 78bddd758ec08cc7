#pragma once
/// \file
/// One rendering layer for every listing. A command builds a `table` (typed
/// cells under named columns) and renders it as a terminal table, JSON,
/// CSV or Markdown. Rendering is pure: it returns text and never touches a
/// terminal itself; the caller says how wide the terminal is and whether
/// colour is wanted.

#include <chrono>
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
    /// Its cells are instants as format_timestamp writes them (UTC): JSON and
    /// CSV keep them so, tables and Markdown show them in the community's
    /// local time (show_local_times).
    bool instant = false;
};

/// A column of instants (see column::instant).
inline column instant_column(std::string key, std::string header) {
    return {std::move(key), std::move(header), align::left, true};
}

struct table {
    std::vector<column> columns;
    std::vector<std::vector<cell>> rows;  ///< each row has one cell per column
};

/// The same for a terminal table alone, with text cells stored back to
/// back: what a long listing (tens of thousands of rows) is drawn from. A
/// `table` costs a heap block for each row and for each longer cell, and
/// on the virtual machines gov runs on, fresh memory is a good part of such
/// a listing's time. Filled a row at a time: add() each cell, then
/// end_row(). An empty cell shows as a `table`'s empty cell does.
class text_table {
  public:
    std::vector<column> columns;

    /// The next cell of the row being filled.
    void add(std::string_view text);
    /// The same with a typed cell's text (cell_text()).
    void add_cell(const cell& c);
    /// Ends the row; throws internal_error unless it has one cell per column.
    void end_row();

    std::size_t rows() const { return m_rows; }
    /// Cell `col` of row `row`, both counted from 0.
    std::string_view at(std::size_t row, std::size_t col) const;

    /// Leaves out every column `c` with keep[c] false, headings and cells;
    /// `keep` has one entry per column.
    void keep_columns(const std::vector<bool>& keep);

  private:
    std::string m_text;                 // every cell, row after row
    std::vector<std::uint32_t> m_ends;  // where each cell ends in m_text
    std::size_t m_rows = 0;
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

/// Cuts text to at most `width` display columns, ending in "…" when cut
/// ("" for a width of 0 or less). Never splits a UTF-8 sequence; a wide
/// character that would straddle the limit is dropped whole.
std::string truncate_to_width(std::string_view utf8, int width);

/// Text of a cell as shown in tables, CSV and Markdown ("" for empty,
/// "true"/"false" for booleans).
std::string cell_text(const cell& c);

/// An aligned table sized by display width: a heading line, a rule of '-'
/// (not '─', which is two columns wide in many CJK terminals), then one line
/// per row; two spaces between columns, no trailing whitespace, every line
/// ending in '\n'. A table with no rows still shows its heading; one with no
/// columns renders as "".
///
/// When wider than style.width, the widest column is narrowed first (ties:
/// the rightmost), first down to its heading's width (at least 4), then down
/// to 4 columns; cut cells end in "…". A table that still does not fit is
/// left wider. Line breaks in cells show as "↵", tabs as a space, and other
/// control characters and invalid UTF-8 as U+FFFD, so cell text can never
/// break the layout or send escape sequences. With style.color headings are
/// bold (ANSI), which does not count towards widths. Throws internal_error
/// if a row's cell count differs from the column count (as do the others).
std::string render_table(const table& t, const table_style& style = {});

/// The same for a text_table: the text a `table` whose cells hold the same
/// text renders to.
std::string render_table(const text_table& t, const table_style& style = {});

/// A JSON array of objects keyed by column key, one per row, in column order;
/// integers and booleans as JSON numbers/booleans, empty cells as null.
/// Pretty-printed (2-space indent), non-ASCII left unescaped, invalid UTF-8
/// replaced by U+FFFD, ending in a newline; no rows gives "[]\n".
std::string render_json(const table& t);

/// RFC 4180 CSV with a header row of column keys, CRLF line ends. Text cells
/// beginning with '=', '+', '-', '@', tab or CR are neutralised with a
/// leading '\'' (spreadsheet formula injection) unless they are a plain
/// decimal like "-12.50" — see csv_writer.hpp. Integer and boolean cells are
/// never neutralised. No columns gives "".
std::string render_csv(const table& t);

/// A GitHub-flavoured Markdown table under column headers: '|' and '\\' in
/// cells are backslash-escaped, line breaks become "<br>", right-aligned
/// columns use "---:". Cells are padded to equal display width so the source
/// reads as a table too. No columns gives "".
std::string render_markdown(const table& t);

/// Rewrites the text cells of every instant column as local time at
/// `utc_offset` ("2026-12-07 09:00"), for the formats people read.
void show_local_times(table& t, std::chrono::minutes utc_offset);

/// Renders in the given format.
std::string render(const table& t, output_format format, const table_style& style = {});

}  // namespace gov
