#include "bulk/phone_directory.hpp"

#include <algorithm>
#include <bit>
#include <exception>
#include <stdexcept>
#include <thread>

#include "bulk/raw_statement.hpp"

namespace gov::detail {
namespace {

/// A phone of up to 16 digits and dashes as a number, four bits a
/// character ('-' 1, '0'–'9' 2–11), the first character in the highest
/// bits. No character packs to 0, so "1" and "10" differ and no phone packs
/// to 0, the mark of an empty slot. Mobile numbers (11 digits) and
/// landlines with an area code (up to 13) all fit.
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

phone_directory::phone_directory(SQLite::Database& db, const std::string& pivot) {
    run upper;
    read_halves(db, pivot, m_phones, upper);
    // The phones from the pivot on all sort after those before it.
    m_phones.entries.insert(m_phones.entries.end(), upper.entries.begin(), upper.entries.end());
    m_phones.odd.others.merge(upper.odd.others);
    m_phones.odd.big.merge(upper.odd.big);
    index();
}

void phone_directory::read_halves(SQLite::Database& db, const std::string& pivot, run& lower,
                                  run& upper) {
    // At most one phone a resident; each reader's array grows as it files
    // (untouched reserved memory costs nothing): the first has room for
    // all, so that the second's share is appended to it without a move.
    // Ids need not be dense: a roster with an id past 2^32 asked for 40 GB
    // here (std::bad_alloc).
    const auto residents = static_cast<std::size_t>(std::min<std::int64_t>(
        db.execAndGet("SELECT coalesce(max(id), 0) FROM resident").getInt64(), 1 << 24));
    lower.entries.reserve(residents);
    if (pivot.empty()) {
        read(db, "", "", lower);
        return;
    }
    // SQLite reads an index at ~150 ns a row on one core; the phones below
    // the pivot are read here, the others at once on a second thread
    // through a second, read-only connection. This transaction has not
    // changed the roster, so both see the same residents.
    std::exception_ptr failed;
    // As the caller's connection reads: through a memory map of the file
    // for the issue import, whose pages then count in the process's memory;
    // not for the roster import, which has a limit.
    std::int64_t mmap_size = 0;  // (an in-memory database gives no row)
    if (SQLite::Statement q(db, "PRAGMA mmap_size"); q.executeStep())
        mmap_size = q.getColumn(0).getInt64();
    std::thread other([&] {
        try {
            SQLite::Database second(sqlite3_db_filename(db.getHandle(), "main"),
                                    SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
            second.exec("PRAGMA mmap_size = " + std::to_string(mmap_size));
            upper.entries.reserve(residents / 2 + 1024);
            read(second, pivot, "", upper);
        } catch (...) {
            failed = std::current_exception();
        }
    });
    try {
        read(db, "", pivot, lower);
    } catch (...) {
        other.join();
        throw;
    }
    other.join();
    // The file may be locked against a second reader (this transaction's
    // own lock, once it has written pages): the rest is read here, then.
    if (failed) {
        upper = {};
        read(db, pivot, "", upper);
    }
}

// Files the phones in [from, to) ("" for no bound) at the end of `into`.
// Packing keeps the order of the text (see pack()), so the keys come in
// ascending.
void phone_directory::read(SQLite::Database& db, const std::string& from, const std::string& to,
                           run& into) {
    // The phone index holds phone, active and birth year (schema 8), so this
    // reads only the index, already in the order wanted: by phone, then
    // active, then birth year — unknown (NULL) first — then id.
    std::string sql =
        "SELECT phone, active, birth_year, id FROM resident INDEXED BY resident_phone "
        "WHERE phone <> ''";
    if (!from.empty()) sql += " AND phone >= ?1";
    if (!to.empty()) sql += " AND phone < ?2";
    sql += " ORDER BY phone, active, birth_year, id";
    raw_statement q(db, sql.c_str());
    sqlite3_stmt* s = q.get();
    if (!from.empty())
        sqlite3_bind_text(s, 1, from.data(), static_cast<int>(from.size()), SQLITE_STATIC);
    if (!to.empty()) sqlite3_bind_text(s, 2, to.data(), static_cast<int>(to.size()), SQLITE_STATIC);
    // The winner of a phone is known only at the end of its group: the
    // first row is the lowest id of the unknown birth years, if any; the
    // first with a year is the earliest born. So a phone is filed when the
    // next one starts.
    std::string last;  // the phone of the current group
    std::int64_t winner = 0;
    bool known_year = false, any = false;
    auto file = [&] {
        if (!any) return;
        if (auto key = pack(last)) {
            if (winner < 0 || winner > std::int64_t{UINT32_MAX}) {
                into.odd.big[*key] = winner;
            } else {
                into.entries.push_back({*key, static_cast<std::uint32_t>(winner)});
            }
        } else {
            into.odd.others[last] = winner;
        }
    };
    while (q.step()) {
        if (sqlite3_column_int(s, 1) != 1) continue;  // moved out
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        const std::string_view phone(text, static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
        const bool year = sqlite3_column_type(s, 2) != SQLITE_NULL;
        if (any && phone == last) {
            if (!known_year && year) {
                known_year = true;
                winner = sqlite3_column_int64(s, 3);
            }
            continue;
        }
        file();
        any = true;
        last.assign(phone);
        known_year = year;
        winner = sqlite3_column_int64(s, 3);
    }
    file();
}

void phone_directory::index() {
    const auto& entries = m_phones.entries;
    if (entries.size() > UINT32_MAX) throw std::length_error("phone directory: too many phones");
    if (entries.empty()) return;
    m_low = entries.front().key;
    m_high = entries.back().key;
    // About two keys a bucket where the keys are spread evenly.
    const auto bits = static_cast<unsigned>(std::bit_width(entries.size() / 2 + 1));
    const auto span = static_cast<unsigned>(std::bit_width(m_high - m_low));
    m_shift = span > bits ? span - bits : 0;
    m_starts.assign(bucket(m_high) + 2, 0);
    std::size_t b = 0;  // buckets before b have their start
    for (std::size_t i = 0; i < entries.size(); ++i)
        for (const std::size_t mine = bucket(entries[i].key); b <= mine; ++b)
            m_starts[b] = static_cast<std::uint32_t>(i);
    for (; b < m_starts.size(); ++b) m_starts[b] = static_cast<std::uint32_t>(entries.size());
}

std::size_t phone_directory::position(std::uint64_t key) const {
    if (m_starts.empty() || key < m_low || key > m_high) return npos;
    const std::size_t b = bucket(key);
    const auto first = m_phones.entries.begin() + m_starts[b];
    const auto last = m_phones.entries.begin() + m_starts[b + 1];
    const auto at = std::lower_bound(first, last, key,
                                     [](const entry& e, std::uint64_t k) { return e.key < k; });
    if (at == last || at->key != key) return npos;
    return static_cast<std::size_t>(at - m_phones.entries.begin());
}

void phone_directory::prefetch(std::string_view phone) const {
    if (auto key = pack(phone); key && !m_starts.empty() && *key >= m_low && *key <= m_high)
        __builtin_prefetch(&m_starts[bucket(*key)]);
}

std::optional<std::int64_t> phone_directory::find(std::string_view phone) const {
    if (auto key = pack(phone)) {
        if (const std::size_t at = position(*key); at != npos) return m_phones.entries[at].id;
        if (auto it = m_phones.odd.big.find(*key); it != m_phones.odd.big.end()) return it->second;
        return std::nullopt;
    }
    if (auto it = m_phones.odd.others.find(std::string(phone)); it != m_phones.odd.others.end())
        return it->second;
    return std::nullopt;
}

}  // namespace gov::detail
