// gov org add | list | assign
#include <charconv>

#include <fmt/format.h>

#include "cells.hpp"
#include "commands.hpp"
#include "gov/roster/org.hpp"
#include "gov/text/table.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {
namespace {

table org_table(const std::vector<org_unit>& units, output_format format) {
    table t;
    t.columns = {{"id", tr("ID"), align::right},
                 {"name", tr("Name")},
                 {"kind", tr("Kind")},
                 {"depth", tr("Depth"), align::right},
                 {"parent_id", tr("Parent"), align::right},
                 {"compound", tr("Compound")},
                 {"building", tr("Building")},
                 {"household", tr("Household")},
                 {"looks_after_count", tr("Looks after"), align::right},
                 {"looks_after", tr("Households looked after")}};
    // People see the tree by indentation; scripts get the plain name and depth.
    bool indent = format == output_format::table || format == output_format::markdown;
    for (const auto& u : units) {
        std::string name = u.name;
        if (indent && u.depth > 0)
            name = std::string(static_cast<std::size_t>(u.depth - 1) * 2, ' ') + "└ " + name;
        t.rows.push_back({u.id, name, u.kind, std::int64_t{u.depth},
                          u.parent_id ? cell(*u.parent_id) : cell(std::monostate{}),
                          text_or_null(u.compound), text_or_null(u.building),
                          text_or_null(u.household),
                          static_cast<std::int64_t>(u.looks_after.size()),
                          text_or_null(joined(u.looks_after, ", "))});
    }
    return t;
}

std::int64_t parse_org_id(std::string_view text) {
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '#') digits.remove_prefix(1);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (digits.empty() || ec != std::errc{} || p != digits.data() + digits.size())
        throw usage_error(fmt::format(
            fmt::runtime(tr("\"{}\" is not a unit id like 3 (see gov org list)")), text));
    return id;
}

}  // namespace

void register_org(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand(
        "org", tr("the party organisation: committee, branches, groups, party-member households"));
    grp->require_subcommand(1);

    auto f = std::make_shared<org_form>();
    auto* add = grp->add_subcommand("add", tr("record an organisation unit"));
    add->add_option("name", f->name, tr("its name, unique under its parent"))->required();
    add->add_option("--kind", f->kind,
                    tr("party_committee, compound_branch, building_group or party_household"))
        ->required();
    add->add_option("--parent", f->parent, tr("the id of the unit above it"));
    add->add_option("--compound", f->compound, tr("the compound a branch is for"));
    add->add_option("--building", f->building, tr("the building a group is for"));
    add->add_option("--household", f->household,
                    tr("the room of a party-member household (党员中心户), e.g. 12-3-1502"));
    add->footer(
        tr("Example: gov org add 滨湖社区党委 --kind party_committee\n"
           "         gov org add 幸福里党支部 --kind compound_branch --parent 1 --compound 幸福里\n"
           "         gov org add 张三家 --kind party_household --parent 3 --household 12-3-1502"));
    add->callback([f, &s] {
        auto u = add_org_unit(s.ctx(), *f);
        s.out() << fmt::format(fmt::runtime(tr("added {} #{} {}\n")), u.kind, u.id, u.name);
    });

    auto format = std::make_shared<std::string>("table");
    auto* list = grp->add_subcommand("list", tr("the organisation as a tree"));
    format_option(*list, *format, listing_formats);
    list->footer(
        tr("Columns (JSON keys): id, name, kind, depth, parent_id, compound, building,\n"
           "household, looks_after_count, looks_after. Children follow their parent.\n"
           "Example: gov org list"));
    list->callback([format, &s] {
        auto f2 = parse_output_format(*format);
        s.print(org_table(list_org_units(s.ctx()), f2), f2);
    });

    struct assign_opts {
        std::string org;
        std::vector<std::string> rooms;
    };
    auto a = std::make_shared<assign_opts>();
    auto* assign = grp->add_subcommand(
        "assign", tr("give a party-member household (党员中心户) households to look after"));
    assign->add_option("org", a->org, tr("the party-member household's unit id"))->required();
    assign->add_option("rooms", a->rooms, tr("rooms as BUILDING-UNIT-ROOM"))->required();
    assign->footer(tr("Example: gov org assign 7 12-3-1501 12-3-1503 12-3-1601"));
    assign->callback([a, &s] {
        auto r = assign_households(s.ctx(), parse_org_id(a->org), a->rooms);
        if (!r.added.empty())
            s.out() << fmt::format(fmt::runtime(tr("#{} now looks after {}\n")), r.org_id,
                                   joined(r.added, ", "));
        if (!r.already.empty())
            s.out() << fmt::format(fmt::runtime(tr("#{} already looked after {}\n")), r.org_id,
                                   joined(r.already, ", "));
    });
}

}  // namespace gov::cli
