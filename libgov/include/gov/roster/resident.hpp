#pragma once
/// \file
/// Residents one at a time: adding one, changing one, moving one out. (The
/// termly roster file is merged by `gov roster import`; listings, statistics
/// and the export are in roster.hpp.)
///
/// A resident lives in a household (a room, 房号) of a unit (单元) of a
/// building (楼栋) of a compound (小区). Nobody is ever deleted: moving out
/// sets the moved-out date and clears `active`, so history stays countable.
/// A resident whose role is the configured owner role ([roster] owner_role)
/// is linked to an owner record, so that one person owning two rooms is one
/// owner (one head in votes) with two rooms (two areas).
///
/// Every change is one transaction with its audit events; a refused change
/// changes nothing. Phones are stored as written and returned unmasked:
/// whoever shows them masks them with gov::mask_phone (person.hpp) unless the
/// user asked to reveal them, and audit payloads only ever hold masked phones
/// (the log is append-only, so personal data written there could never be
/// removed again).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gov/values/date.hpp"

namespace gov {

class context;

/// A resident as stored, together with where they live.
struct resident {
    std::int64_t id = 0;
    std::int64_t household_id = 0;
    std::string name;
    std::string gender;  ///< "男", "女" or "" when unknown
    std::optional<int> birth_year;
    std::string phone;  ///< as stored, unmasked: mask it before showing it
    std::string role;   ///< one of [roster] roles (as they were when it was written)
    bool party_member = false;
    bool volunteer = false;
    bool committee_member = false;
    std::optional<date> moved_in;
    std::optional<date> moved_out;
    std::string remark;
    bool active = true;
    std::optional<std::int64_t> owner_id;  ///< the owner record, for residents in the owner role

    std::int64_t building_id = 0;
    std::string compound;                    ///< 小区
    std::string building;                    ///< 楼栋, e.g. "12"
    std::string unit;                        ///< 单元, e.g. "3"
    std::string room;                        ///< 房号, e.g. "1502"
    std::optional<std::int64_t> area_centi;  ///< the household's floor area in 0.01 m²
    bool building_leader = false;            ///< whether they are their building's leader (楼长)

    /// "幸福里/12-3-1502": the household as people (and resolve_household) name it.
    std::string household_label() const;
};

/// A new resident as a clerk writes one on the roster. Every field is text
/// and is checked as `gov roster import` checks a row; empty means "not
/// given".
struct resident_form {
    std::string name;  ///< required
    std::string
        room;  ///< required: "BUILDING-UNIT-ROOM" ("12-3-1502" or "幸福里/12-3-1502"), or "#ID"
    std::string compound;  ///< the compound; needed only when the building is new
    std::string phone;     ///< an 11-digit mobile or a landline
    std::string gender;    ///< 男/女/M/F/male/female
    std::string birth_year;
    std::string role;              ///< required: one of [roster] roles
    std::string area;              ///< the household's floor area in m², at most 2 decimals, > 0
    std::string party_member;      ///< 是/否/yes/no/Y/N/1/0
    std::string volunteer;         ///< 是/否/…
    std::string committee_member;  ///< 是/否/… (owners' committee, 业委会)
    std::string moved_in;          ///< a date, e.g. 2026-09-01
    std::string remark;
};

/// What add_resident did.
struct resident_added {
    std::int64_t id = 0;
    std::int64_t household_id = 0;
    std::string household;                 ///< "幸福里/12-3-1502"
    std::optional<std::int64_t> owner_id;  ///< set for the owner role
    /// Records created on the way, e.g. "building 幸福里/12", "room 幸福里/12-3-1502".
    std::vector<std::string> created;
};

/// Adds a resident, creating the compound, building, unit and household when
/// they do not exist yet (a new building needs `compound`). Giving `area` sets
/// the household's area (and changes it when it differs). Throws input_error
/// listing every invalid field (with the valid choices where there is a
/// list), not_found for an unknown building without a compound, and conflict
/// when an active resident of that name already lives in the household.
resident_added add_resident(context& ctx, const resident_form& form);

/// Changes to one resident: every field that is set is checked as in
/// resident_form and written when it differs. An empty text clears an
/// optional field (phone, gender, birth year, area, moved-in date, remark);
/// name and role cannot be empty.
struct resident_changes {
    std::optional<std::string> name;
    std::optional<std::string> room;  ///< moves them to another household (made if needed)
    std::string compound;             ///< with `room`, when its building is new
    std::optional<std::string> phone;
    std::optional<std::string> gender;
    std::optional<std::string> birth_year;
    std::optional<std::string> role;
    std::optional<std::string> area;  ///< the household's floor area
    std::optional<std::string> party_member;
    std::optional<std::string> volunteer;
    std::optional<std::string> committee_member;
    std::optional<std::string> moved_in;
    std::optional<std::string> remark;
};

/// What update_resident did.
struct resident_updated {
    std::int64_t id = 0;
    /// The fields that changed (logical names: "phone", "room", "area", …);
    /// empty when every value was already as given, and then nothing is written.
    std::vector<std::string> changed;
    /// Set when moving to another building ended their term as building leader.
    std::optional<std::string> no_longer_leader_of;
};

/// Changes a resident named by `ref` (see find_resident). The audit payload
/// holds each change as {"from": …, "to": …} (phones masked). Changing the
/// name, phone or role re-links the owner record. Throws not_found,
/// input_error for invalid values (all of them listed), conflict when the
/// new name or room collides with another active resident of the household.
resident_updated update_resident(context& ctx, std::string_view ref,
                                 const resident_changes& changes);

/// What move_out_resident did.
struct resident_moved_out {
    std::int64_t id = 0;
    date moved_out;
    /// Set when they were their building's leader: the building is left without one.
    std::optional<std::string> no_longer_leader_of;
};

/// Marks a resident as moved out on `date_text` (empty: today, in the
/// community's time) and no longer active. Throws input_error for a date that
/// is not real, after today or before they moved in; conflict when they have
/// already moved out.
resident_moved_out move_out_resident(context& ctx, std::string_view ref,
                                     std::string_view date_text = {});

/// A resident by "#ID" or a bare id (moved-out residents too), an 11-digit
/// mobile or a name that only one active resident has. Throws not_found, or
/// input_error when a phone or name fits several (listing their ids).
resident find_resident(context& ctx, std::string_view ref);

}  // namespace gov
