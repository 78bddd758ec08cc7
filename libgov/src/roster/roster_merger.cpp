#include "roster/roster_merger.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "gov/store/context.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/rational.hpp"
#include "store/interface.hpp"

namespace gov::detail {
namespace {

std::optional<std::string> opt_text(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getString();
}

std::string select_resident() {
    return "SELECT id, household_id, gender, birth_year, phone, role, party_member, volunteer, "
           "committee_member, moved_in, moved_out, remark, active, owner_id, name FROM "
           "resident";
}

}  // namespace

roster_merger::roster_merger(context& ctx, SQLite::Database& db, const roster_layout& layout,
                             roster_import_result& result, const roster_import_options& options)
    : m_cfg(ctx.cfg().roster),
      m_db(db),
      m_layout(layout),
      m_result(result),
      m_options(options),
      m_places(db),
      m_room_query(db, select_resident() + " WHERE household_id = ?"),
      m_match_moved(db, select_resident() +
                            " WHERE phone = ?1 AND phone <> '' AND name = ?2 AND active = 1 "
                            "AND household_id <> ?3 ORDER BY id"),
      m_find_owner(db, "SELECT id FROM owner WHERE ident = ?"),
      m_add_owner(db, "INSERT INTO owner(ident, name, phone) VALUES (?, ?, ?)"),
      m_update_resident(
          db,
          "UPDATE resident SET household_id = ?2, gender = ?3, birth_year = ?4, phone = ?5, "
          "role = ?6, party_member = ?7, volunteer = ?8, committee_member = ?9, "
          "moved_in = ?10, moved_out = ?11, remark = ?12, active = ?13, owner_id = ?14 "
          "WHERE id = ?1"),
      m_new_owners(db, "owner", {"ident", "name", "phone"}),
      m_new_residents(db) {}

// Long on purpose (~110 lines): one roster row against what is stored —
// the checks first (its room's area, the building's leader), then the
// writes (room, owner, the resident found and updated or added) — is the
// path each of 1M rows takes, and its steps share the row's room, building
// and flags. The steps are marked below ("Checks first", "Writes"); what
// they call (find, apply, update, add_resident, owner_id) is apart.
bool roster_merger::merge(const roster_row& row) {
    bool new_room = false;
    roster_places::place& at = m_places.locate(row, new_room);
    if (new_room) m_room_hh = 0;  // read again when the file comes back to a room
    building_ref& b = *at.b;
    std::int64_t unit = at.unit_id;
    household_ref& hh = at.hh;
    auto room_label = [&] {
        return fmt::format("{}/{}-{}-{}", row.compound, row.building, row.unit, row.room);
    };

    // Checks first, so a conflicting row leaves nothing behind.
    std::vector<roster_problem> problems;
    // The first row of a room in the file sets its area; the others must agree.
    if (row.area && hh.id && hh.area && *hh.area != *row.area) {
        if (auto earlier = line_of(m_household_line, hh.id))
            problems.push_back(
                {row.line, m_layout.header[f_area],
                 fmt::format(
                     fmt::runtime(tr("{} differs from {} given for the same room on line {}")),
                     format_hundredths(*row.area), format_hundredths(*hh.area), *earlier)});
    }
    bool claimed_leader = false;
    if (row.building_leader) {
        auto [it, first] = m_leader_line.emplace(b.id, row.line);
        claimed_leader = first;
        if (!first)
            problems.push_back(
                {row.line, m_layout.header[f_building_leader],
                 fmt::format(fmt::runtime(tr("building {} already has its leader on line {}")),
                             row.building, it->second)});
    }
    match_result found = !hh.id              ? match_result{}
                         : hh.id == m_new_hh ? find_new(row)
                                             : find(hh.id, row);
    if (!found.resident && !found.taken_on_line && !m_fresh && use_phone(row) &&
        row.role != m_cfg.owner_role)
        found = find_moved(hh.id, row);
    if (found.taken_on_line)
        problems.push_back({row.line, "",
                            fmt::format(fmt::runtime(tr("the same resident as line {} ({} in {})")),
                                        *found.taken_on_line, row.name, room_label())});
    const std::optional<stored_resident>& match = found.resident;
    if (!problems.empty()) {
        m_result.problems.insert(m_result.problems.end(), problems.begin(), problems.end());
        if (claimed_leader) m_leader_line.erase(b.id);  // a rejected row claims nothing
        return false;
    }

    // Writes.
    std::vector<std::string> changed;
    if (!hh.id) {
        hh.id = m_places.add_household(unit, row.room, row.area);
        hh.area = row.area;
        m_new_hh = hh.id;
        m_new_hh_residents.clear();
    } else if (row.area && hh.area != row.area) {
        m_places.set_area(hh.id, *row.area);
        changed.push_back(fmt::format("{} {}→{}", m_layout.header[f_area],
                                      hh.area ? format_hundredths(*hh.area) : "",
                                      format_hundredths(*row.area)));
        hh.area = row.area;
    }
    if (!line_of(m_household_line, hh.id)) set_line(m_household_line, hh.id, row.line);
    std::optional<std::int64_t> owner =
        row.role == m_cfg.owner_role ? std::optional(owner_id(row, hh.id)) : std::nullopt;
    std::int64_t resident_id = 0;
    if (!match) {
        resident_id = add_resident(hh.id, row, owner);
        if (hh.id == m_room_hh) m_room.push_back(as_stored(resident_id, hh.id, row, owner));
        set_line(m_resident_line, resident_id, row.line);
        if (hh.id == m_new_hh)
            m_new_hh_residents.push_back({row.name, row.phone, row.birth_year, row.line});
        ++m_result.added;
        example(m_result.new_examples, row, room_label, "");
    } else {
        resident_id = match->id;
        stored_resident next = apply(*match, row, hh.id, owner, changed);
        if (!changed.empty()) {
            update(next);
            keep_room(next);
        }
        set_line(m_resident_line, resident_id, row.line);
    }
    if (m_layout.has(f_building_leader)) {
        if (row.building_leader && b.leader != resident_id) {
            set_leader(b, resident_id);
            if (match) changed.push_back(m_layout.header[f_building_leader] + " 否→是");
        } else if (!row.building_leader && b.leader == resident_id) {
            set_leader(b, std::nullopt);
            changed.push_back(m_layout.header[f_building_leader] + " 是→否");
        }
    }
    if (match) {
        std::string detail;
        for (const auto& c : changed) detail += (detail.empty() ? "" : "; ") + c;
        if (changed.empty()) {
            ++m_result.unchanged;
            example(m_result.unchanged_examples, row, room_label, "");
        } else {
            ++m_result.updated;
            example(m_result.updated_examples, row, room_label, detail);
        }
    }
    if (b.id != m_last_covered) {  // rows of a building follow each other: no tree search each
        m_covered.insert(b.id);
        m_last_covered = b.id;
    }
    return true;
}

void roster_merger::sync(const std::string& on) {
    flush();
    std::vector<std::int64_t> gone;
    for (auto building : m_covered) {
        SQLite::Statement q(
            m_db,
            "SELECT r.id, r.name, c.name || '/' || b.name || '-' || u.name || '-' || h.room "
            "FROM resident r JOIN household h ON h.id = r.household_id "
            "JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id "
            "JOIN compound c ON c.id = b.compound_id WHERE r.active = 1 AND b.id = ? ORDER BY "
            "r.id");
        q.bind(1, building);
        while (q.executeStep()) {
            std::int64_t id = q.getColumn(0).getInt64();
            if (line_of(m_resident_line, id)) continue;
            gone.push_back(id);
            if (m_result.moved_out_examples.size() < m_options.examples)
                m_result.moved_out_examples.push_back(
                    {0, q.getColumn(1).getString(), q.getColumn(2).getString(), on});
        }
    }
    SQLite::Statement out(m_db, "UPDATE resident SET active = 0, moved_out = ? WHERE id = ?");
    SQLite::Statement leader(m_db, "UPDATE building SET leader_id = NULL WHERE leader_id = ?");
    for (auto id : gone) {
        out.bind(1, on);
        out.bind(2, id);
        out.exec();
        out.reset();
        leader.bind(1, id);
        leader.exec();
        leader.reset();
    }
    m_result.moved_out = gone.size();
}

void roster_merger::set_deferred(deferred_indexes& indexes) {
    m_deferred = &indexes;
    m_fresh = true;
    // Every row may add an owner: the directory from the start.
    if (!m_owners) m_owners.emplace(m_db);
}

// The line of the file that first named a record, by record id (0: none
// yet). Four bytes per record keeps memory small for a million residents.
std::optional<std::uint64_t> roster_merger::line_of(const std::vector<std::uint32_t>& lines,
                                                    std::int64_t id) {
    auto i = static_cast<std::size_t>(id);
    if (i < lines.size() && lines[i] != 0) return lines[i];
    return std::nullopt;
}
void roster_merger::set_line(std::vector<std::uint32_t>& lines, std::int64_t id,
                             std::uint64_t line) {
    auto i = static_cast<std::size_t>(id);
    if (i >= lines.size()) lines.resize(std::max(i + 1, lines.size() * 2));
    lines[i] = static_cast<std::uint32_t>(line);
}

roster_merger::stored_resident roster_merger::read_resident(SQLite::Statement& q) {
    stored_resident r;
    r.id = q.getColumn(0).getInt64();
    r.household_id = q.getColumn(1).getInt64();
    r.gender = q.getColumn(2).getString();
    if (!q.getColumn(3).isNull()) r.birth_year = q.getColumn(3).getInt();
    r.phone = q.getColumn(4).getString();
    r.role = q.getColumn(5).getString();
    r.party_member = q.getColumn(6).getInt() != 0;
    r.volunteer = q.getColumn(7).getInt() != 0;
    r.committee_member = q.getColumn(8).getInt() != 0;
    r.moved_in = opt_text(q.getColumn(9));
    r.moved_out = opt_text(q.getColumn(10));
    r.remark = q.getColumn(11).getString();
    r.active = q.getColumn(12).getInt() != 0;
    if (!q.getColumn(13).isNull()) r.owner_id = q.getColumn(13).getInt64();
    r.name = q.getColumn(14).getString();
    return r;
}

// Picks the stored resident a row stands for among those with its key.
// A parent and child may share name and phone in one room (children often
// carry a parent's phone), so the birth year tells them apart: a resident
// already taken by an earlier row of the file is that row's, unless the
// birth years agree — then the row repeats it. Candidates come in id
// order; the first of the best rank wins.
void roster_merger::consider(const stored_resident& r, const roster_row& row, match_result& best,
                             int& best_rank) const {
    bool same_year = !row.birth_year || !r.birth_year || *row.birth_year == *r.birth_year;
    auto taken = line_of(m_resident_line, r.id);
    int rank = !taken ? (same_year ? 4 : 3) : (same_year ? 2 : 0);
    if (rank > best_rank) {
        best_rank = rank;
        best = {r, taken};
    }
}

roster_merger::match_result roster_merger::read_match(SQLite::Statement& q, const roster_row& row) {
    match_result best;
    int best_rank = 0;  // 4 free & same year, 3 free, 2 taken & same year
    while (q.executeStep()) consider(read_resident(q), row, best, best_rank);
    q.reset();
    return best;
}

// Residents of a room made by this import, while its rows follow each
// other, are matched in memory: each was taken by its own row, so only a
// repeat of one (same name, phone and birth year) is found here.
roster_merger::match_result roster_merger::find_new(const roster_row& row) const {
    for (const auto& r : m_new_hh_residents)
        if (r.name == row.name && (!use_phone(row) || r.phone == row.phone) &&
            (!row.birth_year || !r.birth_year || *row.birth_year == *r.birth_year))
            return {std::nullopt, r.line};
    return {};
}

// A stored room's residents are read once when the file comes to the
// room, not searched by name for each row: one index search a room
// instead of one a row. The list is kept as this import changes the room
// (see keep_room) while its rows follow each other, and read again when
// the file comes back to it.
roster_merger::match_result roster_merger::find(std::int64_t hh, const roster_row& row) {
    if (m_room_hh != hh) {
        flush();
        if (m_deferred) m_deferred->need("resident_household");
        m_room.clear();
        m_room_query.bind(1, hh);
        while (m_room_query.executeStep()) m_room.push_back(read_resident(m_room_query));
        m_room_query.reset();
        std::sort(m_room.begin(), m_room.end(),
                  [](const stored_resident& a, const stored_resident& b) { return a.id < b.id; });
        m_room_hh = hh;
    }
    match_result best;
    int best_rank = 0;
    for (const auto& r : m_room)
        if (r.name == row.name && (!use_phone(row) || r.phone == row.phone))
            consider(r, row, best, best_rank);
    return best;
}

// A resident as add_resident stores them.
roster_merger::stored_resident roster_merger::as_stored(std::int64_t id, std::int64_t hh,
                                                        const roster_row& row,
                                                        std::optional<std::int64_t> owner) {
    stored_resident r;
    r.id = id;
    r.household_id = hh;
    r.name = row.name;
    r.gender = row.gender;
    r.birth_year = row.birth_year;
    r.phone = row.phone;
    r.role = row.role;
    r.party_member = row.party_member;
    r.volunteer = row.volunteer;
    r.committee_member = row.committee_member;
    r.moved_in = row.moved_in;
    r.moved_out = row.moved_out;
    r.remark = row.remark;
    r.active = !row.moved_out;
    r.owner_id = owner;
    return r;
}

// Keeps the list of the room's residents as the database after an update.
void roster_merger::keep_room(const stored_resident& r) {
    auto at = std::lower_bound(m_room.begin(), m_room.end(), r.id,
                               [](const stored_resident& a, std::int64_t id) { return a.id < id; });
    bool listed = at != m_room.end() && at->id == r.id;
    if (r.household_id != m_room_hh) {
        if (listed) m_room.erase(at);
    } else if (listed) {
        *at = r;
    } else {
        m_room.insert(at, r);
    }
}

// A resident (not an owner: owners may hold several rooms) found under the
// same name and phone in another room, and not in the file there, has
// moved within the community.
roster_merger::match_result roster_merger::find_moved(std::int64_t hh, const roster_row& row) {
    flush();
    m_match_moved.bind(1, row.phone);
    m_match_moved.bind(2, row.name);
    m_match_moved.bind(3, hh);
    match_result r = read_match(m_match_moved, row);
    if (r.taken_on_line) return {};
    return r;
}

roster_merger::stored_resident roster_merger::apply(const stored_resident& s, const roster_row& row,
                                                    std::int64_t hh,
                                                    std::optional<std::int64_t> owner,
                                                    std::vector<std::string>& changed) {
    stored_resident n = s;
    auto h = [&](roster_field f) { return m_layout.header[f]; };
    auto text = [&](roster_field f, std::string& field, const std::string& value) {
        if (m_layout.has(f) && field != value) {
            changed.push_back(fmt::format("{} {}→{}", h(f), field, value));
            field = value;
        }
    };
    auto flag = [&](roster_field f, bool& field, bool value) {
        if (m_layout.has(f) && field != value) {
            changed.push_back(
                fmt::format("{} {}→{}", h(f), field ? "是" : "否", value ? "是" : "否"));
            field = value;
        }
    };
    auto opt = [&](roster_field f, std::optional<std::string>& field,
                   const std::optional<std::string>& value) {
        if (m_layout.has(f) && field != value) {
            changed.push_back(
                fmt::format("{} {}→{}", h(f), field.value_or(""), value.value_or("")));
            field = value;
        }
    };
    if (n.household_id != hh) {
        changed.push_back(tr("moved to another room"));
        n.household_id = hh;
    }
    text(f_gender, n.gender, row.gender);
    if (m_layout.has(f_birth_year) && n.birth_year != row.birth_year) {
        changed.push_back(fmt::format("{} {}→{}", h(f_birth_year),
                                      n.birth_year ? std::to_string(*n.birth_year) : "",
                                      row.birth_year ? std::to_string(*row.birth_year) : ""));
        n.birth_year = row.birth_year;
    }
    if (n.phone != row.phone && m_layout.has(f_phone)) {
        changed.push_back(
            fmt::format("{} changed", h(f_phone)));  // never the numbers: reports are shared
        n.phone = row.phone;
    }
    text(f_role, n.role, row.role);
    flag(f_party_member, n.party_member, row.party_member);
    flag(f_volunteer, n.volunteer, row.volunteer);
    flag(f_committee_member, n.committee_member, row.committee_member);
    opt(f_moved_in, n.moved_in, row.moved_in);
    text(f_remark, n.remark, row.remark);
    // In the file and without a moved-out date: living here (again).
    std::optional<std::string> out = m_layout.has(f_moved_out) ? row.moved_out : std::nullopt;
    if (n.moved_out != out) {
        changed.push_back(
            fmt::format("{} {}→{}", h(f_moved_out), n.moved_out.value_or(""), out.value_or("")));
        n.moved_out = out;
    }
    bool active = !out.has_value();
    if (n.active != active) {
        if (active) changed.push_back(tr("active again"));
        n.active = active;
    }
    if (n.owner_id != owner) {
        if (!(n.owner_id && owner)) changed.push_back(tr("owner record"));
        n.owner_id = owner;
    }
    return n;
}

void roster_merger::update(const stored_resident& r) {
    flush();
    auto& q = m_update_resident;
    q.bind(1, r.id);
    q.bind(2, r.household_id);
    q.bind(3, r.gender);
    bind_optional(q, 4, r.birth_year);
    q.bind(5, r.phone);
    q.bind(6, r.role);
    q.bind(7, r.party_member ? 1 : 0);
    q.bind(8, r.volunteer ? 1 : 0);
    q.bind(9, r.committee_member ? 1 : 0);
    bind_optional(q, 10, r.moved_in);
    bind_optional(q, 11, r.moved_out);
    q.bind(12, r.remark);
    q.bind(13, r.active ? 1 : 0);
    bind_optional(q, 14, r.owner_id);
    q.exec();
    q.reset();
}

// Queued, inserted in batches: see flush().
std::int64_t roster_merger::add_resident(std::int64_t hh, const roster_row& row,
                                         std::optional<std::int64_t> owner) {
    return m_new_residents.add(hh, row, owner);
}

// One owner however many rooms: the same name and phone is the same
// person; without a phone, the name within this room.
std::int64_t roster_merger::owner_id(const roster_row& row, std::int64_t hh) {
    m_ident.clear();
    if (row.phone.empty())
        fmt::format_to(std::back_inserter(m_ident), "room:{}|{}", hh, row.name);
    else
        fmt::format_to(std::back_inserter(m_ident), "{}|{}", row.phone, row.name);
    // A few owners are searched in the ident index; past that, reading
    // them all once is cheaper than a random read of the index per row.
    if (!m_owners && ++m_owner_searches > k_owner_searches) m_owners.emplace(m_db);
    if (!m_owners)
        return find_or_add(m_db, m_find_owner, m_add_owner, {m_ident, row.name, row.phone}, 1);
    if (auto id = m_owners->find(m_ident)) return *id;
    // The directory knows every owner from here on, so nothing searches
    // the table before the end: new owners are queued.
    std::int64_t id = m_new_owners.add({m_ident, row.name, row.phone});
    m_owners->add(m_ident, id);
    return id;
}

void roster_merger::set_leader(building_ref& b, std::optional<std::int64_t> resident) {
    flush();  // the leader may be a resident still queued
    m_places.set_leader(b, resident);
}

// The room's label is made only for an example kept, not for each of a
// million rows.
template <class Label>
void roster_merger::example(std::vector<roster_example>& list, const roster_row& row,
                            const Label& room, const std::string& detail) {
    if (list.size() < m_options.examples) list.push_back({row.line, row.name, room(), detail});
}

}  // namespace gov::detail
