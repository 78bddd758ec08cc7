// Reading projects: the headline numbers of every project (progress, money,
// overdue milestones) computed in a few grouped queries, one project in
// full, and the updates since a date.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "gov/projects/project.hpp"
#include "gov/roster/roster.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"
#include "projects/project_internal.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

using namespace detail::projects;
using detail::optional_date;
using detail::stored_date;

// The per-project numbers, gathered for all projects (or one) at once.
struct aggregates {
    std::map<std::int64_t, std::int64_t> funded;
    std::map<std::int64_t, std::vector<project_milestone>> milestones;
    std::map<std::int64_t, std::vector<deliverable_count>> deliverables;
    std::map<std::int64_t, date> last_update;
};

aggregates gather(SQLite::Database& db, std::optional<std::int64_t> only) {
    aggregates a;
    std::string where = only ? fmt::format(" WHERE project_id = {}", *only) : std::string{};
    SQLite::Statement f(db, "SELECT project_id, sum(amount_fen) FROM project_funding" + where +
                                " GROUP BY project_id");
    while (f.executeStep()) a.funded[f.getColumn(0).getInt64()] = f.getColumn(1).getInt64();
    SQLite::Statement m(
        db, "SELECT project_id, number, title, due, done_on FROM project_milestone" + where +
                " ORDER BY project_id, number");
    while (m.executeStep()) {
        project_milestone pm;
        pm.number = m.getColumn(1).getInt64();
        pm.title = m.getColumn(2).getString();
        pm.due = optional_date(m.getColumn(3));
        pm.done_on = optional_date(m.getColumn(4));
        a.milestones[m.getColumn(0).getInt64()].push_back(std::move(pm));
    }
    SQLite::Statement d(db, "SELECT project_id, name, target, delivered FROM project_deliverable" +
                                where + " ORDER BY project_id, id");
    while (d.executeStep())
        a.deliverables[d.getColumn(0).getInt64()].push_back(
            {d.getColumn(1).getString(), d.getColumn(2).getInt64(), d.getColumn(3).getInt64()});
    SQLite::Statement u(
        db, "SELECT project_id, max(on_date) FROM project_update" + where + " GROUP BY project_id");
    while (u.executeStep())
        a.last_update[u.getColumn(0).getInt64()] = stored_date(u.getColumn(1).getString());
    return a;
}

project_summary summarise(context& ctx, SQLite::Database& db, const project_row& r, aggregates& a) {
    project_summary s;
    s.id = r.id;
    s.title = r.title;
    s.status = r.status;
    s.lead = lead_label(db, r.lead_party, r.lead_resident);
    s.rule = parse_progress_rule(ctx.cfg().projects.progress).value_or(progress_rule::deliverables);
    const date today = ctx.today();
    bool closed = is_closed(r.status);
    for (auto& m : a.milestones[r.id]) {
        ++s.milestones;
        if (m.done_on) ++s.milestones_done;
        m.overdue = !closed && !m.done_on && m.due && *m.due < today;
        if (m.overdue) s.overdue_milestones.push_back(m);
    }
    for (const auto& d : a.deliverables[r.id]) {
        s.target_items += d.target;
        s.delivered_items += d.delivered;
    }
    s.derived_progress = s.rule == progress_rule::milestones
                             ? progress_from_milestones(s.milestones_done, s.milestones)
                             : progress_from_deliverables(a.deliverables[r.id]);
    if (r.manual_progress) {
        s.progress = r.manual_progress;
        s.source = progress_source::manual;
        s.manual_reason = r.manual_reason;
    } else if (s.derived_progress) {
        s.progress = s.derived_progress;
        s.source = s.rule == progress_rule::milestones ? progress_source::milestones
                                                       : progress_source::deliverables;
    }
    s.budget_fen = r.budget_fen;
    s.funded_fen = a.funded.count(r.id) ? a.funded[r.id] : 0;
    if (s.budget_fen) {
        s.gap_fen = *s.budget_fen - s.funded_fen;
        s.funding_gap = *s.gap_fen > 0 && r.status != project_status::cancelled;
    }
    s.start = r.start;
    s.due = r.due;
    s.overdue = !closed && r.due && *r.due < today;
    if (a.last_update.count(r.id)) s.last_update = a.last_update[r.id];
    return s;
}

std::vector<project_row> all_rows(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT id FROM project ORDER BY id");
    std::vector<std::int64_t> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    std::vector<project_row> out;
    out.reserve(ids.size());
    for (auto id : ids) out.push_back(load_project(db, id));
    return out;
}

}  // namespace

std::string_view to_string(progress_source s) {
    switch (s) {
        case progress_source::milestones:
            return "milestones";
        case progress_source::deliverables:
            return "deliverables";
        case progress_source::manual:
            return "manual";
        case progress_source::none:
            break;
    }
    return "none";
}

std::vector<project_summary> list_projects(context& ctx, const project_filter& f) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        aggregates a = gather(db, std::nullopt);
        std::vector<std::int64_t> linked;
        if (f.issue) {
            SQLite::Statement q(db,
                                "SELECT project_id FROM project_link WHERE kind = 'issue' AND "
                                "issue_id = ?");
            q.bind(1, *f.issue);
            while (q.executeStep()) linked.push_back(q.getColumn(0).getInt64());
        }
        std::vector<project_summary> out;
        for (const auto& r : all_rows(db)) {
            if (!f.statuses.empty() &&
                std::find(f.statuses.begin(), f.statuses.end(), r.status) == f.statuses.end())
                continue;
            if (f.open_only && is_closed(r.status)) continue;
            if (f.issue && std::find(linked.begin(), linked.end(), r.id) == linked.end()) continue;
            project_summary s = summarise(ctx, db, r, a);
            if (f.overdue && !s.overdue && s.overdue_milestones.empty()) continue;
            if (f.funding_gap && !s.funding_gap) continue;
            out.push_back(std::move(s));
        }
        return out;
    });
}

project_record get_project(context& ctx, std::int64_t id, bool reveal_pii) {
    project_record rec = detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        project_row r = load_project(db, id);
        aggregates a = gather(db, id);
        project_record out;
        out.summary = summarise(ctx, db, r, a);
        out.description = r.description;
        out.lead_party_id = r.lead_party;
        out.lead_resident_id = r.lead_resident;
        if (r.lead_resident) {
            SQLite::Statement p(db, "SELECT phone FROM resident WHERE id = ?");
            p.bind(1, *r.lead_resident);
            if (p.executeStep() && !p.getColumn(0).getString().empty())
                out.lead_phone = reveal_pii ? p.getColumn(0).getString()
                                            : mask_phone(p.getColumn(0).getString());
        }
        SQLite::Statement pp(db,
                             "SELECT p.name FROM project_partner pp JOIN party p ON "
                             "p.id = pp.party_id WHERE pp.project_id = ? ORDER BY p.name");
        pp.bind(1, id);
        while (pp.executeStep()) out.partners.push_back(pp.getColumn(0).getString());
        out.milestones = a.milestones[id];
        for (const auto& d : a.deliverables[id])
            out.deliverables.push_back({d.name, d.target, d.delivered});
        SQLite::Statement fq(db,
                             "SELECT f.id, p.name, f.amount_fen, f.funded_on, f.note FROM "
                             "project_funding f JOIN party p ON p.id = f.party_id "
                             "WHERE f.project_id = ? ORDER BY f.funded_on, f.id");
        fq.bind(1, id);
        while (fq.executeStep())
            out.funding.push_back({fq.getColumn(0).getInt64(), fq.getColumn(1).getString(),
                                   fq.getColumn(2).getInt64(),
                                   stored_date(fq.getColumn(3).getString()),
                                   fq.getColumn(4).getString()});
        SQLite::Statement lq(
            db,
            "SELECT kind, target_id, origin FROM project_link WHERE project_id = ? "
            "ORDER BY origin DESC, CASE kind WHEN 'issue' THEN 0 WHEN 'proposal' "
            "THEN 1 ELSE 2 END, target_id");
        lq.bind(1, id);
        while (lq.executeStep()) {
            project_link l;
            std::string kind = lq.getColumn(0).getString();
            l.kind = kind == "issue"      ? project_link_kind::issue
                     : kind == "proposal" ? project_link_kind::proposal
                                          : project_link_kind::meeting;
            l.id = lq.getColumn(1).getInt64();
            l.origin = lq.getColumn(2).getInt() != 0;
            auto t = find_link_target(db, l.kind, l.id);
            l.title = t.title;
            l.status = t.status;
            out.links.push_back(std::move(l));
        }
        out.updates = project_updates_since(
            ctx, date{std::chrono::year{1}, std::chrono::January, std::chrono::day{1}}, id);
        out.next_statuses = next_project_statuses(r.status);
        out.status_reason = r.status_reason;
        out.completed_on = r.completed_on;
        SQLite::Statement cq(db, "SELECT created_at, created_by FROM project WHERE id = ?");
        cq.bind(1, id);
        cq.executeStep();
        auto created = parse_timestamp(cq.getColumn(0).getString());
        if (!created) throw internal_error("malformed project.created_at");
        out.created_at = *created;
        out.created_by = cq.getColumn(1).getString();
        return out;
    });
    if (reveal_pii && rec.lead_resident_id && !rec.lead_phone.empty())
        record_pii_reveal(ctx, "project show", 1, std::to_string(*rec.lead_resident_id));
    return rec;
}

std::vector<project_update> project_updates_since(context& ctx, date since,
                                                  std::optional<std::int64_t> project) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        if (project) load_project(db, *project);
        std::string sql =
            "SELECT u.id, u.project_id, p.title, u.on_date, u.at, u.actor, u.kind, u.text "
            "FROM project_update u JOIN project p ON p.id = u.project_id WHERE u.on_date >= ?";
        if (project) sql += " AND u.project_id = ?";
        sql += " ORDER BY u.on_date, u.id";
        SQLite::Statement q(db, sql);
        q.bind(1, format_date(since));
        if (project) q.bind(2, *project);
        std::vector<project_update> out;
        while (q.executeStep()) {
            project_update u;
            u.id = q.getColumn(0).getInt64();
            u.project = q.getColumn(1).getInt64();
            u.project_title = q.getColumn(2).getString();
            u.on = stored_date(q.getColumn(3).getString());
            auto at = parse_timestamp(q.getColumn(4).getString());
            if (!at) throw internal_error("malformed project_update.at");
            u.at = *at;
            u.actor = q.getColumn(5).getString();
            u.kind = q.getColumn(6).getString();
            u.text = q.getColumn(7).getString();
            out.push_back(std::move(u));
        }
        return out;
    });
}

}  // namespace gov
