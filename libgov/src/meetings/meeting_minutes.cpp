// Adjusting an agenda and minuting it. Numbers are the ones `gov meeting
// agenda` shows; a change that needs stable numbers (a move, minutes) first
// stores the agenda item by item (fix_agenda).
#include "gov/meetings/meeting_minutes.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/issues/issue.hpp"
#include "gov/store/config.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issues/interface.hpp"
#include "meetings/meeting_internal.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"

namespace gov {

namespace mt = detail::meetings;

namespace {

struct located {
    const agenda_section* section = nullptr;
    const agenda_entry* entry = nullptr;
};

located find_item(const agenda& a, int number) {
    for (const auto& s : a.sections)
        for (const auto& e : s.items)
            if (e.number == number) return {&s, &e};
    int n = a.item_count();
    throw input_error(
        n == 0
            ? fmt::format(fmt::runtime(tr("item: meeting #{} has no agenda items")), a.meeting.id)
            : fmt::format(fmt::runtime(tr("item: {} is not on the agenda of meeting #{} "
                                          "(items 1 to {})")),
                          number, a.meeting.id, n));
}

void require_record(SQLite::Database& db, const std::string& kind, std::int64_t id) {
    const char* table = kind == "issue" ? "issue" : kind == "proposal" ? "proposal" : nullptr;
    if (!table) {
        // Projects come in their own migration; until then there are none.
        bool has = db.tableExists("project");
        if (!has)
            throw input_error(fmt::format(fmt::runtime(tr("project #{} does not exist")), id));
        table = "project";
    }
    SQLite::Statement q(db, fmt::format("SELECT 1 FROM {} WHERE id = ?", table));
    q.bind(1, id);
    if (!q.executeStep())
        throw input_error(fmt::format(fmt::runtime(tr("{} #{} does not exist")), kind, id));
}

std::string section_for(const meeting_type_config& type, const std::string& wanted) {
    std::vector<std::string> keys;
    for (const auto& s : type.sections) keys.push_back(s.key);
    if (wanted.empty()) {
        for (const auto& s : type.sections)
            if (s.rule == "other") return s.key;
        return type.sections.back().key;
    }
    if (std::find(keys.begin(), keys.end(), wanted) == keys.end())
        throw input_error(fmt::format(fmt::runtime(tr("section: \"{}\" is not one of: {}")), wanted,
                                      detail::joined(keys)));
    return wanted;
}

int next_position(SQLite::Database& db, std::int64_t meeting) {
    SQLite::Statement q(
        db, "SELECT COALESCE(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?");
    q.bind(1, meeting);
    q.executeStep();
    return q.getColumn(0).getInt();
}

// Inserts a row; returns its id.
std::int64_t insert_item(SQLite::Database& db, std::int64_t meeting, int position,
                         const std::string& section, const agenda_item_request& r, bool hidden) {
    SQLite::Statement ins(db,
                          "INSERT INTO agenda_item(meeting_id, position, section, kind, ref_id, "
                          "text, time_box_min, presenter, hidden) VALUES (?,?,?,?,?,?,?,?,?)");
    ins.bind(1, meeting);
    ins.bind(2, position);
    ins.bind(3, section);
    ins.bind(4, r.kind);
    if (r.ref)
        ins.bind(5, *r.ref);
    else
        ins.bind(5);
    ins.bind(6, r.text);
    if (r.minutes > 0)
        ins.bind(7, r.minutes);
    else
        ins.bind(7);
    ins.bind(8, r.presenter);
    ins.bind(9, hidden ? 1 : 0);
    ins.exec();
    return db.getLastInsertRowid();
}

// Renumbers a fixed agenda's rows 1, 2, … in the order given.
void store_order(SQLite::Database& db, const std::vector<std::int64_t>& rows) {
    SQLite::Statement u(db, "UPDATE agenda_item SET position = ? WHERE id = ?");
    int p = 0;
    for (auto row : rows) {
        u.reset();
        u.bind(1, ++p);
        u.bind(2, row);
        u.exec();
    }
}

int find_number(const agenda& a, const std::string& kind, std::optional<std::int64_t> ref,
                std::optional<std::int64_t> row) {
    for (const auto& s : a.sections)
        for (const auto& e : s.items)
            if ((row && e.row == row) || (!row && e.kind == kind && e.ref == ref)) return e.number;
    return 0;
}

}  // namespace

int add_agenda_item(context& ctx, std::int64_t meeting, const agenda_item_request& req) {
    agenda_item_request r = req;
    static const std::vector<std::string> kinds = {"issue", "proposal", "project", "text"};
    if (std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end())
        throw input_error(fmt::format(fmt::runtime(tr("kind: \"{}\" is not one of: {}")), r.kind,
                                      detail::joined(kinds)));
    if (r.kind == "text") {
        if (r.text.empty()) throw input_error(tr("text: a free-text item needs its text"));
        r.ref.reset();
    } else if (!r.ref) {
        throw input_error(
            fmt::format(fmt::runtime(tr("{}: which {}? (give its id)")), r.kind, r.kind));
    }
    if (r.minutes < 0 || r.minutes > 600)
        throw input_error(tr("minutes: a time box is between 1 and 600 minutes"));
    detail::write_transaction tx(ctx);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = tx.db();
        auto m = mt::load_meeting(db, meeting);
        mt::require_planned(m);
        meeting_type_config type = mt::stored_meeting_type(ctx.cfg(), m.type);
        std::string section = section_for(type, r.section);
        if (r.ref) {
            require_record(db, r.kind, *r.ref);
            agenda before = mt::current_agenda(db, ctx, m);
            if (int n = find_number(before, r.kind, r.ref, std::nullopt))
                throw input_error(
                    fmt::format(fmt::runtime(tr("{} #{} is already item {} of meeting #{}")),
                                r.kind, *r.ref, n, meeting));
            // A record taken off earlier comes back: drop its hidden row.
            SQLite::Statement del(db,
                                  "DELETE FROM agenda_item WHERE meeting_id = ? AND kind = ? AND "
                                  "ref_id = ? AND hidden = 1");
            del.bind(1, meeting);
            del.bind(2, r.kind);
            del.bind(3, *r.ref);
            del.exec();
        }
        std::int64_t row = insert_item(db, meeting, next_position(db, meeting), section, r, false);
        agenda after = mt::current_agenda(db, ctx, m);
        if (m.agenda_fixed_at) {
            // In a fixed agenda the new row goes at the end of its section.
            std::vector<std::int64_t> order;
            for (const auto& s : after.sections)
                for (const auto& e : s.items)
                    if (e.row) order.push_back(*e.row);
            store_order(db, order);
            after = mt::current_agenda(db, ctx, m);
        }
        int number = find_number(after, r.kind, r.ref, row);
        nlohmann::json p = {{"item", number}, {"section", section}, {"kind", r.kind}};
        if (r.ref) p["ref"] = *r.ref;
        if (!r.text.empty()) p["text"] = r.text;
        tx.audit("meeting.item.add", "meeting", std::to_string(meeting), p);
        tx.commit();
        return number;
    });
}

void move_agenda_item(context& ctx, std::int64_t meeting, int from, int to) {
    detail::write_transaction tx(ctx);
    detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = tx.db();
        auto m = mt::load_meeting(db, meeting);
        mt::require_planned(m);
        mt::fix_agenda(db, ctx, m);
        agenda a = mt::current_agenda(db, ctx, m);
        located f = find_item(a, from);
        located t = find_item(a, to);
        // The item joins the section of the item whose place it takes.
        if (f.section->key != t.section->key) {
            SQLite::Statement u(db, "UPDATE agenda_item SET section = ? WHERE id = ?");
            u.bind(1, t.section->key);
            u.bind(2, *f.entry->row);
            u.exec();
        }
        std::vector<std::int64_t> order;
        for (const auto& s : a.sections)
            for (const auto& e : s.items)
                if (e.number != from) order.push_back(*e.row);
        order.insert(order.begin() + (to - 1), *f.entry->row);
        store_order(db, order);
        tx.audit("meeting.item.move", "meeting", std::to_string(meeting),
                 {{"from", from}, {"to", to}, {"title", f.entry->title}});
        tx.commit();
    });
}

void remove_agenda_item(context& ctx, std::int64_t meeting, int number) {
    detail::write_transaction tx(ctx);
    detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = tx.db();
        auto m = mt::load_meeting(db, meeting);
        mt::require_planned(m);
        agenda a = mt::current_agenda(db, ctx, m);
        located f = find_item(a, number);
        const agenda_entry& e = *f.entry;
        if (m.agenda_fixed_at) {
            SQLite::Statement has(db, "SELECT 1 FROM meeting_action WHERE agenda_item_id = ?");
            has.bind(1, *e.row);
            if (has.executeStep())
                throw conflict(fmt::format(
                    fmt::runtime(tr("item {} of meeting #{} has action items: it stays")), number,
                    meeting));
            SQLite::Statement del(db, "DELETE FROM agenda_item WHERE id = ?");
            del.bind(1, *e.row);
            del.exec();
            std::vector<std::int64_t> order;
            for (const auto& s : a.sections)
                for (const auto& x : s.items)
                    if (x.number != number) order.push_back(*x.row);
            store_order(db, order);
        } else if (e.row) {
            // Added by hand: a record stays off (hidden), free text goes.
            if (e.ref) {
                SQLite::Statement u(db, "UPDATE agenda_item SET hidden = 1 WHERE id = ?");
                u.bind(1, *e.row);
                u.exec();
            } else {
                SQLite::Statement del(db, "DELETE FROM agenda_item WHERE id = ?");
                del.bind(1, *e.row);
                del.exec();
            }
        } else {
            agenda_item_request r;
            r.kind = e.kind;
            r.ref = e.ref;
            insert_item(db, meeting, next_position(db, meeting), f.section->key, r, true);
        }
        nlohmann::json p = {{"item", number}, {"kind", e.kind}, {"title", e.title}};
        if (e.ref) p["ref"] = *e.ref;
        tx.audit("meeting.item.remove", "meeting", std::to_string(meeting), p);
        tx.commit();
    });
}

void put_issue_on_agenda(context& ctx, std::int64_t issue, std::int64_t meeting) {
    bool there = detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        auto m = mt::load_meeting(db, meeting);
        mt::require_planned(m);
        SQLite::Statement q(db, "SELECT 1 FROM issue WHERE id = ?");
        q.bind(1, issue);
        if (!q.executeStep())
            throw not_found(fmt::format(fmt::runtime(tr("issue #{} does not exist")), issue));
        return find_number(mt::current_agenda(db, ctx, m), "issue", issue, std::nullopt) != 0;
    });
    if (there) return;
    agenda_item_request r;
    r.kind = "issue";
    r.ref = issue;
    add_agenda_item(ctx, meeting, r);
}

minutes_result record_minutes(context& ctx, std::int64_t meeting, const minutes_entry& entry) {
    if (!entry.note && !entry.decision && !entry.vote && !entry.action)
        throw input_error(tr("nothing to record: give --note, --decision, --vote or --action"));
    if (entry.action && entry.action->text.empty())
        throw input_error(tr("action: an action item needs its text"));
    detail::write_transaction tx(ctx);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = tx.db();
        auto m = mt::load_meeting(db, meeting);
        mt::require_planned(m);
        mt::fix_agenda(db, ctx, m);
        agenda a = mt::current_agenda(db, ctx, m);
        const agenda_entry& e = *find_item(a, entry.item).entry;
        std::int64_t row = *e.row;
        nlohmann::json p = {{"item", entry.item}, {"title", e.title}};
        minutes_result result;
        result.item = entry.item;
        if (entry.note) {
            if (entry.note->empty()) throw input_error(tr("note: must not be empty"));
            std::string notes = e.notes.empty() ? *entry.note : e.notes + "\n" + *entry.note;
            SQLite::Statement u(db, "UPDATE agenda_item SET notes = ? WHERE id = ?");
            u.bind(1, notes);
            u.bind(2, row);
            u.exec();
            p["note"] = *entry.note;
        }
        if (entry.decision) {
            SQLite::Statement u(db, "UPDATE agenda_item SET decision = ? WHERE id = ?");
            u.bind(1, *entry.decision);
            u.bind(2, row);
            u.exec();
            p["decision"] = *entry.decision;
        }
        if (entry.vote) {
            std::string ref = *entry.vote;
            if (!ref.empty() && ref[0] == '#') ref.erase(0, 1);
            SQLite::Statement q(db,
                                "SELECT id FROM proposal WHERE code = ?1 OR CAST(id AS TEXT) = ?1");
            q.bind(1, ref);
            if (!q.executeStep())
                throw input_error(
                    fmt::format(fmt::runtime(tr("vote: no proposal \"{}\" (give its id or code)")),
                                *entry.vote));
            std::int64_t proposal = q.getColumn(0).getInt64();
            SQLite::Statement u(db, "UPDATE agenda_item SET vote_proposal_id = ? WHERE id = ?");
            u.bind(1, proposal);
            u.bind(2, row);
            u.exec();
            p["vote"] = proposal;
        }
        if (entry.action) {
            issue_draft d;
            d.title = entry.action->text;
            d.category = entry.action->category.empty() ? ctx.cfg().meetings.action_category
                                                        : entry.action->category;
            d.assignee = entry.action->assignee;
            d.due = entry.action->due;
            d.raised_at_meeting = meeting;
            d.description =
                fmt::format(fmt::runtime(tr("Action item of meeting #{} ({}), item {}: {}")),
                            meeting, m.title, entry.item, e.title);
            std::int64_t id = detail::issues::insert_issue(tx, ctx, d);
            SQLite::Statement ins(
                db,
                "INSERT INTO meeting_action(issue_id, meeting_id, agenda_item_id) "
                "VALUES (?,?,?)");
            ins.bind(1, id);
            ins.bind(2, meeting);
            ins.bind(3, row);
            ins.exec();
            p["action_issue"] = id;
            result.action_issue = id;
        }
        tx.audit("meeting.minutes", "meeting", std::to_string(meeting), p);
        tx.commit();
        return result;
    });
}

meeting_minutes get_minutes(context& ctx, std::int64_t meeting) {
    meeting_minutes out;
    out.items = build_agenda(ctx, meeting);
    out.attendance = get_attendance(ctx, meeting);
    out.closed = out.items.meeting.status == "held";
    return out;
}

}  // namespace gov
