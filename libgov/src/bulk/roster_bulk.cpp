#include "bulk/roster_bulk.hpp"

#include <algorithm>
#include <functional>

#include "bulk/bulk_settings.hpp"

namespace gov::detail {

bulk_indexes::bulk_indexes(SQLite::Database& db) : m_db(db) {
    if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM resident)").getInt() != 0) return;
    // Triggers last, so that they are made again after the indexes.
    SQLite::Statement q(db,
                        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', "
                        "'trigger') AND tbl_name IN ('resident', 'owner') AND sql IS NOT NULL "
                        "ORDER BY type = 'trigger', name");
    std::vector<std::string> drops;
    while (q.executeStep()) {
        const std::string type = q.getColumn(0).getString(), name = q.getColumn(1).getString();
        drops.push_back((type == "index" ? "DROP INDEX " : "DROP TRIGGER ") + name);
        m_indexes.emplace_back(name, q.getColumn(2).getString());
    }
    q.reset();
    for (const auto& drop : drops) db.exec(drop);
    // What those triggers would have done at the first resident (migration 9).
    db.exec("DELETE FROM phone_directory");
    m_active = true;
}

void bulk_indexes::need(std::string_view name) {
    auto it = std::find_if(m_indexes.begin(), m_indexes.end(),
                           [&](const auto& index) { return index.first == name; });
    if (it == m_indexes.end()) return;
    auto index = *it;
    m_indexes.erase(it);
    create_indexes(m_db, {index});
}

void bulk_indexes::restore() {
    create_indexes(m_db, m_indexes);
    m_indexes.clear();
}

namespace {

std::uint64_t room_hash(std::string_view room) {
    return std::hash<std::string_view>{}(room) | 1;  // never 0, the empty slot
}

}  // namespace

void new_unit_rooms::start(bool created) {
    m_active = created;
    m_count = 0;
    if (m_slots.size() > 1024)
        m_slots = std::vector<std::uint64_t>(1024);  // a huge unit does not slow every next one
    else
        std::fill(m_slots.begin(), m_slots.end(), 0);
}

bool new_unit_rooms::may_hold(std::string_view room) const {
    if (!m_active) return true;
    const std::uint64_t h = room_hash(room);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t s = h & mask;; s = (s + 1) & mask) {
        if (m_slots[s] == h) return true;
        if (m_slots[s] == 0) return false;
    }
}

void new_unit_rooms::add(std::string_view room) {
    if (!m_active) return;
    if ((m_count + 1) * 2 > m_slots.size()) {
        std::vector<std::uint64_t> old(m_slots.size() * 2);
        old.swap(m_slots);
        m_count = 0;
        for (auto h : old)
            if (h) put(h);
    }
    put(room_hash(room));
}

void new_unit_rooms::put(std::uint64_t hash) {
    const std::size_t mask = m_slots.size() - 1;
    std::size_t s = hash & mask;
    while (m_slots[s] != 0 && m_slots[s] != hash) s = (s + 1) & mask;
    if (m_slots[s] == 0) ++m_count;
    m_slots[s] = hash;
}

}  // namespace gov::detail
