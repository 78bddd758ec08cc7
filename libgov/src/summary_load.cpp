// The loader of summaries: every number comes from an SQL aggregate (GROUP BY
// in SQLite), so the whole summary of 200k issues and 1M residents is a
// handful of table scans, not a walk over rows in C++. What the numbers mean
// is decided in summary.cpp and the renderers, which never see the database.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "gov/context.hpp"
#include "gov/error.hpp"
#include "gov/i18n.hpp"
#include "gov/summary.hpp"
#include "issue_internal.hpp"
#include "roster_records.hpp"
#include "store_impl.hpp"

namespace gov {
namespace {

// A configured name as an SQL literal. Names come from gov.toml, not from the
// command line, but are quoted all the same.
std::string quote(std::string_view s) {
    std::string out = "'";
    for (char ch : s) {
        out += ch;
        if (ch == '\'') out += '\'';
    }
    return out + "'";
}

std::string literal_list(const std::vector<std::string>& names) {
    std::string out = "(";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + quote(names[i]);
    return out + ")";
}

// Statuses as people read a workflow: the initial one, the other open ones,
// then the done ones in configured order.
std::vector<std::string> status_order(const issues_config& cfg) {
    std::vector<std::string> out;
    if (cfg.is_status(cfg.initial_status)) out.push_back(cfg.initial_status);
    for (const auto& s : detail::issues::issue_statuses(cfg))
        if (s != cfg.initial_status && !cfg.is_done(s)) out.push_back(s);
    for (const auto& s : cfg.done_statuses)
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    return out;
}

void add_name(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

// The SQLite modifier that turns a stored UTC time into community time.
std::string offset_modifier(std::chrono::minutes offset) {
    return fmt::format("{:+d} minutes", offset.count());
}

std::string utc_start_of(const date& d, std::chrono::minutes offset) {
    return format_timestamp(detail::issues::local_midnight(d, offset));
}

struct building_labels {
    std::vector<std::int64_t> order;  // roster order
    std::map<std::int64_t, std::string> label;
};

building_labels load_building_labels(SQLite::Database& db) {
    building_labels out;
    SQLite::Statement q(db,
                        "SELECT b.id, c.name || '/' || b.name FROM building b JOIN compound c ON "
                        "c.id = b.compound_id ORDER BY c.name, CAST(b.name AS INTEGER), b.name");
    while (q.executeStep()) {
        out.order.push_back(q.getColumn(0).getInt64());
        out.label[q.getColumn(0).getInt64()] = q.getColumn(1).getString();
    }
    return out;
}

// The buildings of the scope, as " AND <column> IN (…)" ("" for everything).
struct scope_filter {
    std::string label;
    std::string building_ids;  // "(1, 2)" or "" for no limit
    std::string on(std::string_view column) const {
        return building_ids.empty() ? std::string{}
                                    : fmt::format(" AND {} IN {}", column, building_ids);
    }
};

scope_filter resolve_scope(SQLite::Database& db, const summary_request& r) {
    scope_filter out;
    if (!r.compound && !r.building) return out;
    auto where = detail::place_conditions(db, r.compound, r.building);
    SQLite::Statement q(db,
                        "SELECT b.id, c.name, b.name FROM building b JOIN compound c ON c.id = "
                        "b.compound_id WHERE 1" +
                            where.sql + " ORDER BY b.id");
    where.bind(q);
    std::vector<std::string> ids;
    std::string compound, building;
    while (q.executeStep()) {
        ids.push_back(std::to_string(q.getColumn(0).getInt64()));
        compound = q.getColumn(1).getString();
        building = q.getColumn(2).getString();
    }
    out.building_ids = "(" + detail::join_list(ids) + ")";
    if (ids.empty()) out.building_ids = "(NULL)";
    out.label = r.building && ids.size() == 1 ? compound + "/" + building
                                              : r.compound.value_or(std::string{});
    return out;
}

std::string text(const SQLite::Column& c) {
    return c.isNull() ? std::string{} : c.getString();
}

date local_date_of(const std::string& stored, std::chrono::minutes offset) {
    return local_date(detail::issues::stored_time(stored), offset);
}

}  // namespace

summary load_summary(context& ctx, const summary_request& r) {
    const issues_config& cfg = ctx.cfg().issues;
    const auto offset = ctx.cfg().utc_offset;
    summary s;
    s.community = ctx.cfg().name;
    s.today = ctx.today();
    s.until = r.until.value_or(s.today);
    s.since = r.since.value_or(date{s.until.year(), s.until.month(), std::chrono::day{1}});
    if (s.since > s.until)
        throw usage_error(fmt::format(fmt::runtime(tr("--since {} is after --until {}")),
                                      format_date(s.since), format_date(s.until)));
    if (r.overdue_limit < 0) throw usage_error(tr("--top must not be negative"));
    s.statuses = status_order(cfg);
    s.done_statuses = cfg.done_statuses;
    s.categories = detail::issues::category_names(cfg);
    s.severities = cfg.severities;

    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::issues::mapped_reads mapped(db);
        // One read transaction: every number comes from the same moment.
        SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
        const scope_filter scope = resolve_scope(db, r);
        s.scope = scope.label;
        const std::string in_scope = scope.on("i.building_id");
        const std::string is_open = " AND i.status NOT IN " + literal_list(cfg.done_statuses);
        const std::string today = format_date(s.today);
        const std::string off = offset_modifier(offset);
        const std::string from = utc_start_of(s.since, offset);
        const std::string to = utc_start_of(add_days(s.until, 1), offset);

        SQLite::Statement open(
            db,
            "SELECT i.category, i.severity, i.priority, i.status, "
            "i.due IS NOT NULL AND i.due < :today, "
            "CASE WHEN age <= 7 THEN 0 WHEN age <= 30 THEN 1 WHEN age <= 90 THEN 2 ELSE 3 END, "
            "count(*) FROM (SELECT *, CAST(julianday(:today) - julianday(date(created_at, :off)) "
            "AS INTEGER) AS age FROM issue) i WHERE 1" +
                is_open + in_scope + " GROUP BY 1, 2, 3, 4, 5, 6");
        open.bind(":today", today);
        open.bind(":off", off);
        while (open.executeStep()) {
            open_issue_group g{open.getColumn(0).getString(),   open.getColumn(1).getString(),
                               open.getColumn(2).getString(),   open.getColumn(3).getString(),
                               open.getColumn(4).getInt() != 0, open.getColumn(5).getInt(),
                               open.getColumn(6).getInt64()};
            if (g.overdue) s.overdue_total += g.count;
            s.open_issues.push_back(std::move(g));
        }

        SQLite::Statement by_status(
            db, "SELECT i.status, i.category, count(*) FROM issue i WHERE 1" + in_scope +
                    " GROUP BY 1, 2");
        while (by_status.executeStep())
            s.by_status_category.push_back({by_status.getColumn(0).getString(),
                                            by_status.getColumn(1).getString(),
                                            by_status.getColumn(2).getInt64()});

        const building_labels labels = load_building_labels(db);
        SQLite::Statement by_building(db, "SELECT i.building_id, count(*), coalesce(sum(1" +
                                              is_open + "), 0), coalesce(sum(1" + is_open +
                                              " AND i.due < :today), 0) FROM issue i WHERE 1" +
                                              in_scope + " GROUP BY 1");
        by_building.bind(":today", today);
        std::map<std::int64_t, building_issue_count> per_building;
        std::optional<building_issue_count> no_building;
        while (by_building.executeStep()) {
            building_issue_count b{"", by_building.getColumn(1).getInt64(),
                                   by_building.getColumn(2).getInt64(),
                                   by_building.getColumn(3).getInt64()};
            if (by_building.getColumn(0).isNull()) {
                no_building = b;
            } else {
                std::int64_t id = by_building.getColumn(0).getInt64();
                auto it = labels.label.find(id);
                b.building = it == labels.label.end() ? fmt::format("#{}", id) : it->second;
                per_building[id] = b;
            }
        }
        for (std::int64_t id : labels.order)
            if (auto it = per_building.find(id); it != per_building.end())
                s.by_building.push_back(it->second);
        if (no_building) s.by_building.push_back(*no_building);

        SQLite::Statement opened(db,
                                 "SELECT i.category, i.severity, count(*) FROM issue i WHERE "
                                 "i.created_at >= :from AND i.created_at < :to" +
                                     in_scope + " GROUP BY 1, 2");
        opened.bind(":from", from);
        opened.bind(":to", to);
        while (opened.executeStep())
            s.opened.push_back({opened.getColumn(0).getString(), opened.getColumn(1).getString(),
                                opened.getColumn(2).getInt64()});

        SQLite::Statement resolved(
            db,
            "SELECT i.category, i.severity, CAST(julianday(date(i.resolved_at, :off)) - "
            "julianday(date(i.created_at, :off)) AS INTEGER), count(*) FROM issue i WHERE "
            "i.resolved_at >= :from AND i.resolved_at < :to" +
                in_scope + " GROUP BY 1, 2, 3");
        resolved.bind(":off", off);
        resolved.bind(":from", from);
        resolved.bind(":to", to);
        while (resolved.executeStep())
            s.resolved.push_back(
                {resolved.getColumn(0).getString(), resolved.getColumn(1).getString(),
                 resolved.getColumn(2).getInt64(), resolved.getColumn(3).getInt64()});

        // The 12 months ending with until's month.
        const std::chrono::year_month last{s.until.year(), s.until.month()};
        const std::chrono::year_month first = last - std::chrono::months{11};
        std::map<std::string, month_count> months;
        for (auto m = first; m <= last; m += std::chrono::months{1}) {
            std::string key = fmt::format("{:04d}-{:02d}", static_cast<int>(m.year()),
                                          static_cast<unsigned>(m.month()));
            months[key] = {key, 0, 0};
        }
        const std::string months_from =
            utc_start_of(date{first.year(), first.month(), std::chrono::day{1}}, offset);
        for (const char* column : {"created_at", "resolved_at"}) {
            SQLite::Statement q(
                db, fmt::format("SELECT substr(datetime(i.{0}, :off), 1, 7), count(*) FROM issue "
                                "i WHERE i.{0} >= :from AND i.{0} < :to{1} GROUP BY 1",
                                column, in_scope));
            q.bind(":off", off);
            q.bind(":from", months_from);
            q.bind(":to", to);
            while (q.executeStep()) {
                auto it = months.find(q.getColumn(0).getString());
                if (it == months.end()) continue;
                (column[0] == 'c' ? it->second.opened : it->second.resolved) =
                    q.getColumn(1).getInt64();
            }
        }
        for (auto& [key, m] : months) s.months.push_back(m);

        SQLite::Statement overdue(
            db, "WITH top AS (SELECT i.id FROM issue i WHERE i.due < :today" + is_open + in_scope +
                    " ORDER BY i.due, i.id LIMIT :n) "
                    "SELECT i.id, i.title, i.category, i.severity, i.status, i.building_id, "
                    "coalesce(p.name, r.name, ''), i.due FROM top JOIN issue i ON i.id = top.id "
                    "LEFT JOIN party p ON p.id = i.assignee_party_id "
                    "LEFT JOIN resident r ON r.id = i.assignee_resident_id ORDER BY i.due, i.id");
        overdue.bind(":today", today);
        overdue.bind(":n", static_cast<std::int64_t>(r.overdue_limit));
        while (overdue.executeStep()) {
            overdue_issue o;
            o.id = overdue.getColumn(0).getInt64();
            o.title = overdue.getColumn(1).getString();
            o.category = overdue.getColumn(2).getString();
            o.severity = overdue.getColumn(3).getString();
            o.status = overdue.getColumn(4).getString();
            if (!overdue.getColumn(5).isNull()) {
                auto it = labels.label.find(overdue.getColumn(5).getInt64());
                if (it != labels.label.end()) o.building = it->second;
            }
            o.assignee = overdue.getColumn(6).getString();
            o.due = detail::issues::stored_date(overdue.getColumn(7).getString());
            o.days_overdue = days_between(o.due, s.today);
            s.overdue_list.push_back(std::move(o));
        }

        SQLite::Statement decisions(
            db,
            "SELECT id, code, title, method, outcome, closed_at FROM proposal WHERE status = "
            "'closed' AND closed_at >= :from AND closed_at < :to ORDER BY closed_at, id");
        decisions.bind(":from", from);
        decisions.bind(":to", to);
        while (decisions.executeStep())
            s.decisions.push_back({decisions.getColumn(0).getInt64(), text(decisions.getColumn(1)),
                                   decisions.getColumn(2).getString(),
                                   decisions.getColumn(3).getString(),
                                   decisions.getColumn(4).getString(),
                                   local_date_of(decisions.getColumn(5).getString(), offset)});
        s.proposals_open =
            db.execAndGet("SELECT count(*) FROM proposal WHERE status = 'open'").getInt64();

        const std::string unit_scope = scope.on("u.building_id");
        s.roster.households =
            db.execAndGet(unit_scope.empty()
                              ? std::string("SELECT count(*) FROM household")
                              : "SELECT count(*) FROM household h JOIN unit u ON u.id = "
                                "h.unit_id WHERE 1" +
                                    unit_scope)
                .getInt64();
        s.roster.residents =
            db.execAndGet(unit_scope.empty()
                              ? std::string("SELECT count(*) FROM resident WHERE active = 1")
                              : "SELECT count(*) FROM resident r JOIN household h ON h.id = "
                                "r.household_id JOIN unit u ON u.id = h.unit_id WHERE "
                                "r.active = 1" +
                                    unit_scope)
                .getInt64();
        SQLite::Statement last_import(
            db,
            "SELECT at, file, rows, added, updated, unchanged, moved_out, "
            "invalid FROM roster_import ORDER BY id DESC LIMIT 1");
        if (last_import.executeStep())
            s.roster.last_import =
                roster_import_info{local_date_of(last_import.getColumn(0).getString(), offset),
                                   last_import.getColumn(1).getString(),
                                   last_import.getColumn(2).getInt64(),
                                   last_import.getColumn(3).getInt64(),
                                   last_import.getColumn(4).getInt64(),
                                   last_import.getColumn(5).getInt64(),
                                   last_import.getColumn(6).getInt64(),
                                   last_import.getColumn(7).getInt64()};
        snapshot.commit();

        // Names stored but no longer configured still show, after the configured ones.
        for (const auto& g : s.by_status_category) {
            add_name(s.statuses, g.status);
            add_name(s.categories, g.category);
        }
        std::set<std::string> severities;
        for (const auto& g : s.open_issues) severities.insert(g.severity);
        for (const auto& g : s.opened) severities.insert(g.severity);
        for (const auto& g : s.resolved) severities.insert(g.severity);
        for (const auto& sev : severities)
            if (!sev.empty()) add_name(s.severities, sev);
        return s;
    });
}

}  // namespace gov
