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

  private:
    void add(std::string_view phone, std::int64_t id);
    void set_last(std::string_view phone, std::int64_t id);  // the phone added last

    struct entry {
        std::uint64_t key;  // the phone, packed into a number
        std::int64_t id;    // the resident it means
    };
    std::vector<entry> m_entries;  // sorted by key, one a phone
    // Phones too long or odd to pack (a landline with an extension).
    std::unordered_map<std::string, std::int64_t> m_others;
};

}  // namespace gov::detail
