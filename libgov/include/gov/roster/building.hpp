#pragma once
/// \file
/// Buildings (楼栋) and their leaders (楼长). Buildings are created when a
/// resident is added to a new one (resident.hpp) or by the roster import;
/// here they are listed, with their counts, and given a leader. A building
/// has at most one leader, who must be an active resident of it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gov {

class context;

/// A building with its leader and what it holds.
struct building_summary {
    std::int64_t id = 0;
    std::int64_t compound_id = 0;
    std::string compound;  ///< 小区
    std::string name;      ///< 楼栋, e.g. "12"
    std::optional<std::int64_t> leader_id;
    std::string leader_name;  ///< "" without a leader
    std::int64_t units = 0;
    std::int64_t households = 0;
    std::int64_t residents = 0;  ///< active residents

    /// "幸福里/12".
    std::string label() const { return compound + "/" + name; }
};

/// Every building, by compound and then building name in natural order
/// ("2" before "10"); with `compound`, only that compound's. Throws
/// not_found for an unknown compound (listing the known ones).
std::vector<building_summary> list_buildings(context& ctx,
                                             const std::optional<std::string>& compound = {});

/// What set_building_leader / clear_building_leader did.
struct leader_change {
    std::int64_t building_id = 0;
    std::string building;  ///< "幸福里/12"
    std::optional<std::int64_t> previous_id;
    std::string previous_name;
    std::optional<std::int64_t> leader_id;
    std::string leader_name;
    bool changed = false;  ///< false when it was already so (nothing written)
};

/// Makes a resident the leader of a building, replacing the previous one
/// (audited as "building.leader" with from and to). `building` as
/// resolve_building names it, `resident` as find_resident. Throws not_found,
/// input_error when the resident does not live in that building or has
/// moved out.
leader_change set_building_leader(context& ctx, std::string_view building,
                                  std::string_view resident);

/// Leaves a building without a leader. Throws not_found.
leader_change clear_building_leader(context& ctx, std::string_view building);

}  // namespace gov
