#include "phone_directory.hpp"

#include <array>

#include "raw_statement.hpp"
#include "row_pipeline.hpp"

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

phone_directory::phone_directory(SQLite::Database& db) {
    // About 1.4 slots a resident: phones are fewer than residents (children
    // share a parent's), so the table ends up at most ~70 % full.
    const auto residents = static_cast<std::size_t>(
        db.execAndGet("SELECT coalesce(max(id), 0) FROM resident").getInt64());
    m_slots.resize(residents + residents * 2 / 5 + 64);

    // The phone index holds phone, active and birth year (schema 8), so this
    // reads only the index, already in the order wanted: by phone, then
    // active, then birth year — unknown (NULL) first — then id.
    raw_statement q(db,
                    "SELECT phone, active, birth_year, id FROM resident "
                    "INDEXED BY resident_phone WHERE phone <> '' "
                    "ORDER BY phone, active, birth_year, id");
    sqlite3_stmt* s = q.get();
    // SQLite reads the index on a second thread while this one files the
    // phones (each put misses the cache): on a 1M roster the two halves
    // cost about the same. Nothing else uses the connection meanwhile: this
    // thread only waits for phones until the reader has ended and is joined.
    struct winner {
        std::uint64_t key = 0;  // 0: a phone that does not pack, in `other`
        std::int64_t id = 0;
        std::string other;
    };
    winner current;  // the phone of the rows being read, its winner so far
    bool have = false, done = false, known_year = false;
    std::string last;  // current's phone as text
    row_pipeline<winner> phones([&](winner& out) {
        while (!done) {
            if (!q.step()) {
                done = true;
                break;
            }
            if (sqlite3_column_int(s, 1) != 1) continue;  // moved out
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
            const std::string_view phone(text,
                                         static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
            const bool year = sqlite3_column_type(s, 2) != SQLITE_NULL;
            const std::int64_t id = sqlite3_column_int64(s, 3);
            // Within a phone the first row is the lowest id of the unknown
            // birth years, if any; the first with a year is the earliest born.
            if (have && phone == last) {
                if (!known_year && year) {
                    known_year = true;
                    current.id = id;
                }
                continue;
            }
            const bool ended = have;  // the phone before this one is decided
            if (ended) std::swap(out, current);
            have = true;
            last.assign(phone);
            known_year = year;
            auto key = pack(phone);
            current.key = key.value_or(0);
            current.id = id;
            current.other.assign(key ? std::string_view{} : phone);
            if (ended) return true;
        }
        if (!have) return false;
        std::swap(out, current);
        have = false;
        return true;
    });
    // Each put misses the cache, so phones wait in a short ring: the slot
    // of each is asked for as it arrives, and is loaded by the time it is
    // written.
    struct waiting {
        std::uint64_t key;
        std::int64_t id;
    };
    constexpr std::size_t ring_size = 16;
    std::array<waiting, ring_size> ring{};
    std::size_t next = 0;  // phones in the ring so far
    while (winner* w = phones.next()) {
        if (w->key == 0) {
            put_other(w->other, w->id);
            continue;
        }
        waiting& oldest = ring[next % ring_size];
        if (next >= ring_size) put(oldest.key, oldest.id);
        ++next;
        oldest = {w->key, w->id};
        __builtin_prefetch(&m_slots[home(w->key)], 1);
    }
    for (std::size_t i = next > ring_size ? next - ring_size : 0; i < next; ++i)
        put(ring[i % ring_size].key, ring[i % ring_size].id);
}

std::size_t phone_directory::home(std::uint64_t key) const {
    // Fibonacci hashing (the high bits of the product depend on all the
    // packed digits, whose low bits are mostly zero padding), scaled to the
    // table's size (below 2^32 slots) by a multiplication, not a division.
    const std::uint64_t hash = (key * 0x9E3779B97F4A7C15ULL) >> 32;
    return static_cast<std::size_t>((hash * m_slots.size()) >> 32);
}

std::size_t phone_directory::slot(std::uint64_t key) const {
    std::size_t at = home(key);
    while (m_slots[at].key() != 0 && m_slots[at].key() != key)
        if (++at == m_slots.size()) at = 0;
    return at;
}

void phone_directory::put(std::uint64_t key, std::int64_t id) {
    if (id < 0 || id > std::int64_t{UINT32_MAX}) {
        m_big[key] = id;
        return;
    }
    entry& e = m_slots[slot(key)];
    e.key_high = static_cast<std::uint32_t>(key >> 32);
    e.key_low = static_cast<std::uint32_t>(key);
    e.id = static_cast<std::uint32_t>(id);
}

void phone_directory::put_other(const std::string& phone, std::int64_t id) {
    m_others[phone] = id;
}

void phone_directory::prefetch(std::string_view phone) const {
    if (auto key = pack(phone)) __builtin_prefetch(&m_slots[home(*key)]);
}

std::optional<std::int64_t> phone_directory::find(std::string_view phone) const {
    if (auto key = pack(phone)) {
        if (const entry& e = m_slots[slot(*key)]; e.key() == *key) return e.id;
        if (auto it = m_big.find(*key); it != m_big.end()) return it->second;
        return std::nullopt;
    }
    if (auto it = m_others.find(std::string(phone)); it != m_others.end()) return it->second;
    return std::nullopt;
}

}  // namespace gov::detail
