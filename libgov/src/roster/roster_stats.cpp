// The headline numbers of the roster, per building and in total.
#include <map>

#include "gov/roster/roster.hpp"
#include "gov/store/context.hpp"
#include "roster/roster_records.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

// The joins every count below starts from; conditions come from
// detail::place_conditions, which name c and b.
constexpr const char* resident_joins =
    " FROM resident r JOIN household h ON h.id = r.household_id "
    "JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id "
    "JOIN compound c ON c.id = b.compound_id WHERE 1";

roster_counts empty_counts(const roster_config& cfg) {
    roster_counts c;
    for (const auto& role : cfg.roles) c.by_role.emplace_back(role, 0);
    return c;
}

}  // namespace

std::int64_t roster_counts::role(std::string_view name) const {
    for (const auto& [r, n] : by_role)
        if (r == name) return n;
    return 0;
}

roster_stats_result roster_stats(context& ctx, const roster_scope& scope) {
    const roster_config& cfg = ctx.cfg().roster;
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        auto where = detail::place_conditions(db, scope.compound, scope.building);
        roster_stats_result out;
        out.total = empty_counts(cfg);
        std::map<std::int64_t, std::size_t> index;

        SQLite::Statement buildings(
            db,
            "SELECT b.id, c.name, b.name FROM building b JOIN compound c ON c.id = "
            "b.compound_id WHERE 1" +
                where.sql + " ORDER BY c.name, CAST(b.name AS INTEGER), b.name");
        where.bind(buildings);
        while (buildings.executeStep()) {
            index[buildings.getColumn(0).getInt64()] = out.buildings.size();
            out.buildings.push_back({buildings.getColumn(0).getInt64(),
                                     buildings.getColumn(1).getString(),
                                     buildings.getColumn(2).getString(), empty_counts(cfg)});
        }
        auto counts_of = [&](std::int64_t building_id) -> roster_counts& {
            return out.buildings.at(index.at(building_id)).counts;
        };

        SQLite::Statement households(
            db,
            "SELECT b.id, count(*), coalesce(sum(h.area_centi), 0), "
            "sum(NOT EXISTS (SELECT 1 FROM resident r WHERE r.household_id = h.id AND "
            "r.active = 1)) FROM household h JOIN unit u ON u.id = h.unit_id "
            "JOIN building b ON b.id = u.building_id JOIN compound c ON c.id = b.compound_id "
            "WHERE 1" +
                where.sql + " GROUP BY b.id");
        where.bind(households);
        while (households.executeStep()) {
            auto& c = counts_of(households.getColumn(0).getInt64());
            c.households = households.getColumn(1).getInt64();
            c.area_centi = households.getColumn(2).getInt64();
            c.empty_households = households.getColumn(3).getInt64();
        }

        SQLite::Statement roles(
            db, std::string("SELECT b.id, r.role, count(*), sum(r.party_member)") + resident_joins +
                    where.sql + " AND r.active = 1 GROUP BY b.id, r.role");
        where.bind(roles);
        while (roles.executeStep()) {
            auto& c = counts_of(roles.getColumn(0).getInt64());
            std::int64_t n = roles.getColumn(2).getInt64();
            c.residents += n;
            c.party_members += roles.getColumn(3).getInt64();
            for (auto& [role, count] : c.by_role)
                if (role == roles.getColumn(1).getString()) count += n;
        }

        // One head per owner: distinct owner records, per building and over
        // the whole scope (an owner of rooms in two buildings counts once).
        const std::string owners_where =
            where.sql + " AND r.active = 1 AND r.role = ? AND r.owner_id IS NOT NULL";
        SQLite::Statement owners(db, std::string("SELECT b.id, count(DISTINCT r.owner_id)") +
                                         resident_joins + owners_where + " GROUP BY b.id");
        owners.bind(where.bind(owners), cfg.owner_role);
        while (owners.executeStep())
            counts_of(owners.getColumn(0).getInt64()).owners = owners.getColumn(1).getInt64();
        SQLite::Statement all_owners(
            db, std::string("SELECT count(DISTINCT r.owner_id)") + resident_joins + owners_where);
        all_owners.bind(where.bind(all_owners), cfg.owner_role);
        all_owners.executeStep();
        out.total.owners = all_owners.getColumn(0).getInt64();

        for (const auto& b : out.buildings) {
            out.total.households += b.counts.households;
            out.total.empty_households += b.counts.empty_households;
            out.total.residents += b.counts.residents;
            out.total.party_members += b.counts.party_members;
            out.total.area_centi += b.counts.area_centi;
            for (std::size_t i = 0; i < b.counts.by_role.size(); ++i)
                out.total.by_role[i].second += b.counts.by_role[i].second;
        }
        return out;
    });
}

roster_counts roster_totals(context& ctx) {
    return roster_stats(ctx).total;
}

}  // namespace gov
