#pragma once
// The issues package's own: what its modules share — checking configured
// names and resolving the references an issue makes (building, unit, room,
// resident, party) with the messages issue commands give. What other
// packages may use is in issues/interface.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "gov/store/config.hpp"
#include "gov/values/clock.hpp"
#include "gov/values/date.hpp"
#include "issues/interface.hpp"
#include "text/interface.hpp"

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

/// The due date an issue created on `created` (local) gets from its category;
/// nullopt for a category no longer configured.
std::optional<date> category_due(const issues_config& cfg, std::string_view category,
                                 const date& created);

}  // namespace gov::detail::issues
