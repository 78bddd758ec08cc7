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

    /// The resident a phone means, if an active one has it (exact text).
    std::optional<std::int64_t> find(std::string_view phone) const;

    /// Starts loading what find(phone) will read: a caller about to look up
    /// a batch of phones asks for all of them first, so the cache misses
    /// overlap instead of coming one at a time.
    void prefetch(std::string_view phone) const;

  private:
    // Phones too long or odd to pack (a landline with an extension); and
    // phones of residents whose ids do not fit in 32 bits.
    struct odd_phones {
        std::unordered_map<std::string, std::int64_t> others;
        std::unordered_map<std::uint64_t, std::int64_t> big;  // packed phone → id
    };
    odd_phones read(SQLite::Database& db, const std::string& from, const std::string& to);
    std::size_t home(std::uint64_t key) const;  // the slot `key` hashes to
    std::size_t slot(std::uint64_t key) const;  // where `key` is, or the empty slot for it

    // An open-addressing hash table (linear probing, at most ~70 % full): a
    // look-up costs one or two cache misses, where a binary search of the
    // ~900k phones of a 1M roster missed the cache a dozen times. Keys and
    // ids in two arrays, 12 bytes a slot: on the rented virtual machines
    // gov runs on, the first touch of fresh memory costs ~2 ms a megabyte,
    // as much as the look-ups the table saves (and a key alone can be
    // claimed atomically while two threads fill the table).
    std::vector<std::uint64_t> m_keys;  // the packed phone; 0 an empty slot
    std::vector<std::uint32_t> m_ids;   // the resident it means
    odd_phones m_odd;
};

}  // namespace gov::detail
