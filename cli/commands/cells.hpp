#pragma once
// Small helpers the command groups share for building tables.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

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

/// What an update changed, for scripts: {"id": N, "changes": [{"field",
/// "from", "to"}, …]} (issue and project changes have the same shape).
template <class Change>
std::string changes_json(std::int64_t id, const std::vector<Change>& changes) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& c : changes)
        list.push_back({{"field", c.field},
                        {"from", c.from ? nlohmann::ordered_json(*c.from) : nullptr},
                        {"to", c.to ? nlohmann::ordered_json(*c.to) : nullptr}});
    return nlohmann::ordered_json{{"id", id}, {"changes", list}}.dump(2) + "\n";
}

}  // namespace gov::cli
