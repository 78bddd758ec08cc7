#pragma once
/// \file
/// Issue tracking: what residents raise — at the door, at the monthly
/// building-leaders' meeting, through their building leader — recorded,
/// classified, assigned to the party that must act and followed to its
/// resolution against a deadline.
///
/// The rules come from gov.toml ([issues]): the categories and their
/// deadlines, severities, priorities and the status workflow. A value that
/// is not one of the configured choices, and a building, resident or party
/// that does not exist, is an input_error (exit 4) listing the valid
/// choices; an issue that does not exist is not_found (5); a status change
/// the workflow does not allow is a conflict (6) naming the allowed ones.
/// Every change is one transaction with one audit event ("issue.add",
/// "issue.update", "issue.assign", "issue.comment", "issue.transition") and
/// one history row per changed field; a refused change changes nothing.
///
/// \code
///   gov::issue_draft d;
///   d.title = "3号楼电梯故障";
///   d.category = "设施维修";
///   d.building = "3";
///   std::int64_t id = gov::add_issue(ctx, d);      // due = today + 7 days
///   gov::transition_issue(ctx, id, "resolved", "已更换电机");
/// \endcode

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gov/values/clock.hpp"
#include "gov/values/date.hpp"

namespace gov {

class context;

/// A new issue. References are written as people write them: `building` as
/// `gov roster` names buildings ("12", "幸福里/12", "#3"); `raised_by` a
/// resident's id, phone or unique name; `assignee` a party's name ("#N" is a
/// party id), else a resident. Empty means "none" (priority: the default).
struct issue_draft {
    std::string title;  ///< required
    std::string description;
    std::string category;  ///< required: one of [issues] categories
    std::string severity;  ///< one of [issues] severities, or ""
    std::string priority;  ///< one of [issues] priorities; "" = default_priority
    std::string building;
    std::string unit;  ///< a unit of `building` by name (needs building)
    /// A room or place. A stored room ("12-3-1502", or "1502" with building
    /// and unit) is linked to its household; anything else is kept as text.
    std::string room;
    std::string raised_by;
    std::string assignee;
    std::optional<date> due;  ///< default: the created date + the category's deadline
    std::vector<std::string> tags;
    /// The meeting where it was raised (its action items name theirs); the
    /// caller checks it exists (gov::require_meeting).
    std::optional<std::int64_t> raised_at_meeting;
};

/// Adds an issue in the workflow's initial status; returns its id.
/// \throws input_error for a missing title or category, a value that is not
///         a configured choice, or a reference to nothing.
std::int64_t add_issue(context& ctx, const issue_draft& draft);

/// Changes to an issue; only the fields that are set change. An empty text
/// clears an optional field (description, severity, building, unit, room,
/// raised_by, assignee). Changing the building without naming a unit clears
/// the unit. Changing the category moves a due date that came from the old
/// category's deadline to the new one's; an explicitly set due date stays.
struct issue_changes {
    std::optional<std::string> title, description, category, severity, priority;
    std::optional<std::string> building, unit, room, raised_by, assignee;
    std::optional<date> due;
    std::vector<std::string> add_tags, remove_tags;
    /// A move in the workflow (see transition_issue); with `resolution`.
    std::optional<std::string> status;
    std::optional<std::string> resolution;
};

/// What a change did: the fields that changed, as {field, from, to}.
struct issue_field_change {
    std::string field;
    std::optional<std::string> from, to;
};

/// Applies changes in one transaction with one audit event ("issue.update";
/// "issue.assign" when only the assignee changed, "issue.transition" when
/// only the status and resolution did). Returns the changes made; none (and
/// no audit event) when every value was already so.
/// \throws not_found for an unknown issue; input_error as add_issue; conflict
///         for a status change the workflow does not allow.
std::vector<issue_field_change> update_issue(context& ctx, std::int64_t id,
                                             const issue_changes& changes);

/// Assigns an issue to a party or a resident (`ref`, as issue_draft::assignee;
/// "" removes the assignee). Audited as "issue.assign".
std::vector<issue_field_change> assign_issue(context& ctx, std::int64_t id, std::string_view ref);

/// Moves an issue to `status`. The workflow ([issues.workflow] transitions)
/// must allow it, else conflict naming the allowed next statuses. Entering a
/// status of resolution_required needs a non-empty `resolution` (input_error)
/// and records resolved_at; entering another done status records closed_at
/// (and keeps a resolution if one is given); entering a status that is not
/// done (reopening) clears resolved_at, closed_at and the resolution — the
/// history keeps them. Audited as "issue.transition".
/// \throws input_error when `status` is not a configured status.
std::vector<issue_field_change> transition_issue(context& ctx, std::int64_t id,
                                                 std::string_view status,
                                                 std::optional<std::string> resolution = {});

/// The workflow's shorthand commands: "resolve", "close", "reopen" and
/// "reject" move to the statuses "resolved", "closed", "open" and "rejected".
/// As transition_issue, except that a workflow without that status refuses
/// the command (conflict) instead of calling the status unknown.
/// \throws usage_error for another command name.
std::vector<issue_field_change> run_issue_command(context& ctx, std::int64_t id,
                                                  std::string_view command,
                                                  std::optional<std::string> resolution = {});

/// Adds a comment; returns its id. Audited as "issue.comment".
/// \throws input_error for an empty text; not_found for an unknown issue.
std::int64_t comment_issue(context& ctx, std::int64_t id, std::string_view text);

/// A comment on an issue.
struct issue_comment {
    std::int64_t id = 0;
    timestamp at;
    std::string actor;
    std::string text;
};

/// One changed field in an issue's history.
struct issue_history_entry {
    timestamp at;
    std::string actor;
    std::string field;
    std::optional<std::string> from, to;
};

/// Who an issue is assigned to.
enum class assignee_kind { none, party, resident };

/// An issue with everything known about it (what `gov issue show` prints).
struct issue_record {
    std::int64_t id = 0;
    std::string title, description, category, severity, priority, status;
    std::optional<std::int64_t> building_id;
    std::string building;  ///< "幸福里/12", or "" when none
    std::optional<std::int64_t> unit_id;
    std::string unit;  ///< the unit's name
    std::optional<std::int64_t> household_id;
    std::string room;  ///< the room or place as given
    std::optional<std::int64_t> raised_by_id;
    std::string raised_by;        ///< the resident's name
    std::string raised_by_phone;  ///< masked unless revealed (see get_issue)
    std::optional<std::int64_t> raised_at_meeting;
    assignee_kind assignee_type = assignee_kind::none;
    std::optional<std::int64_t> assignee_id;
    std::string assignee;  ///< the party's or resident's name
    std::optional<date> due;
    bool due_explicit = false;  ///< set by hand rather than from the category
    bool overdue = false;       ///< due before today and not in a done status
    std::string resolution;
    timestamp created_at;
    std::string created_by;
    timestamp updated_at;
    std::optional<timestamp> resolved_at, closed_at;
    std::vector<std::string> tags;
    std::vector<issue_comment> comments;       ///< oldest first
    std::vector<issue_history_entry> history;  ///< oldest first
    std::vector<std::string> next_statuses;    ///< what the workflow allows from here
};

/// One issue with its comments and history. The raiser's phone is masked
/// (gov::mask_phone) unless `reveal_pii`, which is itself audited
/// ("pii.reveal", see gov/roster.hpp).
/// \throws not_found for an unknown issue.
issue_record get_issue(context& ctx, std::int64_t id, bool reveal_pii = false);

/// The issue as one JSON object for scripts (`gov issue show --format
/// json`): every field, absent ones as null, instants in UTC, its comments
/// and history in order; pretty-printed, ending in a newline.
std::string render_json(const issue_record& r);

/// What an update of issue `id` changed, for scripts: {"id": N, "changes":
/// [{"field", "from", "to"}, …]}, an absent value as null.
std::string render_json(std::int64_t id, const std::vector<issue_field_change>& changes);

/// A length of time as people write it: "30d", "2w", "6m", "1y".
struct period {
    enum class unit { day, week, month, year };
    int count = 0;
    unit of = unit::day;
};

/// Parses "N" followed by d, w, m or y (also 天, 周, 月, 年); N ≥ 0.
std::optional<period> parse_period(std::string_view text);

/// `d` minus a period; months and years end on the last day of a shorter
/// month (2026-03-31 minus 1m is 2026-02-28).
date subtract_period(const date& d, const period& p);

/// How `list_issues` orders its result.
enum class issue_sort {
    id,        ///< oldest id first
    created,   ///< oldest first
    due,       ///< soonest due first, undated last
    priority,  ///< by the configured order of priorities, most urgent first
    status,    ///< by status name
    updated,   ///< most recently changed first
};

/// Parses "id", "created", "due", "priority", "status" or "updated".
/// \throws usage_error listing the choices.
issue_sort parse_issue_sort(std::string_view name);

/// Which fields of an issue a listing reads.
enum class issue_fields {
    all,
    /// All but issue_summary's room, raised_by, created and updated_at (left
    /// empty): the raiser's name is a look-up in the large, randomly reached
    /// resident table — half the time of a long listing — and each time is
    /// parsed from text. What a listing needs that does not show those.
    without_people_and_times,
};

/// Which issues to list. Filters combine with AND; the lists within one
/// filter (statuses, categories, …) with OR, except tags, which must all be
/// present. Every name is checked against the configuration and every
/// reference resolved (input_error listing the valid choices).
struct issue_filter {
    std::vector<std::string> statuses, categories, severities, priorities;
    std::optional<std::string> building;   ///< as issue_draft::building
    std::optional<std::string> assignee;   ///< as issue_draft::assignee
    std::optional<std::string> raised_by;  ///< as issue_draft::raised_by
    std::vector<std::string> tags;
    bool overdue = false;              ///< due before today, not done
    std::optional<date> due_before;    ///< due strictly before this date
    std::optional<period> older_than;  ///< created before today minus this
    std::optional<date> since, until;  ///< created on or after / on or before (local dates)
    std::string search;                ///< in title, description and comments (ASCII case ignored)
    issue_sort sort = issue_sort::id;
    bool reverse = false;
    std::optional<std::int64_t> limit;
    /// What to read of each issue (issue_fields).
    issue_fields fields = issue_fields::all;
};

/// A line of `gov issue list`.
struct issue_summary {
    std::int64_t id = 0;
    std::string title, category, severity, priority, status;
    std::string building;   ///< "幸福里/12" or ""
    std::string room;       ///< "" unless issue_fields::all was asked for, as are
    std::string raised_by;  ///< the resident's name, created and updated_at
    std::string assignee;   ///< the party's or resident's name
    std::optional<date> due;
    bool overdue = false;
    date created;  ///< local date
    timestamp updated_at;
    std::vector<std::string> tags;
};

/// The issues that pass the filter, in the order asked for.
std::vector<issue_summary> list_issues(context& ctx, const issue_filter& filter);

/// The same issues handed to `visit` one at a time as they are read, so a
/// caller that turns them into something else (a table, a file) never holds
/// them all twice. An exception from `visit` stops the listing and passes on.
void for_each_issue(context& ctx, const issue_filter& filter,
                    const std::function<void(issue_summary&&)>& visit);

}  // namespace gov
