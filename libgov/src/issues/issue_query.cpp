// Reading issues: one with everything about it, and filtered listings.
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "bulk/interface.hpp"
#include "gov/issues/issue.hpp"
#include "gov/roster/roster.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"
#include "issues/issue_internal.hpp"
#include "roster/interface.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

// Tags travel from SQL to C++ joined by the ASCII unit separator, which a tag
// cannot hold.
constexpr char tag_sep = '\x1f';

std::vector<std::string> split_joined(std::string_view s) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == tag_sep) {
            out.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    std::sort(out.begin(), out.end());
    return out;
}

// LIKE pattern for a substring, with the wildcards in it escaped.
std::string like_pattern(std::string_view text) {
    std::string p = "%";
    for (char ch : text) {
        if (ch == '%' || ch == '_' || ch == '\\') p += '\\';
        p += ch;
    }
    return p + "%";
}

using bound = std::variant<std::int64_t, std::string>;

// "?, ?, ?" binding each of `values`.
std::string placeholders(const std::vector<std::string>& values, std::vector<bound>& binds) {
    std::string out;
    for (const auto& v : values) {
        out += out.empty() ? "?" : ", ?";
        binds.emplace_back(v);
    }
    return out;
}

void check_names(std::string_view field, const std::vector<std::string>& values,
                 const std::vector<std::string>& choices) {
    for (const auto& v : values) detail::issues::require_choice(field, v, choices);
}

}  // namespace

std::optional<period> parse_period(std::string_view text) {
    int n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || p == text.data() || n < 0) return std::nullopt;
    std::string_view unit(p, static_cast<std::size_t>(text.data() + text.size() - p));
    period out;
    out.count = n;
    if (unit == "d" || unit == "D" || unit == "天")
        out.of = period::unit::day;
    else if (unit == "w" || unit == "W" || unit == "周")
        out.of = period::unit::week;
    else if (unit == "m" || unit == "M" || unit == "月")
        out.of = period::unit::month;
    else if (unit == "y" || unit == "Y" || unit == "年")
        out.of = period::unit::year;
    else
        return std::nullopt;
    return out;
}

date subtract_period(const date& d, const period& p) {
    using namespace std::chrono;
    switch (p.of) {
        case period::unit::day:
            return add_days(d, -p.count);
        case period::unit::week:
            return add_days(d, -7 * p.count);
        case period::unit::month:
        case period::unit::year: {
            year_month ym = d.year() / d.month();
            ym -= months(p.of == period::unit::month ? p.count : 12 * p.count);
            year_month_day last = ym / std::chrono::last;
            return ym / std::min(d.day(), last.day());
        }
    }
    return d;
}

issue_sort parse_issue_sort(std::string_view name) {
    static const std::pair<const char*, issue_sort> names[] = {
        {"id", issue_sort::id},         {"created", issue_sort::created},
        {"due", issue_sort::due},       {"priority", issue_sort::priority},
        {"status", issue_sort::status}, {"updated", issue_sort::updated}};
    for (const auto& [n, s] : names)
        if (name == n) return s;
    throw usage_error(fmt::format(
        fmt::runtime(
            tr("--sort: \"{}\" is not one of: id, created, due, priority, status, updated")),
        name));
}

namespace {

// The issue's own row, with the names its ids point at.
issue_record read_issue_row(context& ctx, SQLite::Database& db, SQLite::Statement& q) {
    issue_record rec;
    rec.id = q.getColumn(0).getInt64();
    rec.title = q.getColumn(1).getString();
    rec.description = q.getColumn(2).getString();
    rec.category = q.getColumn(3).getString();
    rec.severity = q.getColumn(4).getString();
    rec.priority = q.getColumn(5).getString();
    rec.status = q.getColumn(6).getString();
    rec.building_id = detail::optional_id(q.getColumn(7));
    if (rec.building_id) rec.building = detail::building_label(db, *rec.building_id);
    rec.unit_id = detail::optional_id(q.getColumn(8));
    rec.unit = q.getColumn(9).getString();
    rec.household_id = detail::optional_id(q.getColumn(10));
    rec.room = q.getColumn(11).getString();
    rec.raised_by_id = detail::optional_id(q.getColumn(12));
    rec.raised_by = q.getColumn(13).getString();
    rec.raised_by_phone = q.getColumn(14).getString();
    rec.raised_at_meeting = detail::optional_id(q.getColumn(15));
    if (auto party = detail::optional_id(q.getColumn(16))) {
        rec.assignee_type = assignee_kind::party;
        rec.assignee_id = party;
        rec.assignee = q.getColumn(17).getString();
    } else if (auto res = detail::optional_id(q.getColumn(18))) {
        rec.assignee_type = assignee_kind::resident;
        rec.assignee_id = res;
        rec.assignee = q.getColumn(19).getString();
    }
    if (auto due = detail::optional_text(q.getColumn(20))) rec.due = detail::stored_date(*due);
    rec.due_explicit = q.getColumn(21).getInt() != 0;
    rec.resolution = q.getColumn(22).getString();
    rec.created_at = detail::stored_time(q.getColumn(23).getString());
    rec.created_by = q.getColumn(24).getString();
    rec.updated_at = detail::stored_time(q.getColumn(25).getString());
    if (auto t = detail::optional_text(q.getColumn(26))) rec.resolved_at = detail::stored_time(*t);
    if (auto t = detail::optional_text(q.getColumn(27))) rec.closed_at = detail::stored_time(*t);
    rec.overdue = rec.due && *rec.due < ctx.today() && !ctx.cfg().issues.is_done(rec.status);

    return rec;
}

// Its tags, comments and history, each in order.
void read_issue_lists(SQLite::Database& db, std::int64_t id, issue_record& rec) {
    SQLite::Statement t(db, "SELECT tag FROM issue_tag WHERE issue_id = ? ORDER BY tag");
    t.bind(1, id);
    while (t.executeStep()) rec.tags.push_back(t.getColumn(0).getString());
    SQLite::Statement c(
        db, "SELECT id, at, actor, body FROM issue_comment WHERE issue_id = ? ORDER BY id");
    c.bind(1, id);
    while (c.executeStep())
        rec.comments.push_back({c.getColumn(0).getInt64(),
                                detail::stored_time(c.getColumn(1).getString()),
                                c.getColumn(2).getString(), c.getColumn(3).getString()});
    SQLite::Statement h(db,
                        "SELECT at, actor, field, from_value, to_value FROM issue_history "
                        "WHERE issue_id = ? ORDER BY id");
    h.bind(1, id);
    while (h.executeStep())
        rec.history.push_back({detail::stored_time(h.getColumn(0).getString()),
                               h.getColumn(1).getString(), h.getColumn(2).getString(),
                               detail::optional_text(h.getColumn(3)),
                               detail::optional_text(h.getColumn(4))});
}

}  // namespace

issue_record get_issue(context& ctx, std::int64_t id, bool reveal_pii) {
    auto& db = ctx.db().impl().db();
    issue_record r = detail::guard_sqlite(ctx.db().path(), [&] {
        detail::read_snapshot snapshot(db);
        SQLite::Statement q(
            db,
            "SELECT i.id, i.title, i.description, i.category, i.severity, i.priority, i.status, "
            "i.building_id, i.unit_id, u.name, i.household_id, i.room, i.raised_by, r.name, "
            "r.phone, i.raised_at_meeting, i.assignee_party_id, p.name, i.assignee_resident_id, "
            "ar.name, i.due, i.due_explicit, i.resolution, i.created_at, i.created_by, "
            "i.updated_at, i.resolved_at, i.closed_at "
            "FROM issue i LEFT JOIN unit u ON u.id = i.unit_id "
            "LEFT JOIN resident r ON r.id = i.raised_by "
            "LEFT JOIN party p ON p.id = i.assignee_party_id "
            "LEFT JOIN resident ar ON ar.id = i.assignee_resident_id WHERE i.id = ?");
        q.bind(1, id);
        if (!q.executeStep()) throw not_found(fmt::format(fmt::runtime(tr("no issue #{}")), id));
        issue_record rec = read_issue_row(ctx, db, q);
        read_issue_lists(db, id, rec);
        return rec;
    });
    auto next = ctx.cfg().issues.transitions.find(r.status);
    if (next != ctx.cfg().issues.transitions.end()) r.next_statuses = next->second;
    if (!reveal_pii) {
        if (!r.raised_by_phone.empty()) r.raised_by_phone = mask_phone(r.raised_by_phone);
    } else if (!r.raised_by_phone.empty()) {
        record_pii_reveal(ctx, "issue show", 1, std::to_string(*r.raised_by_id));
    }
    return r;
}

std::vector<issue_summary> list_issues(context& ctx, const issue_filter& f) {
    std::vector<issue_summary> out;
    for_each_issue(ctx, f, [&](issue_summary&& s) { out.push_back(std::move(s)); });
    return out;
}

namespace {

// A listing's SELECT and the values it binds, built from a filter.
struct issue_query {
    std::string sql;
    std::vector<bound> binds;
};

// The WHERE conditions of a filter (each " AND …"), binding their values.
std::string filter_conditions(SQLite::Database& db, context& ctx, const issue_filter& f,
                              std::vector<bound>& binds) {
    const issues_config& cfg = ctx.cfg().issues;
    std::string where;
    auto cond = [&](const std::string& c) { where += " AND " + c; };
    if (!f.statuses.empty()) cond("i.status IN (" + placeholders(f.statuses, binds) + ")");
    // Unary + keeps SQLite off any index on category or due (there was
    // one until schema level 8): a category and a due-date range hold a
    // large share of all issues, and reading those through an index costs
    // a random row look-up each — 3.5× slower than scanning the table in
    // id order (the listing's order) at 200,000 issues. The building
    // index, which is selective, is used.
    if (!f.categories.empty()) cond("+i.category IN (" + placeholders(f.categories, binds) + ")");
    if (!f.severities.empty()) cond("i.severity IN (" + placeholders(f.severities, binds) + ")");
    if (!f.priorities.empty()) cond("i.priority IN (" + placeholders(f.priorities, binds) + ")");
    if (f.building) {
        cond("i.building_id = ?");
        binds.emplace_back(detail::issues::resolve_building_ref(db, *f.building));
    }
    if (f.raised_by) {
        cond("i.raised_by = ?");
        binds.emplace_back(detail::issues::resolve_resident_ref(db, tr("raised by"), *f.raised_by));
    }
    if (f.assignee) {
        auto a = detail::issues::resolve_assignee(db, *f.assignee);
        if (a.party) {
            cond("i.assignee_party_id = ?");
            binds.emplace_back(*a.party);
        } else if (a.resident) {
            cond("i.assignee_resident_id = ?");
            binds.emplace_back(*a.resident);
        } else {
            cond("i.assignee_party_id IS NULL AND i.assignee_resident_id IS NULL");
        }
    }
    for (const auto& tag : f.tags) {
        cond("EXISTS (SELECT 1 FROM issue_tag t WHERE t.issue_id = i.id AND t.tag = ?)");
        binds.emplace_back(tag);
    }
    if (f.overdue) {
        cond("+i.due < ?");
        binds.emplace_back(format_date(ctx.today()));
        if (!cfg.done_statuses.empty())
            cond("i.status NOT IN (" + placeholders(cfg.done_statuses, binds) + ")");
    }
    if (f.due_before) {
        cond("i.due < ?");
        binds.emplace_back(format_date(*f.due_before));
    }
    auto created_before = [&](const date& d) {
        cond("i.created_at < ?");
        binds.emplace_back(format_timestamp(local_midnight(d, ctx.cfg().utc_offset)));
    };
    if (f.older_than) created_before(subtract_period(ctx.today(), *f.older_than));
    if (f.until) created_before(add_days(*f.until, 1));
    if (f.since) {
        cond("i.created_at >= ?");
        binds.emplace_back(format_timestamp(local_midnight(*f.since, ctx.cfg().utc_offset)));
    }
    if (!f.search.empty()) {
        cond(
            "(i.title LIKE ? ESCAPE '\\' OR i.description LIKE ? ESCAPE '\\' OR EXISTS "
            "(SELECT 1 FROM issue_comment c WHERE c.issue_id = i.id AND c.body LIKE ? "
            "ESCAPE '\\'))");
        for (int k = 0; k < 3; ++k) binds.emplace_back(like_pattern(f.search));
    }
    return where;
}

// The ORDER BY of the sort asked for; priorities sort in [issues] order.
std::string order_clause(const issue_filter& f, const issues_config& cfg,
                         std::vector<bound>& binds) {
    const char* dir = f.reverse ? " DESC" : "";
    const char* rdir = f.reverse ? "" : " DESC";
    switch (f.sort) {
        case issue_sort::id:
            break;
        case issue_sort::created:
            return fmt::format("i.created_at{0}, i.id{0}", dir);
        case issue_sort::due:
            return fmt::format("i.due IS NULL{0}, i.due{0}, i.id{0}", dir);
        case issue_sort::priority: {
            std::string order = "CASE i.priority";
            for (std::size_t k = 0; k < cfg.priorities.size(); ++k) {
                order += " WHEN ? THEN " + std::to_string(k);
                binds.emplace_back(cfg.priorities[k]);
            }
            return order + fmt::format(" ELSE {} END{}, i.id{}", cfg.priorities.size(), dir, dir);
        }
        case issue_sort::status:
            return fmt::format("i.status{0}, i.id{0}", dir);
        case issue_sort::updated:
            return fmt::format("i.updated_at{0}, i.id{0}", rdir);
    }
    return fmt::format("i.id{}", dir);
}

issue_query build_issue_query(SQLite::Database& db, context& ctx, const issue_filter& f) {
    issue_query q;
    std::string where = filter_conditions(db, ctx, f, q.binds);
    std::string order = order_clause(f, ctx.cfg().issues, q.binds);
    // Without people and times a listing reads NULL for the columns it
    // leaves out. Tags are a search of the tag table per issue listed; with
    // none stored (as in many a community) that is skipped.
    const bool brief = f.fields == issue_fields::without_people_and_times;
    const bool any_tags = db.execAndGet("SELECT EXISTS (SELECT 1 FROM issue_tag)").getInt() != 0;
    q.sql = std::string(
                "SELECT i.id, i.title, i.category, i.severity, i.priority, i.status, "
                "i.building_id, ") +
            (brief ? "NULL, NULL" : "i.room, r.name") + ", coalesce(p.name, ar.name), i.due, " +
            (brief ? "NULL, NULL" : "i.created_at, i.updated_at") +
            (any_tags ? ", (SELECT group_concat(t.tag, char(31)) FROM issue_tag t "
                        "WHERE t.issue_id = i.id) "
                      : ", NULL ") +
            "FROM issue i " +
            std::string(brief ? "" : "LEFT JOIN resident r ON r.id = i.raised_by ") +
            "LEFT JOIN party p ON p.id = i.assignee_party_id "
            "LEFT JOIN resident ar ON ar.id = i.assignee_resident_id WHERE 1" +
            where + " ORDER BY " + order;
    if (f.limit) {
        q.sql += " LIMIT ?";
        q.binds.emplace_back(*f.limit);
    }
    return q;
}

void bind_all(sqlite3_stmt* st, const std::vector<bound>& binds) {
    for (std::size_t k = 0; k < binds.size(); ++k) {
        const int idx = static_cast<int>(k + 1);
        if (const auto* n = std::get_if<std::int64_t>(&binds[k])) {
            sqlite3_bind_int64(st, idx, *n);
        } else {
            const auto& t = std::get<std::string>(binds[k]);  // outlives the statement
            sqlite3_bind_text(st, idx, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
        }
    }
}

// Building names looked up once each: a community has a few thousand
// buildings and a long listing names the same ones many times over. Kept by
// id in a vector (ids are small and dense), as a hash map's nodes scattered
// over the heap cost a listing of 20,000 issues a tenth of its time in cache
// misses; an id past any real roster's goes through a map.
class building_names {
  public:
    explicit building_names(SQLite::Database& db)
        : m_query(db,
                  "SELECT c.name || '/' || b.name FROM building b "
                  "LEFT JOIN compound c ON c.id = b.compound_id WHERE b.id = ?") {}

    const std::string& operator()(std::int64_t id) {
        if (id < 0 || id >= dense_ids) {
            auto [it, added] = m_others.try_emplace(id);
            if (added) it->second = look_up(id);
            return it->second;
        }
        const auto k = static_cast<std::size_t>(id);
        if (k >= m_dense.size()) m_dense.resize(k + 1);
        if (!m_dense[k]) m_dense[k] = look_up(id);
        return *m_dense[k];
    }

  private:
    static constexpr std::int64_t dense_ids = 1 << 20;

    std::string look_up(std::int64_t id) {
        m_query.bind(1, id);
        std::string name;
        if (m_query.executeStep()) name = m_query.getColumn(0).getString();
        m_query.reset();
        return name;
    }

    SQLite::Statement m_query;
    std::vector<std::optional<std::string>> m_dense;
    std::unordered_map<std::int64_t, std::string> m_others;
};

// One row of build_issue_query's SELECT as an issue_summary. Through
// SQLite's own API: a listing reads a dozen columns of tens of thousands of
// rows, and SQLiteCpp makes an object per read.
class issue_row_reader {
  public:
    issue_row_reader(SQLite::Database& db, context& ctx, bool brief)
        : m_buildings(db),
          m_cfg(ctx.cfg().issues),
          m_offset(ctx.cfg().utc_offset),
          m_today(ctx.today()),
          m_brief(brief) {}

    issue_summary read(sqlite3_stmt* st) {
        auto null = [&](int c) { return sqlite3_column_type(st, c) == SQLITE_NULL; };
        auto text = [&](int c) {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st, c)))
                     : std::string_view();
        };
        issue_summary s;
        s.id = sqlite3_column_int64(st, 0);
        s.title = text(1);
        s.category = text(2);
        s.severity = text(3);
        s.priority = text(4);
        s.status = text(5);
        if (!null(6)) s.building = m_buildings(sqlite3_column_int64(st, 6));
        s.assignee = text(9);
        if (!null(10)) s.due = detail::stored_date(text(10));
        if (!m_brief) {
            s.room = text(7);
            s.raised_by = text(8);
            s.created = local_date(detail::stored_time(text(11)), m_offset);
            s.updated_at = detail::stored_time(text(12));
        }
        s.tags = split_joined(text(13));
        s.overdue = s.due && *s.due < m_today && !m_cfg.is_done(s.status);
        return s;
    }

  private:
    building_names m_buildings;
    const issues_config& m_cfg;
    std::chrono::minutes m_offset;
    date m_today;
    bool m_brief;
};

}  // namespace

void for_each_issue(context& ctx, const issue_filter& f,
                    const std::function<void(issue_summary&&)>& visit) {
    const issues_config& cfg = ctx.cfg().issues;
    check_names(tr("status"), f.statuses, detail::issues::issue_statuses(cfg));
    check_names(tr("category"), f.categories, detail::issues::category_names(cfg));
    check_names(tr("severity"), f.severities, cfg.severities);
    check_names(tr("priority"), f.priorities, cfg.priorities);
    if (f.limit && *f.limit < 0) throw usage_error(tr("--limit must not be negative"));
    auto& db = ctx.db().impl().db();
    detail::guard_sqlite(ctx.db().path(), [&] {
        detail::read_snapshot snapshot(db);
        issue_query query = build_issue_query(db, ctx, f);
        // No memory mapping here (unlike the summary): measured at 200,000
        // issues it made no listing faster and tripled peak memory.
        detail::raw_statement q(db, query.sql.c_str());
        bind_all(q.get(), query.binds);
        issue_row_reader rows(db, ctx, f.fields == issue_fields::without_people_and_times);
        while (q.step()) visit(rows.read(q.get()));
    });
}

}  // namespace gov
