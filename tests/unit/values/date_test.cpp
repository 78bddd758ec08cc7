#include <catch2/catch.hpp>

#include "gov/values/date.hpp"

using namespace gov;
using namespace std::chrono;

TEST_CASE("date: real dates parse in the forms Excel writes", "[date]") {
    CHECK(format_date(*parse_date("2025-03-07")) == "2025-03-07");
    CHECK(format_date(*parse_date("2025/3/7")) == "2025-03-07");
    CHECK(format_date(*parse_date("2024.02.29")) == "2024-02-29");
}

TEST_CASE("date: Chinese dates and full-width digits", "[date]") {
    CHECK(format_date(*parse_date("2027年1月30日")) == "2027-01-30");
    CHECK(format_date(*parse_date("2027年01月30日")) == "2027-01-30");
    CHECK(format_date(*parse_date("2027年1月30号")) == "2027-01-30");
    CHECK(format_date(*parse_date("２０２７年１月３０日")) == "2027-01-30");
    CHECK(format_date(*parse_date("２０２７／１／３０")) == "2027-01-30");
    CHECK(format_date(*parse_date("２０２７－０１－３０")) == "2027-01-30");
    CHECK(format_date(*parse_date("２０２７．１．３０")) == "2027-01-30");
    CHECK_FALSE(parse_date("2027年1月"));
    CHECK_FALSE(parse_date("2027年1月30"));
    CHECK_FALSE(parse_date("2027年2月30日"));
    CHECK_FALSE(parse_date("2027年1-30"));
    CHECK_FALSE(parse_date("2027/1月30日"));
    CHECK_FALSE(parse_date("2027年1月30日x"));
    CHECK_FALSE(parse_date("２０２７／１"));
    CHECK(format_timestamp(*parse_timestamp("2027年1月30日 09:00", minutes{480})) ==
          "2027-01-30T01:00:00Z");
    CHECK(format_timestamp(*parse_timestamp("２０２７-01-30T09：00Z")) == "2027-01-30T09:00:00Z");
    CHECK(format_timestamp(*parse_timestamp("2027/1/30\u300009:00Z")) == "2027-01-30T09:00:00Z");
}

TEST_CASE("date: impossible dates are refused", "[date]") {
    CHECK_FALSE(parse_date("2025-02-29"));
    CHECK_FALSE(parse_date("2025-13-01"));
    CHECK_FALSE(parse_date("2025-04-31"));
    CHECK_FALSE(parse_date("25-04-01"));
    CHECK_FALSE(parse_date("2025-04-01x"));
    CHECK_FALSE(parse_date("2025-04/01"));
    CHECK_FALSE(parse_date(""));
}

TEST_CASE("date: timestamps honour offsets and default to the given one", "[date]") {
    CHECK(format_timestamp(*parse_timestamp("2026-11-27T09:00:00Z")) == "2026-11-27T09:00:00Z");
    CHECK(format_timestamp(*parse_timestamp("2026-11-27T09:00:00+08:00")) ==
          "2026-11-27T01:00:00Z");
    CHECK(format_timestamp(*parse_timestamp("2026-11-27 09:00", minutes{480})) ==
          "2026-11-27T01:00:00Z");
    CHECK(format_timestamp(*parse_timestamp("2026-11-27", minutes{480})) == "2026-11-26T16:00:00Z");
    CHECK_FALSE(parse_timestamp("2026-11-27T25:00:00Z"));
    CHECK_FALSE(parse_timestamp("2026-11-27T09:00:00+8"));
}

TEST_CASE("date: the local date depends on the community's offset", "[date]") {
    auto t = *parse_timestamp("2026-11-27T17:00:00Z");
    CHECK(format_date(local_date(t, minutes{0})) == "2026-11-27");
    CHECK(format_date(local_date(t, minutes{480})) == "2026-11-28");
}

TEST_CASE("date: day arithmetic crosses months and leap days", "[date]") {
    CHECK(format_date(add_days(*parse_date("2024-02-27"), 3)) == "2024-03-01");
    CHECK(days_between(*parse_date("2024-02-27"), *parse_date("2024-03-01")) == 3);
    CHECK(days_between(*parse_date("2024-03-01"), *parse_date("2024-02-27")) == -3);
}

TEST_CASE("date: UTC offsets round-trip", "[date]") {
    CHECK(format_utc_offset(*parse_utc_offset("-05:30")) == "-05:30");
    CHECK(format_utc_offset(*parse_utc_offset("Z")) == "+00:00");
    CHECK_FALSE(parse_utc_offset("+15:00"));
}

TEST_CASE("date: instants are shown to people in local time", "[date]") {
    // 15:59 UTC on 31 December is the last minute of the year in Shanghai.
    auto t = *parse_timestamp("2027-12-31T15:59:00Z");
    CHECK(format_local_time(t, minutes{480}) == "2027-12-31 23:59");
    CHECK(format_local_time(t + std::chrono::minutes{1}, minutes{480}) == "2028-01-01 00:00");
    CHECK(format_local_time(t, minutes{-330}) == "2027-12-31 10:29");
    CHECK(local_time_text("2026-12-05T11:00:00Z", minutes{480}) == "2026-12-05 19:00");
    CHECK(local_time_text("2028-02-28T16:30:00Z", minutes{480}) == "2028-02-29 00:30");
    // A date, an empty text or a word is no instant and stays as it is.
    CHECK(local_time_text("2026-12-05", minutes{480}) == "2026-12-05");
    CHECK(local_time_text("", minutes{480}).empty());
    CHECK(local_time_text("in_progress", minutes{480}) == "in_progress");
}
