#pragma once
// The options several commands share, each bound straight into the field of
// the request it fills (a filter, a scope), so a command's callback gets a
// request ready to pass to libgov instead of copying strings into it field
// by field. A value that cannot be read is a usage error (exit 2) naming the
// option, raised while the command line is read.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gov/values/date.hpp"

namespace gov::cli {

/// --status NAME, repeatable (any of them): each name given is handed to
/// `add`, which reads it into the filter (or throws for an unknown one).
CLI::Option* status_option(CLI::App& cmd, std::function<void(const std::string&)> add);

/// --compound and --building into a scope's optional names (given, even as
/// "", means asked for).
void place_options(CLI::App& cmd, std::optional<std::string>& compound,
                   std::optional<std::string>& building, const char* compound_help,
                   const char* building_help);

/// --limit N into an optional count; a negative N is refused.
CLI::Option* limit_option(CLI::App& cmd, std::optional<std::int64_t>& limit, const char* help);

/// An option naming a date (every form dates.hpp reads) into an optional
/// date; "" leaves it unset, or is refused when `empty_unsets` is false
/// (where a given option must change the date).
CLI::Option* date_filter_option(CLI::App& cmd, const std::string& name, std::optional<date>& day,
                                const char* help, bool empty_unsets = true);

/// An option naming a record by number (42 or #42; `what` names the kind
/// in the message, like "an issue") into an optional id; "" leaves it unset.
CLI::Option* record_option(CLI::App& cmd, const std::string& name, std::optional<std::int64_t>& id,
                           const char* what, const char* help);

}  // namespace gov::cli
