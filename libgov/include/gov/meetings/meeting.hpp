#pragma once
/// \file
/// Meetings: the monthly building-leaders' meeting (楼长见面会), the
/// four-in-one joint meeting (四方联席会议), owners' assemblies and ad hoc
/// meetings — planned, attended, minuted and closed. Types, their defaults,
/// quorum rules and agenda templates come from gov.toml ([meetings]).
///
/// A meeting is planned, then held (closing it freezes the minutes), or
/// cancelled. Every change is one transaction with one audit event
/// ("meeting.add", "meeting.schedule", "meeting.cancel", "meeting.attend",
/// "meeting.item.add", "meeting.item.move", "meeting.item.remove",
/// "meeting.minutes", "meeting.close"); a refused change changes nothing.
/// A value that is not a configured choice is an input_error (exit 4)
/// listing the choices; an unknown meeting is not_found (5); a change to a
/// held or cancelled meeting is a conflict (6).
///
/// \code
///   gov::meeting_draft d;
///   d.type = "leaders";
///   d.day = gov::parse_date("2026-12-05");
///   std::int64_t id = gov::add_meeting(ctx, d);  // 19:00, 90 minutes, from gov.toml
/// \endcode

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gov/values/clock.hpp"
#include "gov/values/date.hpp"

namespace gov {

class context;

/// A new meeting. Empty fields take the type's defaults from gov.toml.
struct meeting_draft {
    std::string type;            ///< required: a [meetings.types] key
    std::optional<date> day;     ///< required: local date
    std::string time;            ///< local "HH:MM"; "" = the type's start
    std::optional<int> minutes;  ///< duration; default: the type's
    std::string place, chair;
    std::string title;  ///< default: the type's title pattern filled in
};

/// Plans one meeting; returns its id.
/// \throws input_error for an unknown type, a missing day or a bad time.
std::int64_t add_meeting(context& ctx, const meeting_draft& draft);

/// "first saturday 19:00": which day of each month a series meets, and when.
struct recurrence {
    int ordinal = 1;  ///< 1..4 = first..fourth; -1 = last
    std::chrono::weekday weekday{std::chrono::Saturday};
    std::optional<int> minute_of_day;  ///< local start, minutes after midnight
};

/// Parses "<first|second|third|fourth|last> <weekday> [HH:MM]" (English
/// weekday names, three-letter forms too), or the Chinese "第一个星期六 19:00",
/// "最后一个周五". Throws input_error saying what is expected.
recurrence parse_recurrence(std::string_view text);

/// The day of `month` the rule names (e.g. the first Saturday).
date recurrence_day(const recurrence& r, std::chrono::year_month month);

/// A recurring series: `count` meetings, one per month from `from`.
struct schedule_request {
    std::string type;
    std::chrono::year_month from{std::chrono::year{2026}, std::chrono::January};
    int count = 12;    ///< 1..60
    std::string rule;  ///< see parse_recurrence
    std::optional<int> minutes;
    std::string place, chair;
};

/// Plans a series in one transaction; returns the ids in date order.
/// \throws input_error as add_meeting, for a bad rule or a count out of range.
std::vector<std::int64_t> schedule_meetings(context& ctx, const schedule_request& req);

/// Parses a month: "YYYY-MM", also "2027/1", "2027.1", "2027年1月" and
/// full-width digits; nullopt when malformed.
std::optional<std::chrono::year_month> parse_year_month(std::string_view text);

enum class meeting_status { planned, held, cancelled };
std::string_view to_string(meeting_status s);

/// A meeting as listed and shown.
struct meeting_info {
    std::int64_t id = 0;
    std::string type, type_name, title;
    timestamp starts_at, ends_at;  ///< UTC
    std::string place, chair;
    meeting_status status = meeting_status::planned;
    std::optional<std::int64_t> series_id;
    bool agenda_fixed = false;  ///< stored item by item (after a move, minutes or close)
    timestamp created_at;
    std::string created_by;
    std::optional<timestamp> closed_at, cancelled_at;
    std::string cancel_reason;
    int present = 0;  ///< attendees present (proxies included)
    int actions = 0;  ///< action items recorded
};

/// Which meetings to list; filters combine with AND.
struct meeting_filter {
    std::optional<std::string> type;
    std::optional<meeting_status> status;
    std::optional<date> from, to;  ///< local dates, inclusive
};

/// Meetings in order of their start, then id.
/// \throws input_error for an unknown type.
std::vector<meeting_info> list_meetings(context& ctx, const meeting_filter& filter = {});

/// One meeting. \throws not_found.
meeting_info get_meeting(context& ctx, std::int64_t id);

/// The next planned meeting (of `type`, if given) starting at or after now.
/// \throws not_found when there is none; input_error for an unknown type.
std::int64_t next_meeting(context& ctx, const std::optional<std::string>& type);

/// Throws not_found unless meeting `id` exists (for modules that link to meetings).
void require_meeting(context& ctx, std::int64_t id);

/// Cancels a planned meeting. \throws conflict unless planned.
void cancel_meeting(context& ctx, std::int64_t id, std::string_view reason);

/// Closes a meeting: it becomes held and its agenda, attendance and minutes
/// are frozen (audited "meeting.close"). \throws conflict when it is already
/// held (closing twice) or cancelled.
void close_meeting(context& ctx, std::int64_t id);

}  // namespace gov
