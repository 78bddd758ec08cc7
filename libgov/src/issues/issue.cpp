// Writing issues: adding, changing (fields, assignee, workflow status) and
// commenting. Each call is one write_transaction with one audit event and a
// history row per changed field.
#include "gov/issues/issue.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issues/issue_internal.hpp"
#include "roster/interface.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

using detail::issues::issue_assignee;
using detail::issues::issue_place;

void check_title(const std::string& title) {
    if (title.empty()) throw input_error(tr("title: an issue needs a title"));
    if (title.find_first_of("\r\n") != std::string::npos)
        throw input_error(tr("title: a title is one line; put details in the description"));
}

void check_category(const issues_config& cfg, std::string_view category) {
    if (category.empty())
        throw input_error(fmt::format(fmt::runtime(tr("category: an issue needs a category: {}")),
                                      detail::joined(detail::issues::category_names(cfg))));
    detail::issues::require_choice(tr("category"), category, detail::issues::category_names(cfg));
}

void check_severity(const issues_config& cfg, std::string_view severity) {
    if (!severity.empty()) detail::issues::require_choice(tr("severity"), severity, cfg.severities);
}

nlohmann::json opt_json(const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::optional<std::string> opt_text(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}

void insert_tags(SQLite::Database& db, std::int64_t id, const std::vector<std::string>& tags) {
    SQLite::Statement ins(db, "INSERT OR IGNORE INTO issue_tag(issue_id, tag) VALUES (?, ?)");
    for (const auto& t : tags) {
        ins.bind(1, id);
        ins.bind(2, t);
        ins.exec();
        ins.reset();
    }
}

// The stored state of an issue, as far as changing it needs.
struct stored_issue {
    std::string title, description, category, severity, priority, status, room, resolution;
    std::optional<std::int64_t> building, unit, household, raised_by, party, resident;
    std::optional<std::string> due, resolved_at, closed_at;
    bool due_explicit = false;
    std::string created_at;
    std::vector<std::string> tags;
};

stored_issue load(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db,
                        "SELECT title, description, category, severity, priority, status, room, "
                        "resolution, building_id, unit_id, household_id, raised_by, "
                        "assignee_party_id, assignee_resident_id, due, resolved_at, closed_at, "
                        "due_explicit, created_at FROM issue WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw not_found(fmt::format(fmt::runtime(tr("no issue #{}")), id));
    stored_issue s;
    s.title = q.getColumn(0).getString();
    s.description = q.getColumn(1).getString();
    s.category = q.getColumn(2).getString();
    s.severity = q.getColumn(3).getString();
    s.priority = q.getColumn(4).getString();
    s.status = q.getColumn(5).getString();
    s.room = q.getColumn(6).getString();
    s.resolution = q.getColumn(7).getString();
    s.building = detail::optional_id(q.getColumn(8));
    s.unit = detail::optional_id(q.getColumn(9));
    s.household = detail::optional_id(q.getColumn(10));
    s.raised_by = detail::optional_id(q.getColumn(11));
    s.party = detail::optional_id(q.getColumn(12));
    s.resident = detail::optional_id(q.getColumn(13));
    s.due = detail::optional_text(q.getColumn(14));
    s.resolved_at = detail::optional_text(q.getColumn(15));
    s.closed_at = detail::optional_text(q.getColumn(16));
    s.due_explicit = q.getColumn(17).getInt() != 0;
    s.created_at = q.getColumn(18).getString();
    SQLite::Statement t(db, "SELECT tag FROM issue_tag WHERE issue_id = ? ORDER BY tag");
    t.bind(1, id);
    while (t.executeStep()) s.tags.push_back(t.getColumn(0).getString());
    return s;
}

// A change being assembled: the SQL assignments and what people will read.
class change_set {
  public:
    void set(std::string column, std::optional<std::string> value) {
        m_columns.emplace_back(std::move(column), std::move(value), std::nullopt);
    }
    void set(std::string column, std::optional<std::int64_t> value) {
        m_columns.emplace_back(std::move(column), std::nullopt, value);
    }
    void note(std::string field, std::optional<std::string> from, std::optional<std::string> to) {
        m_changes.push_back({std::move(field), std::move(from), std::move(to)});
    }
    // A text field: changes when different, recorded under its own name.
    void text(const std::string& field, const std::string& from, const std::string& to) {
        if (from == to) return;
        set(field, opt_text(to).value_or(""));
        note(field, opt_text(from), opt_text(to));
    }
    bool empty() const { return m_changes.empty(); }
    const std::vector<issue_field_change>& changes() const { return m_changes; }

    void apply(SQLite::Database& db, std::int64_t id, const context& ctx) {
        std::string sql = "UPDATE issue SET updated_at = ?";
        for (const auto& c : m_columns) sql += fmt::format(", {} = ?", std::get<0>(c));
        sql += " WHERE id = ?";
        SQLite::Statement u(db, sql);
        int i = 1;
        u.bind(i++, format_timestamp(ctx.now()));
        for (const auto& [column, text, number] : m_columns) {
            if (text)
                u.bind(i++, *text);
            else if (number)
                u.bind(i++, *number);
            else
                u.bind(i++);
        }
        u.bind(i, id);
        u.exec();
        SQLite::Statement h(db,
                            "INSERT INTO issue_history(issue_id, at, actor, field, from_value, "
                            "to_value) VALUES (?, ?, ?, ?, ?, ?)");
        for (const auto& c : m_changes) {
            h.bind(1, id);
            h.bind(2, format_timestamp(ctx.now()));
            h.bind(3, ctx.actor());
            h.bind(4, c.field);
            if (c.from)
                h.bind(5, *c.from);
            else
                h.bind(5);
            if (c.to)
                h.bind(6, *c.to);
            else
                h.bind(6);
            h.exec();
            h.reset();
        }
    }

    nlohmann::json payload() const {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& c : m_changes)
            j[c.field] = {{"from", opt_json(c.from)}, {"to", opt_json(c.to)}};
        return {{"changes", j}};
    }

  private:
    std::vector<std::tuple<std::string, std::optional<std::string>, std::optional<std::int64_t>>>
        m_columns;
    std::vector<issue_field_change> m_changes;
};

std::optional<std::string> building_text(SQLite::Database& db, std::optional<std::int64_t> id) {
    if (!id) return std::nullopt;
    return detail::building_label(db, *id);
}
std::optional<std::string> unit_text(SQLite::Database& db, std::optional<std::int64_t> id) {
    if (!id) return std::nullopt;
    return detail::unit_label(db, *id);
}
std::optional<std::string> resident_text(SQLite::Database& db, std::optional<std::int64_t> id) {
    if (!id) return std::nullopt;
    return detail::resident_label(db, *id);
}
std::optional<std::string> assignee_text(SQLite::Database& db, std::optional<std::int64_t> party,
                                         std::optional<std::int64_t> resident) {
    if (party) return detail::party_label(db, *party);
    return resident_text(db, resident);
}

void change_place(SQLite::Database& db, const stored_issue& s, const issue_changes& c,
                  change_set& cs) {
    if (!c.building && !c.unit && !c.room) return;
    std::string building =
        c.building ? *c.building : (s.building ? fmt::format("#{}", *s.building) : "");
    std::string unit = c.unit                    ? *c.unit
                       : (c.building || !s.unit) ? std::string{}
                                                 : detail::unit_label(db, *s.unit);
    std::string room = c.room ? *c.room : s.room;
    issue_place p = detail::issues::resolve_place(db, building, unit, room);
    if (p.building != s.building) {
        cs.set("building_id", p.building);
        cs.note("building", building_text(db, s.building), building_text(db, p.building));
    }
    if (p.unit != s.unit) {
        cs.set("unit_id", p.unit);
        cs.note("unit", unit_text(db, s.unit), unit_text(db, p.unit));
    }
    if (p.household != s.household) cs.set("household_id", p.household);
    cs.text("room", s.room, p.room);
}

// The workflow: checks a move and records what it changes.
void change_status(const context& ctx, std::int64_t id, const stored_issue& s,
                   const issue_changes& c, change_set& cs) {
    const issues_config& cfg = ctx.cfg().issues;
    if (!c.status) {
        if (c.resolution && *c.resolution != s.resolution) {
            if (!cfg.is_done(s.status))
                throw input_error(fmt::format(
                    fmt::runtime(tr("resolution: issue #{} is {}; a resolution is given when it "
                                    "is resolved")),
                    id, s.status));
            cs.text("resolution", s.resolution, *c.resolution);
        }
        return;
    }
    const std::string& to = *c.status;
    detail::issues::require_choice(tr("status"), to, detail::issues::issue_statuses(cfg));
    auto from = cfg.transitions.find(s.status);
    // An issue whose status the workflow no longer has may enter any status.
    if (from != cfg.transitions.end()) {
        const auto& allowed = from->second;
        if (std::find(allowed.begin(), allowed.end(), to) == allowed.end())
            throw conflict(fmt::format(
                fmt::runtime(tr("issue #{} is {}: it cannot become {}; from {} it may become: {}")),
                id, s.status, to, s.status,
                allowed.empty() ? std::string(tr("(nothing)")) : detail::joined(allowed)));
    }
    bool needs_resolution =
        std::find(cfg.resolution_required.begin(), cfg.resolution_required.end(), to) !=
        cfg.resolution_required.end();
    std::string resolution =
        c.resolution ? std::string(detail::trim(*c.resolution)) : std::string{};
    if (needs_resolution && resolution.empty())
        throw input_error(fmt::format(
            fmt::runtime(tr("resolution: issue #{} cannot become {} without a resolution (what "
                            "was done; --resolution)")),
            id, to));
    std::string now = format_timestamp(ctx.now());
    cs.text("status", s.status, to);
    auto stamp = [&](const char* column, const std::optional<std::string>& old,
                     std::optional<std::string> value) {
        if (old == value) return;
        cs.set(column, value);
        cs.note(column, old, value);
    };
    if (!cfg.is_done(to)) {
        // Reopened: what marked it done no longer holds; the history keeps it.
        stamp("resolved_at", s.resolved_at, std::nullopt);
        stamp("closed_at", s.closed_at, std::nullopt);
        cs.text("resolution", s.resolution, "");
        if (c.resolution && !resolution.empty())
            throw input_error(fmt::format(
                fmt::runtime(tr("resolution: issue #{} is becoming {}, which is not done")), id,
                to));
        return;
    }
    if (needs_resolution)
        stamp("resolved_at", s.resolved_at, now);
    else
        stamp("closed_at", s.closed_at, now);
    if (!resolution.empty()) cs.text("resolution", s.resolution, resolution);
}

}  // namespace

std::int64_t detail::issues::insert_issue(detail::write_transaction& tx, context& ctx,
                                          const issue_draft& d) {
    const issues_config& cfg = ctx.cfg().issues;
    std::string title = std::string(detail::trim(d.title));
    check_title(title);
    check_category(cfg, d.category);
    check_severity(cfg, d.severity);
    std::string priority = d.priority.empty() ? cfg.default_priority : d.priority;
    detail::issues::require_choice(tr("priority"), priority, cfg.priorities);
    std::vector<std::string> tags = detail::issues::normalise_tags(d.tags);

    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = tx.db();
        issue_place place = detail::issues::resolve_place(db, d.building, d.unit, d.room);
        std::optional<std::int64_t> raised_by;
        if (!d.raised_by.empty())
            raised_by = detail::issues::resolve_resident_ref(db, tr("raised by"), d.raised_by);
        issue_assignee assignee = detail::issues::resolve_assignee(db, d.assignee);
        date due = d.due ? *d.due : *detail::issues::category_due(cfg, d.category, ctx.today());
        std::string now = format_timestamp(ctx.now());

        SQLite::Statement ins(
            db,
            "INSERT INTO issue(title, description, category, severity, priority, status, "
            "building_id, unit_id, household_id, room, raised_by, assignee_party_id, "
            "assignee_resident_id, due, due_explicit, created_at, created_by, updated_at, "
            "raised_at_meeting) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        int i = 1;
        auto bind_id = [&](const std::optional<std::int64_t>& v) {
            if (v)
                ins.bind(i++, *v);
            else
                ins.bind(i++);
        };
        ins.bind(i++, title);
        ins.bind(i++, d.description);
        ins.bind(i++, d.category);
        ins.bind(i++, d.severity);
        ins.bind(i++, priority);
        ins.bind(i++, cfg.initial_status);
        bind_id(place.building);
        bind_id(place.unit);
        bind_id(place.household);
        ins.bind(i++, place.room);
        bind_id(raised_by);
        bind_id(assignee.party);
        bind_id(assignee.resident);
        ins.bind(i++, format_date(due));
        ins.bind(i++, d.due ? 1 : 0);
        ins.bind(i++, now);
        ins.bind(i++, ctx.actor());
        ins.bind(i++, now);
        bind_id(d.raised_at_meeting);
        ins.exec();
        std::int64_t id = db.getLastInsertRowid();
        insert_tags(db, id, tags);

        nlohmann::json p = {{"title", title},
                            {"category", d.category},
                            {"priority", priority},
                            {"status", cfg.initial_status},
                            {"due", format_date(due)}};
        if (!d.description.empty()) p["description"] = d.description;
        if (!d.severity.empty()) p["severity"] = d.severity;
        if (place.building) p["building"] = detail::building_label(db, *place.building);
        if (place.unit) p["unit"] = detail::unit_label(db, *place.unit);
        if (!place.room.empty()) p["room"] = place.room;
        if (raised_by) p["raised_by"] = detail::resident_label(db, *raised_by);
        if (!assignee.label.empty()) p["assignee"] = assignee.label;
        if (!tags.empty()) p["tags"] = tags;
        if (d.raised_at_meeting) p["raised_at_meeting"] = *d.raised_at_meeting;
        tx.audit("issue.add", "issue", std::to_string(id), p);
        return id;
    });
}

std::int64_t add_issue(context& ctx, const issue_draft& d) {
    detail::write_transaction tx(ctx);
    std::int64_t id = detail::issues::insert_issue(tx, ctx, d);
    tx.commit();
    return id;
}

namespace {

// Who raised it and who it is assigned to.
void change_people(SQLite::Database& db, const stored_issue& s, const issue_changes& c,
                   change_set& cs) {
    if (c.raised_by) {
        std::optional<std::int64_t> r;
        if (!c.raised_by->empty())
            r = detail::issues::resolve_resident_ref(db, tr("raised by"), *c.raised_by);
        if (r != s.raised_by) {
            cs.set("raised_by", r);
            cs.note("raised_by", resident_text(db, s.raised_by), resident_text(db, r));
        }
    }
    if (c.assignee) {
        issue_assignee a = detail::issues::resolve_assignee(db, *c.assignee);
        if (a.party != s.party || a.resident != s.resident) {
            cs.set("assignee_party_id", a.party);
            cs.set("assignee_resident_id", a.resident);
            cs.note("assignee", assignee_text(db, s.party, s.resident), opt_text(a.label));
        }
    }
}

// The due date: set by hand, or following the category's deadline.
void change_due(context& ctx, const stored_issue& s, const issue_changes& c, change_set& cs) {
    std::optional<std::string> due = s.due;
    if (c.due) {
        due = format_date(*c.due);
        if (!s.due_explicit) cs.set("due_explicit", std::optional<std::int64_t>(1));
    } else if (c.category && !s.due_explicit) {
        if (auto d = detail::issues::category_due(
                ctx.cfg().issues, *c.category,
                local_date(detail::stored_time(s.created_at), ctx.cfg().utc_offset)))
            due = format_date(*d);
    }
    if (due != s.due) {
        cs.set("due", due);
        cs.note("due", s.due, due);
    }
}

// Tags added and removed; the issue's tags written again when they differ.
void change_tags(SQLite::Database& db, std::int64_t id, const stored_issue& s,
                 const issue_changes& c, change_set& cs) {
    if (c.add_tags.empty() && c.remove_tags.empty()) return;
    std::vector<std::string> tags = s.tags;
    for (const auto& t : detail::issues::normalise_tags(c.add_tags)) tags.push_back(t);
    auto removed = detail::issues::normalise_tags(c.remove_tags);
    std::erase_if(tags, [&](const std::string& t) {
        return std::find(removed.begin(), removed.end(), t) != removed.end();
    });
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    if (tags == s.tags) return;
    SQLite::Statement del(db, "DELETE FROM issue_tag WHERE issue_id = ?");
    del.bind(1, id);
    del.exec();
    insert_tags(db, id, tags);
    cs.note("tags", opt_text(detail::joined(s.tags, ",")), opt_text(detail::joined(tags, ",")));
}

// The event is named by what kind of change this was.
const char* audit_action(const change_set& cs, const issue_changes& c) {
    bool only_assignee = true, only_status = true;
    for (const auto& ch : cs.changes()) {
        only_assignee = only_assignee && ch.field == "assignee";
        only_status = only_status && (ch.field == "status" || ch.field == "resolution" ||
                                      ch.field == "resolved_at" || ch.field == "closed_at");
    }
    return only_assignee && c.assignee ? "issue.assign"
           : only_status && c.status   ? "issue.transition"
                                       : "issue.update";
}

}  // namespace

namespace detail::issues {

std::vector<issue_field_change> apply_issue_changes(context& ctx, write_transaction& tx,
                                                    std::int64_t id, const issue_changes& c) {
    const issues_config& cfg = ctx.cfg().issues;
    auto& db = tx.db();
    stored_issue s = load(db, id);
    change_set cs;
    if (c.title) {
        std::string title = std::string(detail::trim(*c.title));
        check_title(title);
        cs.text("title", s.title, title);
    }
    if (c.description) cs.text("description", s.description, *c.description);
    if (c.category) {
        check_category(cfg, *c.category);
        cs.text("category", s.category, *c.category);
    }
    if (c.severity) {
        check_severity(cfg, *c.severity);
        cs.text("severity", s.severity, *c.severity);
    }
    if (c.priority) {
        detail::issues::require_choice(tr("priority"), *c.priority, cfg.priorities);
        cs.text("priority", s.priority, *c.priority);
    }
    change_place(db, s, c, cs);
    change_people(db, s, c, cs);
    change_due(ctx, s, c, cs);
    change_tags(db, id, s, c, cs);
    change_status(ctx, id, s, c, cs);
    if (cs.empty()) return std::vector<issue_field_change>{};
    cs.apply(db, id, ctx);
    tx.audit(audit_action(cs, c), "issue", std::to_string(id), cs.payload());
    return cs.changes();
}

}  // namespace detail::issues

std::vector<issue_field_change> update_issue(context& ctx, std::int64_t id,
                                             const issue_changes& c) {
    detail::write_transaction tx(ctx);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto changes = detail::issues::apply_issue_changes(ctx, tx, id, c);
        if (!changes.empty()) tx.commit();
        return changes;
    });
}

std::vector<issue_field_change> assign_issue(context& ctx, std::int64_t id, std::string_view ref) {
    issue_changes c;
    c.assignee = std::string(ref);
    return update_issue(ctx, id, c);
}

std::vector<issue_field_change> transition_issue(context& ctx, std::int64_t id,
                                                 std::string_view status,
                                                 std::optional<std::string> resolution) {
    issue_changes c;
    c.status = std::string(status);
    c.resolution = std::move(resolution);
    return update_issue(ctx, id, c);
}

std::vector<issue_field_change> run_issue_command(context& ctx, std::int64_t id,
                                                  std::string_view command,
                                                  std::optional<std::string> resolution) {
    static const std::pair<std::string_view, std::string_view> commands[] = {
        {"resolve", "resolved"}, {"close", "closed"}, {"reopen", "open"}, {"reject", "rejected"}};
    for (const auto& [name, status] : commands) {
        if (name != command) continue;
        const issues_config& cfg = ctx.cfg().issues;
        if (!cfg.is_status(status))
            throw conflict(fmt::format(
                fmt::runtime(tr("`issue {}` moves an issue to \"{}\", which this workflow does "
                                "not have; its statuses are: {} (use `gov issue update ID "
                                "--status STATUS`)")),
                command, status, detail::joined(detail::issues::issue_statuses(cfg))));
        return transition_issue(ctx, id, status, std::move(resolution));
    }
    throw usage_error(fmt::format("no issue command \"{}\"", command));
}

std::int64_t comment_issue(context& ctx, std::int64_t id, std::string_view text) {
    std::string body = std::string(detail::trim(text));
    if (body.empty()) throw input_error(tr("comment: the text is empty"));
    detail::write_transaction tx(ctx);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = tx.db();
        load(db, id);  // not_found for an unknown issue
        std::string now = format_timestamp(ctx.now());
        SQLite::Statement ins(
            db, "INSERT INTO issue_comment(issue_id, at, actor, body) VALUES (?, ?, ?, ?)");
        ins.bind(1, id);
        ins.bind(2, now);
        ins.bind(3, ctx.actor());
        ins.bind(4, body);
        ins.exec();
        std::int64_t comment = db.getLastInsertRowid();
        SQLite::Statement u(db, "UPDATE issue SET updated_at = ? WHERE id = ?");
        u.bind(1, now);
        u.bind(2, id);
        u.exec();
        tx.audit("issue.comment", "issue", std::to_string(id),
                 {{"comment_id", comment}, {"text", body}});
        tx.commit();
        return comment;
    });
}

}  // namespace gov
