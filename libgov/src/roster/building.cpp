#include "gov/roster/building.hpp"

#include <fmt/format.h>

#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "roster/interface.hpp"
#include "roster/roster_records.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

using nlohmann::json;

struct current_leader {
    std::optional<std::int64_t> id;
    std::string name;
};

current_leader leader_of(SQLite::Database& db, std::int64_t building_id) {
    SQLite::Statement q(db,
                        "SELECT b.leader_id, r.name FROM building b "
                        "LEFT JOIN resident r ON r.id = b.leader_id WHERE b.id = ?");
    q.bind(1, building_id);
    current_leader l;
    if (q.executeStep() && !q.getColumn(0).isNull()) {
        l.id = q.getColumn(0).getInt64();
        l.name = q.getColumn(1).getString();
    }
    return l;
}

json person(const std::optional<std::int64_t>& id, const std::string& name) {
    if (!id) return nullptr;
    return {{"id", *id}, {"name", name}};
}

// Writes the new leader (or none) with its audit event, unless it is already so.
leader_change change_leader(detail::write_transaction& tx, std::int64_t building_id,
                            std::optional<std::int64_t> leader_id, const std::string& leader_name) {
    auto& db = tx.db();
    leader_change out;
    out.building_id = building_id;
    out.building = detail::building_label(db, building_id);
    auto before = leader_of(db, building_id);
    out.previous_id = before.id;
    out.previous_name = before.name;
    out.leader_id = leader_id;
    out.leader_name = leader_name;
    out.changed = before.id != leader_id;
    if (!out.changed) return out;
    SQLite::Statement q(db, "UPDATE building SET leader_id = ? WHERE id = ?");
    if (leader_id)
        q.bind(1, *leader_id);
    else
        q.bind(1);
    q.bind(2, building_id);
    q.exec();
    tx.audit("building.leader", "building", std::to_string(building_id),
             {{"building", out.building},
              {"from", person(before.id, before.name)},
              {"to", person(leader_id, leader_name)}});
    tx.commit();
    return out;
}

}  // namespace

std::vector<building_summary> list_buildings(context& ctx,
                                             const std::optional<std::string>& compound) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        auto where = detail::place_conditions(db, compound, std::nullopt);
        SQLite::Statement q(
            db,
            "SELECT b.id, c.id, c.name, b.name, b.leader_id, coalesce(l.name, ''), "
            "(SELECT count(*) FROM unit u WHERE u.building_id = b.id), "
            "(SELECT count(*) FROM household h JOIN unit u ON u.id = h.unit_id "
            " WHERE u.building_id = b.id), "
            "(SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id "
            " JOIN unit u ON u.id = h.unit_id WHERE u.building_id = b.id AND r.active = 1) "
            "FROM building b JOIN compound c ON c.id = b.compound_id "
            "LEFT JOIN resident l ON l.id = b.leader_id WHERE 1" +
                where.sql + " ORDER BY c.name, CAST(b.name AS INTEGER), b.name");
        where.bind(q);
        std::vector<building_summary> out;
        while (q.executeStep()) {
            building_summary b;
            b.id = q.getColumn(0).getInt64();
            b.compound_id = q.getColumn(1).getInt64();
            b.compound = q.getColumn(2).getString();
            b.name = q.getColumn(3).getString();
            if (!q.getColumn(4).isNull()) b.leader_id = q.getColumn(4).getInt64();
            b.leader_name = q.getColumn(5).getString();
            b.units = q.getColumn(6).getInt64();
            b.households = q.getColumn(7).getInt64();
            b.residents = q.getColumn(8).getInt64();
            out.push_back(std::move(b));
        }
        return out;
    });
}

leader_change set_building_leader(context& ctx, std::string_view building,
                                  std::string_view resident_ref) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        std::int64_t building_id = detail::resolve_building(db, building);
        resident r = detail::load_resident(db, detail::resolve_resident(db, resident_ref));
        if (!r.active)
            throw input_error(fmt::format(
                fmt::runtime(tr("resident #{} {} has moved out and cannot lead a building")), r.id,
                r.name));
        if (r.building_id != building_id)
            throw input_error(fmt::format(
                fmt::runtime(tr("resident #{} {} lives in {}, not in building {}: a building "
                                "leader must live in the building")),
                r.id, r.name, r.household_label(), detail::building_label(db, building_id)));
        return change_leader(tx, building_id, r.id, r.name);
    });
}

leader_change clear_building_leader(context& ctx, std::string_view building) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        std::int64_t building_id = detail::resolve_building(tx.db(), building);
        return change_leader(tx, building_id, std::nullopt, "");
    });
}

}  // namespace gov
