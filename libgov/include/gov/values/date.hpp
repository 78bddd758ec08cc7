#pragma once
/// \file
/// Calendar dates and ISO-8601 times as gov reads and writes them. Dates
/// that people set (due dates, meeting days) are local to the community,
/// whose fixed UTC offset comes from gov.toml; stored instants are UTC.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "gov/values/clock.hpp"

namespace gov {

using date = std::chrono::year_month_day;

/// Parses "YYYY-MM-DD", also as spreadsheets and people write it:
/// "YYYY/MM/DD", "YYYY.MM.DD", "YYYY年MM月DD日" (or DD号), with or without
/// leading zeros, in ASCII or full-width digits (２０２７／１／３０). Returns
/// nullopt when the text is not a real calendar date (2025-02-30 is not).
/// Every date gov reads — options, CSV cells — goes through this.
std::optional<date> parse_date(std::string_view text);

/// "YYYY-MM-DD".
std::string format_date(const date& d);

/// The same into `out`, replacing what it held (its buffer is reused: an
/// import formats dates for every row).
void format_date_to(const date& d, std::string& out);

/// Parses an ISO-8601 instant: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with an
/// optional "Z" or "+HH:MM"/"-HH:MM" offset; the date in any form
/// parse_date takes ("2027年1月30日 09:00"). Without an offset the text is
/// read as local time at `utc_offset`. Returns nullopt when malformed.
std::optional<timestamp> parse_timestamp(std::string_view text,
                                         std::chrono::minutes utc_offset = {});

/// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_timestamp(timestamp t);

/// The same into `out`, replacing what it held (its buffer is reused).
void format_timestamp_to(timestamp t, std::string& out);

/// Parses a UTC offset "+08:00", "-05:30", "Z" or "UTC"; nullopt if malformed.
std::optional<std::chrono::minutes> parse_utc_offset(std::string_view text);

/// "+08:00".
std::string format_utc_offset(std::chrono::minutes offset);

/// "YYYY-MM-DD HH:MM", the local time of an instant at a fixed UTC offset:
/// how gov shows an instant to people (JSON and CSV keep format_timestamp's
/// unambiguous UTC form).
std::string format_local_time(timestamp t, std::chrono::minutes utc_offset);

/// The same for the text of an instant (format_timestamp's form, or any
/// parse_timestamp takes); text that is no instant comes back unchanged.
std::string local_time_text(std::string_view iso, std::chrono::minutes utc_offset);

/// The local calendar date of an instant at a fixed UTC offset.
date local_date(timestamp t, std::chrono::minutes utc_offset);

/// The instant a local calendar date begins at a fixed UTC offset (the
/// inverse of local_date: "from today" in a filter means from this).
timestamp local_midnight(const date& d, std::chrono::minutes utc_offset);

/// Whole days from `from` to `to` (negative when `to` is earlier).
int days_between(const date& from, const date& to);

/// `d` plus `days` days.
date add_days(const date& d, int days);

}  // namespace gov
