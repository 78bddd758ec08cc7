// The issues' JSON documents: the record `gov issue show` prints, what an
// update changed, and the import's result.
#include "gov/issues/issue.hpp"
#include "gov/issues/issue_import.hpp"
#include "text/interface.hpp"

namespace gov {
namespace {

using detail::json_or_null;
using detail::ordered_json;

ordered_json assignee_kind_json(assignee_kind k) {
    switch (k) {
        case assignee_kind::party:
            return "party";
        case assignee_kind::resident:
            return "resident";
        case assignee_kind::none:
            break;
    }
    return nullptr;
}

}  // namespace

std::string render_json(const issue_record& r) {
    auto comments = ordered_json::array();
    for (const auto& c : r.comments)
        comments.push_back(
            {{"id", c.id}, {"at", format_timestamp(c.at)}, {"actor", c.actor}, {"text", c.text}});
    auto history = ordered_json::array();
    for (const auto& h : r.history)
        history.push_back({{"at", format_timestamp(h.at)},
                           {"actor", h.actor},
                           {"field", h.field},
                           {"from", json_or_null(h.from)},
                           {"to", json_or_null(h.to)}});
    return detail::dump_json({{"id", r.id},
                              {"title", r.title},
                              {"description", json_or_null(r.description)},
                              {"status", r.status},
                              {"next_statuses", r.next_statuses},
                              {"category", r.category},
                              {"severity", json_or_null(r.severity)},
                              {"priority", r.priority},
                              {"building", json_or_null(r.building)},
                              {"building_id", json_or_null(r.building_id)},
                              {"unit", json_or_null(r.unit)},
                              {"room", json_or_null(r.room)},
                              {"household_id", json_or_null(r.household_id)},
                              {"raised_by", json_or_null(r.raised_by)},
                              {"raised_by_id", json_or_null(r.raised_by_id)},
                              {"raised_by_phone", json_or_null(r.raised_by_phone)},
                              {"raised_at_meeting", json_or_null(r.raised_at_meeting)},
                              {"assignee", json_or_null(r.assignee)},
                              {"assignee_kind", assignee_kind_json(r.assignee_type)},
                              {"assignee_id", json_or_null(r.assignee_id)},
                              {"due", json_or_null(r.due)},
                              {"due_explicit", r.due_explicit},
                              {"overdue", r.overdue},
                              {"resolution", json_or_null(r.resolution)},
                              {"created_at", format_timestamp(r.created_at)},
                              {"created_by", r.created_by},
                              {"updated_at", format_timestamp(r.updated_at)},
                              {"resolved_at", json_or_null(r.resolved_at)},
                              {"closed_at", json_or_null(r.closed_at)},
                              {"tags", r.tags},
                              {"comments", comments},
                              {"history", history}});
}

std::string render_json(std::int64_t id, const std::vector<issue_field_change>& changes) {
    return detail::changes_json(id, changes);
}

std::string render_json(const issue_import_result& r) {
    auto problems = ordered_json::array();
    for (const auto& p : r.problems)
        problems.push_back({{"line", p.line}, {"column", p.column}, {"reason", p.reason}});
    bool any = r.committed && r.imported;
    return detail::dump_json({{"file", r.file},
                              {"format", r.format},
                              {"encoding", r.encoding},
                              {"sha256", r.sha256},
                              {"committed", r.committed},
                              {"rows", r.rows},
                              {"imported", r.imported},
                              {"invalid", r.invalid},
                              {"first_id", any ? ordered_json(r.first_id) : nullptr},
                              {"last_id", any ? ordered_json(r.last_id) : nullptr},
                              {"ignored_columns", r.ignored_columns},
                              {"warnings", r.warnings},
                              {"problems", problems}});
}

}  // namespace gov
