// A CSV file's header mapped to the columns an import wants, and what the
// header cells it does not know look like (gov/csv_reader.hpp).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "gov/text/csv_reader.hpp"
#include "gov/text/edit_distance.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "text/interface.hpp"

namespace gov {
namespace {

std::string header_key(std::string_view s) {
    std::string key(detail::trim(s, detail::whitespace::header));
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
    return key;
}

/// "3 (C)": a 0-based field index as a 1-based column number and its
/// spreadsheet letters.
std::string column_label(std::size_t index) {
    std::string letters;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
        letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    }
    return fmt::format("{} ({})", index + 1, letters);
}

// ---- What an unknown header cell looks like -------------------------------------------------

// What was added to a column's name, most telling last.
enum class decoration { none, spelling, note, unit };

// A header cell reduced to the name it may be: brackets and what they hold,
// a unit at the end, and spaces, '_', '-', '*' and ':' taken out.
struct reduced {
    std::string core;
    decoration added = decoration::none;
};

constexpr std::string_view open_brackets[] = {"(", "\xEF\xBC\x88", "[", "\xE3\x80\x90",
                                              "\xEF\xBC\xBB"};  // ( （ [ 【 ［
constexpr std::string_view close_brackets[] = {")", "\xEF\xBC\x89", "]", "\xE3\x80\x91",
                                               "\xEF\xBC\xBD"};  // ) ） ] 】 ］
constexpr std::string_view units[] = {"㎡",   "m²", "m2", "sqm", "平方米", "平米", "平方",
                                      "万元", "元", "岁", "kg",  "公斤",   "%"};
constexpr std::string_view fillers[] = {" ", "\t", "\xE3\x80\x80", "\xC2\xA0", "_", "-",
                                        "*", ":",  "\xEF\xBC\x9A"};  // … ideographic space, ：

std::string without_fillers(std::string_view s, bool* removed = nullptr) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool filler = false;
        for (std::string_view f : fillers)
            if (s.substr(i).starts_with(f)) {
                i += f.size();
                filler = true;
                break;
            }
        if (filler) {
            if (removed) *removed = true;
        } else {
            out += s[i++];
        }
    }
    return out;
}

bool is_unit(std::string_view s) {
    return std::find(std::begin(units), std::end(units), s) != std::end(units);
}

bool ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

reduced reduce(std::string_view cell) {
    const std::string key = header_key(cell);
    reduced r;
    std::string kept, bracketed;
    for (std::size_t i = 0; i < key.size();) {
        const std::string_view rest = std::string_view(key).substr(i);
        auto open = std::find_if(std::begin(open_brackets), std::end(open_brackets),
                                 [&](std::string_view b) { return rest.starts_with(b); });
        if (open == std::end(open_brackets)) {
            kept += key[i++];
            continue;
        }
        std::size_t content = i + open->size(), end = key.size(), after = key.size();
        for (std::string_view b : close_brackets)
            if (auto at = key.find(b, content); at != std::string::npos && at < end) {
                end = at;
                after = at + b.size();
            }
        decoration d =
            is_unit(without_fillers(std::string_view(key).substr(content, end - content)))
                ? decoration::unit
                : decoration::note;
        r.added = std::max(r.added, d);
        bracketed = key.substr(content, end - content);
        i = after;
    }
    // A name written in brackets: "【建筑面积】".
    if (without_fillers(kept).empty() && !bracketed.empty() && r.added == decoration::note)
        kept = bracketed;
    // A unit at the end: "面积 m2", "建筑面积㎡" (not the "m2" of "room2").
    std::string_view text = kept;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    for (std::string_view u : units) {
        if (text.size() <= u.size() || !text.ends_with(u)) continue;
        if (ascii_alnum(u.front()) && ascii_alnum(text[text.size() - u.size() - 1])) continue;
        text.remove_suffix(u.size());
        r.added = decoration::unit;
        break;
    }
    bool spaced = false;
    r.core = without_fillers(text, &spaced);
    if (spaced && r.added == decoration::none) r.added = decoration::spelling;
    return r;
}

// The characters of a UTF-8 text (lead byte and continuation bytes).
std::vector<std::string_view> characters(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = 1;
        while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

// Whether the shorter of two texts of at least two characters ends the other:
// "面积" and 建筑面积, "联系电话" and 电话 (a Chinese name ends in what it is).
bool ends_alike(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    const auto& shorter = a.size() <= b.size() ? a : b;
    const auto& longer = a.size() <= b.size() ? b : a;
    return shorter.size() >= 2 && std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
}

// What one unknown header cell looks like among the wanted columns.
struct resemblance {
    std::optional<std::size_t> column;  // the wanted column
    std::string name;                   // its name that the cell resembles
    bool decorated = false;             // the name with a unit, a note or spaces added
    decoration added = decoration::none;
};

class resemblances {
  public:
    explicit resemblances(std::span<const csv_column> wanted) {
        for (std::size_t c = 0; c < wanted.size(); ++c)
            for (const auto& name : wanted[c].names)
                m_names.push_back({c, name, reduce(name).core, {}});
        for (entry& e : m_names) e.chars = characters(e.core);  // once the strings stay put
    }

    resemblance of(std::string_view cell) const {
        resemblance out;
        reduced r = reduce(cell);
        if (r.core.empty()) return out;
        const auto chars = characters(r.core);
        // The name itself with something added.
        if (r.added != decoration::none &&
            unique([&](const entry& e) { return e.core == r.core; }, out)) {
            out.decorated = true;
            out.added = r.added;
            return out;
        }
        // A part of the name with a unit or note: "面积（平方米）" for 建筑面积.
        if ((r.added == decoration::unit || r.added == decoration::note) &&
            unique(
                [&](const entry& e) {
                    return ends_alike(chars, e.chars) && chars.size() < e.chars.size();
                },
                out)) {
            out.decorated = true;
            out.added = r.added;
            return out;
        }
        // A near spelling or a part of the name: a suggestion only.
        const std::size_t most = chars.size() >= 8 ? 2 : chars.size() >= 4 ? 1 : 0;
        if (!unique([&](const entry& e) { return ends_alike(chars, e.chars); }, out))
            unique([&](const entry& e) { return edit_distance(chars, e.chars) <= most; }, out);
        return out;
    }

  private:
    struct entry {
        std::size_t column;
        std::string name, core;
        std::vector<std::string_view> chars;  // into core
    };

    // Whether exactly one wanted column has a name that `match`es; sets `out`.
    template <class Match>
    bool unique(const Match& match, resemblance& out) const {
        std::optional<std::size_t> column;
        std::string name;
        for (const entry& e : m_names) {
            if (!match(e)) continue;
            if (column && *column != e.column) return false;
            if (!column) name = e.name;
            column = e.column;
        }
        if (!column) return false;
        out.column = column;
        out.name = name;
        return true;
    }

    std::vector<entry> m_names;
};

std::string decorated_problem(std::size_t index, std::string_view cell, const resemblance& r) {
    const std::string label = column_label(index);
    const std::string header(detail::trim(cell, detail::whitespace::header));
    switch (r.added) {
        case decoration::unit:
            return fmt::format(fmt::runtime(tr("column {} \"{}\" looks like {} with a unit: "
                                               "rename the column to {}")),
                               label, header, r.name, r.name);
        case decoration::note:
            return fmt::format(fmt::runtime(tr("column {} \"{}\" looks like {} with a note: "
                                               "rename the column to {}")),
                               label, header, r.name, r.name);
        default:
            return fmt::format(
                fmt::runtime(tr("column {} \"{}\" looks like {}: rename the column to {}")), label,
                header, r.name, r.name);
    }
}

}  // namespace

std::optional<std::size_t> csv_header_map::find(std::string_view key) const {
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == key) return index[i];
    }
    throw internal_error(fmt::format("csv_header_map::find: unknown column key \"{}\"", key));
}

namespace {

using name_index = std::map<std::string, std::size_t, std::less<>>;

// Every accepted heading (as header_key folds it) → its column. A heading
// accepted for two columns is the caller's mistake.
name_index accepted_names(std::span<const csv_column> wanted) {
    name_index by_name;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        for (const std::string& name : wanted[i].names) {
            const auto [it, inserted] = by_name.emplace(header_key(name), i);
            if (!inserted && it->second != i) {
                throw internal_error(
                    fmt::format("map_csv_header: header \"{}\" is accepted for "
                                "both \"{}\" and \"{}\"",
                                name, wanted[it->second].key, wanted[i].key));
            }
        }
    }
    return by_name;
}

// Each cell to the column it names; a column named twice is a problem.
void place_cells(const csv_record& header, std::span<const csv_column> wanted,
                 const name_index& by_name, const std::string& prefix, csv_header_map& map,
                 std::vector<std::string>& problems) {
    for (std::size_t j = 0; j < header.size(); ++j) {
        const auto it = by_name.find(header_key(header[j]));
        if (it == by_name.end()) {
            map.unmapped.push_back(j);
            continue;
        }
        std::optional<std::size_t>& slot = map.index[it->second];
        if (!slot) {
            slot = j;
            continue;
        }
        problems.push_back(
            prefix + fmt::format(fmt::runtime(tr("column \"{}\" appears more than once: \"{}\" "
                                                 "in column {} and \"{}\" in column {}")),
                                 wanted[it->second].key,
                                 detail::trim(header[*slot], detail::whitespace::header),
                                 column_label(*slot),
                                 detail::trim(header[j], detail::whitespace::header),
                                 column_label(j)));
    }
}

// The cells no name matched: a column the file lacks with a unit or a
// note added is an error (its data would be dropped), returned; the others
// are the caller's to report (unknown_column_warnings).
std::vector<std::string> classify_unmapped(const csv_record& header,
                                           std::span<const csv_column> wanted,
                                           const std::string& prefix, csv_header_map& map) {
    std::vector<std::string> decorated;
    if (map.unmapped.empty()) return decorated;
    resemblances like(wanted);
    for (std::size_t j : map.unmapped) {
        resemblance r = like.of(header[j]);
        bool lacking = r.column && !map.index[*r.column];
        if (lacking && r.decorated)
            decorated.push_back(prefix + decorated_problem(j, header[j], r));
        map.unknown.push_back({j, std::string(detail::trim(header[j], detail::whitespace::header)),
                               lacking ? r.name : std::string()});
    }
    return decorated;
}

// "missing required column(s): …; the header has: …", or nothing.
std::optional<std::string> missing_columns(const csv_record& header,
                                           std::span<const csv_column> wanted,
                                           const csv_header_map& map) {
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (wanted[i].required && !map.index[i]) {
            missing.push_back(
                fmt::format("{} ({})", wanted[i].key, detail::joined(wanted[i].names, " / ")));
        }
    }
    if (missing.empty()) return std::nullopt;
    std::vector<std::string> found;
    for (std::string_view h : header)
        found.emplace_back(detail::trim(h, detail::whitespace::header));
    return fmt::format(fmt::runtime(tr("missing required column(s): {}; the header has: {}")),
                       detail::joined(missing, ", "),
                       found.empty() ? "" : detail::joined(found, ", "));
}

}  // namespace

csv_header_map map_csv_header(const csv_record& header, std::span<const csv_column> wanted,
                              std::string_view source_name) {
    const name_index by_name = accepted_names(wanted);
    csv_header_map map;
    map.index.assign(wanted.size(), std::nullopt);
    map.line = header.line();
    for (const csv_column& c : wanted) map.keys.push_back(c.key);

    const std::string prefix = fmt::format("{}:{}: ", source_name, header.line());
    std::vector<std::string> problems;
    place_cells(header, wanted, by_name, prefix, map, problems);
    std::vector<std::string> decorated = classify_unmapped(header, wanted, prefix, map);
    if (auto missing = missing_columns(header, wanted, map))
        problems.insert(problems.begin(), prefix + *missing);
    // What to rename first: it may be what is missing.
    problems.insert(problems.begin(), decorated.begin(), decorated.end());
    if (problems.size() == 1) throw input_error(problems.front());
    if (problems.size() > 1) {
        std::string message = fmt::format(fmt::runtime(tr("{} (and {} more)")), problems.front(),
                                          problems.size() - 1);
        throw input_error(message, std::move(problems));
    }
    return map;
}

std::vector<std::string> unknown_column_warnings(const csv_header_map& map,
                                                 std::string_view source_name,
                                                 std::string_view what, bool strict) {
    const std::string prefix = fmt::format("{}:{}: ", source_name, map.line);
    std::vector<std::string> out;
    std::vector<std::string> unnamed;
    for (const auto& c : map.unknown) {
        if (c.header.empty()) {
            unnamed.push_back(column_label(c.index));
            continue;
        }
        std::string m = prefix + fmt::format(fmt::runtime(strict ? tr("column {} \"{}\" is not {}")
                                                                 : tr("column {} \"{}\" is not "
                                                                      "{}; ignored")),
                                             column_label(c.index), c.header, what);
        if (!c.likely.empty()) m += fmt::format(fmt::runtime(tr(" (did you mean {}?)")), c.likely);
        out.push_back(std::move(m));
    }
    if (unnamed.size() == 1)
        out.push_back(prefix + fmt::format(fmt::runtime(strict ? tr("column {} has no header")
                                                               : tr("column {} has no header; "
                                                                    "ignored")),
                                           unnamed.front()));
    else if (unnamed.size() > 1)
        out.push_back(prefix + fmt::format(fmt::runtime(strict ? tr("columns {} have no header")
                                                               : tr("columns {} have no header; "
                                                                    "ignored")),
                                           detail::joined(unnamed, ", ")));
    if (strict && !out.empty())
        throw input_error(
            fmt::format(fmt::runtime(tr("{}: {} column(s) that gov does not read; nothing was "
                                        "imported (--strict)")),
                        source_name, map.unknown.size()),
            std::move(out));
    return out;
}

}  // namespace gov
