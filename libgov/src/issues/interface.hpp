#pragma once
// The issues package's offer to the other packages of libgov: adding and
// changing an issue inside a transaction another record's change owns (a
// meeting's action items are added with its minutes, a project completed
// with its origin issues), and the configured names a report counts by.
// Every other header in libgov/src/issues/ is the package's own.

#include <cstdint>
#include <string>
#include <vector>

#include "gov/store/config.hpp"
#include "store/interface.hpp"

namespace gov {
class context;
struct issue_draft;
struct issue_changes;
struct issue_field_change;
}  // namespace gov

namespace gov::detail::issues {

/// add_issue inside a caller's transaction (a meeting's action item is added
/// with its minutes): checks, inserts and audits "issue.add"; the caller commits.
std::int64_t insert_issue(write_transaction& tx, context& ctx, const issue_draft& d);

/// The body of update_issue, inside a transaction the caller owns and
/// commits (a project completed together with its origin issues): checks,
/// writes the changes and their history, and adds the audit event. Returns
/// what changed; nothing is written when nothing would change.
std::vector<issue_field_change> apply_issue_changes(context& ctx, write_transaction& tx,
                                                    std::int64_t id, const issue_changes& c);

/// The configured statuses (the keys of the workflow's transitions) and categories.
std::vector<std::string> issue_statuses(const issues_config& cfg);
std::vector<std::string> category_names(const issues_config& cfg);

}  // namespace gov::detail::issues
