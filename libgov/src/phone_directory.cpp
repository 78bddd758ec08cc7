#include "phone_directory.hpp"

#include <algorithm>

#include "raw_statement.hpp"

namespace gov::detail {
namespace {

/// A phone of up to 16 digits and dashes as a number, four bits a
/// character in the order of their bytes ('-' 1, '0'–'9' 2–11), the first
/// character in the highest bits: so numbers compare as the texts do byte
/// by byte (no character packs to 0, so "1" sorts before "10", as in text),
/// and the phone index, read in its order, yields sorted keys. Mobile
/// numbers (11 digits) and landlines with an area code (up to 13) all fit.
std::optional<std::uint64_t> pack(std::string_view phone) {
    if (phone.empty() || phone.size() > 16) return std::nullopt;
    std::uint64_t key = 0;
    for (char c : phone) {
        std::uint64_t nibble;
        if (c >= '0' && c <= '9')
            nibble = static_cast<std::uint64_t>(c - '0') + 2;
        else if (c == '-')
            nibble = 1;
        else
            return std::nullopt;
        key = key << 4 | nibble;
    }
    return key << (4 * (16 - phone.size()));
}

}  // namespace

phone_directory::phone_directory(SQLite::Database& db) {
    m_entries.reserve(static_cast<std::size_t>(
        db.execAndGet("SELECT coalesce(max(id), 0) FROM resident").getInt64()));
    // The phone index holds phone, active and birth year (schema 8), so this
    // reads only the index, already in the order wanted: by phone, then
    // active, then birth year — unknown (NULL) first — then id.
    raw_statement q(db,
                    "SELECT phone, active, birth_year, id FROM resident "
                    "INDEXED BY resident_phone WHERE phone <> '' "
                    "ORDER BY phone, active, birth_year, id");
    sqlite3_stmt* s = q.get();
    std::string last;  // the phone of the current group
    bool have = false, known_year = false;
    while (q.step()) {
        if (sqlite3_column_int(s, 1) != 1) continue;  // moved out
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        const std::string_view phone(text, static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
        const bool year = sqlite3_column_type(s, 2) != SQLITE_NULL;
        const std::int64_t id = sqlite3_column_int64(s, 3);
        // Within a phone the first row is the lowest id of the unknown
        // birth years, if any; the first with a year is the earliest born.
        if (have && phone == last) {
            if (!known_year && year) {
                known_year = true;
                set_last(phone, id);
            }
            continue;
        }
        last.assign(phone);
        have = true;
        known_year = year;
        add(phone, id);
    }
    // The index's order is the keys' order; a collation other than SQLite's
    // binary one would break that, and binary search with it.
    if (!std::is_sorted(m_entries.begin(), m_entries.end(),
                        [](const entry& a, const entry& b) { return a.key < b.key; }))
        std::sort(m_entries.begin(), m_entries.end(),
                  [](const entry& a, const entry& b) { return a.key < b.key; });
}

void phone_directory::add(std::string_view phone, std::int64_t id) {
    if (auto key = pack(phone))
        m_entries.push_back({*key, id});
    else
        m_others[std::string(phone)] = id;
}

void phone_directory::set_last(std::string_view phone, std::int64_t id) {
    if (pack(phone))
        m_entries.back().id = id;
    else
        m_others[std::string(phone)] = id;
}

std::optional<std::int64_t> phone_directory::find(std::string_view phone) const {
    if (auto key = pack(phone)) {
        auto it = std::lower_bound(m_entries.begin(), m_entries.end(), *key,
                                   [](const entry& e, std::uint64_t k) { return e.key < k; });
        if (it != m_entries.end() && it->key == *key) return it->id;
        return std::nullopt;
    }
    if (auto it = m_others.find(std::string(phone)); it != m_others.end()) return it->second;
    return std::nullopt;
}

}  // namespace gov::detail
