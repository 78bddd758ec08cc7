// What a project accumulates: milestones, deliveries, funding, notes and
// links to issues, proposals and meetings. Each call is one
// write_transaction with one audit event and a line in the project's updates.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/projects/project.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "projects/project_internal.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"

namespace gov {
namespace detail::projects {

link_target find_link_target(SQLite::Database& db, project_link_kind kind, std::int64_t id) {
    const char* sql =
        kind == project_link_kind::issue      ? "SELECT title, status FROM issue WHERE id = ?"
        : kind == project_link_kind::proposal ? "SELECT title, status FROM proposal WHERE id = ?"
                                              : "SELECT title, status FROM meeting WHERE id = ?";
    SQLite::Statement q(db, sql);
    q.bind(1, id);
    if (!q.executeStep())
        throw not_found(fmt::format(fmt::runtime(tr("no {} #{}")), to_string(kind), id));
    return {q.getColumn(0).getString(), q.getColumn(1).getString()};
}

bool insert_link(SQLite::Database& db, std::int64_t project, project_link_kind kind,
                 std::int64_t target, bool origin) {
    find_link_target(db, kind, target);
    // Issues and proposals are where a project came from; a meeting is an
    // origin only when it decided the project.
    bool is_origin = kind != project_link_kind::meeting || origin;
    SQLite::Statement ins(
        db,
        "INSERT OR IGNORE INTO project_link(project_id, kind, target_id, origin, issue_id, "
        "proposal_id, meeting_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, project);
    ins.bind(2, std::string(to_string(kind)));
    ins.bind(3, target);
    ins.bind(4, is_origin ? 1 : 0);
    ins.bind(5 + static_cast<int>(kind), target);
    return ins.exec() > 0;
}

std::optional<std::int64_t> set_target(SQLite::Database& db, std::int64_t project,
                                       const deliverable_target& t) {
    std::string name = std::string(detail::trim(t.name, detail::whitespace::typed));
    if (name.empty()) throw input_error(tr("target: a deliverable needs a name"));
    if (t.target < 1)
        throw input_error(fmt::format(fmt::runtime(tr("target: {} must be at least 1 (\"{}\")")),
                                      name, t.target));
    SQLite::Statement q(db,
                        "SELECT target FROM project_deliverable WHERE project_id = ? AND name = ?");
    q.bind(1, project);
    q.bind(2, name);
    std::optional<std::int64_t> before;
    if (q.executeStep()) before = q.getColumn(0).getInt64();
    SQLite::Statement up(
        db,
        "INSERT INTO project_deliverable(project_id, name, target) VALUES (?, ?, ?) "
        "ON CONFLICT(project_id, name) DO UPDATE SET target = excluded.target");
    up.bind(1, project);
    up.bind(2, name);
    up.bind(3, t.target);
    up.exec();
    return before;
}

}  // namespace detail::projects

namespace {

using namespace detail::projects;

std::vector<std::string> deliverable_names(SQLite::Database& db, std::int64_t project) {
    SQLite::Statement q(db,
                        "SELECT name FROM project_deliverable WHERE project_id = ? ORDER BY id");
    q.bind(1, project);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

}  // namespace

std::string_view to_string(project_link_kind k) {
    switch (k) {
        case project_link_kind::issue:
            return "issue";
        case project_link_kind::proposal:
            return "proposal";
        case project_link_kind::meeting:
            return "meeting";
    }
    return "issue";
}

std::int64_t add_milestone(context& ctx, std::int64_t project, std::string_view title_text,
                           std::optional<date> due) {
    std::string title = std::string(detail::trim(title_text, detail::whitespace::typed));
    if (title.empty()) throw input_error(tr("title: a milestone needs a title"));
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        load_project(db, project);
        SQLite::Statement n(
            db, "SELECT coalesce(max(number), 0) + 1 FROM project_milestone WHERE project_id = ?");
        n.bind(1, project);
        n.executeStep();
        std::int64_t number = n.getColumn(0).getInt64();
        SQLite::Statement ins(
            db,
            "INSERT INTO project_milestone(project_id, number, title, due) VALUES (?, ?, ?, ?)");
        ins.bind(1, project);
        ins.bind(2, number);
        ins.bind(3, title);
        if (due) ins.bind(4, format_date(*due));
        ins.exec();
        std::string text = fmt::format(fmt::runtime(tr("milestone {} added: {}")), number, title);
        if (due) text += fmt::format(fmt::runtime(tr(" (due {})")), format_date(*due));
        add_update(db, ctx, project, ctx.today(), "milestone", text);
        tx.audit("project.milestone", "project", std::to_string(project),
                 {{"op", "add"},
                  {"number", number},
                  {"title", title},
                  {"due", due ? nlohmann::json(format_date(*due)) : nullptr}});
        tx.commit();
        return number;
    });
}

void complete_milestone(context& ctx, std::int64_t project, std::string_view milestone,
                        std::optional<date> on) {
    date done = on.value_or(ctx.today());
    require_not_future(ctx, "date", done);
    detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        load_project(db, project);
        std::string ref = std::string(detail::trim(milestone, detail::whitespace::typed));
        if (!ref.empty() && ref[0] == '#') ref.erase(0, 1);
        SQLite::Statement q(db,
                            "SELECT number, title, done_on FROM project_milestone "
                            "WHERE project_id = ? AND (CAST(number AS TEXT) = ? OR title = ?) "
                            "ORDER BY number");
        q.bind(1, project);
        q.bind(2, ref);
        q.bind(3, std::string(detail::trim(milestone, detail::whitespace::typed)));
        if (!q.executeStep()) {
            SQLite::Statement all(
                db,
                "SELECT number, title FROM project_milestone WHERE project_id = ? ORDER BY number");
            all.bind(1, project);
            std::vector<std::string> names;
            while (all.executeStep())
                names.push_back(fmt::format("{} {}", all.getColumn(0).getInt64(),
                                            all.getColumn(1).getString()));
            throw not_found(
                names.empty()
                    ? fmt::format(fmt::runtime(tr("project #{} has no milestones; add one with "
                                                  "`gov project milestone add`")),
                                  project)
                    : fmt::format(fmt::runtime(tr("project #{} has no milestone \"{}\"; its "
                                                  "milestones are: {}")),
                                  project, milestone, detail::joined(names)));
        }
        std::int64_t number = q.getColumn(0).getInt64();
        std::string title = q.getColumn(1).getString();
        if (!q.getColumn(2).isNull())
            throw conflict(fmt::format(
                fmt::runtime(tr("milestone {} of project #{} ({}) was already done on {}")), number,
                project, title, q.getColumn(2).getString()));
        SQLite::Statement u(
            db, "UPDATE project_milestone SET done_on = ? WHERE project_id = ? AND number = ?");
        u.bind(1, format_date(done));
        u.bind(2, project);
        u.bind(3, number);
        u.exec();
        add_update(db, ctx, project, done, "milestone",
                   fmt::format(fmt::runtime(tr("milestone {} done: {}")), number, title));
        tx.audit("project.milestone", "project", std::to_string(project),
                 {{"op", "done"}, {"number", number}, {"title", title}, {"on", format_date(done)}});
        tx.commit();
    });
}

std::int64_t deliver(context& ctx, std::int64_t project, const delivery& d) {
    std::string item = std::string(detail::trim(d.item, detail::whitespace::typed));
    if (item.empty()) throw input_error(tr("item: name the deliverable (--item)"));
    if (d.set_total ? d.count < 0 : d.count < 1)
        throw input_error(fmt::format(
            fmt::runtime(d.set_total ? tr("count: {} must not be negative")
                                     : tr("count: {} must be at least 1 (to correct a count, "
                                          "use --total)")),
            d.count));
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        load_project(db, project);
        SQLite::Statement q(
            db,
            "SELECT target, delivered FROM project_deliverable WHERE project_id = ? AND name = ?");
        q.bind(1, project);
        q.bind(2, item);
        std::int64_t before = 0;
        if (q.executeStep()) {
            before = q.getColumn(1).getInt64();
            if (d.target) set_target(db, project, {item, *d.target});
        } else if (d.target) {
            set_target(db, project, {item, *d.target});
        } else {
            auto names = deliverable_names(db, project);
            throw input_error(
                names.empty()
                    ? fmt::format(fmt::runtime(tr("item: project #{} has no deliverables; give "
                                                  "\"{}\" a target with --target N")),
                                  project, item)
                    : fmt::format(fmt::runtime(tr("item: \"{}\" is not one of: {} (a new "
                                                  "deliverable needs --target N)")),
                                  item, detail::joined(names)));
        }
        std::int64_t after = d.set_total ? d.count : before + d.count;
        SQLite::Statement u(db,
                            "UPDATE project_deliverable SET delivered = ? "
                            "WHERE project_id = ? AND name = ? RETURNING target");
        u.bind(1, after);
        u.bind(2, project);
        u.bind(3, item);
        u.executeStep();
        std::int64_t target = u.getColumn(0).getInt64();
        u.reset();
        std::string text =
            d.set_total
                ? fmt::format(fmt::runtime(tr("{}: delivered count corrected from {} to {} of {}")),
                              item, before, after, target)
                : fmt::format(fmt::runtime(tr("{}: {} delivered, {} of {} now")), item, d.count,
                              after, target);
        add_update(db, ctx, project, ctx.today(), "delivery", text);
        tx.audit("project.deliver", "project", std::to_string(project),
                 {{"item", item},
                  {"count", d.count},
                  {"set_total", d.set_total},
                  {"before", before},
                  {"after", after},
                  {"target", target}});
        tx.commit();
        return after;
    });
}

std::int64_t fund_project(context& ctx, std::int64_t project, const funding_entry& f) {
    if (f.amount_fen <= 0) throw input_error(tr("amount: must be more than 0"));
    date on = f.on.value_or(ctx.today());
    require_not_future(ctx, "date", on);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        load_project(db, project);
        std::int64_t party = resolve_party_ref(
            db, tr("from"), std::string(detail::trim(f.from, detail::whitespace::typed)));
        std::string note = std::string(detail::trim(f.note, detail::whitespace::typed));
        SQLite::Statement ins(db,
                              "INSERT INTO project_funding(project_id, party_id, amount_fen, "
                              "funded_on, note) VALUES (?, ?, ?, ?, ?)");
        ins.bind(1, project);
        ins.bind(2, party);
        ins.bind(3, f.amount_fen);
        ins.bind(4, format_date(on));
        ins.bind(5, note);
        ins.exec();
        SQLite::Statement total(
            db, "SELECT coalesce(sum(amount_fen), 0) FROM project_funding WHERE project_id = ?");
        total.bind(1, project);
        total.executeStep();
        std::int64_t funded = total.getColumn(0).getInt64();
        std::string name = party_name(db, party);
        std::string text = fmt::format(fmt::runtime(tr("{} yuan from {} (funded {} in all)")),
                                       format_money(f.amount_fen), name, format_money(funded));
        if (!note.empty()) text += ": " + note;
        add_update(db, ctx, project, on, "funding", text);
        tx.audit("project.fund", "project", std::to_string(project),
                 {{"from", name},
                  {"amount_fen", f.amount_fen},
                  {"on", format_date(on)},
                  {"funded_fen", funded}});
        tx.commit();
        return funded;
    });
}

std::int64_t add_project_note(context& ctx, std::int64_t project, std::string_view text_in,
                              std::optional<date> on) {
    std::string text = std::string(detail::trim(text_in, detail::whitespace::typed));
    if (text.empty()) throw input_error(tr("text: a note needs some text"));
    date day = on.value_or(ctx.today());
    require_not_future(ctx, "date", day);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        load_project(db, project);
        add_update(db, ctx, project, day, "note", text);
        std::int64_t id = db.getLastInsertRowid();
        tx.audit("project.note", "project", std::to_string(project),
                 {{"update_id", id}, {"on", format_date(day)}, {"text", text}});
        tx.commit();
        return id;
    });
}

bool link_project(context& ctx, std::int64_t project, project_link_kind kind, std::int64_t target,
                  bool origin) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        load_project(db, project);
        if (!insert_link(db, project, kind, target, origin)) return false;
        bool is_origin = kind != project_link_kind::meeting || origin;
        auto t = find_link_target(db, kind, target);
        std::string text = fmt::format(fmt::runtime(is_origin ? tr("linked to {} #{} {} (origin)")
                                                              : tr("linked to {} #{} {}")),
                                       to_string(kind), target, t.title);
        add_update(db, ctx, project, ctx.today(), "link", text);
        tx.audit("project.link", "project", std::to_string(project),
                 {{"kind", to_string(kind)}, {"id", target}, {"origin", is_origin}});
        tx.commit();
        return true;
    });
}

}  // namespace gov
