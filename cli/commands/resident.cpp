// gov resident add | update | move-out
#include <fmt/format.h>

#include "commands.hpp"
#include "gov/roster/resident.hpp"
#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {
namespace {

// The options add and update share, each a text the library checks.
struct field_opts {
    std::string name, room, compound, phone, gender, birth_year, role, area, party_member,
        volunteer, committee_member, moved_in, remark;
    CLI::Option *name_opt = nullptr, *room_opt = nullptr, *phone_opt = nullptr,
                *gender_opt = nullptr, *birth_year_opt = nullptr, *role_opt = nullptr,
                *area_opt = nullptr, *party_opt = nullptr, *volunteer_opt = nullptr,
                *committee_opt = nullptr, *moved_in_opt = nullptr, *remark_opt = nullptr;

    void add_to(CLI::App& cmd) {
        name_opt = cmd.add_option("--name", name, tr("name (姓名)"));
        room_opt = cmd.add_option(
            "--room", room, tr("room as BUILDING-UNIT-ROOM, e.g. 12-3-1502 or 幸福里/12-3-1502"));
        cmd.add_option("--compound", compound, tr("the compound (小区), when the building is new"));
        phone_opt = cmd.add_option("--phone", phone, tr("an 11-digit mobile or a landline"));
        gender_opt = cmd.add_option("--gender", gender, tr("男 or 女 (M, F)"));
        birth_year_opt = cmd.add_option("--birth-year", birth_year, tr("year of birth"));
        role_opt =
            cmd.add_option("--role", role, tr("role in the household, one of [roster] roles"));
        area_opt = cmd.add_option("--area", area, tr("floor area of the room in m², e.g. 88.50"));
        party_opt = cmd.add_option("--party-member", party_member, tr("是/否 (yes/no)"));
        volunteer_opt = cmd.add_option("--volunteer", volunteer, tr("是/否 (yes/no)"));
        committee_opt = cmd.add_option("--committee-member", committee_member,
                                       tr("owners' committee member: 是/否 (yes/no)"));
        moved_in_opt = cmd.add_option("--moved-in", moved_in, tr("date moved in, e.g. 2026-09-01"));
        remark_opt = cmd.add_option("--remark", remark, tr("remark (备注)"));
    }
};

std::optional<std::string> given(const CLI::Option* opt, const std::string& value) {
    if (opt->count() == 0) return std::nullopt;
    return value;
}

void add_resident_add(CLI::App* grp, session& s) {
    auto a = std::make_shared<field_opts>();
    auto* add = grp->add_subcommand(
        "add", tr("add a resident, creating the compound, building, unit and room as needed"));
    a->add_to(*add);
    a->name_opt->required();
    a->room_opt->required();
    a->role_opt->required();
    add->footer(
        tr("Checked as `gov roster import` checks a row (exit 4 listing every problem).\n"
           "Example: gov resident add --name 张三 --room 12-3-1502 --compound 幸福里 \\\n"
           "           --role 业主 --phone 13812345678 --area 88.50 --party-member 是"));
    add->callback([a, &s] {
        resident_form f{
            a->name,  a->room, a->compound,     a->phone,     a->gender,           a->birth_year,
            a->role,  a->area, a->party_member, a->volunteer, a->committee_member, a->moved_in,
            a->remark};
        auto r = add_resident(s.ctx(), f);
        for (const auto& c : r.created) s.out() << fmt::format(fmt::runtime(tr("created {}\n")), c);
        s.out() << fmt::format(fmt::runtime(tr("added resident #{} {} in {}")), r.id, a->name,
                               r.household);
        if (r.owner_id) s.out() << fmt::format(fmt::runtime(tr(" (owner #{})")), *r.owner_id);
        s.out() << "\n";
    });
}

void add_resident_update(CLI::App* grp, session& s) {
    struct update_opts : field_opts {
        std::string ref;
    };
    auto u = std::make_shared<update_opts>();
    auto* update = grp->add_subcommand("update", tr("change a resident's fields"));
    update->add_option("resident", u->ref, tr("#ID or ID, an 11-digit phone, or a unique name"))
        ->required();
    u->add_to(*update);
    update->footer(
        tr("Only the options given change; an empty value clears an optional field.\n"
           "The audit log keeps each change as from → to.\n"
           "Example: gov resident update 42 --phone 13900001111 --remark \"\""));
    update->callback([u, &s] {
        resident_changes c;
        c.name = given(u->name_opt, u->name);
        c.room = given(u->room_opt, u->room);
        c.compound = u->compound;
        c.phone = given(u->phone_opt, u->phone);
        c.gender = given(u->gender_opt, u->gender);
        c.birth_year = given(u->birth_year_opt, u->birth_year);
        c.role = given(u->role_opt, u->role);
        c.area = given(u->area_opt, u->area);
        c.party_member = given(u->party_opt, u->party_member);
        c.volunteer = given(u->volunteer_opt, u->volunteer);
        c.committee_member = given(u->committee_opt, u->committee_member);
        c.moved_in = given(u->moved_in_opt, u->moved_in);
        c.remark = given(u->remark_opt, u->remark);
        auto r = update_resident(s.ctx(), u->ref, c);
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
