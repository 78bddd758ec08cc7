#pragma once
/// \file
/// Adjusting an agenda before the meeting and minuting it during and after:
/// items added, moved and removed; notes, decisions and linked votes per
/// item; action items, which become issues linked to the meeting (and are
/// followed up by the next meeting of its type until done); and the full
/// minutes with attendance, rendered as Markdown or HTML.
///
/// Items are numbered as `gov meeting agenda` shows them. The agenda is
/// assembled from the records until it is fixed: moving an item, recording
/// minutes or closing the meeting stores it item by item, and from then on
/// it changes only by hand. Adding and removing work either way.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gov/meetings/agenda.hpp"
#include "gov/meetings/meeting_attendance.hpp"
#include "gov/values/date.hpp"

namespace gov {

class context;

/// An item added by hand: a record (kind issue, proposal or project with
/// `ref`) or free text (kind "text").
struct agenda_item_request {
    std::string kind = "text";
    std::optional<std::int64_t> ref;
    std::string text;
    std::string section;  ///< a template section key; "" = the "other" section
    int minutes = 0;
    std::string presenter;
};

/// Adds an item at the end of its section; returns its number.
/// \throws input_error for an unknown section or kind, a record that does not
///         exist, or a record already on the agenda; conflict unless planned.
int add_agenda_item(context& ctx, std::int64_t meeting, const agenda_item_request& req);

/// Moves item `from` so that it becomes item `to` (fixing the agenda).
/// \throws input_error for a number not on the agenda.
void move_agenda_item(context& ctx, std::int64_t meeting, int from, int to);

/// Takes item `number` off the agenda. \throws input_error as move.
void remove_agenda_item(context& ctx, std::int64_t meeting, int number);

/// Puts an issue on a meeting's agenda (`gov issue update ID --for-meeting M`),
/// as an item added by hand to the "other" section. Nothing changes when it
/// is already on the agenda. \throws not_found for an unknown
/// meeting or issue; conflict unless the meeting is planned.
void put_issue_on_agenda(context& ctx, std::int64_t issue, std::int64_t meeting);

/// An action item: a new issue linked to the meeting.
struct action_request {
    std::string text;      ///< its title
    std::string assignee;  ///< a party or a resident, as issue_draft::assignee
    std::optional<date> due;
    std::string category;  ///< default: [meetings] action_category
};

/// Minutes of one item; only what is set is recorded.
struct minutes_entry {
    int item = 0;
    std::optional<std::string> note, decision;
    std::optional<std::string> vote;  ///< a proposal: id, "#ID" or code
    std::optional<action_request> action;
};

/// What recording minutes did.
struct minutes_result {
    int item = 0;
    std::optional<std::int64_t> action_issue;
};

/// Records minutes of one item in one transaction (fixing the agenda; with
/// an action item, the issue is added in the same transaction, audited
/// "issue.add" and "meeting.minutes"). A note is appended to earlier notes;
/// a decision replaces the earlier one.
/// \throws input_error for an item not on the agenda, nothing to record, an
///         unknown proposal, or an action item the issue rules refuse;
///         conflict unless the meeting is planned.
minutes_result record_minutes(context& ctx, std::int64_t meeting, const minutes_entry& entry);

/// The full minutes of a meeting: its agenda with notes, decisions and
/// action items, and its attendance.
struct meeting_minutes {
    agenda items;
    attendance_record attendance;
    bool closed = false;
};

/// \throws not_found for an unknown meeting.
meeting_minutes get_minutes(context& ctx, std::int64_t meeting);

/// Pure renderers of minutes.
std::string render_minutes_markdown(const meeting_minutes& m);
std::string render_minutes_html(const meeting_minutes& m);

}  // namespace gov
