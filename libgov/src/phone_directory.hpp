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
    /// whose hits land all over the table, cost five times as much.
    explicit phone_directory(SQLite::Database& db);

    /// The resident a phone means, if an active one has it (exact text).
    std::optional<std::int64_t> find(std::string_view phone) const;

    /// Starts loading what find(phone) will read: a caller about to look up
    /// a batch of phones asks for all of them first, so the cache misses
    /// overlap instead of coming one at a time.
    void prefetch(std::string_view phone) const;

  private:
    std::size_t home(std::uint64_t key) const;  // the slot `key` hashes to
    std::size_t slot(std::uint64_t key) const;  // where `key` is, or the empty slot for it
    void put(std::uint64_t key, std::int64_t id);
    void put_other(const std::string& phone, std::int64_t id);

    // 12 bytes, not 16: on the rented virtual machines gov runs on, the
    // first touch of fresh memory costs ~2 ms a megabyte, as much as the
    // look-ups the table saves.
    struct entry {
        std::uint32_t key_high = 0, key_low = 0;  // the packed phone; 0 an empty slot
        std::uint32_t id = 0;                     // the resident it means
        std::uint64_t key() const { return std::uint64_t{key_high} << 32 | key_low; }
    };
    // An open-addressing hash table (linear probing, at most ~70 % full): a
    // look-up costs one or two cache misses, where a binary search of the
    // ~900k phones of a 1M roster missed the cache a dozen times.
    std::vector<entry> m_slots;
    // Phones too long or odd to pack (a landline with an extension); and
    // phones of residents whose ids do not fit in 32 bits.
    std::unordered_map<std::string, std::int64_t> m_others;
    std::unordered_map<std::uint64_t, std::int64_t> m_big;  // packed phone → id
};

}  // namespace gov::detail
