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

/// Why `text` is not a phone when a spreadsheet or a masked export made it
/// so, as a sentence that ends in how to fix it: a number in scientific
/// notation ("1.38E+10", "1.38001E+10": Excel's way with a long number in a
/// General column), one with decimals or thousands separators
/// ("13800138000.0", "13,800,138,000"), or a masked phone ("137****6768", as
/// `exporter` — "gov roster export" — writes it without --reveal-pii).
/// nullopt for any other text. For the failure path: call it once
/// is_valid_phone has said no.
std::optional<std::string> explain_bad_phone(std::string_view text, std::string_view exporter);

/// "138****5678" for a mobile; a landline keeps its area code and last four
/// digits ("0551-****5678"); anything shorter than 7 characters becomes "****".
std::string mask_phone(std::string_view phone);

/// 是/否/yes/no/y/n/true/false/1/0 (any case; an empty text is "no"). nullopt otherwise.
std::optional<bool> parse_yes_no(std::string_view text);

/// 男/女/M/F/male/female (any case) → "男"/"女"; empty stays empty. nullopt otherwise.
std::optional<std::string> parse_gender(std::string_view text);

}  // namespace gov
