#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gov/text/csv_writer.hpp"
#include "gov/text/encoding.hpp"
#include "gov/text/table.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov {

namespace {

/// Below this a cut column shows too little to recognise: a four-column cell
/// keeps "abc…" or "楼…" of a long value.
constexpr int min_column_width = 4;
constexpr std::string_view column_gap = "  ";
constexpr std::string_view ansi_bold = "\x1b[1m";
constexpr std::string_view ansi_reset = "\x1b[0m";
constexpr std::string_view replacement_char = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view newline_mark = "↵";                 // U+21B5

/// Rows come from our own commands; a ragged one is a bug in the caller, and
/// rendering it anyway would silently shift values under the wrong heading.
void check_shape(const table& t) {
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (t.rows[r].size() != t.columns.size()) {
            throw internal_error(
                fmt::format("table row {} has {} cells but the table has {} columns", r + 1,
                            t.rows[r].size(), t.columns.size()));
        }
    }
}

// ---------------------------------------------------------------------------
// Terminal table

/// How many bytes at the start of `text` a terminal can show as they are:
/// printable ASCII and valid UTF-8 other than controls. A long listing is
/// almost all of that, so it is copied in runs rather than decoded.
std::size_t clean_prefix(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c >= 0x20 && c < 0x7f) {
            ++pos;
            continue;
        }
        // CJK Unified Ideographs (lead bytes E4–E9 and two continuation
        // bytes) are always valid and printable.
        if (c >= 0xe4 && c <= 0xe9 && text.size() - pos >= 3 &&
            (static_cast<unsigned char>(text[pos + 1]) & 0xc0) == 0x80 &&
            (static_cast<unsigned char>(text[pos + 2]) & 0xc0) == 0x80) {
            pos += 3;
            continue;
        }
        if (c < 0x80) break;
        utf8proc_int32_t cp = -1;
        const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos);
        const auto used =
            utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
        if (used <= 0 || cp <= 0x9F) break;  // invalid, or a C1 control
        pos += static_cast<std::size_t>(used);
    }
    return pos;
}

/// The display width of text a terminal shows as it is and that holds only
/// printable ASCII (one column a character) and CJK Unified Ideographs
/// (U+4E00–U+9FFF, two columns) — nearly every cell of a listing — in one
/// pass; nothing for other text, which is made safe and measured the long
/// way (clean_prefix, terminal_safe, display_width agree with this).
std::optional<int> plain_width(std::string_view text) {
    int width = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c >= 0x20 && c < 0x7f) {
            ++width;
            ++pos;
        } else if (c >= 0xe4 && c <= 0xe9 && text.size() - pos >= 3 &&
                   (static_cast<unsigned char>(text[pos + 1]) & 0xc0) == 0x80 &&
                   (static_cast<unsigned char>(text[pos + 2]) & 0xc0) == 0x80 &&
                   (c > 0xe4 || static_cast<unsigned char>(text[pos + 1]) >= 0xb8)) {
            width += 2;
            pos += 3;
        } else {
            return std::nullopt;
        }
    }
    return width;
}

/// Makes text safe and single-line for a terminal: line breaks become a
/// visible mark so one record stays on one line, a tab becomes a space (its
/// width depends on the cursor position), and other control characters and
/// invalid bytes become U+FFFD so data can never send escape sequences to
/// the user's terminal. Each replacement is one column wide, matching what
/// display_width() counted for an invalid byte.
std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (true) {
        const std::size_t clean = clean_prefix(text.substr(pos));
        out.append(text, pos, clean);
        pos += clean;
        if (pos == text.size()) return out;
        const auto c = static_cast<unsigned char>(text[pos]);
        utf8proc_int32_t cp = c;
        utf8proc_ssize_t used = 1;
        if (c >= 0x80) {
            const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos);
            used = utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
        }
        if (used <= 0) {
            out += replacement_char;  // an invalid byte
            ++pos;
        } else if (cp == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
            out += newline_mark;
            pos += 2;
        } else {
            if (cp == '\n' || cp == '\r')
                out += newline_mark;
            else if (cp == '\t')
                out += ' ';
            else
                out += replacement_char;  // C0 and C1 controls, DEL
            pos += static_cast<std::size_t>(used);
        }
    }
}

/// Text as a terminal shows it: a view of the text itself when that is safe
/// as it is (nearly always), else of `scratch` holding what is shown.
std::string_view shown_string(std::string_view text, std::string& scratch) {
    if (clean_prefix(text) == text.size()) return text;
    scratch = terminal_safe(text);
    return scratch;
}

/// The same for a cell.
std::string_view shown_text(const cell& c, std::string& scratch) {
    if (const auto* text = std::get_if<std::string>(&c)) return shown_string(*text, scratch);
    scratch = cell_text(c);  // numbers, booleans and empty cells are plain ASCII
    return scratch;
}

// The cells of a `table` and of a `text_table`, as render_aligned reads
// them: text() is a cell's own text when it has some (else nothing), and
// shown() what a terminal shows of it.
struct typed_cells {
    const table& t;
    std::size_t rows() const { return t.rows.size(); }
    std::optional<std::string_view> text(std::size_t r, std::size_t i) const {
        if (const auto* s = std::get_if<std::string>(&t.rows[r][i])) return *s;
        return std::nullopt;
    }
    std::string_view shown(std::size_t r, std::size_t i, std::string& scratch) const {
        return shown_text(t.rows[r][i], scratch);
    }
};

struct text_cells {
    const text_table& t;
    std::size_t rows() const { return t.rows(); }
    std::optional<std::string_view> text(std::size_t r, std::size_t i) const { return t.at(r, i); }
    std::string_view shown(std::size_t r, std::size_t i, std::string& scratch) const {
        return shown_string(t.at(r, i), scratch);
    }
};

int total_width(const std::vector<int>& widths) {
    int total = 0;
    for (const int w : widths) total += w;
    return total + static_cast<int>(column_gap.size()) * (static_cast<int>(widths.size()) - 1);
}

/// Takes `excess` columns off the table, always from the widest column that
/// is still above its floor, so long free-text columns (notes, addresses)
/// give way before short identifying ones. Ties go to the rightmost column:
/// the leftmost usually identify the record. Returns what is left to take.
int shrink_widest(std::vector<int>& widths, const std::vector<int>& floors, int excess) {
    while (excess > 0) {
        std::size_t widest = widths.size();
        for (std::size_t i = 0; i < widths.size(); ++i) {
            if (widths[i] > floors[i] && (widest == widths.size() || widths[i] >= widths[widest]))
                widest = i;
        }
        if (widest == widths.size()) break;
        // Step straight down to the next column's width (or the floor)
        // rather than one column at a time, so a huge cell costs one step;
        // a tie gives a cut of one, so tied columns take turns and end level.
        int next = floors[widest];
        for (std::size_t i = 0; i < widths.size(); ++i) {
            if (i != widest && widths[i] > floors[i]) next = std::max(next, widths[i]);
        }
        const int cut = std::min(excess, std::max(1, widths[widest] - next));
        widths[widest] -= cut;
        excess -= cut;
    }
    return excess;
}

/// Column widths that fit `limit` where possible. Columns first give way
/// down to their heading (or min_column_width, if larger), and only then
/// headings are cut too, down to min_column_width. A table that still does
/// not fit is left wider than the terminal rather than made unreadable.
std::vector<int> fit_widths(std::vector<int> natural, const std::vector<int>& header_widths,
                            int limit) {
    if (limit <= 0) return natural;
    int excess = total_width(natural) - limit;
    if (excess <= 0) return natural;

    std::vector<int> keep_heading(natural.size());
    std::vector<int> hard_floor(natural.size());
    for (std::size_t i = 0; i < natural.size(); ++i) {
        keep_heading[i] = std::min(natural[i], std::max(min_column_width, header_widths[i]));
        hard_floor[i] = std::min(natural[i], min_column_width);
    }
    excess = shrink_widest(natural, keep_heading, excess);
    shrink_widest(natural, hard_floor, excess);
    return natural;
}

void append_padded(std::string& line, std::string_view text, int shown_width, int width,
                   align alignment, bool bold) {
    std::string cut;
    if (shown_width > width) {
        cut = truncate_to_width(text, width);
        text = cut;
        shown_width = display_width(text);
    }
    const auto pad = static_cast<std::size_t>(std::max(0, width - shown_width));
    if (alignment == align::right) line.append(pad, ' ');
    // Escape codes wrap only the text, after its width was measured, so
    // they never count as columns.
    if (bold && !text.empty()) {
        line += ansi_bold;
        line += text;
        line += ansi_reset;
    } else {
        line += text;
    }
    if (alignment == align::left) line.append(pad, ' ');
}

/// Ends the line that began at `start` in `out`, without trailing spaces.
void end_line(std::string& out, std::size_t start) {
    std::size_t end = out.size();
    while (end > start && out[end - 1] == ' ') --end;
    out.resize(end);
    out += '\n';
}

// ---------------------------------------------------------------------------
// Markdown

/// Escapes what would break the pipe table: a backslash (so text ending in
/// one cannot escape our separator), pipes and line breaks. Other inline
/// Markdown is left alone so the source stays readable as plain text.
std::string markdown_cell(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '|') {
            out += "\\|";
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "<br>";
        } else if (c == '\n') {
            out += "<br>";
        } else {
            out += c;
        }
    }
    return out;
}

void append_markdown_row(std::string& out, const std::vector<std::string>& cells,
                         const std::vector<int>& widths, const std::vector<column>& columns) {
    out += '|';
    for (std::size_t i = 0; i < cells.size(); ++i) {
        out += ' ';
        append_padded(out, cells[i], display_width(cells[i]), widths[i], columns[i].alignment,
                      false);
        out += " |";
    }
    out += '\n';
}

}  // namespace

output_format parse_output_format(std::string_view name) {
    if (name == "table") return output_format::table;
    if (name == "json") return output_format::json;
    if (name == "csv") return output_format::csv;
    if (name == "markdown") return output_format::markdown;
    throw usage_error(fmt::format(
        fmt::runtime(tr("unknown output format '{}' (valid formats: table, json, csv, markdown)")),
        name));
}

std::string cell_text(const cell& c) {
    struct visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(std::int64_t v) const { return std::to_string(v); }
        std::string operator()(bool v) const { return v ? "true" : "false"; }
        std::string operator()(const std::string& v) const { return v; }
    };
    return std::visit(visitor{}, c);
}

namespace {

template <class Cells>
std::string render_aligned(const std::vector<column>& columns, const Cells& cells,
                           const table_style& style) {
    if (columns.empty()) return {};
    const std::size_t n = columns.size();
    const std::size_t rows = cells.rows();

    std::vector<std::string> headers(n);
    std::vector<int> header_widths(n);
    std::vector<int> natural(n);
    for (std::size_t i = 0; i < n; ++i) {
        headers[i] = terminal_safe(columns[i].header);
        header_widths[i] = display_width(headers[i]);
        natural[i] = header_widths[i];
    }
    // Cell widths are measured once; the text is made safe again while
    // writing rather than kept, as a long listing has hundreds of thousands
    // of cells and a copy of each cost more than the second look.
    // A cell of plain text (plain_width) is measured in one pass and
    // written as it is; only the others go through shown() twice.
    std::vector<int> cell_widths;
    cell_widths.reserve(rows * n);
    std::vector<bool> plain;
    plain.reserve(rows * n);
    std::size_t bytes = 0;
    std::string scratch;
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t i = 0; i < n; ++i) {
            const std::optional<std::string_view> text = cells.text(r, i);
            std::optional<int> width;
            if (text) width = plain_width(*text);
            plain.push_back(width.has_value());
            if (width) {
                bytes += text->size();
            } else {
                const std::string_view shown = cells.shown(r, i, scratch);
                bytes += shown.size();
                width = display_width(shown);
            }
            cell_widths.push_back(*width);
            natural[i] = std::max(natural[i], *width);
        }
    }
    const std::vector<int> widths = fit_widths(natural, header_widths, style.width);

    std::string out;
    // At most each cell's text plus the padding to its column's width: one
    // allocation instead of a doubling copy of a long listing.
    out.reserve(bytes + (rows + 3) * (total_width(widths) + 1) + 16 * n);
    std::size_t start = out.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) out += column_gap;
        append_padded(out, headers[i], header_widths[i], widths[i], columns[i].alignment,
                      style.color);
    }
    end_line(out, start);
    // Plain '-' rather than '─': box-drawing characters are East Asian
    // "ambiguous" width and take two columns in many CJK terminal setups,
    // which would make the rule twice as long as the table.
    start = out.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) out += column_gap;
        out.append(static_cast<std::size_t>(widths[i]), '-');
    }
    end_line(out, start);
    for (std::size_t r = 0; r < rows; ++r) {
        start = out.size();
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0) out += column_gap;
            const std::string_view text =
                plain[r * n + i] ? *cells.text(r, i) : cells.shown(r, i, scratch);
            append_padded(out, text, cell_widths[r * n + i], widths[i], columns[i].alignment,
                          false);
        }
        end_line(out, start);
    }
    return out;
}

}  // namespace

std::string render_table(const table& t, const table_style& style) {
    check_shape(t);
    return render_aligned(t.columns, typed_cells{t}, style);
}

std::string render_table(const text_table& t, const table_style& style) {
    return render_aligned(t.columns, text_cells{t}, style);
}

namespace {

// A JSON string as nlohmann's dump writes it (ensure_ascii off, invalid
// UTF-8 replaced by U+FFFD). Most cells need no escaping and are copied as
// they are; the others go through nlohmann.
void append_json_string(std::string& out, const std::string& s) {
    const bool plain = std::none_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || c == '"' || c == '\\';
    });
    if (plain && is_valid_utf8(s)) {
        out += '"';
        out += s;
        out += '"';
        return;
    }
    out += nlohmann::ordered_json(s).dump(-1, ' ', false,
                                          nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

std::string render_json(const table& t) {
    check_shape(t);
    // Written as nlohmann's dump(2) would write an array of objects, keys in
    // column order (what people reading and diffing the output expect), but
    // row by row: a document tree of twenty thousand rows was most of the
    // time of a large listing, and its memory.
    if (t.rows.empty()) return "[]\n";
    std::vector<std::string> keys;  // "    \"key\": ", escaped once
    keys.reserve(t.columns.size());
    for (const auto& c : t.columns) {
        std::string k = "    ";
        append_json_string(k, c.key);
        k += ": ";
        keys.push_back(std::move(k));
    }
    std::string out = "[\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        if (t.columns.empty()) {
            out += "  {}";
        } else {
            out += "  {\n";
            for (std::size_t i = 0; i < t.columns.size(); ++i) {
                out += keys[i];
                const cell& v = row[i];
                if (const auto* text = std::get_if<std::string>(&v))
                    append_json_string(out, *text);
                else if (const auto* n = std::get_if<std::int64_t>(&v))
                    fmt::format_to(std::back_inserter(out), "{}", *n);
                else if (const auto* b = std::get_if<bool>(&v))
                    out += *b ? "true" : "false";
                else
                    out += "null";
                out += i + 1 < t.columns.size() ? ",\n" : "\n";
            }
            out += "  }";
        }
        out += r + 1 < t.rows.size() ? ",\n" : "\n";
        // Room for all rows at the first one's size, not doubling as it grows.
        if (r == 0) out.reserve(out.size() * t.rows.size() * 9 / 8 + 64);
    }
    out += "]\n";
    return out;
}

std::string render_csv(const table& t) {
    check_shape(t);
    if (t.columns.empty()) return {};
    const std::size_t n = t.columns.size();
    std::string out;
    const auto end_row = [&out, n](std::string& line, bool only_field_empty) {
        // A one-column row with an empty value would be a blank line, which
        // many readers skip; quoting it keeps the row (as csv_writer does).
        if (n == 1 && only_field_empty) line = "\"\"";
        out += line;
        out += "\r\n";
    };

    std::string line;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) line += ',';
        line += csv_field(t.columns[i].key);
    }
    end_row(line, t.columns[0].key.empty());
    for (const auto& row : t.rows) {
        line.clear();
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0) line += ',';
            // Only text can carry a formula; numbers and booleans are ours.
            const bool is_text = std::holds_alternative<std::string>(row[i]);
            line += csv_field(cell_text(row[i]), is_text);
        }
        end_row(line, cell_text(row[0]).empty());
    }
    return out;
}

std::string render_markdown(const table& t) {
    check_shape(t);
    if (t.columns.empty()) return {};
    const std::size_t n = t.columns.size();

    // Every delimiter cell gets at least three dashes ("---", "---:"), the
    // form people expect; padding every cell to its column's display width
    // keeps the source aligned as well.
    std::vector<int> widths(n);
    std::vector<std::string> headers(n);
    for (std::size_t i = 0; i < n; ++i) {
        widths[i] = t.columns[i].alignment == align::right ? 4 : 3;
        headers[i] = markdown_cell(t.columns[i].header);
        widths[i] = std::max(widths[i], display_width(headers[i]));
    }
    std::vector<std::vector<std::string>> cells(t.rows.size(), std::vector<std::string>(n));
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        for (std::size_t i = 0; i < n; ++i) {
            cells[r][i] = markdown_cell(cell_text(t.rows[r][i]));
            widths[i] = std::max(widths[i], display_width(cells[r][i]));
        }
    }

    std::string out;
    append_markdown_row(out, headers, widths, t.columns);
    out += '|';
    for (std::size_t i = 0; i < n; ++i) {
        const auto w = static_cast<std::size_t>(widths[i]);
        out += ' ';
        if (t.columns[i].alignment == align::right) {
            out.append(w - 1, '-');
            out += ':';
        } else {
            out.append(w, '-');
        }
        out += " |";
    }
    out += '\n';
    for (const auto& row : cells) append_markdown_row(out, row, widths, t.columns);
    return out;
}

std::string render(const table& t, output_format format, const table_style& style) {
    switch (format) {
        case output_format::table:
            return render_table(t, style);
        case output_format::json:
            return render_json(t);
        case output_format::csv:
            return render_csv(t);
        case output_format::markdown:
            return render_markdown(t);
    }
    throw internal_error("unknown output format");
}

}  // namespace gov
