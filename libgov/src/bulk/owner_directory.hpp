#pragma once
// Private to libgov: every owner's ident in memory, for a roster import that
// looks up more owners than searching the ident index each time can afford.
// Idents ("phone|name") are random keys: at a million rows their index
// outgrows SQLite's page cache, and each search is a read from the file.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

/// Which owner record an ident names: exact text, as the owner table's
/// unique ident. About 50 bytes an owner (the ident's text, its id and two
/// slots of a hash table), so 260,000 owners take some 13 MiB.
class owner_directory {
  public:
    /// Reads every owner: one scan of the table, in id order.
    explicit owner_directory(SQLite::Database& db);

    /// The id of the owner with this ident, if there is one.
    std::optional<std::int64_t> find(std::string_view ident) const;

    /// Records an owner just inserted; the ident must not be known yet.
    void add(std::string_view ident, std::int64_t id);

    std::size_t size() const { return m_entries.size(); }

  private:
    struct entry {
        std::uint32_t offset = 0;  // of the ident in m_text
        std::uint32_t size = 0;
        std::int64_t id = 0;
    };
    std::string_view ident(const entry& e) const { return {m_text.data() + e.offset, e.size}; }
    // The slot an ident is in, or the empty slot where it would go.
    std::size_t slot(std::string_view ident, std::uint64_t hash) const;
    void grow();

    // Idents side by side, so that a quarter of a million owners are three
    // allocations rather than a quarter of a million.
    std::string m_text;
    std::vector<entry> m_entries;
    // Open addressing, linear probing, at most half full: 0 is empty, else
    // the high 32 bits of the ident's hash (to skip most comparisons of
    // text) over the entry's index + 1.
    std::vector<std::uint64_t> m_slots;
};

}  // namespace gov::detail
