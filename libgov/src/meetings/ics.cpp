// RFC 5545 output. Calendar applications are strict about three things that
// are easy to get wrong with Chinese text: lines are limited in octets, not
// characters, so folding must not cut a UTF-8 sequence; TEXT values escape
// "," and ";" (a Chinese 、 or ， needs nothing, an ASCII comma does); and
// line ends are CRLF everywhere, continuation lines included.
#include "gov/meetings/ics.hpp"

#include <fmt/format.h>

#include "gov/values/date.hpp"

namespace gov {
namespace {

// "20261205T110000Z".
std::string ics_time(timestamp t) {
    std::string iso = format_timestamp(t);  // 2026-12-05T11:00:00Z
    std::string out;
    for (char c : iso)
        if (c != '-' && c != ':') out += c;
    return out;
}

void line(std::string& out, std::string_view text) {
    out += ics_fold(text);
    out += "\r\n";
}

}  // namespace

std::string ics_escape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                // Other control characters are not allowed in TEXT.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

std::string ics_fold(std::string_view text) {
    std::string out;
    std::size_t limit = 75;  // the first line; continuations have a leading space
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto lead = static_cast<unsigned char>(text[i]);
        std::size_t n = lead < 0x80    ? 1
                        : lead >= 0xF0 ? 4
                        : lead >= 0xE0 ? 3
                        : lead >= 0xC0 ? 2
                                       : 1;
        if (i + n > text.size()) n = text.size() - i;
        if (used + n > limit) {
            out += "\r\n ";
            used = 1;
        }
        out.append(text.substr(i, n));
        used += n;
        i += n;
    }
    return out;
}

std::string ics_slug(std::string_view community) {
    std::string out;
    for (char c : community) {
        auto u = static_cast<unsigned char>(c);
        if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z'))
            out += c;
        else if (u >= 'A' && u <= 'Z')
            out += static_cast<char>(u - 'A' + 'a');
        else if (c == '-' || c == '.')
            out += c;
        else
            out += fmt::format("{:02x}", u);
    }
    return out.empty() ? std::string("community") : out;
}

std::string meeting_uid(std::int64_t id, std::string_view community) {
    return fmt::format("meeting-{}@{}", id, ics_slug(community));
}

std::string render_ics(const std::vector<ics_event>& events, timestamp stamp) {
    std::string out;
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//gov//community meetings//ZH");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    for (const auto& e : events) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + e.uid);
        line(out, "DTSTAMP:" + ics_time(stamp));
        line(out, "DTSTART:" + ics_time(e.start));
        line(out, "DTEND:" + ics_time(e.end));
        line(out, "SUMMARY:" + ics_escape(e.summary));
        if (!e.location.empty()) line(out, "LOCATION:" + ics_escape(e.location));
        if (!e.description.empty()) line(out, "DESCRIPTION:" + ics_escape(e.description));
        line(out, std::string("STATUS:") + (e.cancelled ? "CANCELLED" : "CONFIRMED"));
        line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out;
}

}  // namespace gov
