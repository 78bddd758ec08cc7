// Freezing an electorate when a proposal opens: the roster as it is now,
// written into proposal_voter with each voter's label, weight and head group,
// so that later roster changes do not alter the vote.
//
// Head groups follow the Supreme People's Court interpretation (法释〔2009〕7号
// art. 9, see docs/tally-format.md): the rooms of one owner are one head, and
// all the developer's unsold units together are one head.

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "voting/proposal_internal.hpp"

namespace gov::detail {

namespace {

// " AND (u.building_id IN (…) OR b.compound_id IN (…))", or "" for the whole
// community. Ids are integers from the database, so formatting them is safe.
std::string scope_sql(const electorate_spec& spec, std::string_view building_col,
                      std::string_view compound_col) {
    auto list = [](const std::vector<std::int64_t>& ids) {
        std::string s;
        for (auto id : ids) {
            if (!s.empty()) s += ',';
            s += std::to_string(id);
        }
        return s;
    };
    std::vector<std::string> parts;
    if (!spec.building_ids.empty())
        parts.push_back(fmt::format("{} IN ({})", building_col, list(spec.building_ids)));
    if (!spec.compound_ids.empty())
        parts.push_back(fmt::format("{} IN ({})", compound_col, list(spec.compound_ids)));
    if (parts.empty()) return "";
    return " AND (" + parts[0] + (parts.size() > 1 ? " OR " + parts[1] : "") + ")";
}

// A voter about to be frozen. `owner` names the head group of an owned room:
// the owner's id, or developer_group for the developer's unsold units; a
// voter without one is a group of their own.
constexpr std::int64_t developer_group = -1;

struct frozen_voter {
    std::int64_t id = 0;  // household or resident id
    std::string label;
    std::int64_t weight = 100;
    std::optional<std::int64_t> owner;
};

class freezer {
  public:
    freezer(SQLite::Database& db, std::int64_t proposal)
        : m_proposal(proposal),
          m_insert(db,
                   "INSERT INTO proposal_voter(proposal_id, seq, voter_id, label, weight, grp, "
                   "group_key) VALUES (?, ?, ?, ?, ?, ?, ?)") {}

    void add(const frozen_voter& v) {
        std::int64_t grp = m_next_group;
        std::string key;
        if (v.owner) {
            auto [it, added] = m_groups.emplace(*v.owner, m_next_group);
            grp = it->second;
            key = *v.owner == developer_group ? std::string("developer")
                                              : "owner-" + std::to_string(*v.owner);
        }
        if (grp == m_next_group) ++m_next_group;
        m_insert.bind(1, m_proposal);
        m_insert.bind(2, m_count);
        m_insert.bind(3, v.id);
        m_insert.bind(4, v.label);
        m_insert.bind(5, v.weight);
        m_insert.bind(6, grp);
        if (v.owner)
            m_insert.bind(7, key);
        else
            m_insert.bind(7);
        m_insert.exec();
        m_insert.reset();
        ++m_count;
    }
    std::int64_t count() const { return m_count; }

  private:
    std::int64_t m_proposal;
    SQLite::Statement m_insert;
    std::unordered_map<std::int64_t, std::int64_t> m_groups;  // owner → grp
    std::int64_t m_next_group = 0;
    std::int64_t m_count = 0;
};

std::string room_label(const std::unordered_map<std::int64_t, std::string>& prefixes,
                       std::int64_t building, const std::string& unit, const std::string& room) {
    auto it = prefixes.find(building);
    return fmt::format("{}-{}-{}", it == prefixes.end() ? "?" : it->second, unit, room);
}

std::unordered_set<std::int64_t> developer_owners(SQLite::Database& db) {
    std::unordered_set<std::int64_t> out;
    SQLite::Statement q(db, "SELECT id FROM owner WHERE is_developer = 1");
    while (q.executeStep()) out.insert(q.getColumn(0).getInt64());
    return out;
}

// People: residents (adults) or building leaders, labelled "name (room)".
// An owner of several rooms has a resident row in each but is one person:
// only their first row (lowest id) in scope becomes a voter. The developer's
// rows stand for unsold units, not people, and are left out.
void freeze_people(SQLite::Database& db, const electorate_spec& spec, const date& today,
                   freezer& out) {
    auto prefixes = building_prefixes(db);
    auto developer = developer_owners(db);
    std::string sql;
    if (spec.kind == electorate_kind::leaders) {
        sql =
            "SELECT DISTINCT r.id, r.name, u.building_id, u.name, h.room, r.owner_id "
            "FROM building lb JOIN resident r ON r.id = lb.leader_id "
            "JOIN household h ON h.id = r.household_id JOIN unit u ON u.id = h.unit_id "
            "WHERE r.active = 1" +
            scope_sql(spec, "lb.id", "lb.compound_id") + " ORDER BY r.id";
    } else {
        // Adults: born in or before this year − 18. A missing birth year is
        // not a reason to take someone's vote away, so it counts as adult.
        int adult_year = static_cast<int>(today.year()) - 18;
        sql = fmt::format(
            "SELECT r.id, r.name, u.building_id, u.name, h.room, r.owner_id FROM resident r "
            "JOIN household h ON h.id = r.household_id JOIN unit u ON u.id = h.unit_id "
            "JOIN building b ON b.id = u.building_id WHERE r.active = 1 "
            "AND (r.birth_year IS NULL OR r.birth_year <= {}){} ORDER BY r.id",
            adult_year, scope_sql(spec, "u.building_id", "b.compound_id"));
    }
    SQLite::Statement q(db, sql);
    std::unordered_set<std::int64_t> owners_seen;
    while (q.executeStep()) {
        if (!q.getColumn(5).isNull()) {
            std::int64_t owner = q.getColumn(5).getInt64();
            if (spec.kind == electorate_kind::residents && developer.count(owner)) continue;
            if (!owners_seen.insert(owner).second) continue;
        }
        out.add({q.getColumn(0).getInt64(),
                 fmt::format("{} ({})", q.getColumn(1).getString(),
                             room_label(prefixes, q.getColumn(2).getInt64(),
                                        q.getColumn(3).getString(), q.getColumn(4).getString())),
                 100, std::nullopt});
    }
}

// Rooms in scope, in id order, with what each needs: id, label, area.
template <class Visit>
void for_each_room(SQLite::Database& db, const electorate_spec& spec, Visit visit) {
    auto prefixes = building_prefixes(db);
    SQLite::Statement q(db,
                        "SELECT h.id, u.building_id, u.name, h.room, h.area_centi FROM household h "
                        "JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id "
                        "WHERE 1" +
                            scope_sql(spec, "u.building_id", "b.compound_id") + " ORDER BY h.id");
    while (q.executeStep()) {
        std::optional<std::int64_t> area;
        if (!q.getColumn(4).isNull()) area = q.getColumn(4).getInt64();
        visit(
            q.getColumn(0).getInt64(),
            [&] {
                return room_label(prefixes, q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                                  q.getColumn(3).getString());
            },
            area);
    }
}

// Rooms: every room with an active resident, one vote each. A room whose
// only "resident" is the developer (an unsold unit) has nobody to vote.
void freeze_households(SQLite::Database& db, const electorate_spec& spec, freezer& out) {
    // One pass over the residents rather than a subquery per room: a
    // million rooms freeze in seconds, not minutes.
    auto developer = developer_owners(db);
    std::unordered_set<std::int64_t> lived_in;
    SQLite::Statement r(db, "SELECT household_id, owner_id FROM resident WHERE active = 1");
    while (r.executeStep())
        if (r.getColumn(1).isNull() || !developer.count(r.getColumn(1).getInt64()))
            lived_in.insert(r.getColumn(0).getInt64());
    for_each_room(db, spec, [&](std::int64_t id, auto label, const auto&) {
        if (lived_in.count(id)) out.add({id, label(), 100, std::nullopt});
    });
}

// Owners by floor area: every owned room (an active resident linked to an
// owner record), weighing its area, grouped by owner. A room recorded with
// several owners (co-owners) is one voter; its group is the owner recorded
// first (lowest resident id), since a room has one vote however many hold it.
void freeze_owners(SQLite::Database& db, const electorate_spec& spec, freezer& out) {
    auto developer = developer_owners(db);
    std::unordered_map<std::int64_t, std::int64_t> owner_of;  // household → owner
    SQLite::Statement r(db,
                        "SELECT household_id, owner_id FROM resident "
                        "WHERE active = 1 AND owner_id IS NOT NULL ORDER BY id");
    while (r.executeStep()) owner_of.emplace(r.getColumn(0).getInt64(), r.getColumn(1).getInt64());
    std::vector<std::string> no_area;
    for_each_room(
        db, spec, [&](std::int64_t id, auto label, const std::optional<std::int64_t>& area) {
            auto it = owner_of.find(id);
            if (it == owner_of.end()) return;
            if (!area) {
                no_area.push_back(label());
                return;
            }
            out.add(
                {id, label(), *area, developer.count(it->second) ? developer_group : it->second});
        });
    if (!no_area.empty()) {
        std::string shown;
        for (std::size_t i = 0; i < no_area.size() && i < 12; ++i) {
            if (i > 0) shown += ", ";
            shown += no_area[i];
        }
        if (no_area.size() > 12) shown += ", …";
        throw input_error(fmt::format(
            fmt::runtime(tr("{} owned room(s) have no floor area, which an owners' vote weighs: "
                            "{}; record their 建筑面积 in the roster first")),
            no_area.size(), shown));
    }
}

void freeze_list(SQLite::Database& db, const electorate_spec& spec, freezer& out) {
    auto prefixes = building_prefixes(db);
    bool people = spec.voters == voter_kind::resident;
    SQLite::Statement q(
        db, people ? "SELECT r.name, u.building_id, u.name, h.room FROM resident r "
                     "JOIN household h ON h.id = r.household_id JOIN unit u ON u.id = h.unit_id "
                     "WHERE r.id = ?"
                   : "SELECT '', u.building_id, u.name, h.room FROM household h "
                     "JOIN unit u ON u.id = h.unit_id WHERE h.id = ?");
    for (std::int64_t id : spec.list_ids) {
        q.bind(1, id);
        if (!q.executeStep())
            throw not_found(fmt::format(fmt::runtime(tr("{} #{} on the list no longer exists")),
                                        people ? tr("resident") : tr("household"), id));
        std::string room = room_label(prefixes, q.getColumn(1).getInt64(),
                                      q.getColumn(2).getString(), q.getColumn(3).getString());
        out.add({id, people ? fmt::format("{} ({})", q.getColumn(0).getString(), room) : room, 100,
                 std::nullopt});
        q.reset();
    }
}

}  // namespace

std::unordered_map<std::int64_t, std::string> building_prefixes(SQLite::Database& db) {
    SQLite::Statement q(db,
                        "SELECT b.id, b.name, c.name, (SELECT count(*) FROM building o WHERE "
                        "o.name = b.name) FROM building b JOIN compound c ON c.id = b.compound_id");
    std::unordered_map<std::int64_t, std::string> out;
    while (q.executeStep()) {
        std::string name = q.getColumn(1).getString();
        if (q.getColumn(3).getInt64() > 1) name = q.getColumn(2).getString() + "/" + name;
        out.emplace(q.getColumn(0).getInt64(), std::move(name));
    }
    return out;
}

std::int64_t freeze_electorate(SQLite::Database& db, std::int64_t proposal_id,
                               const electorate_spec& spec, const date& today) {
    freezer out(db, proposal_id);
    switch (spec.kind) {
        case electorate_kind::residents:
        case electorate_kind::leaders:
            freeze_people(db, spec, today, out);
            break;
        case electorate_kind::households:
            freeze_households(db, spec, out);
            break;
        case electorate_kind::owners:
            freeze_owners(db, spec, out);
            break;
        case electorate_kind::list:
            freeze_list(db, spec, out);
            break;
    }
    if (out.count() == 0)
        throw input_error(fmt::format(
            fmt::runtime(tr("the electorate ({}) is empty: nobody in the roster qualifies")),
            describe_electorate(db, spec)));
    return out.count();
}

}  // namespace gov::detail
