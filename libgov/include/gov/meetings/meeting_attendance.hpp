#pragma once
/// \file
/// Who came to a meeting — residents and the representatives of parties,
/// each present, absent or excused, with proxies — and whether the meeting
/// had its quorum under its type's rule ([meetings.types.*] quorum):
/// "all-parties" needs every listed party present (the joint meeting: the
/// community office, the owners' committee, property management and resident
/// representatives); "leaders-majority" needs more than half of the current
/// building leaders (an exact integer comparison: 2 × present > leaders).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gov/text/table.hpp"

namespace gov {

class context;
struct meeting_type_config;

enum class attendance_status { present, absent, excused };

/// Attendance to record. Residents are named as elsewhere (id, phone or a
/// unique name); parties by name or "#ID". Recording someone again replaces
/// what was recorded for them.
struct attendance_request {
    std::vector<std::string> present, absent, excused;
    /// {attendee, proxy}: the proxy (a resident) attends for the attendee,
    /// who counts as present.
    std::vector<std::pair<std::string, std::string>> proxies;
    /// {party, representative}: the party is present, represented by the
    /// named person (free text, as they signed in).
    std::vector<std::pair<std::string, std::string>> parties;
    std::vector<std::string> parties_absent;
};

/// One attendee.
struct attendee {
    bool is_party = false;
    std::int64_t id = 0;  ///< the resident's or the party's id
    std::string name;
    std::string detail;  ///< a resident's room ("12-3-1502"), a party's kind
    std::string representative;
    attendance_status status = attendance_status::present;
    std::string proxy;    ///< the proxy's name, "" when none
    bool leader = false;  ///< a building leader (楼长) now
};

/// The facts a quorum rule needs.
struct quorum_facts {
    int leaders_total = 0;    ///< current building leaders
    int leaders_present = 0;  ///< of them, present (in person or by proxy)
    int residents_present = 0;
    std::vector<std::string> party_kinds_present;  ///< kinds of the parties present
};

/// Whether a meeting had its quorum, and why.
struct quorum_result {
    std::string rule;  ///< none, all-parties, leaders-majority
    bool met = true;
    std::string explanation;  ///< e.g. "5 of 8 building leaders present (more than half needed)"
    std::vector<std::string> missing;  ///< required parties not present
};

/// Pure: applies a type's quorum rule to the facts.
quorum_result check_quorum(const meeting_type_config& type, const quorum_facts& facts);

/// A meeting's attendance with its quorum.
struct attendance_record {
    std::vector<attendee> people;  ///< parties first, then residents by name
    quorum_result quorum;
};

/// Records attendance in one transaction ("meeting.attend") and returns the
/// meeting's whole attendance. \throws not_found for an unknown meeting;
/// input_error for a person or party that is not on the roster (naming it),
/// or someone listed twice; conflict when the meeting is held or cancelled.
attendance_record record_attendance(context& ctx, std::int64_t meeting,
                                    const attendance_request& req);

/// The attendance so far. \throws not_found.
attendance_record get_attendance(context& ctx, std::int64_t meeting);

/// The attendance as a table (kind, name, detail, representative, status,
/// proxy, leader), parties first, for every output format.
table attendance_table(const attendance_record& rec);

/// The attendance of `meeting` for scripts: {"meeting", "quorum": {"rule",
/// "met", "explanation", "missing"}, "attendance": [the table's rows]},
/// pretty-printed, ending in a newline.
std::string render_json(std::int64_t meeting, const attendance_record& rec);

std::string_view to_string(attendance_status s);

}  // namespace gov
