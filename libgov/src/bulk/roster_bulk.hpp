#pragma once
// Private to libgov: how a roster import arranges SQLite for a million rows
// (roster_import.cpp, roster_places.cpp): secondary indexes built once at the
// end, and rooms of units the import has just made not searched for (its
// statement journals: statement_journals.hpp).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

// Into an empty roster, secondary indexes are cheaper built once at the end
// (a sorted bulk build) than kept up row by row; they are dropped and made
// again from their own definitions inside the import's transaction. That
// includes the unique owner_ident: meanwhile the owner directory, read whole
// at the start, is what keeps idents unique, and building the index again
// checks it. It includes resident_household, by which the merge reads a
// room's residents when the file comes back to a room it left: the first
// such read makes that index at once (need()), and it is kept up from then
// on — a file in room order never needs it (8 % of a 1M import). The
// triggers on `resident` that delete the stored phone directory go too (a
// million deletes of nothing: ~0.26 s); the directory is deleted once here
// and, like the indexes, made at the end (roster_import.cpp).
class bulk_indexes {
  public:
    explicit bulk_indexes(SQLite::Database& db);
    bool active() const { return m_active; }
    /// Makes the index `name` now, if it is one of those waiting.
    void need(std::string_view name);
    /// Makes every index still waiting.
    void restore();

  private:
    SQLite::Database& m_db;
    std::vector<std::pair<std::string, std::string>> m_indexes;
    bool m_active = false;
};

// The rooms the file has added to a unit this import made, while the
// file is in that unit: any other room of it cannot exist yet, so its
// household is not searched for. Rooms are kept as hashes; a hash that
// is there (a room met again, or two rooms with one hash) is searched.
class new_unit_rooms {
  public:
    /// The file comes to a unit; `created` when this import just made it.
    void start(bool created);
    /// False when the room certainly has no household yet.
    bool may_hold(std::string_view room) const;
    /// The import added this room's household.
    void add(std::string_view room);

  private:
    void put(std::uint64_t hash);

    bool m_active = false;
    std::size_t m_count = 0;
    // Open addressing, at most half full; 0 is an empty slot.
    std::vector<std::uint64_t> m_slots = std::vector<std::uint64_t>(1024);
};

}  // namespace gov::detail
