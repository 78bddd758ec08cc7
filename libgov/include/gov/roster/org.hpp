#pragma once
/// \file
/// The party organisation of the community as a tree: the community party
/// committee (社区党委) → compound branches (小区党支部) → building groups
/// (楼栋党小组) → party-member households (党员中心户), each of which looks
/// after a few neighbouring households. Later issues assign work to these
/// units; here they are recorded, listed and given households to look after.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gov {

class context;

/// The kinds of unit from the top of the tree down: party_committee,
/// compound_branch, building_group, party_household.
const std::vector<std::string>& org_kinds();

struct org_unit {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id;
    std::string kind;  ///< one of org_kinds()
    std::string name;
    std::optional<std::int64_t> compound_id;
    std::string compound;  ///< its name, "" when none
    std::optional<std::int64_t> building_id;
    std::string building;  ///< "幸福里/12", "" when none
    std::optional<std::int64_t> household_id;
    std::string household;  ///< "幸福里/12-3-1502", "" when none
    int depth = 0;          ///< 0 for a root, parent's depth + 1 below it
    /// The households it looks after ("幸福里/12-3-1501", …), in roster order.
    std::vector<std::string> looks_after;
};

/// A new unit as a clerk writes it.
struct org_form {
    std::string name;       ///< required, unique under its parent
    std::string kind;       ///< required, one of org_kinds()
    std::string parent;     ///< the parent's id ("3" or "#3"); "" for a party committee
    std::string compound;   ///< the compound a branch is for (exact name)
    std::string building;   ///< the building a group is for (as resolve_building)
    std::string household;  ///< the room of a party-member household ("12-3-1502")
};

/// Records a unit (audited as "org.add"). A party committee has no parent;
/// every other unit has one of a higher kind. A party-member household needs
/// its household. A building must lie in the given compound, and in the
/// parent's compound or building when the parent has one. Throws input_error
/// (listing valid kinds), not_found for an unknown parent, compound, building
/// or room, conflict when the parent already has a unit of that name.
org_unit add_org_unit(context& ctx, const org_form& form);

/// Every unit as a tree in depth-first order: each unit is followed by its
/// children, siblings by kind and then name.
std::vector<org_unit> list_org_units(context& ctx);

/// What assign_households did.
struct org_assignment {
    std::int64_t org_id = 0;
    std::vector<std::string> added;    ///< households now looked after
    std::vector<std::string> already;  ///< households it already looked after
};

/// Gives a party-member household (kind party_household) households to look
/// after (audited as "org.assign" when anything changes). Rooms as
/// resolve_household names them. Throws not_found for an unknown unit or
/// room, input_error when the unit is not a party-member household or no
/// room is given, conflict when a household is already looked after by
/// another unit (naming it).
org_assignment assign_households(context& ctx, std::int64_t org_id,
                                 const std::vector<std::string>& rooms);

}  // namespace gov
