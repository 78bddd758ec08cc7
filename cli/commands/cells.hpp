#pragma once
// Small helpers the command groups share for building tables and the
// label/value lines of a record shown to people.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gov/text/table.hpp"
#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"
#include "session.hpp"

namespace gov::cli {

/// The items with `sep` between them ("a, b"); nothing for no items.
inline std::string joined(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += sep;
        out += item;
    }
    return out;
}

/// An empty text shows as null (blank in a table, null in JSON).
inline cell text_or_null(const std::string& s) {
    if (s.empty()) return std::monostate{};
    return s;
}
inline cell text_or_null(std::string&& s) {
    if (s.empty()) return std::monostate{};
    return std::move(s);
}

/// A date that may be missing: blank in a table, null in JSON.
inline cell date_cell(const std::optional<date>& d) {
    if (!d) return std::monostate{};
    return format_date(*d);
}

/// The columns of `full` named by `keys`, in that order: what people scan
/// in a terminal or a Markdown report, while JSON and CSV carry every column.
/// The cells are moved out of `full`.
template <std::size_t N>
table pick_columns(table&& full, const char* const (&keys)[N]) {
    table t;
    std::vector<std::size_t> picked;
    for (const char* key : keys)
        for (std::size_t i = 0; i < full.columns.size(); ++i)
            if (full.columns[i].key == key) {
                picked.push_back(i);
                t.columns.push_back(full.columns[i]);
            }
    t.rows.reserve(full.rows.size());
    for (auto& row : full.rows) {
        std::vector<cell> r;
        r.reserve(picked.size());
        for (std::size_t i : picked) r.push_back(std::move(row[i]));
        t.rows.push_back(std::move(r));
    }
    return t;
}

/// A changed field's old or new value as people read it: "(none)" for none,
/// an instant (a field named *_at) in local time.
inline std::string change_value(const session& s, const std::string& field,
                                const std::optional<std::string>& value) {
    if (!value) return tr("(none)");
    return field.ends_with("_at") ? s.local_time(*value) : *value;
}

/// Text for a terminal: control characters (escape sequences in a name from
/// a spreadsheet) become U+FFFD, line breaks "↵", so nothing can break the
/// layout or drive the terminal.
inline std::string terminal_safe(std::string_view s) {
    std::string out;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '\n')
            out += "↵";
        else if (u < 0x20 || u == 0x7f)
            out += "\xEF\xBF\xBD";
        else
            out += c;
    }
    return out;
}

/// A record's label/value lines (`gov issue show`, `roster show`, `project
/// show`): labels padded to one display width, empty values left out,
/// values made terminal_safe.
inline void print_fields(std::ostream& out,
                         const std::vector<std::pair<std::string, std::string>>& fields) {
    int width = 0;
    for (const auto& [label, value] : fields) width = std::max(width, display_width(label));
    for (const auto& [label, value] : fields) {
        if (value.empty()) continue;
        out << "  " << label
            << std::string(static_cast<std::size_t>(width - display_width(label)), ' ') << "  "
            << terminal_safe(value) << "\n";
    }
}

/// One field of a record shown whole (`meeting show`, `proposal show`).
struct record_field {
    std::string key, header;
    cell value;
};

/// A record as a table: for json and csv one row with a column per field
/// (named by its key), for people a Field/Value row per field with the
/// instants (keys ending in "_at") in local time, leaving out the keys in
/// `not_for_people` (instants already shown another way).
inline table record_table(session& s, const std::vector<record_field>& fields, output_format format,
                          std::initializer_list<std::string_view> not_for_people = {}) {
    table t;
    if (format == output_format::json || format == output_format::csv) {
        t.rows.emplace_back();
        for (const auto& [key, header, value] : fields) {
            t.columns.push_back({key, header});
            t.rows.back().push_back(value);
        }
        return t;
    }
    t.columns = {{"field", tr("Field")}, {"value", tr("Value")}};
    for (const auto& [key, header, value] : fields) {
        if (std::find(not_for_people.begin(), not_for_people.end(), key) != not_for_people.end())
            continue;
        t.rows.push_back(
            {header, key.ends_with("_at") ? s.local_time(cell_text(value)) : cell_text(value)});
    }
    return t;
}

}  // namespace gov::cli
