#pragma once
// The roster's offer to the other packages of libgov: how commands name
// roster records, resolved to ids, and how records are named back to people.
// Every record package uses these so that "12", "幸福里/12", "#35", a phone
// or a party's name mean the same thing everywhere. Each resolver throws
// not_found (or input_error when a name is ambiguous) listing what would
// have matched. Every other header in libgov/src/roster/ is the roster's own.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/interface.hpp"

namespace gov::detail {

/// A building by its name ("12"), or "COMPOUND/NAME" when several compounds
/// have a building of that name, or "#ID".
std::int64_t resolve_building(SQLite::Database& db, std::string_view ref);

/// A compound by its exact name (not_found lists the compounds).
std::int64_t resolve_compound(SQLite::Database& db, std::string_view name);

/// A household by "BUILDING-UNIT-ROOM" (e.g. "12-3-1502"; the building part
/// as for resolve_building), or "#ID".
std::int64_t resolve_household(SQLite::Database& db, std::string_view ref);

/// A resident by "#ID" or a bare number (the id), an 11-digit phone (the one
/// active resident with it), or a name that only one active resident has.
/// What a resident reference is for: a `record` (one room's entry, as
/// updating or moving out needs), or a `person` (who raised an issue, came to
/// a meeting, leads a project), for which the entries of one name and phone
/// in several rooms are the same person and the first is taken.
enum class resident_match { record, person };

std::int64_t resolve_resident(SQLite::Database& db, std::string_view ref,
                              resident_match match = resident_match::record);

/// A partner party by its exact name or "#ID".
std::int64_t resolve_party(SQLite::Database& db, std::string_view ref);

/// "幸福里/12": how a building is named back to people.
std::string building_label(SQLite::Database& db, std::int64_t building_id);

/// How history and attendance name people and places: "张三 #12" (or "#12"
/// for a resident no longer stored), a party's name, a unit's name.
std::string resident_label(SQLite::Database& db, std::int64_t id);
std::string party_label(SQLite::Database& db, std::int64_t id);
std::string unit_label(SQLite::Database& db, std::int64_t id);

/// Conditions on c (compound) and b (building) for a compound name and a
/// building reference; a bare building name is looked up within the
/// compound. Throws not_found for an unknown compound or building.
sql_conditions place_conditions(SQLite::Database& db, const std::optional<std::string>& compound,
                                const std::optional<std::string>& building);

}  // namespace gov::detail
