#include "dates.hpp"

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "session.hpp"

namespace gov::cli {

date date_option(const char* option, const std::string& text) {
    auto d = parse_date(text);
    if (!d)
        throw usage_error(
            fmt::format(fmt::runtime(tr("{}: \"{}\" is not a date like 2027-01-30 (also 2027/1/30, "
                                        "2027.1.30 or 2027年1月30日)")),
                        option, text));
    return *d;
}

std::optional<date> optional_date_option(const char* option, const std::string& text) {
    if (text.empty()) return std::nullopt;
    return date_option(option, text);
}

std::optional<timestamp> optional_time_option(session& s, const char* option,
                                              const std::string& text) {
    if (text.empty()) return std::nullopt;
    auto t = parse_timestamp(text, s.cfg().utc_offset);
    if (!t)
        throw usage_error(fmt::format(
            fmt::runtime(tr("{}: \"{}\" is not a time like 2027-01-30T18:00 (local time) or a "
                            "date")),
            option, text));
    return t;
}

}  // namespace gov::cli
