#pragma once
// Private to libgov: the built-in meeting types of [meetings] and the names
// their keys may take, shared by config.cpp (which validates gov.toml) and
// the meeting modules.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gov/store/config.hpp"
#include "gov/values/date.hpp"

namespace gov::detail {

/// The four built-in types: leaders (楼长见面会), joint (四方联席会议),
/// assembly (业主大会) and adhoc (临时会议).
meetings_config default_meetings_config();

/// The built-in type `key` (its defaults for keys a gov.toml leaves out), or
/// a type with generic defaults for a key that is not built in.
meeting_type_config default_meeting_type(const std::string& key);

/// Selection rules of agenda sections: follow-up, new, overdue, decisions, projects, other.
const std::vector<std::string>& agenda_rules();

/// Quorum rules: none, all-parties, leaders-majority.
const std::vector<std::string>& quorum_rules();

/// What `parties` may list: the party kinds of the roster and "residents".
const std::vector<std::string>& required_party_names();

/// A local time of day "HH:MM" (also "H:MM") as minutes after midnight.
std::optional<int> parse_clock_time(std::string_view text);

/// Fills a title pattern; {year}, {month}, {day}, {date} and {name} are known.
/// Throws fmt::format_error for a pattern with other fields.
std::string fill_title(std::string_view pattern, const date& day, std::string_view name);

/// Why a title pattern cannot be used, or "" when it can.
std::string title_pattern_problem(std::string_view pattern);

}  // namespace gov::detail
