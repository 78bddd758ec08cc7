#pragma once
// Private to libgov: the phones of the active residents, read into memory in
// one pass over the phone index, for imports that look up more phones than a
// search of the index each can afford.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

/// Which resident a phone in an import means. Children and second rooms
/// repeat a parent's phone, so it is the earliest born of those with the
/// phone (a known birth year before an unknown one), then the first recorded.
class phone_directory {
  public:
    /// Reads every active resident's phone: one pass over the phone index,
    /// which holds all it needs (no sort, no visit to the table). At 200,000
    /// issue rows over 1M residents a search of the index for each row,
    /// whose hits land all over the table, cost five times as much. With a
    /// `pivot` (a phone near the middle: the median of the phones a file
    /// has shown so far), the phones from it on are read at the same time
    /// on a second thread. The caller's transaction must not have changed
    /// the roster (the second thread reads what is committed).
    explicit phone_directory(SQLite::Database& db, const std::string& pivot = {});

    /// The directory stored in the database (table phone_directory), if
    /// there is one in a layout this gov reads. Loading it is a copy of
    /// ~12 bytes a phone — ~10 ms at 1M residents, against ~100 ms on two
    /// cores to read the phone index. Triggers on `resident` delete it when
    /// a change could make it wrong (migration 9), so one that is there
    /// matches the roster.
    static std::optional<phone_directory> stored(SQLite::Database& db);

    /// Stores this directory in place of any stored one, in the caller's
    /// transaction, which must not have changed the roster since this was
    /// read. A directory too large for one SQLite value is not stored.
    void store(SQLite::Database& db) const;

    /// Outside any transaction (after one that changed the roster has
    /// committed): unless a directory is stored, reads one — on two
    /// threads, split at the median of a sample of phones — and stores it,
    /// in a short write transaction of its own. False when another
    /// connection is writing (it does not wait): the next large issue
    /// import reads and stores it instead.
    static bool store_if_missing(SQLite::Database& db);

    /// The resident a phone means, if an active one has it (exact text).
    std::optional<std::int64_t> find(std::string_view phone) const;

    /// Starts loading what find(phone) will read: a caller about to look up
    /// a batch of phones asks for all of them first, so the cache misses
    /// overlap instead of coming one at a time.
    void prefetch(std::string_view phone) const;

  private:
    phone_directory() = default;
    // Phones too long or odd to pack (a landline with an extension); and
    // phones of residents whose ids do not fit in 32 bits.
    struct odd_phones {
        std::unordered_map<std::string, std::int64_t> others;
        std::unordered_map<std::uint64_t, std::int64_t> big;  // packed phone → id
    };
    // A packed phone and the resident it means, side by side: a look-up
    // reads one line for both (with keys and ids in two arrays it missed
    // the cache once more).
    struct __attribute__((packed)) entry {
        std::uint64_t key;
        std::uint32_t id;
    };
    static_assert(sizeof(entry) == 12);
    // The phones of one range of the index, in order, as one reader files
    // them.
    struct run {
        std::vector<entry> entries;  // by packed phone, ascending
        odd_phones odd;
    };
    static void read(SQLite::Database& db, const std::string& from, const std::string& to,
                     run& into);
    // The phones below `pivot` into `lower`, the others into `upper` (on a
    // second thread; all into `lower` without a pivot).
    static void read_halves(SQLite::Database& db, const std::string& pivot, run& lower, run& upper);
    // Stores the phones of `lower`, then those of `upper` (after them in
    // order), in place of any stored directory.
    static void store_runs(SQLite::Database& db, const run& lower, const run& upper);
    void index();  // fills m_starts from m_phones.entries
    static void swap_to_little(std::vector<entry>& entries);  // for storing (big-endian hosts)
    std::size_t bucket(std::uint64_t key) const { return (key - m_low) >> m_shift; }
    // Where `key` is in m_phones.entries, or npos.
    std::size_t position(std::uint64_t key) const;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    // The packed phones in order, as the index gives them (each reader
    // appends to its own arrays: no scattered writes, no locks), and a
    // table of where each bucket of keys starts: keys are spread over
    // their range much as phone numbers are, so a bucket holds a few and a
    // look-up reads the table, then one or two lines of keys (numbers that
    // cluster make fuller buckets, searched by halving). Building the
    // hash table this replaces (a random write a phone) was a third of the
    // directory's time at 1M residents.
    run m_phones;
    std::vector<std::uint32_t> m_starts;  // bucket b's entries: [m_starts[b], m_starts[b + 1])
    std::uint64_t m_low = 0, m_high = 0;  // the smallest and largest key
    unsigned m_shift = 0;                 // a key's bucket: (key - m_low) >> m_shift
};

}  // namespace gov::detail
