// What the project modules share: reading a project's row, resolving the
// parties and residents it names, and writing its dated updates.
#include <fmt/format.h>

#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "projects/project_internal.hpp"
#include "roster/interface.hpp"

namespace gov::detail::projects {

project_row load_project(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db,
                        "SELECT title, description, status, status_reason, lead_party_id, "
                        "lead_resident_id, budget_fen, start_date, due_date, completed_on, "
                        "manual_progress, manual_reason FROM project WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw not_found(fmt::format(fmt::runtime(tr("no project #{}")), id));
    project_row r;
    r.id = id;
    r.title = q.getColumn(0).getString();
    r.description = q.getColumn(1).getString();
    r.status = parse_project_status(q.getColumn(2).getString());
    r.status_reason = q.getColumn(3).getString();
    if (!q.getColumn(4).isNull()) r.lead_party = q.getColumn(4).getInt64();
    if (!q.getColumn(5).isNull()) r.lead_resident = q.getColumn(5).getInt64();
    if (!q.getColumn(6).isNull()) r.budget_fen = q.getColumn(6).getInt64();
    r.start = optional_date(q.getColumn(7));
    r.due = optional_date(q.getColumn(8));
    r.completed_on = optional_date(q.getColumn(9));
    if (!q.getColumn(10).isNull()) r.manual_progress = q.getColumn(10).getInt();
    r.manual_reason = q.getColumn(11).getString();
    return r;
}

std::string party_name(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, "SELECT name FROM party WHERE id = ?");
    q.bind(1, id);
    return q.executeStep() ? q.getColumn(0).getString() : fmt::format("#{}", id);
}

std::string resident_name(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, "SELECT name FROM resident WHERE id = ?");
    q.bind(1, id);
    return q.executeStep() ? q.getColumn(0).getString() : fmt::format("#{}", id);
}

std::string lead_label(SQLite::Database& db, const std::optional<std::int64_t>& party,
                       const std::optional<std::int64_t>& resident) {
    if (party) return party_name(db, *party);
    if (resident) return resident_name(db, *resident);
    return {};
}

std::int64_t resolve_party_ref(SQLite::Database& db, std::string_view field, std::string_view ref) {
    try {
        return resolve_party(db, ref);
    } catch (const not_found& e) {
        throw not_found(fmt::format("{}: {}", field, e.what()));
    }
}

lead_ref resolve_lead(SQLite::Database& db, std::string_view ref) {
    lead_ref l;
    if (ref.empty()) return l;
    std::string party_problem;
    try {
        l.party = resolve_party(db, ref);
        l.label = party_name(db, *l.party);
        return l;
    } catch (const not_found& e) {
        party_problem = e.what();
    }
    if (ref[0] == '#')  // "#N" names a party only
        throw not_found(fmt::format("{}: {}", tr("lead"), party_problem));
    try {
        l.resident = resolve_resident(db, ref, resident_match::person);
        l.label = fmt::format("{} #{}", resident_name(db, *l.resident), *l.resident);
        return l;
    } catch (const not_found& e) {
        throw not_found(
            fmt::format(
                "{}: {}", tr("lead"),
                fmt::format(fmt::runtime(tr("\"{}\" is neither a party nor a resident")), ref)),
            {fmt::format("{}: {}", tr("as a party"), party_problem),
             fmt::format("{}: {}", tr("as a resident"), e.what())});
    } catch (const input_error& e) {
        throw input_error(fmt::format("{}: {}", tr("lead"), e.what()));
    }
}

void add_update(SQLite::Database& db, const context& ctx, std::int64_t project, const date& on,
                std::string_view kind, std::string_view text) {
    SQLite::Statement ins(db,
                          "INSERT INTO project_update(project_id, on_date, at, actor, kind, text) "
                          "VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, project);
    ins.bind(2, format_date(on));
    ins.bind(3, format_timestamp(ctx.now()));
    ins.bind(4, ctx.actor());
    ins.bind(5, std::string(kind));
    ins.bind(6, std::string(text));
    ins.exec();
    SQLite::Statement touch(db, "UPDATE project SET updated_at = ? WHERE id = ?");
    touch.bind(1, format_timestamp(ctx.now()));
    touch.bind(2, project);
    touch.exec();
}

void require_not_future(const context& ctx, std::string_view field, const date& d) {
    if (d > ctx.today())
        throw input_error(fmt::format(fmt::runtime(tr("{}: {} is after today ({})")), field,
                                      format_date(d), format_date(ctx.today())));
}

}  // namespace gov::detail::projects
