#pragma once
// Private to libgov: reading and checking one row of a roster file. Pure: no
// database, no clock (today's date comes in), so every rule can be tested on
// its own.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gov/roster/roster_import.hpp"
#include "gov/store/config.hpp"
#include "gov/text/csv_reader.hpp"
#include "gov/values/date.hpp"

namespace gov::detail {

/// Logical fields of a roster row, in the order of default_roster_columns().
enum roster_field : std::size_t {
    f_name,
    f_gender,
    f_birth_year,
    f_compound,
    f_building,
    f_unit,
    f_room,
    f_phone,
    f_role,
    f_area,
    f_party_member,
    f_building_leader,
    f_moved_in,
    f_remark,
    f_volunteer,
    f_committee_member,
    f_moved_out,
    roster_field_count
};

/// Where each field is in the file, and its header text for messages.
struct roster_layout {
    std::vector<std::optional<std::size_t>> index;  ///< by roster_field
    std::vector<std::string> header;                ///< by roster_field, as written in the file
    std::size_t width = 0;                          ///< fields in the header
    csv_header_map columns;                         ///< how the header was mapped
    bool has(roster_field f) const { return index[f].has_value(); }
};

/// Maps a header record to the roster fields (configured names, English
/// names accepted too). Throws input_error for a missing required or a
/// duplicated column, or a known one with a unit or note added (map_csv_header).
roster_layout map_roster_header(const csv_record& header, const roster_config& cfg,
                                std::string_view source_name);

/// One checked row. Optional fields absent from the file keep their defaults
/// and are not applied on merge (see roster_layout::has).
struct roster_row {
    std::uint64_t line = 0;
    std::string name, gender, compound, building, unit, room, phone, role, remark;
    std::optional<int> birth_year;
    std::optional<std::int64_t> area;  ///< 0.01 m²
    bool party_member = false, building_leader = false, volunteer = false, committee_member = false;
    std::optional<std::string> moved_in, moved_out;  ///< YYYY-MM-DD
};

/// Checks a record against the rules; appends every problem found and
/// returns false when there was one.
bool read_roster_row(const csv_record& rec, const roster_layout& layout, const roster_config& cfg,
                     const date& today, roster_row& row, std::vector<roster_problem>& problems);

}  // namespace gov::detail
