#pragma once
/// \file
/// Checks and shapes of personal fields shared by every record that holds
/// them: phone numbers (validated, and masked unless revealing is asked for),
/// yes/no answers as spreadsheets write them, and gender.

#include <optional>
#include <string>
#include <string_view>

namespace gov {

/// A mainland mobile (11 digits starting 13–19) or a landline: an optional
/// area code 0XX or 0XXX, an optional '-', then 7 or 8 digits (an optional
/// "-NNN" extension). Spaces and dashes inside a mobile are not accepted:
/// rosters hold the number as it should be dialled.
bool is_valid_phone(std::string_view phone);

/// "138****5678" for a mobile; a landline keeps its area code and last four
/// digits ("0551-****5678"); anything shorter than 7 characters becomes "****".
std::string mask_phone(std::string_view phone);

/// 是/否/yes/no/y/n/true/false/1/0 (any case; an empty text is "no"). nullopt otherwise.
std::optional<bool> parse_yes_no(std::string_view text);

/// 男/女/M/F/male/female (any case) → "男"/"女"; empty stays empty. nullopt otherwise.
std::optional<std::string> parse_gender(std::string_view text);

}  // namespace gov
