#include "phone_directory.hpp"

#include <array>
#include <atomic>
#include <exception>
#include <thread>

#include "raw_statement.hpp"

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
    // About 1.4 slots a resident: phones are fewer than residents (children
    // share a parent's), so the table ends up at most ~70 % full.
    const auto residents = static_cast<std::size_t>(
        db.execAndGet("SELECT coalesce(max(id), 0) FROM resident").getInt64());
    const std::size_t slots = residents + residents * 2 / 5 + 64;
    m_keys.resize(slots);
    m_ids.resize(slots);
    if (pivot.empty()) {
        m_odd = read(db, "", "");
        return;
    }
    // SQLite reads an index at ~150 ns a row on one core; the phones below
    // the pivot are read here, the others at once on a second thread
    // through a second, read-only connection. This transaction has not
    // changed the roster, so both see the same residents.
    std::exception_ptr failed;
    odd_phones upper;
    std::thread other([&] {
        try {
            SQLite::Database second(sqlite3_db_filename(db.getHandle(), "main"),
                                    SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
            second.exec("PRAGMA mmap_size = 1073741824");  // as the import's own connection
            upper = read(second, pivot, "");
        } catch (...) {
            failed = std::current_exception();
        }
    });
    try {
        m_odd = read(db, "", pivot);
    } catch (...) {
        other.join();
        throw;
    }
    other.join();
    // The file may be locked against a second reader (this transaction's
    // own lock, once it has written pages): the rest is read here, then.
    // Phones the other thread filed are filed again, with the same winner.
    if (failed) upper = read(db, pivot, "");
    m_odd.others.merge(upper.others);
    m_odd.big.merge(upper.big);
}

// Files the phones in [from, to) ("" for no bound), and returns those the
// table cannot hold. Safe to run on two threads at once over ranges that do
// not overlap: a slot is claimed by an atomic exchange of its key, and each
// phone is in one range only.
phone_directory::odd_phones phone_directory::read(SQLite::Database& db, const std::string& from,
                                                  const std::string& to) {
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
    odd_phones odd;
    auto& [others, big] = odd;
    auto put = [&](std::uint64_t key, std::int64_t id) {
        if (id < 0 || id > std::int64_t{UINT32_MAX}) {
            big[key] = id;
            return;
        }
        std::size_t at = home(key);
        for (;;) {
            std::uint64_t expected = 0;
            if (std::atomic_ref<std::uint64_t>(m_keys[at])
                    .compare_exchange_strong(expected, key, std::memory_order_relaxed) ||
                expected == key)
                break;
            if (++at == m_keys.size()) at = 0;
        }
        m_ids[at] = static_cast<std::uint32_t>(id);
    };
    // Each put misses the cache (and often the TLB). The winner of a
    // phone is known only at the end of its group, so entries wait in a
    // short ring before they are put: the slot of each new phone is asked
    // for as it arrives, and is loaded by the time it is written.
    struct waiting {
        std::uint64_t key;  // 0: a phone that does not pack, in `others` already
        std::int64_t id;
    };
    constexpr std::size_t ring_size = 16;
    std::array<waiting, ring_size> ring{};
    std::size_t next = 0;  // phones seen; ring[(next - 1) % ring_size] the current one
    std::string last;      // the phone of the current group
    bool known_year = false;
    while (q.step()) {
        if (sqlite3_column_int(s, 1) != 1) continue;  // moved out
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        const std::string_view phone(text, static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
        const bool year = sqlite3_column_type(s, 2) != SQLITE_NULL;
        const std::int64_t id = sqlite3_column_int64(s, 3);
        // Within a phone the first row is the lowest id of the unknown
        // birth years, if any; the first with a year is the earliest born.
        if (next > 0 && phone == last) {
            if (!known_year && year) {
                known_year = true;
                waiting& current = ring[(next - 1) % ring_size];
                if (current.key != 0)
                    current.id = id;
                else
                    others[last] = id;
            }
            continue;
        }
        waiting& oldest = ring[next % ring_size];
        if (next >= ring_size && oldest.key != 0) put(oldest.key, oldest.id);
        ++next;
        last.assign(phone);
        known_year = year;
        auto key = pack(phone);
        oldest = {key.value_or(0), id};
        if (key) {
            const std::size_t at = home(*key);
            __builtin_prefetch(&m_keys[at], 1);
            __builtin_prefetch(&m_ids[at], 1);
        } else {
            others[last] = id;
        }
    }
    for (std::size_t i = next > ring_size ? next - ring_size : 0; i < next; ++i)
        if (const waiting& w = ring[i % ring_size]; w.key != 0) put(w.key, w.id);
    return odd;
}

std::size_t phone_directory::home(std::uint64_t key) const {
    // Fibonacci hashing (the high bits of the product depend on all the
    // packed digits, whose low bits are mostly zero padding), scaled to the
    // table's size (below 2^32 slots) by a multiplication, not a division.
    const std::uint64_t hash = (key * 0x9E3779B97F4A7C15ULL) >> 32;
    return static_cast<std::size_t>((hash * m_keys.size()) >> 32);
}

std::size_t phone_directory::slot(std::uint64_t key) const {
    std::size_t at = home(key);
    while (m_keys[at] != 0 && m_keys[at] != key)
        if (++at == m_keys.size()) at = 0;
    return at;
}

void phone_directory::prefetch(std::string_view phone) const {
    if (auto key = pack(phone)) {
        const std::size_t at = home(*key);
        __builtin_prefetch(&m_keys[at]);
        __builtin_prefetch(&m_ids[at]);
    }
}

std::optional<std::int64_t> phone_directory::find(std::string_view phone) const {
    if (auto key = pack(phone)) {
        if (const std::size_t at = slot(*key); m_keys[at] == *key) return m_ids[at];
        if (auto it = m_odd.big.find(*key); it != m_odd.big.end()) return it->second;
        return std::nullopt;
    }
    if (auto it = m_odd.others.find(std::string(phone)); it != m_odd.others.end())
        return it->second;
    return std::nullopt;
}

}  // namespace gov::detail
