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

// The counts of one scope, one query a kind of count, each grouped by
// building; the totals are the buildings' sums except for owners, who are
// counted once over the whole scope.
class stats_reader {
  public:
    stats_reader(SQLite::Database& db, const roster_config& cfg, const roster_scope& scope)
        : m_db(db),
          m_cfg(cfg),
          m_where(detail::place_conditions(db, scope.compound, scope.building)) {}

    roster_stats_result read() {
        m_out.total = empty_counts(m_cfg);
        read_buildings();
        add_households();
        add_roles();
        add_owners();
        sum_totals();
        return std::move(m_out);
    }

  private:
    void read_buildings() {
        SQLite::Statement q(m_db,
                            "SELECT b.id, c.name, b.name FROM building b JOIN compound c ON c.id = "
                            "b.compound_id WHERE 1" +
                                m_where.sql + " ORDER BY c.name, CAST(b.name AS INTEGER), b.name");
        m_where.bind(q);
        while (q.executeStep()) {
            m_index[q.getColumn(0).getInt64()] = m_out.buildings.size();
            m_out.buildings.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                       q.getColumn(2).getString(), empty_counts(m_cfg)});
        }
    }

    roster_counts& counts_of(std::int64_t building_id) {
        return m_out.buildings.at(m_index.at(building_id)).counts;
    }

    void add_households() {
        SQLite::Statement q(
            m_db,
            "SELECT b.id, count(*), coalesce(sum(h.area_centi), 0), "
            "sum(NOT EXISTS (SELECT 1 FROM resident r WHERE r.household_id = h.id AND "
            "r.active = 1)) FROM household h JOIN unit u ON u.id = h.unit_id "
            "JOIN building b ON b.id = u.building_id JOIN compound c ON c.id = b.compound_id "
            "WHERE 1" +
                m_where.sql + " GROUP BY b.id");
        m_where.bind(q);
        while (q.executeStep()) {
            auto& c = counts_of(q.getColumn(0).getInt64());
            c.households = q.getColumn(1).getInt64();
            c.area_centi = q.getColumn(2).getInt64();
            c.empty_households = q.getColumn(3).getInt64();
        }
    }

    void add_roles() {
        SQLite::Statement q(
            m_db, std::string("SELECT b.id, r.role, count(*), sum(r.party_member)") +
                      resident_joins + m_where.sql + " AND r.active = 1 GROUP BY b.id, r.role");
        m_where.bind(q);
        while (q.executeStep()) {
            auto& c = counts_of(q.getColumn(0).getInt64());
            std::int64_t n = q.getColumn(2).getInt64();
            c.residents += n;
            c.party_members += q.getColumn(3).getInt64();
            for (auto& [role, count] : c.by_role)
                if (role == q.getColumn(1).getString()) count += n;
        }
    }

    // One head per owner: distinct owner records, per building and over
    // the whole scope (an owner of rooms in two buildings counts once).
    void add_owners() {
        const std::string owners_where =
            m_where.sql + " AND r.active = 1 AND r.role = ? AND r.owner_id IS NOT NULL";
        SQLite::Statement q(m_db, std::string("SELECT b.id, count(DISTINCT r.owner_id)") +
                                      resident_joins + owners_where + " GROUP BY b.id");
        q.bind(m_where.bind(q), m_cfg.owner_role);
        while (q.executeStep())
            counts_of(q.getColumn(0).getInt64()).owners = q.getColumn(1).getInt64();
        SQLite::Statement all(
            m_db, std::string("SELECT count(DISTINCT r.owner_id)") + resident_joins + owners_where);
        all.bind(m_where.bind(all), m_cfg.owner_role);
        all.executeStep();
        m_out.total.owners = all.getColumn(0).getInt64();
    }

    void sum_totals() {
        auto& t = m_out.total;
        for (const auto& b : m_out.buildings) {
            t.households += b.counts.households;
            t.empty_households += b.counts.empty_households;
            t.residents += b.counts.residents;
            t.party_members += b.counts.party_members;
            t.area_centi += b.counts.area_centi;
            for (std::size_t i = 0; i < b.counts.by_role.size(); ++i)
                t.by_role[i].second += b.counts.by_role[i].second;
        }
    }

    SQLite::Database& m_db;
    const roster_config& m_cfg;
    detail::sql_conditions m_where;
    roster_stats_result m_out;
    std::map<std::int64_t, std::size_t> m_index;
};

}  // namespace

std::int64_t roster_counts::role(std::string_view name) const {
    for (const auto& [r, n] : by_role)
        if (r == name) return n;
    return 0;
}

roster_stats_result roster_stats(context& ctx, const roster_scope& scope) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        return stats_reader(db, ctx.cfg().roster, scope).read();
    });
}

roster_counts roster_totals(context& ctx) {
    return roster_stats(ctx).total;
}

}  // namespace gov
