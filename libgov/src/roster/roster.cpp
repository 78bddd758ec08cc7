#include "gov/roster/roster.hpp"

#include <fmt/format.h>

#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "roster/interface.hpp"
#include "roster/roster_records.hpp"
#include "store/interface.hpp"

namespace gov {

void for_each_resident(context& ctx, const roster_filter& filter,
                       const std::function<void(const resident&)>& visit) {
    if (filter.limit && *filter.limit < 0) throw usage_error(tr("--limit must not be negative"));
    detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        auto where = detail::filter_conditions(db, ctx.cfg().roster, filter);
        std::string sql =
            std::string(detail::resident_select) + "WHERE 1" + where.sql + detail::roster_order;
        if (filter.limit) sql += " LIMIT ?";
        SQLite::Statement q(db, sql);
        int next = where.bind(q);
        if (filter.limit) q.bind(next, *filter.limit);
        while (q.executeStep()) visit(detail::read_resident(q));
    });
}

std::vector<resident> list_roster(context& ctx, const roster_filter& filter) {
    std::vector<resident> out;
    for_each_resident(ctx, filter, [&](const resident& r) { out.push_back(r); });
    return out;
}

resident_detail show_resident(context& ctx, std::string_view ref) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        resident_detail d;
        d.person = detail::load_resident(db, detail::resolve_resident(db, ref));

        SQLite::Statement members(db, std::string(detail::resident_select) +
                                          "WHERE r.household_id = ? AND r.id <> ? "
                                          "ORDER BY r.active DESC, r.id");
        members.bind(1, d.person.household_id);
        members.bind(2, d.person.id);
        while (members.executeStep()) d.household_members.push_back(detail::read_resident(members));

        SQLite::Statement leader(db,
                                 "SELECT b.leader_id, r.name FROM building b "
                                 "LEFT JOIN resident r ON r.id = b.leader_id WHERE b.id = ?");
        leader.bind(1, d.person.building_id);
        if (leader.executeStep() && !leader.getColumn(0).isNull()) {
            d.leader_id = leader.getColumn(0).getInt64();
            d.leader_name = leader.getColumn(1).getString();
        }

        if (d.person.owner_id) {
            SQLite::Statement owner(db,
                                    "SELECT id, name, phone, is_developer FROM owner WHERE id = ?");
            owner.bind(1, *d.person.owner_id);
            if (owner.executeStep())
                d.owner =
                    owner_record{owner.getColumn(0).getInt64(), owner.getColumn(1).getString(),
                                 owner.getColumn(2).getString(), owner.getColumn(3).getInt() != 0};
            SQLite::Statement rooms(
                db,
                "SELECT h.id, c.name || '/' || b.name || '-' || u.name || '-' || h.room, "
                "h.area_centi FROM resident r JOIN household h ON h.id = r.household_id "
                "JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id "
                "JOIN compound c ON c.id = b.compound_id "
                "WHERE r.owner_id = ? AND r.active = 1 AND r.role = ? AND h.id <> ? "
                "GROUP BY h.id ORDER BY c.name, CAST(b.name AS INTEGER), b.name, "
                "CAST(u.name AS INTEGER), u.name, CAST(h.room AS INTEGER), h.room");
            rooms.bind(1, *d.person.owner_id);
            rooms.bind(2, ctx.cfg().roster.owner_role);
            rooms.bind(3, d.person.household_id);
            while (rooms.executeStep()) {
                owned_room room;
                room.household_id = rooms.getColumn(0).getInt64();
                room.household = rooms.getColumn(1).getString();
                if (!rooms.getColumn(2).isNull()) room.area_centi = rooms.getColumn(2).getInt64();
                d.other_rooms.push_back(std::move(room));
            }
        }
        return d;
    });
}

void record_pii_reveal(context& ctx, std::string_view command, std::int64_t records,
                       std::string_view record_id) {
    detail::write_transaction tx(ctx);
    tx.audit("pii.reveal", "resident", std::string(record_id),
             {{"command", std::string(command)}, {"records", records}});
    tx.commit();
}

}  // namespace gov
