// gov building list | leader
#include <fmt/format.h>

#include "commands.hpp"
#include "gov/roster/building.hpp"
#include "gov/text/table.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {
namespace {

table building_table(const std::vector<building_summary>& bs) {
    table t;
    t.columns = {{"id", tr("ID"), align::right},
                 {"compound", tr("Compound")},
                 {"building", tr("Building")},
                 {"leader", tr("Leader")},
                 {"leader_id", tr("Leader ID"), align::right},
                 {"units", tr("Units"), align::right},
                 {"households", tr("Households"), align::right},
                 {"residents", tr("Residents"), align::right}};
    for (const auto& b : bs)
        t.rows.push_back({b.id, b.compound, b.name,
                          b.leader_id ? cell(b.leader_name) : cell(std::monostate{}),
                          b.leader_id ? cell(*b.leader_id) : cell(std::monostate{}), b.units,
                          b.households, b.residents});
    return t;
}

std::string who(const std::optional<std::int64_t>& id, const std::string& name) {
    return id ? fmt::format("#{} {}", *id, name) : std::string(tr("(none)"));
}

}  // namespace

void register_building(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("building", tr("buildings (楼栋) and their leaders (楼长)"));
    grp->require_subcommand(1);

    struct list_opts {
        std::string compound, format = "table";
        CLI::Option* compound_opt = nullptr;
    };
    auto o = std::make_shared<list_opts>();
    auto* list = grp->add_subcommand("list", tr("buildings with their leader and counts"));
    o->compound_opt = list->add_option("--compound", o->compound, tr("only this compound"));
    format_option(*list, o->format, listing_formats);
    list->footer(
        tr("Columns (JSON keys): id, compound, building, leader, leader_id, units, households,\n"
           "residents (active).\n"
           "Example: gov building list --compound 幸福里 --format json"));
    list->callback([o, &s] {
        auto format = parse_output_format(o->format);
        std::optional<std::string> compound;
        if (o->compound_opt->count()) compound = o->compound;
        s.print(building_table(list_buildings(s.ctx(), compound)), format);
    });

    struct leader_opts {
        std::string building, resident;
        bool clear = false;
    };
    auto l = std::make_shared<leader_opts>();
    auto* leader = grp->add_subcommand(
        "leader", tr("make a resident the building's leader, replacing the previous one"));
    leader->add_option("building", l->building, tr("the building: 12, 幸福里/12 or #ID"))
        ->required();
    leader->add_option("resident", l->resident,
                       tr("#ID or ID, an 11-digit phone, or a unique name; must live there"));
    leader->add_flag("--clear", l->clear, tr("leave the building without a leader"));
    leader->footer(
        tr("Example: gov building leader 12 张三\n         gov building leader 幸福里/12 --clear"));
    leader->callback([l, &s] {
        if (l->clear == !l->resident.empty())
            throw usage_error(tr("give either a resident or --clear"));
        auto c = l->clear ? clear_building_leader(s.ctx(), l->building)
                          : set_building_leader(s.ctx(), l->building, l->resident);
        if (!c.changed)
            s.out() << fmt::format(fmt::runtime(tr("{}: the leader is already {}\n")), c.building,
                                   who(c.leader_id, c.leader_name));
        else
            s.out() << fmt::format(fmt::runtime(tr("{}: leader {} (was {})\n")), c.building,
                                   who(c.leader_id, c.leader_name),
                                   who(c.previous_id, c.previous_name));
    });
}

}  // namespace gov::cli
