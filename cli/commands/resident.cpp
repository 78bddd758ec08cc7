// gov resident add | update | move-out
#include <fmt/format.h>

#include "commands.hpp"
#include "gov/roster/resident.hpp"
#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {
namespace {

// The options add and update share, each a text the library checks, bound
// straight into resident_form (add) or resident_changes (update: an option
// not given stays unset), whose fields have the same names.
struct field_options {
    CLI::Option *name, *room, *role;
};

template <class Fields>
field_options add_field_options(CLI::App& cmd, Fields& f) {
    field_options o{};
    o.name = cmd.add_option("--name", f.name, tr("name (姓名)"));
    o.room = cmd.add_option("--room", f.room,
                            tr("room as BUILDING-UNIT-ROOM, e.g. 12-3-1502 or 幸福里/12-3-1502"));
    cmd.add_option("--compound", f.compound, tr("the compound (小区), when the building is new"));
    cmd.add_option("--phone", f.phone, tr("an 11-digit mobile or a landline"));
    cmd.add_option("--gender", f.gender, tr("男 or 女 (M, F)"));
    cmd.add_option("--birth-year", f.birth_year, tr("year of birth"));
    o.role = cmd.add_option("--role", f.role, tr("role in the household, one of [roster] roles"));
    cmd.add_option("--area", f.area, tr("floor area of the room in m², e.g. 88.50"));
    cmd.add_option("--party-member", f.party_member, tr("是/否 (yes/no)"));
    cmd.add_option("--volunteer", f.volunteer, tr("是/否 (yes/no)"));
    cmd.add_option("--committee-member", f.committee_member,
                   tr("owners' committee member: 是/否 (yes/no)"));
    cmd.add_option("--moved-in", f.moved_in, tr("date moved in, e.g. 2026-09-01"));
    cmd.add_option("--remark", f.remark, tr("remark (备注)"));
    return o;
}

void add_resident_add(CLI::App* grp, session& s) {
    auto f = std::make_shared<resident_form>();
    auto* add = grp->add_subcommand(
        "add", tr("add a resident, creating the compound, building, unit and room as needed"));
    field_options o = add_field_options(*add, *f);
    o.name->required();
    o.room->required();
    o.role->required();
    add->footer(
        tr("Checked as `gov roster import` checks a row (exit 4 listing every problem).\n"
           "Example: gov resident add --name 张三 --room 12-3-1502 --compound 幸福里 \\\n"
           "           --role 业主 --phone 13812345678 --area 88.50 --party-member 是"));
    add->callback([f, &s] {
        auto r = add_resident(s.ctx(), *f);
        for (const auto& c : r.created) s.out() << fmt::format(fmt::runtime(tr("created {}\n")), c);
        s.out() << fmt::format(fmt::runtime(tr("added resident #{} {} in {}")), r.id, f->name,
                               r.household);
        if (r.owner_id) s.out() << fmt::format(fmt::runtime(tr(" (owner #{})")), *r.owner_id);
        s.out() << "\n";
    });
}

void add_resident_update(CLI::App* grp, session& s) {
    struct update_opts {
        std::string ref;
        resident_changes changes;
    };
    auto u = std::make_shared<update_opts>();
    auto* update = grp->add_subcommand("update", tr("change a resident's fields"));
    update->add_option("resident", u->ref, tr("#ID or ID, an 11-digit phone, or a unique name"))
        ->required();
    add_field_options(*update, u->changes);
    update->footer(
        tr("Only the options given change; an empty value clears an optional field.\n"
           "The audit log keeps each change as from → to.\n"
           "Example: gov resident update 42 --phone 13900001111 --remark \"\""));
    update->callback([u, &s] {
        auto r = update_resident(s.ctx(), u->ref, u->changes);
        if (r.changed.empty()) {
            s.out() << fmt::format(fmt::runtime(tr("resident #{}: nothing to change\n")), r.id);
            return;
        }
        std::string fields;
        for (const auto& f : r.changed) fields += (fields.empty() ? "" : ", ") + f;
        s.out() << fmt::format(fmt::runtime(tr("updated resident #{}: {}\n")), r.id, fields);
        if (r.no_longer_leader_of)
            s.out() << fmt::format(fmt::runtime(tr("{} has no building leader now\n")),
                                   *r.no_longer_leader_of);
    });
}

void add_resident_move_out(CLI::App* grp, session& s) {
    struct move_opts {
        std::string ref, date;
    };
    auto m = std::make_shared<move_opts>();
    auto* move = grp->add_subcommand("move-out",
                                     tr("mark a resident as moved out (nobody is ever deleted)"));
    move->add_option("resident", m->ref, tr("#ID or ID, an 11-digit phone, or a unique name"))
        ->required();
    move->add_option("--date", m->date, tr("the day they moved out (default: today)"));
    move->footer(tr("Example: gov resident move-out 42 --date 2026-11-20"));
    move->callback([m, &s] {
        auto r = move_out_resident(s.ctx(), m->ref, m->date);
        s.out() << fmt::format(fmt::runtime(tr("resident #{} moved out on {}\n")), r.id,
                               format_date(r.moved_out));
        if (r.no_longer_leader_of)
            s.out() << fmt::format(fmt::runtime(tr("{} has no building leader now\n")),
                                   *r.no_longer_leader_of);
    });
}

}  // namespace

void register_resident(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("resident", tr("add, change or move out one resident"));
    grp->require_subcommand(1);

    add_resident_add(grp, s);
    add_resident_update(grp, s);
    add_resident_move_out(grp, s);
}

}  // namespace gov::cli
