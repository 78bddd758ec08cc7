#include "gov/roster/org.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "roster/interface.hpp"
#include "roster/roster_records.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

using detail::optional_id;
using nlohmann::json;

// 0 for the top of the tree (party_committee) down to 3; -1 when unknown.
int level(std::string_view kind) {
    const auto& kinds = org_kinds();
    auto it = std::find(kinds.begin(), kinds.end(), kind);
    return it == kinds.end() ? -1 : static_cast<int>(it - kinds.begin());
}

constexpr const char* org_select =
    "SELECT o.id, o.parent_id, o.kind, o.name, o.compound_id, coalesce(c.name, ''), "
    "o.building_id, coalesce(bc.name || '/' || b.name, ''), o.household_id, "
    "coalesce(hc.name || '/' || hb.name || '-' || hu.name || '-' || h.room, '') "
    "FROM org_unit o LEFT JOIN compound c ON c.id = o.compound_id "
    "LEFT JOIN building b ON b.id = o.building_id "
    "LEFT JOIN compound bc ON bc.id = b.compound_id "
    "LEFT JOIN household h ON h.id = o.household_id "
    "LEFT JOIN unit hu ON hu.id = h.unit_id LEFT JOIN building hb ON hb.id = hu.building_id "
    "LEFT JOIN compound hc ON hc.id = hb.compound_id ";

org_unit read_org(SQLite::Statement& q) {
    org_unit o;
    o.id = q.getColumn(0).getInt64();
    o.parent_id = optional_id(q.getColumn(1));
    o.kind = q.getColumn(2).getString();
    o.name = q.getColumn(3).getString();
    o.compound_id = optional_id(q.getColumn(4));
    o.compound = q.getColumn(5).getString();
    o.building_id = optional_id(q.getColumn(6));
    o.building = q.getColumn(7).getString();
    o.household_id = optional_id(q.getColumn(8));
    o.household = q.getColumn(9).getString();
    return o;
}

org_unit load_org(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, std::string(org_select) + "WHERE o.id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        throw not_found(fmt::format(fmt::runtime(tr("no organisation unit #{}")), id));
    return read_org(q);
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    if (!text.empty() && text.front() == '#') text.remove_prefix(1);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
    return id;
}

std::int64_t compound_of_building(SQLite::Database& db, std::int64_t building_id) {
    SQLite::Statement q(db, "SELECT compound_id FROM building WHERE id = ?");
    q.bind(1, building_id);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

void require(bool ok, const std::string& message) {
    if (!ok) throw input_error(message);
}

}  // namespace

const std::vector<std::string>& org_kinds() {
    static const std::vector<std::string> kinds = {"party_committee", "compound_branch",
                                                   "building_group", "party_household"};
    return kinds;
}

namespace {

// A form as checked before the database is read: its kind's level (0 the
// committee … 3 a party-member household) and the places given.
struct org_request {
    std::string name, kind;
    int level = 0;
    std::optional<std::int64_t> parent;
    std::string compound, building, household;
};

org_request checked_form(const org_form& form) {
    org_request r;
    r.name = detail::trim(form.name, detail::whitespace::line_ends);
    r.kind = detail::trim(form.kind, detail::whitespace::line_ends);
    require(!r.name.empty(), tr("name: required"));
    r.level = level(r.kind);
    require(r.level >= 0, fmt::format(fmt::runtime(tr("kind: \"{}\" is not one of {}")), r.kind,
                                      detail::joined(org_kinds())));
    std::string_view parent_text = detail::trim(form.parent, detail::whitespace::line_ends);
    if (!parent_text.empty()) {
        r.parent = parse_id(parent_text);
        require(
            r.parent.has_value(),
            fmt::format(fmt::runtime(tr("parent: \"{}\" is not a unit id like 3")), parent_text));
    }
    require(r.level != 0 || !r.parent,
            tr("parent: a party committee is the top of the tree and has no parent"));
    require(r.level == 0 || r.parent,
            fmt::format(fmt::runtime(tr("parent: required for a {} (the id of the unit above it, "
                                        "see the organisation list)")),
                        r.kind));
    // Which places each kind is for: a committee the whole community, a
    // branch a compound, a group a building, a party-member household its room.
    r.compound = detail::trim(form.compound, detail::whitespace::line_ends);
    r.building = detail::trim(form.building, detail::whitespace::line_ends);
    r.household = detail::trim(form.household, detail::whitespace::line_ends);
    require(r.compound.empty() || r.level >= 1,
            fmt::format(fmt::runtime(tr("compound: a {} is not for one compound")), r.kind));
    require(r.building.empty() || r.level >= 2,
            fmt::format(fmt::runtime(tr("building: a {} is not for one building")), r.kind));
    require(r.household.empty() || r.level == 3, tr("household: only a party_household has one"));
    require(r.level != 3 || !r.household.empty(),
            tr("household: required for a party_household (its room, e.g. 12-3-1502)"));
    return r;
}

struct org_places {
    std::optional<std::int64_t> compound, building, household;
};

// The places named, found in the roster and checked against each other (a
// household in the building given, a building in the compound) and against
// the parent's (a unit is for a part of its parent's place).
org_places resolve_places(SQLite::Database& db, const org_request& r,
                          const std::optional<org_unit>& parent) {
    org_places at;
    if (!r.compound.empty()) at.compound = detail::resolve_compound(db, r.compound);
    if (!r.building.empty()) {
        std::string ref = r.building;
        if (at.compound && ref.find('/') == std::string::npos && ref.rfind('#', 0) != 0)
            ref = r.compound + "/" + ref;
        at.building = detail::resolve_building(db, ref);
    }
    if (!r.household.empty()) {
        at.household = detail::resolve_household(db, r.household);
        auto h = detail::locate_household(db, *at.household);
        require(!at.building || *at.building == h.building_id,
                fmt::format(fmt::runtime(tr("household: {} is not in building {}")), h.label,
                            detail::building_label(db, *at.building)));
        at.building = h.building_id;
    }
    if (at.building) {
        std::int64_t in = compound_of_building(db, *at.building);
        require(!at.compound || *at.compound == in,
                fmt::format(fmt::runtime(tr("building: {} is not in compound \"{}\"")),
                            detail::building_label(db, *at.building), r.compound));
        at.compound = in;
    }
    if (parent && parent->compound_id && at.compound)
        require(*parent->compound_id == *at.compound,
                fmt::format(fmt::runtime(tr("compound: the parent #{} is for compound \"{}\"")),
                            parent->id, parent->compound));
    if (parent && parent->building_id && at.building)
        require(*parent->building_id == *at.building,
                fmt::format(fmt::runtime(tr("building: the parent #{} is for building {}")),
                            parent->id, parent->building));
    return at;
}

void refuse_duplicate(SQLite::Database& db, const org_request& r) {
    SQLite::Statement dup(db, "SELECT id FROM org_unit WHERE parent_id IS ? AND name = ?");
    detail::bind_optional(dup, 1, r.parent);
    dup.bind(2, r.name);
    if (dup.executeStep())
        throw conflict(
            fmt::format(fmt::runtime(tr("organisation unit \"{}\" already exists there (#{})")),
                        r.name, dup.getColumn(0).getInt64()));
}

std::int64_t insert_org(SQLite::Database& db, const org_request& r, const org_places& at) {
    SQLite::Statement ins(db,
                          "INSERT INTO org_unit(parent_id, kind, name, compound_id, "
                          "building_id, household_id) VALUES (?, ?, ?, ?, ?, ?)");
    detail::bind_optional(ins, 1, r.parent);
    ins.bind(2, r.kind);
    ins.bind(3, r.name);
    detail::bind_optional(ins, 4, at.compound);
    detail::bind_optional(ins, 5, at.building);
    detail::bind_optional(ins, 6, at.household);
    ins.exec();
    return db.getLastInsertRowid();
}

}  // namespace

org_unit add_org_unit(context& ctx, const org_form& form) {
    const org_request r = checked_form(form);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        std::optional<org_unit> parent;
        if (r.parent) {
            parent = load_org(db, *r.parent);
            std::vector<std::string> above(org_kinds().begin(), org_kinds().begin() + r.level);
            require(level(parent->kind) < r.level,
                    fmt::format(fmt::runtime(tr("parent: #{} is a {}; a {} goes under one of {}")),
                                parent->id, parent->kind, r.kind, detail::joined(above)));
        }
        const org_places at = resolve_places(db, r, parent);
        refuse_duplicate(db, r);
        org_unit made = load_org(db, insert_org(db, r, at));
        for (auto up = made.parent_id; up; up = load_org(db, *up).parent_id) ++made.depth;
        tx.audit("org.add", "org_unit", std::to_string(made.id),
                 {{"name", made.name},
                  {"kind", made.kind},
                  {"parent_id", made.parent_id ? json(*made.parent_id) : json(nullptr)},
                  {"compound", detail::json_text(made.compound)},
                  {"building", detail::json_text(made.building)},
                  {"household", detail::json_text(made.household)}});
        tx.commit();
        return made;
    });
}

std::vector<org_unit> list_org_units(context& ctx) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        SQLite::Statement q(db, std::string(org_select) + "ORDER BY o.name, o.id");
        std::vector<org_unit> all;
        while (q.executeStep()) all.push_back(read_org(q));

        std::map<std::int64_t, std::size_t> index;
        for (std::size_t i = 0; i < all.size(); ++i) index[all[i].id] = i;
        SQLite::Statement cared(
            db,
            "SELECT oh.org_unit_id, c.name || '/' || b.name || '-' || u.name || '-' || h.room "
            "FROM org_unit_household oh JOIN household h ON h.id = oh.household_id "
            "JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id "
            "JOIN compound c ON c.id = b.compound_id ORDER BY c.name, CAST(b.name AS INTEGER), "
            "b.name, CAST(u.name AS INTEGER), u.name, CAST(h.room AS INTEGER), h.room");
        while (cared.executeStep())
            all[index.at(cared.getColumn(0).getInt64())].looks_after.push_back(
                cared.getColumn(1).getString());

        // Depth first: children follow their parent, siblings by kind then name.
        std::multimap<std::optional<std::int64_t>, std::size_t> children;
        for (std::size_t i = 0; i < all.size(); ++i) children.emplace(all[i].parent_id, i);
        std::vector<org_unit> out;
        auto visit = [&](auto&& self, std::optional<std::int64_t> parent, int depth) -> void {
            std::vector<std::size_t> kids;
            auto [lo, hi] = children.equal_range(parent);
            for (auto it = lo; it != hi; ++it) kids.push_back(it->second);
            std::stable_sort(kids.begin(), kids.end(), [&](std::size_t a, std::size_t b) {
                return level(all[a].kind) < level(all[b].kind);
            });
            for (std::size_t k : kids) {
                all[k].depth = depth;
                out.push_back(all[k]);
                self(self, all[k].id, depth + 1);
            }
        };
        visit(visit, std::nullopt, 0);
        return out;
    });
}

org_assignment assign_households(context& ctx, std::int64_t org_id,
                                 const std::vector<std::string>& rooms) {
    if (rooms.empty()) throw input_error(tr("no room given to look after"));
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        org_unit unit = load_org(db, org_id);
        require(unit.kind == "party_household",
                fmt::format(fmt::runtime(tr("#{} {} is a {}: only a party_household (党员中心户) "
                                            "looks after households")),
                            unit.id, unit.name, unit.kind));
        org_assignment out;
        out.org_id = org_id;
        for (const auto& room : rooms) {
            std::int64_t household_id = detail::resolve_household(db, room);
            std::string label = detail::household_label(db, household_id);
            SQLite::Statement who(db,
                                  "SELECT o.id, o.name FROM org_unit_household oh "
                                  "JOIN org_unit o ON o.id = oh.org_unit_id "
                                  "WHERE oh.household_id = ?");
            who.bind(1, household_id);
            if (who.executeStep()) {
                if (who.getColumn(0).getInt64() == org_id) {
                    out.already.push_back(label);
                    continue;
                }
                throw conflict(fmt::format(fmt::runtime(tr("{} is already looked after by #{} {}")),
                                           label, who.getColumn(0).getInt64(),
                                           who.getColumn(1).getString()));
            }
            SQLite::Statement ins(
                db, "INSERT INTO org_unit_household(org_unit_id, household_id) VALUES (?, ?)");
            ins.bind(1, org_id);
            ins.bind(2, household_id);
            ins.exec();
            out.added.push_back(label);
        }
        if (!out.added.empty()) {
            tx.audit("org.assign", "org_unit", std::to_string(org_id),
                     {{"name", unit.name}, {"added", out.added}});
            tx.commit();
        }
        return out;
    });
}

}  // namespace gov
