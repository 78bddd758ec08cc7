// gov party add | list
#include <fmt/format.h>

#include "commands.hpp"
#include "gov/roster/party.hpp"
#include "gov/text/table.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {

void register_party(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand(
        "party", tr("partner parties: owners' committee, property management, co-building units…"));
    grp->require_subcommand(1);

    auto f = std::make_shared<party_form>();
    auto* add = grp->add_subcommand("add", tr("record a partner party"));
    add->add_option("name", f->name, tr("its name, unique"))->required();
    add->add_option("--kind", f->kind,
                    tr("community, owners_committee, property_management, social_organisation,\n"
                       "co_building_unit or other"))
        ->required();
    add->add_option("--contact", f->contact, tr("a contact person or office phone"));
    add->footer(tr("Example: gov party add 幸福里业委会 --kind owners_committee --contact 王主任"));
    add->callback([f, &s] {
        auto p = add_party(s.ctx(), *f);
        s.out() << fmt::format(fmt::runtime(tr("added party #{} {} ({})\n")), p.id, p.name, p.kind);
    });

    struct list_opts {
        std::string kind, format = "table";
    };
    auto o = std::make_shared<list_opts>();
    auto* list = grp->add_subcommand("list", tr("list the partner parties"));
    list->add_option("--kind", o->kind, tr("only this kind"));
    format_option(*list, o->format, listing_formats);
    list->footer(
        tr("Columns (JSON keys): id, name, kind, contact, active.\n"
           "Example: gov party list --format json"));
    list->callback([o, &s] {
        auto format = parse_output_format(o->format);
        table t;
        t.columns = {{"id", tr("ID"), align::right},
                     {"name", tr("Name")},
                     {"kind", tr("Kind")},
                     {"contact", tr("Contact")},
                     {"active", tr("Active")}};
        for (const auto& p : list_parties(s.ctx(), o->kind))
            t.rows.push_back({p.id, p.name, p.kind,
                              p.contact.empty() ? cell(std::monostate{}) : cell(p.contact),
                              p.active});
        s.print(t, format);
    });
}

}  // namespace gov::cli
