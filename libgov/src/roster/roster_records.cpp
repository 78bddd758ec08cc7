#include "roster/roster_records.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"
#include "gov/values/rational.hpp"
#include "roster/interface.hpp"
#include "store/interface.hpp"

namespace gov::detail {

const char* const resident_select =
    "SELECT r.id, r.household_id, r.name, r.gender, r.birth_year, r.phone, r.role, "
    "r.party_member, r.volunteer, r.committee_member, r.moved_in, r.moved_out, r.remark, "
    "r.active, r.owner_id, b.id, c.name, b.name, u.name, h.room, h.area_centi, "
    "(b.leader_id IS r.id) "
    "FROM resident r JOIN household h ON h.id = r.household_id "
    "JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id "
    "JOIN compound c ON c.id = b.compound_id ";

// CAST puts "2" before "10"; the text itself breaks ties ("12A" after "12").
const char* const roster_order =
    " ORDER BY c.name, CAST(b.name AS INTEGER), b.name, CAST(u.name AS INTEGER), u.name, "
    "CAST(h.room AS INTEGER), h.room, r.id";

namespace {

std::optional<date> column_date(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return parse_date(c.getString());
}

std::optional<std::int64_t> column_id(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

std::vector<std::string> column_strings(SQLite::Statement& q) {
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

// Binds the natural key of a roster place: its name, after its parent's id
// when it has a parent (a compound has none).
void bind_key(SQLite::Statement& q, std::optional<std::int64_t> parent, const std::string& name) {
    int at = 1;
    if (parent) q.bind(at++, *parent);
    q.bind(at, name);
}

// Finds a row by its natural key or inserts it; `inserted` says which.
std::int64_t find_or_insert(SQLite::Database& db, const char* find_sql, const char* insert_sql,
                            std::optional<std::int64_t> parent, const std::string& name,
                            bool& inserted) {
    SQLite::Statement q(db, find_sql);
    bind_key(q, parent, name);
    inserted = !q.executeStep();
    if (!inserted) return q.getColumn(0).getInt64();
    SQLite::Statement ins(db, insert_sql);
    bind_key(ins, parent, name);
    ins.exec();
    return db.getLastInsertRowid();
}

[[noreturn]] void bad_room(std::string_view ref) {
    throw input_error(fmt::format(
        fmt::runtime(tr("room: \"{}\" is not a room; write it as BUILDING-UNIT-ROOM, e.g. "
                        "12-3-1502 (or 幸福里/12-3-1502)")),
        ref));
}

}  // namespace

nlohmann::json json_text(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

resident read_resident(SQLite::Statement& q) {
    resident r;
    r.id = q.getColumn(0).getInt64();
    r.household_id = q.getColumn(1).getInt64();
    r.name = q.getColumn(2).getString();
    r.gender = q.getColumn(3).getString();
    if (!q.getColumn(4).isNull()) r.birth_year = q.getColumn(4).getInt();
    r.phone = q.getColumn(5).getString();
    r.role = q.getColumn(6).getString();
    r.party_member = q.getColumn(7).getInt() != 0;
    r.volunteer = q.getColumn(8).getInt() != 0;
    r.committee_member = q.getColumn(9).getInt() != 0;
    r.moved_in = column_date(q.getColumn(10));
    r.moved_out = column_date(q.getColumn(11));
    r.remark = q.getColumn(12).getString();
    r.active = q.getColumn(13).getInt() != 0;
    r.owner_id = column_id(q.getColumn(14));
    r.building_id = q.getColumn(15).getInt64();
    r.compound = q.getColumn(16).getString();
    r.building = q.getColumn(17).getString();
    r.unit = q.getColumn(18).getString();
    r.room = q.getColumn(19).getString();
    r.area_centi = column_id(q.getColumn(20));
    r.building_leader = q.getColumn(21).getInt() != 0;
    return r;
}

resident load_resident(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, std::string(resident_select) + "WHERE r.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw not_found(fmt::format(fmt::runtime(tr("no resident #{}")), id));
    return read_resident(q);
}

located_household locate_household(SQLite::Database& db, std::int64_t household_id) {
    SQLite::Statement q(db,
                        "SELECT c.name || '/' || b.name || '-' || u.name || '-' || h.room, b.id, "
                        "h.area_centi FROM household h JOIN unit u ON u.id = h.unit_id "
                        "JOIN building b ON b.id = u.building_id "
                        "JOIN compound c ON c.id = b.compound_id WHERE h.id = ?");
    q.bind(1, household_id);
    if (!q.executeStep())
        throw not_found(fmt::format(fmt::runtime(tr("no household #{}")), household_id));
    return {household_id, q.getColumn(1).getInt64(), q.getColumn(0).getString(),
            column_id(q.getColumn(2))};
}

std::string household_label(SQLite::Database& db, std::int64_t household_id) {
    try {
        return locate_household(db, household_id).label;
    } catch (const not_found&) {
        return fmt::format("#{}", household_id);
    }
}

std::int64_t resolve_compound(SQLite::Database& db, std::string_view name) {
    SQLite::Statement q(db, "SELECT id FROM compound WHERE name = ?");
    q.bind(1, std::string(name));
    if (q.executeStep()) return q.getColumn(0).getInt64();
    SQLite::Statement all(db, "SELECT name FROM compound ORDER BY name");
    auto names = column_strings(all);
    throw not_found(fmt::format(fmt::runtime(tr("no compound \"{}\"; compounds are: {}")), name,
                                names.empty() ? tr("(none)") : detail::joined(names)));
}

namespace {

// BUILDING-UNIT-ROOM, the building possibly as COMPOUND/BUILDING.
struct room_ref {
    std::string compound, building, unit, room;
};

room_ref parse_room_ref(std::string_view ref, std::string_view compound) {
    auto last = ref.rfind('-');
    if (last == std::string_view::npos || last == 0) bad_room(ref);
    auto mid = ref.rfind('-', last - 1);
    if (mid == std::string_view::npos || mid == 0) bad_room(ref);
    std::string_view building_part = trim(ref.substr(0, mid), whitespace::line_ends);
    room_ref out{std::string(compound), std::string(building_part),
                 std::string(trim(ref.substr(mid + 1, last - mid - 1), whitespace::line_ends)),
                 std::string(trim(ref.substr(last + 1), whitespace::line_ends))};
    if (building_part.empty() || out.unit.empty() || out.room.empty()) bad_room(ref);

    if (auto slash = building_part.rfind('/'); slash != std::string_view::npos) {
        std::string in_ref(trim(building_part.substr(0, slash), whitespace::line_ends));
        out.building = std::string(trim(building_part.substr(slash + 1), whitespace::line_ends));
        if (!out.compound.empty() && in_ref != out.compound)
            throw input_error(fmt::format(
                fmt::runtime(tr("room: \"{}\" is in compound \"{}\", but the compound given is "
                                "\"{}\"")),
                ref, in_ref, out.compound));
        out.compound = in_ref;
        if (out.compound.empty() || out.building.empty()) bad_room(ref);
    }
    return out;
}

// A building named without its compound (or by #id) must exist already.
std::int64_t existing_building(SQLite::Database& db, const room_ref& r) {
    std::int64_t building_id = 0;
    try {
        building_id = resolve_building(db, r.building);
    } catch (const not_found& e) {
        throw not_found(fmt::format(
            fmt::runtime(tr("{}; to add a new building, give its compound (--compound)")),
            e.what()));
    }
    if (!r.compound.empty()) {
        std::string label = building_label(db, building_id);
        if (label.substr(0, label.rfind('/')) != r.compound)
            throw input_error(
                fmt::format(fmt::runtime(tr("room: building {} is not in compound \"{}\"")), label,
                            r.compound));
    }
    return building_id;
}

// The compound and building, each added (and audited) when new.
std::int64_t building_of(write_transaction& tx, const room_ref& r,
                         std::vector<std::string>& created) {
    auto& db = tx.db();
    bool inserted = false;
    std::int64_t compound_id =
        find_or_insert(db, "SELECT id FROM compound WHERE name = ?",
                       "INSERT INTO compound(name) VALUES (?)", std::nullopt, r.compound, inserted);
    if (inserted) {
        tx.audit("compound.add", "compound", std::to_string(compound_id), {{"name", r.compound}});
        created.push_back(fmt::format(fmt::runtime(tr("compound {}")), r.compound));
    }
    std::int64_t building_id = find_or_insert(
        db, "SELECT id FROM building WHERE compound_id = ? AND name = ?",
        "INSERT INTO building(compound_id, name) VALUES (?, ?)", compound_id, r.building, inserted);
    if (inserted) {
        tx.audit("building.add", "building", std::to_string(building_id),
                 {{"compound", r.compound}, {"name", r.building}});
        created.push_back(fmt::format(fmt::runtime(tr("building {}/{}")), r.compound, r.building));
    }
    return building_id;
}

// The unit and room in the building, each added (and audited) when new;
// a new room gets the area given.
std::int64_t household_in(write_transaction& tx, std::int64_t building_id, const room_ref& r,
                          std::optional<std::int64_t> new_area, std::vector<std::string>& created) {
    auto& db = tx.db();
    std::string building = building_label(db, building_id);
    bool inserted = false;
    std::int64_t unit_id = find_or_insert(
        db, "SELECT id FROM unit WHERE building_id = ? AND name = ?",
        "INSERT INTO unit(building_id, name) VALUES (?, ?)", building_id, r.unit, inserted);
    if (inserted) {
        tx.audit("unit.add", "unit", std::to_string(unit_id),
                 {{"building", building}, {"name", r.unit}});
        created.push_back(fmt::format(fmt::runtime(tr("unit {}-{}")), building, r.unit));
    }
    std::int64_t household_id = find_or_insert(
        db, "SELECT id FROM household WHERE unit_id = ? AND room = ?",
        "INSERT INTO household(unit_id, room) VALUES (?, ?)", unit_id, r.room, inserted);
    if (!inserted) return household_id;
    std::string label = fmt::format("{}-{}-{}", building, r.unit, r.room);
    nlohmann::json payload = {{"household", label}, {"area", nullptr}};
    if (new_area) {
        SQLite::Statement set(db, "UPDATE household SET area_centi = ? WHERE id = ?");
        set.bind(1, *new_area);
        set.bind(2, household_id);
        set.exec();
        payload["area"] = format_hundredths(*new_area);
    }
    tx.audit("household.add", "household", std::to_string(household_id), payload);
    created.push_back(fmt::format(fmt::runtime(tr("room {}")), label));
    return household_id;
}

}  // namespace

located_household ensure_household(write_transaction& tx, std::string_view ref,
                                   std::string_view compound, std::optional<std::int64_t> new_area,
                                   std::vector<std::string>& created) {
    auto& db = tx.db();
    ref = trim(ref, whitespace::line_ends);
    compound = trim(compound, whitespace::line_ends);
    if (ref.empty()) throw input_error(tr("room: required, as BUILDING-UNIT-ROOM, e.g. 12-3-1502"));
    if (ref.front() == '#') return locate_household(db, resolve_household(db, ref));

    room_ref r = parse_room_ref(ref, compound);
    std::int64_t building_id = r.compound.empty() || r.building.front() == '#'
                                   ? existing_building(db, r)
                                   : building_of(tx, r, created);
    return locate_household(db, household_in(tx, building_id, r, new_area, created));
}

std::string owner_ident(std::string_view phone, std::string_view name, std::int64_t household_id) {
    if (phone.empty()) return fmt::format("room:{}|{}", household_id, name);
    return fmt::format("{}|{}", phone, name);
}

std::optional<std::int64_t> sync_owner(write_transaction& tx, const roster_config& cfg,
                                       const resident& r) {
    auto& db = tx.db();
    std::optional<std::int64_t> want;
    if (r.role == cfg.owner_role) {
        std::string ident = owner_ident(r.phone, r.name, r.household_id);
        SQLite::Statement find(db, "SELECT id FROM owner WHERE ident = ?");
        find.bind(1, ident);
        if (find.executeStep()) {
            want = find.getColumn(0).getInt64();
        } else {
            bool sole_user = false;
            if (r.owner_id) {
                SQLite::Statement others(
                    db, "SELECT count(*) FROM resident WHERE owner_id = ? AND id <> ?");
                others.bind(1, *r.owner_id);
                others.bind(2, r.id);
                sole_user = others.executeStep() && others.getColumn(0).getInt64() == 0;
            }
            if (sole_user) {
                SQLite::Statement old(db, "SELECT name, phone FROM owner WHERE id = ?");
                old.bind(1, *r.owner_id);
                old.executeStep();
                nlohmann::json payload = nlohmann::json::object();
                if (old.getColumn(0).getString() != r.name)
                    payload["name"] = {{"from", old.getColumn(0).getString()}, {"to", r.name}};
                if (old.getColumn(1).getString() != r.phone)
                    payload["phone"] = {
                        {"from", json_text(mask_phone(old.getColumn(1).getString()))},
                        {"to", json_text(mask_phone(r.phone))}};
                SQLite::Statement upd(
                    db, "UPDATE owner SET ident = ?, name = ?, phone = ? WHERE id = ?");
                upd.bind(1, ident);
                upd.bind(2, r.name);
                upd.bind(3, r.phone);
                upd.bind(4, *r.owner_id);
                upd.exec();
                tx.audit("owner.update", "owner", std::to_string(*r.owner_id), payload);
                want = r.owner_id;
            } else {
                SQLite::Statement ins(db, "INSERT INTO owner(ident, name, phone) VALUES (?, ?, ?)");
                ins.bind(1, ident);
                ins.bind(2, r.name);
                ins.bind(3, r.phone);
                ins.exec();
                want = db.getLastInsertRowid();
                tx.audit("owner.add", "owner", std::to_string(*want),
                         {{"name", r.name}, {"phone", json_text(mask_phone(r.phone))}});
            }
        }
    }
    if (want != r.owner_id) {
        SQLite::Statement set(db, "UPDATE resident SET owner_id = ? WHERE id = ?");
        if (want)
            set.bind(1, *want);
        else
            set.bind(1);
        set.bind(2, r.id);
        set.exec();
    }
    return want;
}

sql_conditions place_conditions(SQLite::Database& db, const std::optional<std::string>& compound,
                                const std::optional<std::string>& building) {
    sql_conditions c;
    if (compound) {
        resolve_compound(db, *compound);
        c.add("c.name = ?", *compound);
    }
    if (building) {
        std::string ref = *building;
        if (compound && ref.find('/') == std::string::npos && ref.rfind('#', 0) != 0)
            ref = *compound + "/" + ref;
        c.add("b.id = ?", resolve_building(db, ref));
    }
    return c;
}

sql_conditions filter_conditions(SQLite::Database& db, const roster_config& cfg,
                                 const roster_filter& f) {
    sql_conditions c = place_conditions(db, f.compound, f.building);
    if (f.unit) c.add("u.name = ?", *f.unit);
    if (f.role) {
        if (std::find(cfg.roles.begin(), cfg.roles.end(), *f.role) == cfg.roles.end())
            throw usage_error(fmt::format(fmt::runtime(tr("--role: \"{}\" is not one of {}")),
                                          *f.role, detail::joined(cfg.roles)));
        c.add("r.role = ?", *f.role);
    }
    if (f.party_members_only) c.add("r.party_member = 1");
    if (f.leaders_only) c.add("b.leader_id = r.id");
    if (f.which == roster_filter::status::active) c.add("r.active = 1");
    if (f.which == roster_filter::status::moved_out) c.add("r.active = 0");
    std::string text(trim(f.search, whitespace::line_ends));
    if (!text.empty()) {
        // A search made of digits (with the spaces and dashes people type in
        // phone numbers) also looks in the phone's digits.
        std::string digits;
        bool phone_like = true;
        for (char ch : text) {
            if (ch >= '0' && ch <= '9')
                digits += ch;
            else if (ch != ' ' && ch != '-')
                phone_like = false;
        }
        std::string clause =
            "(instr(lower(r.name), lower(?)) > 0 OR instr(lower(r.remark), lower(?)) > 0";
        if (phone_like && !digits.empty()) {
            clause += " OR instr(replace(replace(r.phone, '-', ''), ' ', ''), ?) > 0)";
            c.add(clause, text, text, digits);
        } else {
            c.add(clause + ")", text, text);
        }
    }
    return c;
}

}  // namespace gov::detail
