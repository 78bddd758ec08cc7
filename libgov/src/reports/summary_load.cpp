// The loader of summaries: every number comes from an SQL aggregate (GROUP BY
// in SQLite), so the whole summary of 200k issues and 1M residents is a
// handful of table scans, not a walk over rows in C++. What the numbers mean
// is decided in summary.cpp and the renderers, which never see the database.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "gov/meetings/meeting.hpp"
#include "gov/projects/project.hpp"
#include "gov/reports/summary.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issues/interface.hpp"
#include "roster/interface.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"

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
    return format_timestamp(local_midnight(d, offset));
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
    out.building_ids = "(" + detail::joined(ids) + ")";
    if (ids.empty()) out.building_ids = "(NULL)";
    out.label = r.building && ids.size() == 1 ? compound + "/" + building
                                              : r.compound.value_or(std::string{});
    return out;
}

std::string text(const SQLite::Column& c) {
    return c.isNull() ? std::string{} : c.getString();
}

date local_date_of(const std::string& stored, std::chrono::minutes offset) {
    return local_date(detail::stored_time(stored), offset);
}

meeting_line meeting_of(const meeting_info& m, std::chrono::minutes offset) {
    const auto local = m.starts_at + offset;
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(
        local - std::chrono::floor<std::chrono::days>(local));
    return {m.id,
            local_date(m.starts_at, offset),
            fmt::format("{:02d}:{:02d}", minutes.count() / 60, minutes.count() % 60),
            m.title,
            m.type,
            m.present};
}

// The pieces every issue query of one summary shares: which rows (scope,
// open or not, the period's bounds in stored UTC times) and how the issue
// table is read. The statements are built from these; the readers below
// fill the summary from them.
struct summary_sql {
    SQLite::Database& db;
    std::string issues;    // the FROM of the issue table, with its read path
    std::string in_scope;  // " AND i.building_id IN (…)" or ""
    std::string is_open;   // " AND i.status NOT IN (done statuses)"
    std::string done;      // "(done statuses)"
    std::string today;     // stored form of today
    std::string off;       // SQLite modifier from UTC to community time
    std::string from, to;  // the period's start and end (exclusive), stored UTC
    std::chrono::minutes offset;

    summary_sql(SQLite::Database& d, const scope_filter& scope, const issues_config& cfg,
                const summary& s, std::chrono::minutes utc_offset)
        : db(d),
          in_scope(scope.on("i.building_id")),
          is_open(" AND i.status NOT IN " + literal_list(cfg.done_statuses)),
          done(literal_list(cfg.done_statuses)),
          today(format_date(s.today)),
          off(offset_modifier(utc_offset)),
          from(utc_start_of(s.since, utc_offset)),
          to(utc_start_of(add_days(s.until, 1), utc_offset)),
          offset(utc_offset) {
        // Unscoped, every query is one sequential scan: left to itself the
        // planner may walk an index for a GROUP BY order and look up every
        // row at random, several times slower (it did with
        // issue_category_due, dropped at schema level 8). Scoped, the
        // buildings' rows come through issue_building_status.
        issues = scope.building_ids.empty() ? "issue i NOT INDEXED"
                                            : "issue i INDEXED BY issue_building_status";
    }
};

// Open issues by what gates filter on. The age bucket is a count of the
// bucket boundaries the creation time falls before (the local midnights of
// today − 7, − 30 and − 90 days, as stored UTC times), so the scan compares
// strings instead of computing dates.
void read_open_groups(const summary_sql& q, summary& s) {
    SQLite::Statement open(
        q.db,
        "SELECT i.category, i.severity, i.priority, i.status, "
        "i.due IS NOT NULL AND i.due < :today, "
        "(i.created_at < :age7) + (i.created_at < :age30) + (i.created_at < :age90), "
        "count(*) FROM " +
            q.issues + " WHERE 1" + q.is_open + q.in_scope + " GROUP BY 1, 2, 3, 4, 5, 6");
    open.bind(":today", q.today);
    open.bind(":age7", utc_start_of(add_days(s.today, -7), q.offset));
    open.bind(":age30", utc_start_of(add_days(s.today, -30), q.offset));
    open.bind(":age90", utc_start_of(add_days(s.today, -90), q.offset));
    while (open.executeStep()) {
        open_issue_group g{open.getColumn(0).getString(),   open.getColumn(1).getString(),
                           open.getColumn(2).getString(),   open.getColumn(3).getString(),
                           open.getColumn(4).getInt() != 0, open.getColumn(5).getInt(),
                           open.getColumn(6).getInt64()};
        if (g.overdue) s.overdue_total += g.count;
        s.open_issues.push_back(std::move(g));
    }
}

// All issues by status and category: the open ones add up from the groups
// read_open_groups read, so only the done ones are read again.
void read_status_categories(const summary_sql& q, summary& s) {
    std::map<std::pair<std::string, std::string>, std::int64_t> status_category;
    for (const auto& g : s.open_issues) status_category[{g.status, g.category}] += g.count;
    SQLite::Statement by_status(q.db, "SELECT i.status, i.category, count(*) FROM " + q.issues +
                                          " WHERE i.status IN " + q.done + q.in_scope +
                                          " GROUP BY 1, 2");
    while (by_status.executeStep())
        status_category[{by_status.getColumn(0).getString(), by_status.getColumn(1).getString()}] +=
            by_status.getColumn(2).getInt64();
    // In the order of GROUP BY status, category (byte order, as SQLite's).
    for (auto& [key, count] : status_category)
        s.by_status_category.push_back({key.first, key.second, count});
}

// Issues and open issues per building straight from issue_building_status
// (no table row read); overdue ones from the open rows alone. In roster
// order, the issues without a building last.
void read_buildings(const summary_sql& q, const building_labels& labels, summary& s) {
    std::map<std::optional<std::int64_t>, building_issue_count> per_building;
    auto building_of = [](const SQLite::Column& c) {
        return c.isNull() ? std::optional<std::int64_t>{} : c.getInt64();
    };
    SQLite::Statement by_building(q.db, "SELECT i.building_id, count(*), coalesce(sum(1" +
                                            q.is_open +
                                            "), 0) FROM issue i INDEXED BY issue_building_status "
                                            "WHERE 1" +
                                            q.in_scope + " GROUP BY 1");
    while (by_building.executeStep()) {
        auto& b = per_building[building_of(by_building.getColumn(0))];
        b.issues = by_building.getColumn(1).getInt64();
        b.open = by_building.getColumn(2).getInt64();
    }
    SQLite::Statement overdue_by_building(q.db, "SELECT i.building_id, count(*) FROM " + q.issues +
                                                    " WHERE i.due < :today" + q.is_open +
                                                    q.in_scope + " GROUP BY 1");
    overdue_by_building.bind(":today", q.today);
    while (overdue_by_building.executeStep())
        per_building[building_of(overdue_by_building.getColumn(0))].overdue =
            overdue_by_building.getColumn(1).getInt64();
    for (std::int64_t id : labels.order)
        if (auto it = per_building.find(id); it != per_building.end()) {
            it->second.building = labels.label.at(id);
            s.by_building.push_back(it->second);
        }
    if (auto it = per_building.find(std::nullopt); it != per_building.end())
        s.by_building.push_back(it->second);
}

// The period and the 12 months ending with until's month, from one scan:
// the rows created or resolved since the earlier of the two starts.
void read_period(const summary_sql& q, summary& s) {
    const std::chrono::year_month last{s.until.year(), s.until.month()};
    const std::chrono::year_month first = last - std::chrono::months{11};
    std::map<std::string, month_count> months;
    for (auto m = first; m <= last; m += std::chrono::months{1}) {
        std::string key = fmt::format("{:04d}-{:02d}", static_cast<int>(m.year()),
                                      static_cast<unsigned>(m.month()));
        months[key] = {key, 0, 0};
    }
    const std::string months_from =
        utc_start_of(date{first.year(), first.month(), std::chrono::day{1}}, q.offset);
    SQLite::Statement period(
        q.db,
        "WITH w AS MATERIALIZED (SELECT i.category, i.severity, i.created_at, i.resolved_at "
        "FROM " +
            q.issues +
            " WHERE ((i.created_at >= :lo AND i.created_at < :to) OR (i.resolved_at >= :lo "
            "AND i.resolved_at < :to))" +
            q.in_scope +
            ") "
            "SELECT 0, category, severity, 0, count(*) FROM w "
            "WHERE created_at >= :from AND created_at < :to GROUP BY 2, 3 "
            "UNION ALL SELECT 1, category, severity, "
            "CAST(julianday(date(resolved_at, :off)) - julianday(date(created_at, :off)) "
            "AS INTEGER), count(*) FROM w "
            "WHERE resolved_at >= :from AND resolved_at < :to GROUP BY 2, 3, 4 "
            "UNION ALL SELECT 2, substr(datetime(created_at, :off), 1, 7), '', 0, count(*) "
            "FROM w WHERE created_at >= :mfrom AND created_at < :to GROUP BY 2 "
            "UNION ALL SELECT 3, substr(datetime(resolved_at, :off), 1, 7), '', 0, count(*) "
            "FROM w WHERE resolved_at >= :mfrom AND resolved_at < :to GROUP BY 2");
    period.bind(":lo", std::min(q.from, months_from));
    period.bind(":to", q.to);
    period.bind(":from", q.from);
    period.bind(":mfrom", months_from);
    period.bind(":off", q.off);
    while (period.executeStep()) {
        const int part = period.getColumn(0).getInt();
        std::string name = period.getColumn(1).getString();
        const std::int64_t count = period.getColumn(4).getInt64();
        if (part == 0) {
            s.opened.push_back({std::move(name), period.getColumn(2).getString(), count});
        } else if (part == 1) {
            s.resolved.push_back({std::move(name), period.getColumn(2).getString(),
                                  period.getColumn(3).getInt64(), count});
        } else if (auto it = months.find(name); it != months.end()) {
            (part == 2 ? it->second.opened : it->second.resolved) = count;
        }
    }
    // In the order of their GROUP BY, whatever order SQLite emits the parts in.
    std::sort(s.opened.begin(), s.opened.end(), [](const auto& a, const auto& b) {
        return std::tie(a.category, a.severity) < std::tie(b.category, b.severity);
    });
    std::sort(s.resolved.begin(), s.resolved.end(), [](const auto& a, const auto& b) {
        return std::tie(a.category, a.severity, a.days) < std::tie(b.category, b.severity, b.days);
    });
    for (auto& [key, m] : months) s.months.push_back(m);
}

// The `limit` issues longest overdue, oldest due date first.
void read_overdue_list(const summary_sql& q, const building_labels& labels, int limit, summary& s) {
    SQLite::Statement overdue(
        q.db, "WITH top AS (SELECT i.id FROM issue i WHERE i.due < :today" + q.is_open +
                  q.in_scope +
                  " ORDER BY i.due, i.id LIMIT :n) "
                  "SELECT i.id, i.title, i.category, i.severity, i.status, i.building_id, "
                  "coalesce(p.name, r.name, ''), i.due FROM top JOIN issue i ON i.id = top.id "
                  "LEFT JOIN party p ON p.id = i.assignee_party_id "
                  "LEFT JOIN resident r ON r.id = i.assignee_resident_id ORDER BY i.due, i.id");
    overdue.bind(":today", q.today);
    overdue.bind(":n", static_cast<std::int64_t>(limit));
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
        o.due = detail::stored_date(overdue.getColumn(7).getString());
        o.days_overdue = days_between(o.due, s.today);
        s.overdue_list.push_back(std::move(o));
    }
}

// Proposals closed in the period, and how many are open now.
void read_decisions(const summary_sql& q, summary& s) {
    SQLite::Statement decisions(
        q.db,
        "SELECT id, code, title, method, outcome, closed_at FROM proposal WHERE status = "
        "'closed' AND closed_at >= :from AND closed_at < :to ORDER BY closed_at, id");
    decisions.bind(":from", q.from);
    decisions.bind(":to", q.to);
    while (decisions.executeStep())
        s.decisions.push_back({decisions.getColumn(0).getInt64(), text(decisions.getColumn(1)),
                               decisions.getColumn(2).getString(),
                               decisions.getColumn(3).getString(),
                               decisions.getColumn(4).getString(),
                               local_date_of(decisions.getColumn(5).getString(), q.offset)});
    s.proposals_open =
        q.db.execAndGet("SELECT count(*) FROM proposal WHERE status = 'open'").getInt64();
}

// Households and active residents of the scope, and the last roster import.
void read_roster(const summary_sql& q, const scope_filter& scope, summary& s) {
    const std::string unit_scope = scope.on("u.building_id");
    s.roster.households =
        q.db.execAndGet(unit_scope.empty()
                            ? std::string("SELECT count(*) FROM household")
                            : "SELECT count(*) FROM household h JOIN unit u ON u.id = "
                              "h.unit_id WHERE 1" +
                                  unit_scope)
            .getInt64();
    s.roster.residents =
        q.db.execAndGet(unit_scope.empty()
                            ? std::string("SELECT count(*) FROM resident WHERE active = 1")
                            : "SELECT count(*) FROM resident r JOIN household h ON h.id = "
                              "r.household_id JOIN unit u ON u.id = h.unit_id WHERE "
                              "r.active = 1" +
                                  unit_scope)
            .getInt64();
    SQLite::Statement last_import(q.db,
                                  "SELECT at, file, rows, added, updated, unchanged, moved_out, "
                                  "invalid FROM roster_import ORDER BY id DESC LIMIT 1");
    if (last_import.executeStep())
        s.roster.last_import =
            roster_import_info{local_date_of(last_import.getColumn(0).getString(), q.offset),
                               last_import.getColumn(1).getString(),
                               last_import.getColumn(2).getInt64(),
                               last_import.getColumn(3).getInt64(),
                               last_import.getColumn(4).getInt64(),
                               last_import.getColumn(5).getInt64(),
                               last_import.getColumn(6).getInt64(),
                               last_import.getColumn(7).getInt64()};
}

// Projects and meetings are few: read through their own packages.
void read_projects_and_meetings(context& ctx, summary& s) {
    const auto offset = ctx.cfg().utc_offset;
    project_filter not_cancelled;
    not_cancelled.statuses = {project_status::planned, project_status::active,
                              project_status::blocked, project_status::done};
    for (const auto& p : list_projects(ctx, not_cancelled))
        s.projects.push_back({p.id, p.title, std::string(to_string(p.status)), p.progress,
                              p.source == progress_source::manual, p.budget_fen, p.funded_fen,
                              p.gap_fen, p.funding_gap,
                              static_cast<std::int64_t>(p.overdue_milestones.size()), p.overdue});
    meeting_filter held;
    held.status = meeting_status::held;
    held.from = s.since;
    held.to = s.until;
    for (const auto& m : list_meetings(ctx, held)) s.meetings_held.push_back(meeting_of(m, offset));
    meeting_filter upcoming;
    upcoming.status = meeting_status::planned;
    // From today, as `next` counts: tonight's planned meeting is still to come.
    upcoming.from = s.today;
    for (const auto& m : list_meetings(ctx, upcoming)) {
        if (s.meetings_upcoming.size() == upcoming_meetings_limit) break;
        s.meetings_upcoming.push_back(meeting_of(m, offset));
    }
}

// Names stored but no longer configured still show, after the configured ones.
void add_stored_names(summary& s) {
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
}

}  // namespace

summary load_summary(context& ctx, const summary_request& r) {
    const issues_config& cfg = ctx.cfg().issues;
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
        detail::mapped_reads mapped(db);
        // One read transaction: every number comes from the same moment.
        SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
        const scope_filter scope = resolve_scope(db, r);
        s.scope = scope.label;
        const summary_sql q(db, scope, cfg, s, ctx.cfg().utc_offset);
        const building_labels labels = load_building_labels(db);
        read_open_groups(q, s);
        read_status_categories(q, s);
        read_buildings(q, labels, s);
        read_period(q, s);
        read_overdue_list(q, labels, r.overdue_limit, s);
        read_decisions(q, s);
        read_roster(q, scope, s);
        read_projects_and_meetings(ctx, s);
        snapshot.commit();
        add_stored_names(s);
        return s;
    });
}

}  // namespace gov
