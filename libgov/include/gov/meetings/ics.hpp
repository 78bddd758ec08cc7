#pragma once
/// \file
/// iCalendar (RFC 5545) output for meetings, so calendar applications can
/// import them. Pure: the caller passes the events and the time stamp.
/// Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
/// sequence; TEXT values escape backslash, semicolon, comma and line breaks;
/// times are UTC ("20261205T110000Z"); each meeting's UID is stable
/// ("meeting-<id>@<community slug>").

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gov/values/clock.hpp"

namespace gov {

/// One calendar event.
struct ics_event {
    std::string uid;
    timestamp start, end;
    std::string summary, location, description;
    bool cancelled = false;
};

/// A VCALENDAR with one VEVENT per event; DTSTAMP is `stamp`.
std::string render_ics(const std::vector<ics_event>& events, timestamp stamp);

/// Escapes a TEXT value (RFC 5545 3.3.11).
std::string ics_escape(std::string_view text);

/// Folds one content line (without its CRLF) into CRLF-separated lines of at
/// most 75 octets, continuation lines starting with a space.
std::string ics_fold(std::string_view line);

/// A slug naming the community in UIDs: ASCII letters and digits kept
/// (lower-cased), anything else hex-encoded byte by byte; never empty.
std::string ics_slug(std::string_view community);

/// "meeting-<id>@<slug>".
std::string meeting_uid(std::int64_t id, std::string_view community);

}  // namespace gov
