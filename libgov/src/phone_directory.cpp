#include "phone_directory.hpp"

#include <algorithm>

#include "gov/error.hpp"

namespace gov::detail {
namespace {

/// A phone of up to 16 digits and dashes as a number, four bits a
/// character: 1–10 for the digits, 11 for '-'. No character packs to 0, so
/// different texts give different numbers ("1" and "01" too). Mobile
/// numbers (11 digits) and landlines with an area code (up to 13) all fit.
std::optional<std::uint64_t> pack(std::string_view phone) {
    if (phone.empty() || phone.size() > 16) return std::nullopt;
    std::uint64_t key = 0;
    for (char c : phone) {
        std::uint64_t nibble;
        if (c >= '0' && c <= '9')
            nibble = static_cast<std::uint64_t>(c - '0') + 1;
        else if (c == '-')
            nibble = 11;
        else
            return std::nullopt;
        key = key << 4 | nibble;
    }
    return key;
}

// The order among residents sharing a phone, the one it means first: a
// known birth year before an unknown one, the earlier year, then the lower
// id — packed in one number, so that sorting a million entries compares
// plain integers. Years take 15 bits (0–32766; unknown and anything out of
// range sort last), ids the 48 below them.
constexpr int id_bits = 48;
constexpr std::int64_t unknown_year = (std::int64_t{1} << 15) - 1;

std::uint64_t rank(std::optional<std::int64_t> born, std::int64_t id) {
    const std::int64_t year = born && *born >= 0 && *born < unknown_year ? *born : unknown_year;
    return static_cast<std::uint64_t>(year) << id_bits | static_cast<std::uint64_t>(id);
}

}  // namespace

phone_directory::phone_directory(SQLite::Database& db) {
    // ids beyond 2^48 do not fit the rank; a roster never comes near.
    const std::int64_t last_id =
        db.execAndGet("SELECT coalesce(max(id), 0) FROM resident").getInt64();
    if (last_id >= (std::int64_t{1} << id_bits)) throw internal_error("resident ids beyond 2^48");
    // At most one entry a resident: reserving spares the copies (and fresh
    // pages) of a growing vector of a million entries.
    m_entries.reserve(static_cast<std::size_t>(last_id));
    std::unordered_map<std::string, std::uint64_t> others;  // phone -> best rank
    // NOT INDEXED: through the phone index each row would be a jump to a
    // random place in the table; the scan reads it in order.
    SQLite::Statement q(db,
                        "SELECT phone, id, birth_year FROM resident NOT INDEXED "
                        "WHERE phone <> '' AND active = 1");
    while (q.executeStep()) {
        const SQLite::Column phone = q.getColumn(0);
        const std::string_view text(phone.getText(), static_cast<std::size_t>(phone.getBytes()));
        std::optional<std::int64_t> born;
        if (!q.getColumn(2).isNull()) born = q.getColumn(2).getInt64();
        const std::uint64_t r = rank(born, q.getColumn(1).getInt64());
        if (auto key = pack(text)) {
            m_entries.push_back({*key, r});
        } else {
            auto [it, added] = others.try_emplace(std::string(text), r);
            if (!added) it->second = std::min(it->second, r);
        }
    }
    std::sort(m_entries.begin(), m_entries.end(), [](const entry& a, const entry& b) {
        return a.key < b.key || (a.key == b.key && a.value < b.value);
    });
    // The first entry of each phone is the one it means; its rank becomes
    // the resident's id.
    constexpr std::uint64_t id_mask = (std::uint64_t{1} << id_bits) - 1;
    std::size_t kept = 0;
    for (std::size_t k = 0; k < m_entries.size(); ++k) {
        if (kept > 0 && m_entries[kept - 1].key == m_entries[k].key) continue;
        m_entries[kept++] = {m_entries[k].key, m_entries[k].value & id_mask};
    }
    m_entries.resize(kept);
    for (const auto& [text, r] : others)
        m_others.emplace(text, static_cast<std::int64_t>(r & id_mask));
}

std::optional<std::int64_t> phone_directory::find(std::string_view phone) const {
    if (auto key = pack(phone)) {
        auto it = std::lower_bound(m_entries.begin(), m_entries.end(), *key,
                                   [](const entry& e, std::uint64_t k) { return e.key < k; });
        if (it != m_entries.end() && it->key == *key) return static_cast<std::int64_t>(it->value);
        return std::nullopt;
    }
    if (auto it = m_others.find(std::string(phone)); it != m_others.end()) return it->second;
    return std::nullopt;
}

}  // namespace gov::detail
