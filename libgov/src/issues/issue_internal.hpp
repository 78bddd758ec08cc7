#pragma once
// Private to libgov: what the issue modules share — checking configured
// names, resolving the references an issue makes (building, unit, room,
// resident, party) with the messages issue commands give, and converting
// stored times.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "gov/store/config.hpp"
#include "gov/values/clock.hpp"
#include "gov/values/date.hpp"
#include "text/strings.hpp"

namespace gov {
class context;
struct issue_draft;
struct issue_changes;
struct issue_field_change;
namespace detail {
class write_transaction;
}
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

/// The configured statuses (the keys of the workflow's transitions).
std::vector<std::string> issue_statuses(const issues_config& cfg);
std::vector<std::string> category_names(const issues_config& cfg);

/// Throws input_error "<field>: "<value>" is not one of: …" unless `value`
/// is in `choices`.
void require_choice(std::string_view field, std::string_view value,
                    const std::vector<std::string>& choices);

/// Tags as given: trimmed, empty ones dropped, duplicates removed, sorted.
/// Throws input_error for a tag holding a comma or longer than 40 characters.
std::vector<std::string> normalise_tags(const std::vector<std::string>& tags);

/// Splits a tag list written in one cell: "痛点,难点", "痛点、难点", "痛点;难点".
std::vector<std::string> split_tags(std::string_view text);

/// Where an issue is.
struct issue_place {
    std::optional<std::int64_t> building, unit, household;
    std::string room;
};

/// Resolves a building reference, a unit name within it and a room or place
/// (see issue_draft). Unknown buildings and units are input_error naming
/// `what` ("building", "unit") and listing the choices.
issue_place resolve_place(SQLite::Database& db, std::string_view building, std::string_view unit,
                          std::string_view room);

/// An assignee: a party (tried first) or a resident.
struct issue_assignee {
    std::optional<std::int64_t> party, resident;
    std::string label;  ///< for history: the party's name, or "name #id"
};

/// Resolves an assignee; "" is nobody. Throws input_error saying what was
/// tried when neither a party nor a resident matches.
issue_assignee resolve_assignee(SQLite::Database& db, std::string_view ref);

/// A resident reference (id, phone or unique name); not_found becomes
/// input_error prefixed by `field`.
std::int64_t resolve_resident_ref(SQLite::Database& db, std::string_view field,
                                  std::string_view ref);

/// A building reference; not_found becomes input_error prefixed by "building".
std::int64_t resolve_building_ref(SQLite::Database& db, std::string_view ref);

/// How history names things: "张三 #12", a party's name, "幸福里/12", a unit's name.
std::string resident_label(SQLite::Database& db, std::int64_t id);
std::string party_label(SQLite::Database& db, std::int64_t id);
std::string unit_label(SQLite::Database& db, std::int64_t id);

/// The due date an issue created on `created` (local) gets from its category;
/// nullopt for a category no longer configured.
std::optional<date> category_due(const issues_config& cfg, std::string_view category,
                                 const date& created);

/// The UTC instant at which a local date begins.
timestamp local_midnight(const date& d, std::chrono::minutes utc_offset);

/// A stored time ("YYYY-MM-DDTHH:MM:SSZ"); throws internal_error when malformed.
timestamp stored_time(std::string_view text);

/// A stored date ("YYYY-MM-DD"); throws internal_error when malformed.
date stored_date(std::string_view text);

/// Reads the database through memory mapping while it lives, so pages are
/// not copied one by one. The status summary uses it for its whole-community
/// passes; issue listings do not (measured: no faster, three times the
/// memory). Restores the connection's setting afterwards.
class mapped_reads {
  public:
    explicit mapped_reads(SQLite::Database& db);
    ~mapped_reads();
    mapped_reads(const mapped_reads&) = delete;
    mapped_reads& operator=(const mapped_reads&) = delete;

  private:
    SQLite::Database& m_db;
    std::int64_t m_previous = 0;
};

/// An optional text column.
std::optional<std::string> optional_text(const SQLite::Column& c);
std::optional<std::int64_t> optional_id(const SQLite::Column& c);

}  // namespace gov::detail::issues
