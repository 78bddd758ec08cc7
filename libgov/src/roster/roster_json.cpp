// The roster's JSON documents: the resident `gov roster show` prints and
// the import's result.
#include "gov/roster/roster.hpp"
#include "gov/roster/roster_import.hpp"
#include "gov/values/person.hpp"
#include "gov/values/rational.hpp"
#include "text/interface.hpp"

namespace gov {
namespace {

using detail::json_or_null;
using detail::ordered_json;

ordered_json area_or_null(const std::optional<std::int64_t>& centi) {
    return centi ? ordered_json(format_hundredths(*centi)) : ordered_json(nullptr);
}

ordered_json examples_json(const std::vector<roster_example>& v) {
    auto a = ordered_json::array();
    for (const auto& e : v)
        a.push_back({{"line", e.line}, {"name", e.name}, {"room", e.room}, {"detail", e.detail}});
    return a;
}

}  // namespace

std::string render_json(const resident_detail& d, bool reveal_phones) {
    auto shown = [&](const std::string& phone) {
        return reveal_phones ? phone : mask_phone(phone);
    };
    const resident& r = d.person;
    auto members = ordered_json::array();
    for (const auto& m : d.household_members)
        members.push_back({{"id", m.id},
                           {"name", m.name},
                           {"role", m.role},
                           {"active", m.active},
                           {"moved_out", json_or_null(m.moved_out)}});
    auto rooms = ordered_json::array();
    for (const auto& o : d.other_rooms)
        rooms.push_back({{"household_id", o.household_id},
                         {"household", o.household},
                         {"area", area_or_null(o.area_centi)}});
    ordered_json owner = nullptr;
    if (d.owner)
        owner = {{"id", d.owner->id},
                 {"name", d.owner->name},
                 {"phone", shown(d.owner->phone)},
                 {"is_developer", d.owner->is_developer},
                 {"other_rooms", rooms}};
    return detail::dump_json({{"id", r.id},
                              {"name", r.name},
                              {"gender", r.gender},
                              {"birth_year", json_or_null(r.birth_year)},
                              {"phone", shown(r.phone)},
                              {"role", r.role},
                              {"party_member", r.party_member},
                              {"volunteer", r.volunteer},
                              {"committee_member", r.committee_member},
                              {"moved_in", json_or_null(r.moved_in)},
                              {"moved_out", json_or_null(r.moved_out)},
                              {"active", r.active},
                              {"remark", r.remark},
                              {"household_id", r.household_id},
                              {"household", r.household_label()},
                              {"compound", r.compound},
                              {"building", r.building},
                              {"building_id", r.building_id},
                              {"unit", r.unit},
                              {"room", r.room},
                              {"area", area_or_null(r.area_centi)},
                              {"building_leader", r.building_leader},
                              {"leader_id", json_or_null(d.leader_id)},
                              {"leader_name", d.leader_id ? ordered_json(d.leader_name) : nullptr},
                              {"household_members", members},
                              {"owner", owner}});
}

std::string render_json(const roster_import_result& r) {
    auto problems = ordered_json::array();
    for (const auto& p : r.problems)
        problems.push_back({{"line", p.line}, {"column", p.column}, {"reason", p.reason}});
    return detail::dump_json({{"file", r.file},
                              {"sha256", r.sha256},
                              {"encoding", r.encoding},
                              {"committed", r.committed},
                              {"rows", r.rows},
                              {"added", r.added},
                              {"updated", r.updated},
                              {"unchanged", r.unchanged},
                              {"moved_out", r.moved_out},
                              {"invalid", r.invalid},
                              {"problems", problems},
                              {"warnings", r.warnings},
                              {"examples",
                               {{"new", examples_json(r.new_examples)},
                                {"updated", examples_json(r.updated_examples)},
                                {"unchanged", examples_json(r.unchanged_examples)},
                                {"moved_out", examples_json(r.moved_out_examples)}}}});
}

}  // namespace gov
