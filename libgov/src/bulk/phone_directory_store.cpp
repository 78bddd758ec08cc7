// The phone directory kept in the database between imports (table
// phone_directory, migration 9): its arrays as they are in memory, so that
// an import loads them with a copy instead of a pass over the phone index.
//
// Layout 1, every number little-endian:
//   phones  n entries of 12 bytes, [u64 packed phone] [u32 resident id],
//           ascending by packed phone
//   odd     [u32 count] count × ([u32 length] phone bytes [i64 id])  phones that do not pack
//           [u32 count] count × ([u64 key] [i64 id])                 ids past 32 bits
// A stored directory in another layout, or one that does not hold
// together, is not used (the import reads the index and stores it again).

#include <algorithm>
#include <bit>
#include <climits>
#include <cstring>

#include <fmt/format.h>

#include "bulk/phone_directory.hpp"
#include "bulk/raw_statement.hpp"

namespace gov::detail {
namespace {

constexpr int layout = 1;

template <class T>
T to_little(T v) {
    if constexpr (std::endian::native == std::endian::big) {
        if constexpr (sizeof(T) == 8) return static_cast<T>(__builtin_bswap64(v));
        if constexpr (sizeof(T) == 4) return static_cast<T>(__builtin_bswap32(v));
    }
    return v;
}

template <class T>
void put(std::string& out, T v) {
    v = to_little(v);
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    out.append(bytes, sizeof v);
}

// Reads the odd phones' blob; false when it does not hold together.
class odd_reader {
  public:
    odd_reader(const unsigned char* p, std::size_t n) : m_p(p), m_end(p + n) {}

    template <class T>
    bool get(T& v) {
        if (static_cast<std::size_t>(m_end - m_p) < sizeof v) return false;
        std::memcpy(&v, m_p, sizeof v);
        m_p += sizeof v;
        v = to_little(v);
        return true;
    }
    bool get(std::string& s, std::uint32_t length) {
        if (static_cast<std::size_t>(m_end - m_p) < length) return false;
        s.assign(reinterpret_cast<const char*>(m_p), length);
        m_p += length;
        return true;
    }
    bool at_end() const { return m_p == m_end; }

  private:
    const unsigned char* m_p;
    const unsigned char* m_end;
};

}  // namespace

// Entries in place, either way (the swap is its own inverse).
void phone_directory::swap_to_little(std::vector<entry>& entries) {
    if constexpr (std::endian::native == std::endian::big)
        for (auto& e : entries) {
            const std::uint64_t key = e.key;
            const std::uint32_t id = e.id;
            e.key = to_little(key);
            e.id = to_little(id);
        }
}

std::optional<phone_directory> phone_directory::stored(SQLite::Database& db) {
    raw_statement q(db, "SELECT format, length(phones), odd FROM phone_directory WHERE id = 1");
    sqlite3_stmt* s = q.get();
    if (!q.step() || sqlite3_column_int64(s, 0) != layout) return std::nullopt;
    const auto bytes = static_cast<std::size_t>(sqlite3_column_int64(s, 1));
    if (bytes % sizeof(entry) != 0) return std::nullopt;
    const std::size_t n = bytes / sizeof(entry);

    phone_directory d;
    odd_reader odd(static_cast<const unsigned char*>(sqlite3_column_blob(s, 2)),
                   static_cast<std::size_t>(sqlite3_column_bytes(s, 2)));
    std::uint32_t count = 0;
    if (!odd.get(count)) return std::nullopt;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t length = 0;
        std::string phone;
        std::int64_t id = 0;
        if (!odd.get(length) || !odd.get(phone, length) || !odd.get(id)) return std::nullopt;
        d.m_phones.odd.others.emplace(std::move(phone), id);
    }
    if (!odd.get(count)) return std::nullopt;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint64_t key = 0;
        std::int64_t id = 0;
        if (!odd.get(key) || !odd.get(id)) return std::nullopt;
        d.m_phones.odd.big.emplace(key, id);
    }
    if (!odd.at_end()) return std::nullopt;

    // Straight from SQLite's pages into the array: one copy.
    auto& entries = d.m_phones.entries;
    entries.resize(n);
    sqlite3_blob* blob = nullptr;
    int rc = sqlite3_blob_open(db.getHandle(), "main", "phone_directory", "phones", 1, 0, &blob);
    if (rc == SQLITE_OK && bytes > 0)
        rc = sqlite3_blob_read(blob, entries.data(), static_cast<int>(bytes), 0);
    sqlite3_blob_close(blob);
    if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
    swap_to_little(entries);
    // Look-ups halve ranges of keys: out of order, they would miss phones.
    for (std::size_t i = 1; i < n; ++i)
        if (entries[i - 1].key >= entries[i].key) return std::nullopt;
    if (n > 0 && entries.front().key == 0) return std::nullopt;  // no phone packs to 0
    d.index();
    return d;
}

void phone_directory::store(SQLite::Database& db) const {
    store_runs(db, m_phones, {});
}

void phone_directory::store_runs(SQLite::Database& db, const run& lower, const run& upper) {
    db.exec("DELETE FROM phone_directory");
    const std::size_t bytes = (lower.entries.size() + upper.entries.size()) * sizeof(entry);
    if (bytes > static_cast<std::size_t>(INT_MAX)) return;

    std::string odd;
    put(odd, static_cast<std::uint32_t>(lower.odd.others.size() + upper.odd.others.size()));
    for (const auto* r : {&lower, &upper})
        for (const auto& [phone, id] : r->odd.others) {
            put(odd, static_cast<std::uint32_t>(phone.size()));
            odd += phone;
            put(odd, id);
        }
    put(odd, static_cast<std::uint32_t>(lower.odd.big.size() + upper.odd.big.size()));
    for (const auto* r : {&lower, &upper})
        for (const auto& [key, id] : r->odd.big) {
            put(odd, key);
            put(odd, id);
        }
    if (odd.size() > static_cast<std::size_t>(INT_MAX)) return;

    raw_statement q(db,
                    "INSERT INTO phone_directory(id, format, phones, odd) "
                    "VALUES (1, ?1, zeroblob(?2), ?3)");
    sqlite3_stmt* s = q.get();
    sqlite3_bind_int(s, 1, layout);
    sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(bytes));
    sqlite3_bind_blob(s, 3, odd.data(), static_cast<int>(odd.size()), SQLITE_STATIC);
    q.step();
    // The entries written into the blob as they are, one run after the
    // other: no copy of the whole in memory.
    sqlite3_blob* blob = nullptr;
    int rc = sqlite3_blob_open(db.getHandle(), "main", "phone_directory", "phones", 1, 1, &blob);
    std::size_t at = 0;
    for (const auto* r : {&lower, &upper}) {
        if (rc != SQLITE_OK || r->entries.empty()) continue;
        std::vector<entry> swapped;
        const void* data = r->entries.data();
        if constexpr (std::endian::native == std::endian::big) {
            swapped = r->entries;
            swap_to_little(swapped);
            data = swapped.data();
        }
        const std::size_t n = r->entries.size() * sizeof(entry);
        rc = sqlite3_blob_write(blob, data, static_cast<int>(n), static_cast<int>(at));
        at += n;
    }
    sqlite3_blob_close(blob);
    if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
}

bool phone_directory::store_if_missing(SQLite::Database& db) {
    // Not waiting for another writer: this only saves a later import time.
    const auto timeout = db.execAndGet("PRAGMA busy_timeout").getInt64();
    db.exec("PRAGMA busy_timeout = 0");
    const int rc = sqlite3_exec(db.getHandle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    db.exec(fmt::format("PRAGMA busy_timeout = {}", timeout));
    if (rc == SQLITE_BUSY) return false;
    if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
    try {
        if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM phone_directory)").getInt() == 0) {
            // The median of ~1,000 residents' phones, taken at evenly spaced
            // ids: where the two readers split the index.
            const std::int64_t last =
                db.execAndGet("SELECT coalesce(max(id), 0) FROM resident").getInt64();
            SQLite::Statement sample(
                db,
                "WITH RECURSIVE at(id) AS (SELECT 1 UNION ALL SELECT id + ?1 FROM at "
                "WHERE id + ?1 <= ?2) SELECT r.phone FROM at JOIN resident r ON r.id = at.id "
                "WHERE r.phone <> '' ORDER BY r.phone");
            sample.bind(1, std::max<std::int64_t>(last / 1024, 1));
            sample.bind(2, last);
            std::vector<std::string> phones;
            while (sample.executeStep()) phones.push_back(sample.getColumn(0).getString());
            sample.reset();
            const std::string pivot = phones.empty() ? "" : phones[phones.size() / 2];
            // Read in two halves and stored as they are: no merged copy, no
            // look-up table (the roster import's memory has a limit).
            run lower, upper;
            read_halves(db, pivot, lower, upper);
            store_runs(db, lower, upper);
        }
        db.exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return true;
}

}  // namespace gov::detail
