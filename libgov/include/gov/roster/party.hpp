#pragma once
/// \file
/// Partner parties: the community office itself, the owners' committee
/// (业委会), property management (物业), social organisations and
/// co-building units (共建单位). Issues are assigned to them and projects
/// record funding from them; here they are recorded and listed.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gov {

class context;

/// The kinds of party, as stored and as `--kind` takes them: community,
/// owners_committee, property_management, social_organisation,
/// co_building_unit, other.
const std::vector<std::string>& party_kinds();

struct party {
    std::int64_t id = 0;
    std::string name;
    std::string kind;     ///< one of party_kinds()
    std::string contact;  ///< free text: a person, an office phone; not masked
    bool active = true;
};

/// A new party as a clerk writes it.
struct party_form {
    std::string name;  ///< required, unique
    std::string kind;  ///< required, one of party_kinds()
    std::string contact;
};

/// Records a party (audited as "party.add"). Throws input_error for an empty
/// name or an unknown kind (listing the kinds), conflict when a party of that
/// name exists.
party add_party(context& ctx, const party_form& form);

/// Every party by kind (in party_kinds() order) and name; with `kind`, only
/// those (usage_error for an unknown kind).
std::vector<party> list_parties(context& ctx, std::string_view kind = {});

/// A party by exact name or "#ID". Throws not_found listing the parties.
party find_party(context& ctx, std::string_view ref);

}  // namespace gov
