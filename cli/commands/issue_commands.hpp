#pragma once
// The `gov issue` group, split by concept: changing issues (issue.cpp),
// reading them (issue_show.cpp), and files (issue_files.cpp).

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "formats.hpp"
#include "gov/issues/issue.hpp"
#include "gov/values/date.hpp"
#include "session.hpp"

namespace gov::cli {

void register_issue_list(CLI::App& grp, session& s);
void register_issue_show(CLI::App& grp, session& s);
void register_issue_files(CLI::App& grp, session& s);

/// "42" or "#42"; throws usage_error otherwise.
std::int64_t parse_issue_id(const std::string& text);

/// A date option's value; throws usage_error naming the option.

/// Changed fields as people read them: "status: open → resolved".
std::vector<std::string> describe_changes(session& s,
                                          const std::vector<issue_field_change>& changes);

}  // namespace gov::cli
