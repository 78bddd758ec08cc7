#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "gov/meetings/ics.hpp"
#include "gov/values/date.hpp"

namespace {

// Unfolds RFC 5545 content lines: CRLF followed by a space continues a line.
std::vector<std::string> unfold(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t i = 0;
    while (i < text.size()) {
        auto end = text.find("\r\n", i);
        REQUIRE(end != std::string::npos);  // every line ends in CRLF
        std::string piece = text.substr(i, end - i);
        if (!piece.empty() && piece[0] == ' ')
            lines.back() += piece.substr(1);
        else
            lines.push_back(piece);
        i = end + 2;
    }
    return lines;
}

// Reverses TEXT escaping.
std::string unescape(const std::string& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) {
            char n = v[++i];
            out += (n == 'n' || n == 'N') ? '\n' : n;
        } else {
            out += v[i];
        }
    }
    return out;
}

bool valid_utf8_start(const std::string& s) {
    return s.empty() || (static_cast<unsigned char>(s[0]) & 0xC0) != 0x80;
}

}  // namespace

TEST_CASE("ics: a calendar parses back with its values unescaped", "[ics]") {
    gov::ics_event e;
    e.uid = gov::meeting_uid(7, "幸福里社区");
    e.start = *gov::parse_timestamp("2026-12-05T11:00:00Z");
    e.end = *gov::parse_timestamp("2026-12-05T12:30:00Z");
    e.summary = "2026年12月楼长见面会, 第1次; 议程\\草案";
    e.location = "社区党群服务中心（二楼）";
    e.description =
        "1. 上次会议行动项跟进：3号楼电梯故障，物业负责，截止2026-12-01\n"
        "2. 新反映问题：12号楼楼道堆物、车棚漏雨、垃圾分类点异味\n"
        "3. 逾期未办结问题；其他事项, 以及更多更多更多更多更多更多更多更多的内容";
    std::string ics = gov::render_ics({e}, *gov::parse_timestamp("2026-11-27T09:00:00Z"));

    auto lines = unfold(ics);
    std::map<std::string, std::string> props;
    for (const auto& l : lines) {
        auto colon = l.find(':');
        REQUIRE(colon != std::string::npos);
        props[l.substr(0, colon)] = l.substr(colon + 1);
    }
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    CHECK(props["VERSION"] == "2.0");
    CHECK(props["UID"] == "meeting-7@e5b9b8e7a68fe9878ce7a4bee58cba");
    CHECK(props["DTSTAMP"] == "20261127T090000Z");
    CHECK(props["DTSTART"] == "20261205T110000Z");
    CHECK(props["DTEND"] == "20261205T123000Z");
    CHECK(props["SUMMARY"] == "2026年12月楼长见面会\\, 第1次\\; 议程\\\\草案");
    CHECK(unescape(props["SUMMARY"]) == e.summary);
    CHECK(unescape(props["LOCATION"]) == e.location);
    CHECK(unescape(props["DESCRIPTION"]) == e.description);
    CHECK(props["STATUS"] == "CONFIRMED");
}

TEST_CASE("ics: lines are folded at 75 octets without splitting UTF-8", "[ics]") {
    gov::ics_event e;
    e.uid = "meeting-1@x";
    e.start = *gov::parse_timestamp("2026-12-05T11:00:00Z");
    e.end = e.start + std::chrono::hours{1};
    e.summary = "a" + std::string(200, 'b');
    // Three-octet characters, offset by one ASCII octet so naive cutting at 75 would split one.
    e.description = std::string("x");  // not = "x": GCC 12 warns falsely (bug 105329)
    for (int i = 0; i < 80; ++i) e.description += "楼";
    std::string ics = gov::render_ics({e}, e.start);
    std::size_t i = 0, folded = 0;
    while (i < ics.size()) {
        auto end = ics.find("\r\n", i);
        REQUIRE(end != std::string::npos);
        std::string line = ics.substr(i, end - i);
        CHECK(line.size() <= 75);
        CHECK(line.find('\n') == std::string::npos);
        CHECK(line.find('\r') == std::string::npos);
        if (!line.empty() && line[0] == ' ') {
            ++folded;
            CHECK(valid_utf8_start(line.substr(1)));
        }
        i = end + 2;
    }
    CHECK(folded >= 5);
    auto lines = unfold(ics);
    CHECK(std::find(lines.begin(), lines.end(), "DESCRIPTION:" + e.description) != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "SUMMARY:" + e.summary) != lines.end());
}

TEST_CASE("ics: text escaping and folding of short lines", "[ics]") {
    CHECK(gov::ics_escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf");
    CHECK(gov::ics_fold("SUMMARY:short") == "SUMMARY:short");
    std::string exactly75(75, 'a');
    CHECK(gov::ics_fold(exactly75) == exactly75);
    CHECK(gov::ics_fold(exactly75 + "b") == exactly75 + "\r\n b");
    CHECK(gov::ics_slug("Happy Li 2") == "happy20li202");
    CHECK(gov::ics_slug("") == "community");
}

TEST_CASE("ics: a cancelled meeting says so", "[ics]") {
    gov::ics_event e;
    e.uid = "meeting-2@x";
    e.start = *gov::parse_timestamp("2026-12-05T11:00:00Z");
    e.end = e.start + std::chrono::hours{1};
    e.summary = std::string("s");  // (see above)
    e.cancelled = true;
    std::string ics = gov::render_ics({e}, e.start);
    CHECK(ics.find("STATUS:CANCELLED\r\n") != std::string::npos);
    CHECK(ics.find("LOCATION") == std::string::npos);
}
