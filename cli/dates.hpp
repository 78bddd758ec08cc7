#pragma once
// Dates and times typed on the command line, read the one way: every form
// gov::parse_date takes (2027-01-30, 2027/1/30, 2027.1.30, 2027年1月30日,
// full-width digits), times without an offset in the community's local time,
// and one message for what is not a date.

#include <optional>
#include <string>

#include "gov/values/date.hpp"

namespace gov::cli {

class session;

/// The date an option names; throws usage_error (exit 2) for anything else.
date date_option(const char* option, const std::string& text);

/// The same, where an empty text means "not given".
std::optional<date> optional_date_option(const char* option, const std::string& text);

/// An instant (a date means its local midnight), local time at the
/// community's offset unless the text has one; empty means "not given".
std::optional<timestamp> optional_time_option(session& s, const char* option,
                                              const std::string& text);

}  // namespace gov::cli
