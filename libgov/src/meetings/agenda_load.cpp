// Collecting what the agenda engine reads, and storing an agenda item by
// item when it becomes fixed. The engine (agenda.cpp) decides; this file only
// reads records and writes the rows it is given.
#include <map>

#include <fmt/format.h>

#include "gov/meetings/agenda.hpp"
#include "gov/projects/project.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "issues/interface.hpp"
#include "meetings/meeting_internal.hpp"
#include "roster/interface.hpp"
#include "store/interface.hpp"

namespace gov::detail::meetings {
namespace {

void load_issues(SQLite::Database& db, const config& cfg, const meeting_row& m, agenda_inputs& in) {
    std::string done;
    for (const auto& s : cfg.issues.done_statuses) {
        if (!done.empty()) done += ",";
        done += '\'';
        for (char c : s) done += c == '\'' ? std::string("''") : std::string(1, c);
        done += '\'';
    }
    SQLite::Statement q(
        db, fmt::format(
                "SELECT i.id, i.title, i.category, i.status, i.building_id, i.due, i.created_at, "
                "COALESCE(p.name, r.name, ''), am.id, am.starts_at FROM issue i "
                "LEFT JOIN party p ON p.id = i.assignee_party_id "
                "LEFT JOIN resident r ON r.id = i.assignee_resident_id "
                "LEFT JOIN meeting_action ma ON ma.issue_id = i.id "
                "LEFT JOIN meeting am ON am.id = ma.meeting_id AND am.type = :type "
                "WHERE i.status NOT IN ({}) OR i.id IN (SELECT ref_id FROM agenda_item "
                "WHERE meeting_id = :meeting AND kind = 'issue') ORDER BY i.id",
                done.empty() ? "''" : done));
    q.bind(":type", m.type);
    q.bind(":meeting", m.id);
    std::map<std::int64_t, std::string> buildings;
    while (q.executeStep()) {
        agenda_issue i;
        i.id = q.getColumn(0).getInt64();
        i.title = q.getColumn(1).getString();
        i.category = q.getColumn(2).getString();
        i.status = q.getColumn(3).getString();
        i.done = cfg.issues.is_done(i.status);
        if (!q.getColumn(4).isNull()) {
            std::int64_t b = q.getColumn(4).getInt64();
            auto it = buildings.find(b);
            if (it == buildings.end()) it = buildings.emplace(b, building_label(db, b)).first;
            i.building = it->second;
        }
        if (!q.getColumn(5).isNull()) i.due = stored_date(q.getColumn(5).getString());
        i.created_at = stored_time(q.getColumn(6).getString());
        i.assignee = q.getColumn(7).getString();
        if (!q.getColumn(8).isNull()) {
            i.action_of = q.getColumn(8).getInt64();
            i.action_meeting_start = stored_time(q.getColumn(9).getString());
        }
        in.issues.push_back(std::move(i));
    }
}

void load_proposals(SQLite::Database& db, const meeting_row& m, agenda_inputs& in) {
    SQLite::Statement q(db,
                        "SELECT id, COALESCE(code, ''), title, status, meeting_id FROM proposal "
                        "WHERE status = 'open' OR meeting_id = :meeting OR id IN (SELECT ref_id "
                        "FROM agenda_item WHERE meeting_id = :meeting AND kind = 'proposal') "
                        "ORDER BY id");
    q.bind(":meeting", m.id);
    while (q.executeStep()) {
        agenda_proposal p;
        p.id = q.getColumn(0).getInt64();
        p.code = q.getColumn(1).getString();
        p.title = q.getColumn(2).getString();
        p.status = q.getColumn(3).getString();
        p.meeting_id = optional_id(q.getColumn(4));
        in.proposals.push_back(std::move(p));
    }
}

void load_stored(SQLite::Database& db, const meeting_row& m, agenda_inputs& in) {
    SQLite::Statement q(db,
                        "SELECT id, position, section, kind, ref_id, text, time_box_min, "
                        "presenter, hidden, notes, decision, vote_proposal_id FROM agenda_item "
                        "WHERE meeting_id = ? ORDER BY position, id");
    q.bind(1, m.id);
    std::map<std::int64_t, std::size_t> by_row;
    while (q.executeStep()) {
        agenda_stored_item s;
        s.row = q.getColumn(0).getInt64();
        s.position = q.getColumn(1).getInt();
        s.section = q.getColumn(2).getString();
        s.kind = q.getColumn(3).getString();
        s.ref = optional_id(q.getColumn(4));
        s.text = q.getColumn(5).getString();
        s.minutes = q.getColumn(6).isNull() ? 0 : q.getColumn(6).getInt();
        s.presenter = q.getColumn(7).getString();
        s.hidden = q.getColumn(8).getInt() != 0;
        s.notes = q.getColumn(9).getString();
        s.decision = q.getColumn(10).getString();
        s.vote = optional_id(q.getColumn(11));
        by_row[s.row] = in.stored.size();
        in.stored.push_back(std::move(s));
    }
    SQLite::Statement a(db,
                        "SELECT issue_id, agenda_item_id FROM meeting_action WHERE meeting_id = ? "
                        "ORDER BY issue_id");
    a.bind(1, m.id);
    while (a.executeStep()) {
        if (a.getColumn(1).isNull()) continue;
        auto it = by_row.find(a.getColumn(1).getInt64());
        if (it != by_row.end()) in.stored[it->second].actions.push_back(a.getColumn(0).getInt64());
    }
}

}  // namespace

agenda_inputs load_agenda_inputs(SQLite::Database& db, context& ctx, const meeting_row& m) {
    const config& cfg = ctx.cfg();
    agenda_inputs in;
    in.community = cfg.name;
    meeting_type_config type = stored_meeting_type(cfg, m.type);
    in.meeting = {
        m.id,    m.type,  type.name, m.title, stored_time(m.starts_at), stored_time(m.ends_at),
        m.place, m.chair, m.status};
    in.today = ctx.today();
    in.meeting_day = local_date(in.meeting.starts_at, cfg.utc_offset);
    in.utc_offset_minutes = static_cast<int>(cfg.utc_offset.count());
    in.fixed = m.agenda_fixed_at.has_value();
    in.generated_at = ctx.now();
    SQLite::Statement last(db,
                           "SELECT max(starts_at) FROM meeting WHERE type = ? AND starts_at < ? "
                           "AND status <> 'cancelled'");
    last.bind(1, m.type);
    last.bind(2, m.starts_at);
    if (last.executeStep() && !last.getColumn(0).isNull())
        in.last_meeting_start = stored_time(last.getColumn(0).getString());
    load_issues(db, cfg, m, in);
    load_proposals(db, m, in);
    // Projects through their own module's API (gov/project.hpp).
    for (const auto& p : list_projects(ctx)) {
        agenda_project a;
        a.id = p.id;
        a.title = p.title;
        a.status = std::string(to_string(p.status));
        if (p.progress) a.progress = fmt::format("{}%", *p.progress);
        a.active = p.status == project_status::active;
        a.last_update = p.last_update;
        in.projects.push_back(std::move(a));
    }
    load_stored(db, m, in);
    return in;
}

agenda current_agenda(SQLite::Database& db, context& ctx, const meeting_row& m) {
    return assemble_agenda(load_agenda_inputs(db, ctx, m), stored_meeting_type(ctx.cfg(), m.type));
}

void fix_agenda(SQLite::Database& db, context& ctx, meeting_row& m) {
    if (m.agenda_fixed_at) return;
    agenda a = current_agenda(db, ctx, m);
    SQLite::Statement del(db, "DELETE FROM agenda_item WHERE meeting_id = ?");
    del.bind(1, m.id);
    del.exec();
    SQLite::Statement ins(db,
                          "INSERT INTO agenda_item(meeting_id, position, section, kind, ref_id, "
                          "text, time_box_min, presenter) VALUES (?,?,?,?,?,?,?,?)");
    for (const auto& sec : a.sections)
        for (const auto& e : sec.items) {
            ins.reset();
            ins.bind(1, m.id);
            ins.bind(2, e.number);
            ins.bind(3, sec.key);
            ins.bind(4, e.kind);
            if (e.ref)
                ins.bind(5, *e.ref);
            else
                ins.bind(5);
            ins.bind(6, e.kind == "text" ? e.title : std::string());
            if (e.minutes > 0)
                ins.bind(7, e.minutes);
            else
                ins.bind(7);
            ins.bind(8, e.presenter);
            ins.exec();
        }
    std::string now = format_timestamp(ctx.now());
    SQLite::Statement u(db, "UPDATE meeting SET agenda_fixed_at = ? WHERE id = ?");
    u.bind(1, now);
    u.bind(2, m.id);
    u.exec();
    m.agenda_fixed_at = now;
}

}  // namespace gov::detail::meetings

namespace gov {

agenda build_agenda(context& ctx, std::int64_t id) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        return detail::meetings::current_agenda(db, ctx, detail::meetings::load_meeting(db, id));
    });
}

}  // namespace gov
