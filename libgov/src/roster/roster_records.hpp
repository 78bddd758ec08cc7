#pragma once
// Private to libgov: how the roster modules (resident, roster, building, org)
// read residents and households, create the places residents live in, and
// keep owner records linked. The ids people type are resolved through
// roster_lookup.hpp; this holds what comes after.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "gov/roster/resident.hpp"
#include "gov/roster/roster.hpp"
#include "gov/store/config.hpp"
#include "roster/interface.hpp"
#include "text/interface.hpp"

namespace gov::detail {

class write_transaction;

/// The SELECT list and joins read_resident expects, ending before WHERE. The
/// joined tables are r (resident), h (household), u (unit), b (building) and
/// c (compound).
extern const char* const resident_select;

/// Roster order: compound, then building, unit and room in natural order
/// ("2" before "10"), then resident id.
extern const char* const roster_order;

/// Reads one row of a query that starts with resident_select.
resident read_resident(SQLite::Statement& q);

/// The resident with this id. Throws not_found.
resident load_resident(SQLite::Database& db, std::int64_t id);

/// "幸福里/12-3-1502", or "#ID" when there is no such household.
std::string household_label(SQLite::Database& db, std::int64_t household_id);

/// Where a household is.
struct located_household {
    std::int64_t id = 0;
    std::int64_t building_id = 0;
    std::string label;  ///< "幸福里/12-3-1502"
    std::optional<std::int64_t> area_centi;
};

located_household locate_household(SQLite::Database& db, std::int64_t household_id);

/// The household a clerk names as "BUILDING-UNIT-ROOM" (or "#ID"), creating
/// the compound, building, unit and household that do not exist yet, each
/// with its audit event ("compound.add", …) and a line in `created`. A new
/// building needs `compound` (or "COMPOUND/BUILDING" in the reference); a new
/// household gets `new_area` as its area. Throws input_error for a malformed
/// reference or a compound that contradicts the building, not_found for an
/// unknown building without a compound.
located_household ensure_household(write_transaction& tx, std::string_view ref,
                                   std::string_view compound, std::optional<std::int64_t> new_area,
                                   std::vector<std::string>& created);

/// Links a resident to the owner record that fits them, or unlinks them when
/// their role is not the owner role, writing resident.owner_id when it
/// changes. The owner is found by ident "phone|name" (or "room:<household
/// id>|name" without a phone) and made when there is none; an owner record
/// that only this resident used follows them (its ident, name and phone are
/// updated) instead of being left behind. Returns the owner id.
std::optional<std::int64_t> sync_owner(write_transaction& tx, const roster_config& cfg,
                                       const resident& r);

/// The owner ident of a person in the owner role.
std::string owner_ident(std::string_view phone, std::string_view name, std::int64_t household_id);

/// A value for an audit payload: the text, or null when empty.
nlohmann::json json_text(const std::string& s);

/// Every condition of a roster filter (not its limit). Throws not_found for
/// an unknown place, usage_error for a role that is not configured.
sql_conditions filter_conditions(SQLite::Database& db, const roster_config& cfg,
                                 const roster_filter& filter);

}  // namespace gov::detail
