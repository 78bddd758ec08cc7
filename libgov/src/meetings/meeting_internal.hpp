#pragma once
// Private to libgov: what the meeting modules share — a meeting's stored
// row, the checks every change makes, and fixing (storing) an agenda.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <SQLiteCpp/SQLiteCpp.h>

#include "gov/meetings/agenda.hpp"
#include "gov/store/config.hpp"

namespace gov {
class context;
namespace detail {
class write_transaction;
}
}  // namespace gov

namespace gov::detail::meetings {

/// A meeting as stored.
struct meeting_row {
    std::int64_t id = 0;
    std::string type, title, starts_at, ends_at, place, chair, status;
    std::optional<std::int64_t> series_id;
    std::optional<std::string> agenda_fixed_at, closed_at, cancelled_at;
    std::string created_at, created_by, cancel_reason;
};

/// \throws not_found "meeting #N does not exist".
meeting_row load_meeting(SQLite::Database& db, std::int64_t id);

/// \throws conflict naming the meeting's status unless it is planned.
void require_planned(const meeting_row& m);

/// The configured type; \throws input_error listing the types.
const meeting_type_config& meeting_type(const config& cfg, std::string_view key);

/// The type of a stored meeting: the configured one, or (for a type since
/// removed from gov.toml) the built-in defaults for its key.
meeting_type_config stored_meeting_type(const config& cfg, const std::string& key);

/// Collects what the agenda engine reads for meeting `m`.
agenda_inputs load_agenda_inputs(SQLite::Database& db, context& ctx, const meeting_row& m);

/// Stores a live agenda item by item (positions 1, 2, …), dropping the
/// hidden rows, and marks it fixed. Nothing happens when already fixed.
void fix_agenda(SQLite::Database& db, context& ctx, meeting_row& m);

/// The agenda of meeting `m` as it stands (within a transaction or not).
agenda current_agenda(SQLite::Database& db, context& ctx, const meeting_row& m);

}  // namespace gov::detail::meetings
