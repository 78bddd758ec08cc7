// Projects: making one, changing its fields and moving it through its
// statuses. Milestones, deliveries, funding, notes and links are in
// project_records.cpp; reading in project_query.cpp. Each call is one
// write_transaction with one audit event and a line in the project's updates.
#include "gov/projects/project.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/issues/issue.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/rational.hpp"
#include "issues/interface.hpp"
#include "projects/project_internal.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"

namespace gov {
namespace {

using namespace detail::projects;

constexpr project_status all_statuses[] = {project_status::planned, project_status::active,
                                           project_status::blocked, project_status::done,
                                           project_status::cancelled};

std::string status_names(const std::vector<project_status>& list) {
    std::string out;
    for (auto s : list) out += (out.empty() ? "" : ", ") + std::string(to_string(s));
    return out;
}

std::string required_title(std::string_view title) {
    std::string t = std::string(detail::trim(title, detail::whitespace::typed));
    if (t.empty()) throw input_error(tr("title: a project needs a title"));
    return t;
}

void check_budget(const std::optional<std::int64_t>& budget) {
    if (budget && *budget < 0) throw input_error(tr("budget: must not be negative"));
}

void check_dates(const std::optional<date>& start, const std::optional<date>& due) {
    if (start && due && *due < *start)
        throw input_error(fmt::format(fmt::runtime(tr("due: {} is before the start ({})")),
                                      format_date(*due), format_date(*start)));
}

nlohmann::json opt_json(const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::optional<std::string> money_text(const std::optional<std::int64_t>& fen) {
    if (!fen) return std::nullopt;
    return format_money(*fen);
}

std::optional<std::string> date_text(const std::optional<date>& d) {
    if (!d) return std::nullopt;
    return format_date(*d);
}

std::vector<std::string> partner_names(SQLite::Database& db, std::int64_t project) {
    SQLite::Statement q(db,
                        "SELECT p.name FROM project_partner pp JOIN party p ON p.id = pp.party_id "
                        "WHERE pp.project_id = ? ORDER BY p.name");
    q.bind(1, project);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

void add_partner(SQLite::Database& db, std::int64_t project, std::int64_t party) {
    SQLite::Statement ins(
        db, "INSERT OR IGNORE INTO project_partner(project_id, party_id) VALUES (?, ?)");
    ins.bind(1, project);
    ins.bind(2, party);
    ins.exec();
}

std::string describe(const std::vector<project_field_change>& changes) {
    std::string out;
    for (const auto& c : changes)
        out += fmt::format("{}{}: {} → {}", out.empty() ? "" : "; ", c.field,
                           c.from.value_or(tr("(none)")), c.to.value_or(tr("(none)")));
    return out;
}

}  // namespace

std::string_view to_string(project_status s) {
    switch (s) {
        case project_status::planned:
            return "planned";
        case project_status::active:
            return "active";
        case project_status::blocked:
            return "blocked";
        case project_status::done:
            return "done";
        case project_status::cancelled:
            return "cancelled";
    }
    return "planned";
}

project_status parse_project_status(std::string_view name) {
    for (auto s : all_statuses)
        if (to_string(s) == name) return s;
    throw input_error(fmt::format(
        fmt::runtime(tr("status: \"{}\" is not one of: planned, active, blocked, done, cancelled")),
        name));
}

const std::vector<project_status>& next_project_statuses(project_status s) {
    using ps = project_status;
    static const std::vector<ps> planned{ps::active, ps::blocked, ps::cancelled};
    static const std::vector<ps> active{ps::blocked, ps::done, ps::cancelled};
    static const std::vector<ps> blocked{ps::active, ps::cancelled};
    static const std::vector<ps> none;
    switch (s) {
        case ps::planned:
            return planned;
        case ps::active:
            return active;
        case ps::blocked:
            return blocked;
        case ps::done:
        case ps::cancelled:
            break;
    }
    return none;
}

bool is_closed(project_status s) {
    return s == project_status::done || s == project_status::cancelled;
}

std::int64_t parse_money(std::string_view text) {
    try {
        return parse_hundredths(text);
    } catch (const input_error& e) {
        throw input_error(fmt::format(
            fmt::runtime(tr("{} (amounts are yuan with at most two decimals, like 12000.00)")),
            e.what()));
    }
}

std::string format_money(std::int64_t fen) {
    return format_hundredths(fen);
}

std::int64_t create_project(context& ctx, const project_draft& d) {
    std::string title = required_title(d.title);
    check_budget(d.budget_fen);
    check_dates(d.start, d.due);
    if (d.status != project_status::planned && d.status != project_status::active)
        throw input_error(
            fmt::format(fmt::runtime(tr("status: a new project is planned or active, not {}")),
                        to_string(d.status)));
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        lead_ref lead =
            resolve_lead(db, std::string(detail::trim(d.lead, detail::whitespace::typed)));
        std::vector<std::int64_t> partners;
        for (const auto& p : d.partners)
            partners.push_back(resolve_party_ref(db, tr("partner"), p));
        std::string now = format_timestamp(ctx.now());
        SQLite::Statement ins(
            db,
            "INSERT INTO project(title, description, status, lead_party_id, lead_resident_id, "
            "budget_fen, start_date, due_date, created_at, created_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        ins.bind(1, title);
        ins.bind(2, std::string(detail::trim(d.description, detail::whitespace::typed)));
        ins.bind(3, std::string(to_string(d.status)));
        if (lead.party) ins.bind(4, *lead.party);
        if (lead.resident) ins.bind(5, *lead.resident);
        if (d.budget_fen) ins.bind(6, *d.budget_fen);
        if (d.start) ins.bind(7, format_date(*d.start));
        if (d.due) ins.bind(8, format_date(*d.due));
        ins.bind(9, now);
        ins.bind(10, ctx.actor());
        ins.bind(11, now);
        ins.exec();
        std::int64_t id = db.getLastInsertRowid();
        for (auto p : partners) add_partner(db, id, p);
        std::set<std::string> target_names;
        auto targets = nlohmann::json::object();
        for (const auto& t : d.targets) {
            if (!target_names.insert(std::string(detail::trim(t.name, detail::whitespace::typed)))
                     .second)
                throw input_error(fmt::format(
                    fmt::runtime(tr("target: deliverable \"{}\" is named twice")), t.name));
            set_target(db, id, t);
            targets[std::string(detail::trim(t.name, detail::whitespace::typed))] = t.target;
        }
        auto links = nlohmann::json::array();
        auto link_all = [&](project_link_kind kind, const std::vector<std::int64_t>& ids) {
            for (auto target : ids)
                if (insert_link(db, id, kind, target, true))
                    links.push_back({{"kind", to_string(kind)}, {"id", target}});
        };
        link_all(project_link_kind::issue, d.issues);
        link_all(project_link_kind::proposal, d.proposals);
        link_all(project_link_kind::meeting, d.meetings);
        add_update(db, ctx, id, ctx.today(), "created",
                   fmt::format(fmt::runtime(tr("project created ({})")), to_string(d.status)));
        tx.audit(
            "project.add", "project", std::to_string(id),
            {{"title", title},
             {"status", to_string(d.status)},
             {"lead", lead.label.empty() ? nlohmann::json(nullptr) : nlohmann::json(lead.label)},
             {"budget_fen", d.budget_fen ? nlohmann::json(*d.budget_fen) : nullptr},
             {"start", opt_json(date_text(d.start))},
             {"due", opt_json(date_text(d.due))},
             {"partners", partner_names(db, id)},
             {"targets", targets},
             {"origins", links}});
        tx.commit();
        return id;
    });
}

namespace {

// One update of a project: each kind of change checked, written and noted
// in turn (a step a method), then the project's updates and the audit event.
class project_edit {
  public:
    project_edit(context& ctx, detail::write_transaction& tx, std::int64_t id)
        : m_ctx(ctx), m_db(tx.db()), m_id(id), m_row(load_project(m_db, id)) {}

    void texts(const project_changes& c) {
        if (c.title) {
            std::string t = required_title(*c.title);
            note("title", m_row.title, t);
            set_column("title", t);
        }
        if (c.description) {
            std::string t = std::string(detail::trim(*c.description, detail::whitespace::typed));
            note("description", or_none(m_row.description), or_none(t));
            set_column("description", t);
        }
    }

    void lead(const std::optional<std::string>& given) {
        if (!given) return;
        lead_ref lead =
            resolve_lead(m_db, std::string(detail::trim(*given, detail::whitespace::typed)));
        note("lead", or_none(lead_label(m_db, m_row.lead_party, m_row.lead_resident)),
             or_none(lead_label(m_db, lead.party, lead.resident)));
        SQLite::Statement u(
            m_db, "UPDATE project SET lead_party_id = ?, lead_resident_id = ? WHERE id = ?");
        if (lead.party) u.bind(1, *lead.party);
        if (lead.resident) u.bind(2, *lead.resident);
        u.bind(3, m_id);
        u.exec();
    }

    void budget(const project_changes& c) {
        if (!c.budget_fen && !c.clear_budget) return;
        std::optional<std::int64_t> budget = c.clear_budget ? std::nullopt : c.budget_fen;
        check_budget(budget);
        note("budget", money_text(m_row.budget_fen), money_text(budget));
        SQLite::Statement u(m_db, "UPDATE project SET budget_fen = ? WHERE id = ?");
        if (budget) u.bind(1, *budget);
        u.bind(2, m_id);
        u.exec();
    }

    // Start and due are checked together: a new start may pass the old due.
    void dates(const project_changes& c) {
        std::optional<date> start = c.clear_start ? std::nullopt : c.start ? c.start : m_row.start;
        std::optional<date> due = c.clear_due ? std::nullopt : c.due ? c.due : m_row.due;
        check_dates(start, due);
        note("start", date_text(m_row.start), date_text(start));
        note("due", date_text(m_row.due), date_text(due));
        set_column("start_date", date_text(start));
        set_column("due_date", date_text(due));
    }

    void partners(const project_changes& c) {
        if (c.add_partners.empty() && c.remove_partners.empty()) return;
        auto before = partner_names(m_db, m_id);
        for (const auto& p : c.add_partners)
            add_partner(m_db, m_id, resolve_party_ref(m_db, tr("partner"), p));
        for (const auto& p : c.remove_partners) {
            SQLite::Statement del(
                m_db, "DELETE FROM project_partner WHERE project_id = ? AND party_id = ?");
            del.bind(1, m_id);
            del.bind(2, resolve_party_ref(m_db, tr("partner"), p));
            del.exec();
        }
        note("partners", or_none(detail::joined(before)),
             or_none(detail::joined(partner_names(m_db, m_id))));
    }

    void targets(const project_changes& c) {
        for (const auto& t : c.targets) {
            auto before = set_target(m_db, m_id, t);
            note(fmt::format(fmt::runtime(tr("target {}")),
                             std::string(detail::trim(t.name, detail::whitespace::typed))),
                 before ? std::optional(std::to_string(*before)) : std::nullopt,
                 std::to_string(t.target));
        }
    }

    // Progress set by hand (with its reason) or derived again.
    void progress(const std::optional<manual_progress>& given) {
        if (!given) return;
        const auto& p = *given;
        std::string reason = std::string(detail::trim(p.reason, detail::whitespace::typed));
        if (p.percent && (*p.percent < 0 || *p.percent > 100))
            throw input_error(fmt::format(
                fmt::runtime(tr("progress: {} is not a percent from 0 to 100")), *p.percent));
        if (p.percent && reason.empty())
            throw input_error(tr("progress: setting progress by hand needs a reason (--reason)"));
        auto shown = [](const std::optional<int>& v,
                        const std::string& why) -> std::optional<std::string> {
            if (!v) return tr("derived");
            return fmt::format(fmt::runtime(tr("{}% (manual: {})")), *v, why);
        };
        if (m_row.manual_progress == p.percent && (!p.percent || reason == m_row.manual_reason))
            return;
        m_changes.push_back({"progress", shown(m_row.manual_progress, m_row.manual_reason),
                             shown(p.percent, reason)});
        SQLite::Statement u(
            m_db, "UPDATE project SET manual_progress = ?, manual_reason = ? WHERE id = ?");
        if (p.percent) u.bind(1, *p.percent);
        u.bind(2, p.percent ? reason : std::string{});
        u.bind(3, m_id);
        u.exec();
        m_progress_text = p.percent
                              ? fmt::format(fmt::runtime(tr("progress set by hand to {}%: {}")),
                                            *p.percent, reason)
                              : fmt::format(fmt::runtime(tr("progress derived from {} again")),
                                            m_ctx.cfg().projects.progress) +
                                    (reason.empty() ? "" : ": " + reason);
    }

    // The project's updates (the fields, the progress) and the audit event;
    // nothing when nothing changed.
    void record(detail::write_transaction& tx) {
        if (m_changes.empty()) return;
        std::vector<project_field_change> fields;
        for (const auto& ch : m_changes)
            if (ch.field != "progress") fields.push_back(ch);
        if (!fields.empty())
            add_update(m_db, m_ctx, m_id, m_ctx.today(), "update", describe(fields));
        if (!m_progress_text.empty())
            add_update(m_db, m_ctx, m_id, m_ctx.today(), "progress", m_progress_text);
        auto payload = nlohmann::json::array();
        for (const auto& ch : m_changes)
            payload.push_back(
                {{"field", ch.field}, {"from", opt_json(ch.from)}, {"to", opt_json(ch.to)}});
        tx.audit("project.update", "project", std::to_string(m_id), {{"changes", payload}});
    }

    std::vector<project_field_change>& changes() { return m_changes; }

  private:
    static std::optional<std::string> or_none(const std::string& s) {
        return s.empty() ? std::nullopt : std::optional(s);
    }

    void note(std::string field, std::optional<std::string> from, std::optional<std::string> to) {
        if (from != to) m_changes.push_back({std::move(field), std::move(from), std::move(to)});
    }

    void set_column(const char* column, const std::optional<std::string>& text) {
        SQLite::Statement u(m_db, fmt::format("UPDATE project SET {} = ? WHERE id = ?", column));
        if (text) u.bind(1, *text);
        u.bind(2, m_id);
        u.exec();
    }

    context& m_ctx;
    SQLite::Database& m_db;
    std::int64_t m_id;
    project_row m_row;
    std::vector<project_field_change> m_changes;
    std::string m_progress_text;
};

}  // namespace

std::vector<project_field_change> update_project(context& ctx, std::int64_t id,
                                                 const project_changes& c) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        project_edit u(ctx, tx, id);
        u.texts(c);
        u.lead(c.lead);
        u.budget(c);
        u.dates(c);
        u.partners(c);
        u.targets(c);
        u.progress(c.progress);
        // Nothing changed: rolled back, no event.
        if (u.changes().empty()) return u.changes();
        u.record(tx);
        tx.commit();
        return std::move(u.changes());
    });
}

namespace {

bool needs_reason(project_status to) {
    return to == project_status::blocked || to == project_status::cancelled;
}

void check_status_change(std::int64_t id, project_status from, project_status to,
                         const std::string& reason) {
    const auto& allowed = next_project_statuses(from);
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end())
        throw conflict(
            allowed.empty()
                ? fmt::format(fmt::runtime(tr("project #{} is {}, which is final; it cannot "
                                              "become {}")),
                              id, to_string(from), to_string(to))
                : fmt::format(fmt::runtime(tr("project #{} is {}; it cannot become {} (it may "
                                              "become: {})")),
                              id, to_string(from), to_string(to), status_names(allowed)));
    if (needs_reason(to) && reason.empty())
        throw input_error(fmt::format(
            fmt::runtime(tr("reason: say why the project is {} (--reason)")), to_string(to)));
}

// The origin issues that completing the project resolves. Every one is
// checked before anything is written, so that one the workflow cannot
// resolve refuses the whole command; those already done are noted.
std::vector<std::int64_t> origins_to_resolve(context& ctx, SQLite::Database& db, std::int64_t id,
                                             project_status_result& result) {
    SQLite::Statement q(db,
                        "SELECT issue_id FROM project_link WHERE project_id = ? AND "
                        "kind = 'issue' AND origin = 1 ORDER BY issue_id");
    q.bind(1, id);
    std::vector<std::int64_t> origins, to_resolve;
    while (q.executeStep()) origins.push_back(q.getColumn(0).getInt64());
    for (auto issue : origins) {
        issue_record ir = get_issue(ctx, issue);
        if (ctx.cfg().issues.is_done(ir.status)) {
            result.already_done_issues.push_back(issue);
            continue;
        }
        if (std::find(ir.next_statuses.begin(), ir.next_statuses.end(), "resolved") ==
            ir.next_statuses.end())
            throw conflict(fmt::format(
                fmt::runtime(tr("issue #{} is {}; the issue workflow does not allow resolving "
                                "it from there, so project #{} was not completed")),
                issue, ir.status, id));
        to_resolve.push_back(issue);
    }
    return to_resolve;
}

void write_status(context& ctx, detail::write_transaction& tx, std::int64_t id,
                  const project_status_result& result, const std::string& reason,
                  const std::vector<std::int64_t>& to_resolve) {
    auto& db = tx.db();
    const project_status to = result.to;
    SQLite::Statement u(db,
                        "UPDATE project SET status = ?, status_reason = ?, completed_on = ? "
                        "WHERE id = ?");
    u.bind(1, std::string(to_string(to)));
    u.bind(2, needs_reason(to) ? reason : std::string{});
    if (to == project_status::done) u.bind(3, format_date(ctx.today()));
    u.bind(4, id);
    u.exec();
    std::string text = fmt::format("{} → {}", to_string(result.from), to_string(to));
    if (!reason.empty()) text += ": " + reason;
    add_update(db, ctx, id, ctx.today(), "status", text);
    tx.audit("project.status", "project", std::to_string(id),
             {{"from", to_string(result.from)},
              {"to", to_string(to)},
              {"reason", reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(reason)},
              {"resolve_origin", to_resolve}});
}

}  // namespace

project_status_result set_project_status(context& ctx, std::int64_t id, project_status to,
                                         std::string_view reason_text, bool resolve_origin) {
    if (resolve_origin && to != project_status::done)
        throw usage_error(tr("--resolve-origin goes with completing a project (status done)"));
    std::string reason = std::string(detail::trim(reason_text, detail::whitespace::typed));
    project_status_result result;
    std::vector<std::int64_t> to_resolve;
    std::string title;
    detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        project_row r = load_project(db, id);
        title = r.title;
        result.from = r.status;
        result.to = to;
        check_status_change(id, r.status, to, reason);
        if (resolve_origin) to_resolve = origins_to_resolve(ctx, db, id, result);
    });
    detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        write_status(ctx, tx, id, result, reason, to_resolve);
        // The origin issues are resolved in the same transaction, each with
        // its own history and audit event: the project is done and its
        // issues resolved, or nothing changed.
        issue_changes resolve;
        resolve.status = "resolved";
        resolve.resolution =
            fmt::format(fmt::runtime(tr("completed by project #{} {}")), id, title);
        for (auto issue : to_resolve) {
            detail::issues::apply_issue_changes(ctx, tx, issue, resolve);
            result.resolved_issues.push_back(issue);
        }
        tx.commit();
    });
    return result;
}

}  // namespace gov
