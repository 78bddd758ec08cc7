#include "roster/roster_places.hpp"

#include "store/interface.hpp"

namespace gov::detail {

std::int64_t find_or_add(SQLite::Database& db, SQLite::Statement& find, SQLite::Statement& add,
                         const std::vector<std::string>& values, std::size_t key_count) {
    if (key_count == 0) key_count = values.size();
    for (std::size_t i = 0; i < key_count; ++i) find.bind(static_cast<int>(i + 1), values[i]);
    std::int64_t id = 0;
    if (find.executeStep()) {
        id = find.getColumn(0).getInt64();
    } else {
        for (std::size_t i = 0; i < values.size(); ++i)
            add.bind(static_cast<int>(i + 1), values[i]);
        add.exec();
        add.reset();
        id = db.getLastInsertRowid();
    }
    find.reset();
    return id;
}

roster_places::roster_places(SQLite::Database& db)
    : m_db(db),
      m_find_compound(db, "SELECT id FROM compound WHERE name = ?"),
      m_add_compound(db, "INSERT INTO compound(name) VALUES (?)"),
      m_find_building(db, "SELECT id, leader_id FROM building WHERE compound_id = ? AND name = ?"),
      m_add_building(db, "INSERT INTO building(compound_id, name) VALUES (?, ?)"),
      m_set_leader(db, "UPDATE building SET leader_id = ? WHERE id = ?"),
      m_find_unit(db, "SELECT id FROM unit WHERE building_id = ? AND name = ?"),
      m_add_unit(db, "INSERT INTO unit(building_id, name) VALUES (?, ?)"),
      m_find_household(db, "SELECT id, area_centi FROM household WHERE unit_id = ? AND room = ?"),
      m_set_area(db, "UPDATE household SET area_centi = ? WHERE id = ?"),
      m_new_households(db, "household", {"unit_id", "room", "area_centi"}) {}

roster_places::place& roster_places::locate(const roster_row& row, bool& new_room) {
    // Rows of a room usually follow each other, and rooms of a unit: reuse
    // the last row's place as far as it is the same.
    place& at = m_last.at;
    bool same_unit = at.b && row.unit == m_last.unit && row.building == m_last.building &&
                     row.compound == m_last.compound;
    if (!same_unit) {
        std::int64_t compound = compound_id(row.compound);
        at.b = &building(compound, row.building);
        bool created = false;
        at.unit_id = unit_id(at.b->id, row.unit, created);
        m_unit_rooms.start(created);
        m_last.compound = row.compound;
        m_last.building = row.building;
        m_last.unit = row.unit;
    }
    new_room = !same_unit || row.room != m_last.room;
    if (new_room) {
        at.hh = household(at.unit_id, row.room);
        m_last.room = row.room;
    }
    return at;
}

std::int64_t roster_places::compound_id(const std::string& name) {
    if (auto it = m_compounds.find(name); it != m_compounds.end()) return it->second;
    const std::int64_t id = find_or_add(m_db, m_find_compound, m_add_compound, {name});
    m_compounds.emplace(name, id);
    return id;
}

roster_places::building_ref& roster_places::building(std::int64_t compound,
                                                     const std::string& name) {
    auto key = std::pair(compound, name);
    if (auto it = m_buildings.find(key); it != m_buildings.end()) return it->second;
    building_ref b;
    m_find_building.bind(1, compound);
    m_find_building.bind(2, name);
    if (m_find_building.executeStep()) {
        b.id = m_find_building.getColumn(0).getInt64();
        if (!m_find_building.getColumn(1).isNull())
            b.leader = m_find_building.getColumn(1).getInt64();
    } else {
        m_add_building.bind(1, compound);
        m_add_building.bind(2, name);
        m_add_building.exec();
        m_add_building.reset();
        b.id = m_db.getLastInsertRowid();
    }
    m_find_building.reset();
    return m_buildings.emplace(key, b).first->second;
}

// `created`: the unit was added just now (not when it is met again).
std::int64_t roster_places::unit_id(std::int64_t building, const std::string& name, bool& created) {
    auto key = std::pair(building, name);
    if (auto it = m_units.find(key); it != m_units.end()) return it->second;
    m_find_unit.bind(1, building);
    m_find_unit.bind(2, name);
    std::int64_t id = 0;
    if (m_find_unit.executeStep()) {
        id = m_find_unit.getColumn(0).getInt64();
    } else {
        m_add_unit.bind(1, building);
        m_add_unit.bind(2, name);
        m_add_unit.exec();
        m_add_unit.reset();
        id = m_db.getLastInsertRowid();
        created = true;
    }
    m_find_unit.reset();
    m_units.emplace(key, id);
    return id;
}

// A room's household, searched each time the file comes to the room.
// Its rows usually follow each other (m_last), and the search lands on
// pages just used: a cache of rooms in front of it cost more (a key
// formatted, hashed and stored per room) than the searches it saved.
roster_places::household_ref roster_places::household(std::int64_t unit, const std::string& room) {
    household_ref h;
    if (!m_unit_rooms.may_hold(room)) return h;
    flush();
    m_find_household.bind(1, unit);
    m_find_household.bindNoCopy(2, room);
    if (m_find_household.executeStep()) {
        h.id = m_find_household.getColumn(0).getInt64();
        if (!m_find_household.getColumn(1).isNull())
            h.area = m_find_household.getColumn(1).getInt64();
    }
    m_find_household.reset();
    return h;
}

std::int64_t roster_places::add_household(std::int64_t unit, const std::string& room,
                                          std::optional<std::int64_t> area) {
    m_unit_rooms.add(room);
    return m_new_households.add(
        {unit, room, area ? batched_insert::value(*area) : batched_insert::value()});
}

void roster_places::set_area(std::int64_t household, std::int64_t area) {
    flush();  // it may be a household still queued
    m_set_area.bind(1, area);
    m_set_area.bind(2, household);
    m_set_area.exec();
    m_set_area.reset();
}

void roster_places::set_leader(building_ref& b, std::optional<std::int64_t> resident) {
    bind_optional(m_set_leader, 1, resident);
    m_set_leader.bind(2, b.id);
    m_set_leader.exec();
    m_set_leader.reset();
    b.leader = resident;
}

}  // namespace gov::detail
