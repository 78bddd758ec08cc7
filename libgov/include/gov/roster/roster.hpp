#pragma once
/// \file
/// The roster as a whole: listing and finding residents, one resident with
/// their household and owner, the headline numbers (households, residents,
/// owners, roles, party members, empty rooms) per building and in total, and
/// the export in the columns `gov roster import` reads, so that export →
/// import round-trips. Single-resident changes are in resident.hpp.
///
/// Everything here reads; the one write is the audit event that records a
/// reveal of personal data (record_pii_reveal, and export_roster when asked
/// to reveal). Throws storage_error when the database fails.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gov/roster/resident.hpp"
#include "gov/text/progress.hpp"

namespace gov {

class context;

/// Which residents a listing or export covers. All conditions combine with AND.
struct roster_filter {
    enum class status { any, active, moved_out };

    std::optional<std::string> compound;  ///< exact compound name
    /// A building as resolve_building names it ("12", "幸福里/12", "#4"); with
    /// `compound`, a bare name is looked up in that compound.
    std::optional<std::string> building;
    std::optional<std::string> unit;  ///< exact unit name (within the building, if given)
    std::optional<std::string> role;  ///< one of [roster] roles
    bool party_members_only = false;
    bool leaders_only = false;  ///< building leaders (楼长)
    status which = status::any;
    /// Text found in the name or the remark (ASCII letters in any case), or
    /// — when it is only digits, spaces and dashes — in the phone's digits.
    std::string search;
    std::optional<std::int64_t> limit;  ///< at most this many, in roster order
};

/// Calls `visit` for each resident the filter selects, in roster order
/// (compound, then building, unit and room in natural order, then id),
/// without holding them all in memory. Throws not_found for an unknown
/// compound or building (listing the known ones), usage_error for a role that
/// is not configured or a negative limit.
void for_each_resident(context& ctx, const roster_filter& filter,
                       const std::function<void(const resident&)>& visit);

/// The residents the filter selects, in roster order (see for_each_resident).
std::vector<resident> list_roster(context& ctx, const roster_filter& filter = {});

/// An owner record: one person however many rooms they own.
struct owner_record {
    std::int64_t id = 0;
    std::string name;
    std::string phone;  ///< unmasked
    bool is_developer = false;
};

/// A room that an owner owns, seen from one of their other rooms.
struct owned_room {
    std::int64_t household_id = 0;
    std::string household;  ///< "幸福里/14-1-101"
    std::optional<std::int64_t> area_centi;
};

/// One resident with everything around them, for `gov roster show`.
struct resident_detail {
    resident person;
    /// Everyone else recorded in the household, active first, then by id.
    std::vector<resident> household_members;
    /// Their building's leader, when it has one (may be the person).
    std::optional<std::int64_t> leader_id;
    std::string leader_name;
    std::optional<owner_record> owner;
    /// The owner's other rooms (where they are recorded as an active owner).
    std::vector<owned_room> other_rooms;
};

/// One resident by reference (see find_resident in resident.hpp), with
/// their household, building leader and owner. Throws not_found.
resident_detail show_resident(context& ctx, std::string_view ref);

/// The resident as one JSON object for scripts (`gov roster show --format
/// json`) with household members, building leader and owner; phones masked
/// (gov::mask_phone) unless `reveal_phones`; pretty-printed.
std::string render_json(const resident_detail& d, bool reveal_phones);

/// The headline numbers of a part of the roster. Only active residents count.
struct roster_counts {
    std::int64_t households = 0;        ///< rooms recorded
    std::int64_t empty_households = 0;  ///< rooms with no active resident
    std::int64_t residents = 0;
    std::int64_t owners = 0;  ///< distinct owner records: one head per owner
    std::int64_t party_members = 0;
    std::int64_t area_centi = 0;  ///< floor area of the rooms with a recorded area, 0.01 m²
    /// Active residents per configured role, in [roster] roles order (a role
    /// no longer configured is counted in `residents` only).
    std::vector<std::pair<std::string, std::int64_t>> by_role;

    /// The count for one role (0 when it is not configured).
    std::int64_t role(std::string_view name) const;
};

/// The numbers of one building.
struct building_counts {
    std::int64_t building_id = 0;
    std::string compound;
    std::string building;
    roster_counts counts;
};

/// Which part of the roster a statistic covers.
struct roster_scope {
    std::optional<std::string> compound;  ///< exact name
    std::optional<std::string> building;  ///< as in roster_filter
};

struct roster_stats_result {
    std::vector<building_counts> buildings;  ///< in roster order, empty buildings too
    /// The whole scope. Owners are counted once however many buildings they
    /// own rooms in, so the total can be less than the sum of the buildings.
    roster_counts total;
};

/// Per-building and total numbers. Throws not_found for an unknown compound
/// or building.
roster_stats_result roster_stats(context& ctx, const roster_scope& scope = {});

/// The numbers of the whole community, for summaries and reports.
roster_counts roster_totals(context& ctx);

/// Records in the audit log (action "pii.reveal", kind "resident") that a
/// command showed personal data unmasked: which command and how many
/// records. `record_id` names one resident when only one was shown.
void record_pii_reveal(context& ctx, std::string_view command, std::int64_t records,
                       std::string_view record_id = {});

enum class roster_export_format { csv, json };

/// What `gov roster export` writes.
struct roster_export_request {
    roster_export_format format = roster_export_format::csv;
    roster_scope scope;
    bool include_moved_out = false;  ///< --all; otherwise active residents only
    /// Phones unmasked (needed for a file to re-import); recorded as a
    /// "pii.reveal" audit event before anything is written.
    bool reveal_pii = false;
    /// CSV: begin with a UTF-8 byte order mark, so a spreadsheet reads the
    /// file as UTF-8 (gov/csv_writer.hpp).
    bool bom = true;
    /// Called every progress_rows residents with the residents written and
    /// their number.
    progress_callback progress;
};

struct roster_export_result {
    std::int64_t residents = 0;
    std::vector<std::string> fields;  ///< logical field names written, in order
};

/// Writes the roster in the columns `gov roster import` reads. CSV: a header
/// of the [roster.columns] names in the order of default_roster_columns(),
/// the 14 standard columns always and 是否志愿者 / 是否业委会成员 / 迁出日期
/// only when an exported resident has a "yes" or a date there; yes/no as
/// 是/否, area as an exact decimal ("88.50"), cells neutralised against
/// spreadsheet formulas (a leading "'"; the import strips it again). JSON: an
/// array of objects keyed by the logical field names (all 17, always), with
/// booleans, numbers and null. Streams: memory does not grow with the roster.
/// Throws not_found for an unknown compound or building.
roster_export_result export_roster(context& ctx, const roster_export_request& request,
                                   std::ostream& out);

/// export_roster into a new file (gov/output_file.hpp: mode 0600, as it
/// holds personal data). Throws conflict when the file exists, before
/// anything is revealed; storage_error when it cannot be written; on any
/// failure the partial file is removed.
roster_export_result export_roster_file(context& ctx, const roster_export_request& request,
                                        const std::filesystem::path& file);

}  // namespace gov
