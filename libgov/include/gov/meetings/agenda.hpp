#pragma once
/// \file
/// Agendas assembled from the records. The engine is pure: `assemble_agenda`
/// takes the records a loader collected (`agenda_inputs`) and the meeting
/// type's template and returns the agenda; the renderers turn an agenda into
/// Markdown, HTML, plain text or JSON. No database, clock or I/O: the same
/// records and the same "now" give the same bytes.
///
/// Each template section selects its items by a rule:
/// - follow-up: action items of earlier meetings of this type not yet done
///   (an unfinished item is carried from meeting to meeting until done);
/// - new: open issues raised since the last earlier meeting of this type
///   started and before this one starts, grouped by building;
/// - overdue: open issues whose due date is past (before the meeting's day,
///   or today when the meeting is still ahead);
/// - decisions: proposals linked to this meeting, or open for voting;
/// - projects: active projects with updates since the last meeting;
/// - other: only the items added by hand.
/// An issue appears once, in the first section that selects it. Items added
/// by hand follow the selected ones in their section; items taken off stay
/// off. Once the agenda is fixed (see gov/meeting_minutes.hpp) it is the
/// stored list, in its stored order.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gov/values/clock.hpp"
#include "gov/values/date.hpp"

namespace gov {

class context;
struct meeting_type_config;

/// The meeting an agenda is for.
struct agenda_meeting {
    std::int64_t id = 0;
    std::string type, type_name, title;
    timestamp starts_at, ends_at;
    std::string place, chair, status;
};

/// An issue as the engine sees it.
struct agenda_issue {
    std::int64_t id = 0;
    std::string title, category, status, building, assignee;
    bool done = false;
    std::optional<date> due;
    timestamp created_at;
    /// The meeting whose minutes made it an action item, and that meeting's start.
    std::optional<std::int64_t> action_of;
    std::optional<timestamp> action_meeting_start;
};

/// A proposal as the engine sees it.
struct agenda_proposal {
    std::int64_t id = 0;
    std::string code, title, status;
    std::optional<std::int64_t> meeting_id;
};

/// A project as the engine sees it.
struct agenda_project {
    std::int64_t id = 0;
    std::string title, status, progress;
    bool active = false;
    std::optional<date> last_update;  ///< local date of its latest update
};

/// A stored agenda row: an item added by hand, a record taken off a live
/// agenda (`hidden`), or an item of a fixed agenda with its minutes.
struct agenda_stored_item {
    std::int64_t row = 0;
    int position = 0;
    std::string section, kind;  ///< kind: issue, proposal, project, text
    std::optional<std::int64_t> ref;
    std::string text;
    int minutes = 0;
    std::string presenter;
    bool hidden = false;
    std::string notes, decision;
    std::optional<std::int64_t> vote;
    std::vector<std::int64_t> actions;  ///< action items (issue ids) made from it
};

/// Everything the engine reads.
struct agenda_inputs {
    std::string community;
    agenda_meeting meeting;
    std::optional<timestamp> last_meeting_start;  ///< the last earlier meeting of the type
    date today;                                   ///< the community's local date now
    date meeting_day;                             ///< the meeting's local date
    int utc_offset_minutes = 480;
    bool fixed = false;
    std::vector<agenda_issue> issues;
    std::vector<agenda_proposal> proposals;
    std::vector<agenda_project> projects;
    std::vector<agenda_stored_item> stored;
    timestamp generated_at;
};

/// One item of an agenda, numbered 1, 2, … through the whole agenda.
struct agenda_entry {
    int number = 0;
    std::string kind;  ///< issue, proposal, project, text
    std::optional<std::int64_t> ref;
    std::string title;
    std::string detail;  ///< one line: category, status, assignee, due …
    std::string group;   ///< the building, in the "new" section
    bool overdue = false;
    bool added = false;  ///< added by hand
    int minutes = 0;
    std::string presenter;
    std::string notes, decision;
    std::optional<std::int64_t> vote;
    std::vector<std::int64_t> actions;
    std::optional<std::int64_t> row;  ///< its stored row, if any
};

/// One section with its items and its place in the meeting's time.
struct agenda_section {
    std::string key, title, rule;
    int minutes = 0;
    std::string from, to;  ///< local "HH:MM" by the time boxes; "" when unboxed
    std::vector<agenda_entry> items;
};

/// An assembled agenda.
struct agenda {
    std::string community;
    agenda_meeting meeting;
    std::string local_start, local_end;  ///< "YYYY-MM-DD HH:MM" local
    bool fixed = false;
    timestamp generated_at;
    std::string local_generated;  ///< generated_at, local "YYYY-MM-DD HH:MM"
    std::vector<agenda_section> sections;
    int item_count() const;
};

/// Pure: the agenda the template selects from the inputs.
agenda assemble_agenda(const agenda_inputs& in, const meeting_type_config& type);

/// Loads the inputs for meeting `id` and assembles its agenda.
/// \throws not_found for an unknown meeting.
agenda build_agenda(context& ctx, std::int64_t id);

/// Pure renderers. HTML is one self-contained document (inline CSS,
/// lang="zh-CN", every text escaped).
std::string render_agenda_markdown(const agenda& a);
std::string render_agenda_html(const agenda& a);
std::string render_agenda_text(const agenda& a);
std::string render_agenda_json(const agenda& a);

}  // namespace gov
