#pragma once
// Private to libgov: what the project modules share — reading a project's
// row, resolving the parties and residents a project names, writing a line
// of its dated updates, and the checks every change makes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <SQLiteCpp/SQLiteCpp.h>

#include "gov/projects/project.hpp"
#include "gov/values/date.hpp"

namespace gov {
class context;
}

namespace gov::detail::projects {

/// The stored columns of a project that changes need.
struct project_row {
    std::int64_t id = 0;
    std::string title, description;
    project_status status = project_status::planned;
    std::string status_reason;
    std::optional<std::int64_t> lead_party, lead_resident;
    std::optional<std::int64_t> budget_fen;
    std::optional<date> start, due, completed_on;
    std::optional<int> manual_progress;
    std::string manual_reason;
};

/// The project, or not_found "no project #N".
project_row load_project(SQLite::Database& db, std::int64_t id);

/// A lead: a party (tried first; "#N" names only a party) or a resident.
struct lead_ref {
    std::optional<std::int64_t> party, resident;
    std::string label;  ///< the party's name, or "name #id"
};

/// Resolves a lead; "" is nobody. Throws not_found prefixed "lead:" saying
/// what was tried, input_error when a name is ambiguous.
lead_ref resolve_lead(SQLite::Database& db, std::string_view ref);

/// A party by name or "#N"; not_found prefixed by `field`.
std::int64_t resolve_party_ref(SQLite::Database& db, std::string_view field, std::string_view ref);

std::string party_name(SQLite::Database& db, std::int64_t id);
std::string resident_name(SQLite::Database& db, std::int64_t id);
/// How a project's lead reads: the party's name or the resident's name.
std::string lead_label(SQLite::Database& db, const std::optional<std::int64_t>& party,
                       const std::optional<std::int64_t>& resident);

/// Appends a line to a project's updates, dated `on`, and marks it changed.
void add_update(SQLite::Database& db, const context& ctx, std::int64_t project, const date& on,
                std::string_view kind, std::string_view text);

/// Throws input_error "<field>: <date> is after today (<today>)".
void require_not_future(const context& ctx, std::string_view field, const date& d);

}  // namespace gov::detail::projects

namespace gov::detail::projects {

/// The title and status of the record a link points at; not_found "no
/// issue #N" (proposal, meeting) when it does not exist.
struct link_target {
    std::string title, status;
};
link_target find_link_target(SQLite::Database& db, project_link_kind kind, std::int64_t id);

/// Inserts a link unless it exists; returns whether it was inserted.
bool insert_link(SQLite::Database& db, std::int64_t project, project_link_kind kind,
                 std::int64_t target, bool origin);

/// Sets a deliverable's target, adding the deliverable when new; returns the
/// previous target (nullopt when new). input_error for an empty name or a
/// target below 1.
std::optional<std::int64_t> set_target(SQLite::Database& db, std::int64_t project,
                                       const deliverable_target& t);

}  // namespace gov::detail::projects
