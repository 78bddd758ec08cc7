#pragma once
// Private to libgov: the places a roster import names (compounds,
// buildings, units and households), found or added, for roster_merger.
// A file comes room by room, so the place of the last row is kept and
// reused as far as the next row shares it.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "bulk/interface.hpp"
#include "roster/roster_row.hpp"

namespace gov::detail {

/// The id `find` (SELECT id by the first `key_count` of `values`; all of
/// them when 0) returns, else of the row `add` (INSERT of all `values`)
/// makes. The roster import's look-up of names it may have to add.
std::int64_t find_or_add(SQLite::Database& db, SQLite::Statement& find, SQLite::Statement& add,
                         const std::vector<std::string>& values, std::size_t key_count = 0);

/// Finds and adds the places of a roster import's rows, inside its write
/// transaction. Compounds, buildings and units are few and kept once met;
/// a household is searched each time the file comes to its room (see
/// household()).
class roster_places {
  public:
    struct building_ref {
        std::int64_t id = 0;
        std::optional<std::int64_t> leader;
    };

    struct household_ref {
        std::int64_t id = 0;  // 0: not stored yet
        std::optional<std::int64_t> area;
    };

    /// Where a row lives. The household is only searched for: a row that
    /// is merged adds it (add_household).
    struct place {
        building_ref* b = nullptr;
        std::int64_t unit_id = 0;
        household_ref hh;
    };

    explicit roster_places(SQLite::Database& db);

    /// The row's place: its compound, building and unit found or added, its
    /// household searched for. `new_room` is set when the row is in another
    /// room than the last row.
    place& locate(const roster_row& row, bool& new_room);

    /// Queues a new household (see batched_insert.hpp); returns its id.
    std::int64_t add_household(std::int64_t unit, const std::string& room,
                               std::optional<std::int64_t> area);
    /// Inserts the queued households; before anything else reads them.
    void flush() { m_new_households.flush(); }
    void set_area(std::int64_t household, std::int64_t area);
    /// Makes `resident` (none: nobody) the building's leader.
    void set_leader(building_ref& b, std::optional<std::int64_t> resident);

  private:
    std::int64_t compound_id(const std::string& name);
    building_ref& building(std::int64_t compound, const std::string& name);
    std::int64_t unit_id(std::int64_t building, const std::string& name, bool& created);
    household_ref household(std::int64_t unit, const std::string& room);

    SQLite::Database& m_db;
    SQLite::Statement m_find_compound, m_add_compound, m_find_building, m_add_building,
        m_set_leader, m_find_unit, m_add_unit, m_find_household, m_set_area;
    batched_insert m_new_households;
    std::unordered_map<std::string, std::int64_t> m_compounds;
    std::map<std::pair<std::int64_t, std::string>, building_ref> m_buildings;
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> m_units;
    // The last row's place, by name.
    struct {
        std::string compound, building, unit, room;
        place at;
    } m_last;
    new_unit_rooms m_unit_rooms;
};

}  // namespace gov::detail
