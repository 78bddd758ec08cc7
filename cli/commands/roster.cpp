// gov roster list | show | stats | export   (gov roster import: roster_import.cpp)
#include <algorithm>
#include <array>
#include <ostream>

#include <fmt/format.h>

#include "cells.hpp"
#include "commands.hpp"
#include "gov/roster/roster.hpp"
#include "gov/store/context.hpp"
#include "gov/text/table.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"
#include "gov/values/rational.hpp"
#include "options.hpp"
#include "progress.hpp"

namespace gov::cli {
namespace {

cell area_or_null(const std::optional<std::int64_t>& a) {
    if (!a) return std::monostate{};
    return format_hundredths(*a);
}
std::string shown_phone(const std::string& phone, bool reveal) {
    return reveal ? phone : mask_phone(phone);
}

// Every column, for scripts (JSON, CSV).
table roster_table(const std::vector<resident>& rs, bool reveal) {
    table t;
    t.columns = {{"id", tr("ID"), align::right},
                 {"name", tr("Name")},
                 {"gender", tr("Gender")},
                 {"birth_year", tr("Born"), align::right},
                 {"phone", tr("Phone")},
                 {"compound", tr("Compound")},
                 {"building", tr("Building")},
                 {"unit", tr("Unit")},
                 {"room", tr("Room")},
                 {"area", tr("Area m²"), align::right},
                 {"role", tr("Role")},
                 {"party_member", tr("Party member")},
                 {"building_leader", tr("Leader")},
                 {"volunteer", tr("Volunteer")},
                 {"committee_member", tr("Committee")},
                 {"moved_in", tr("Moved in")},
                 {"moved_out", tr("Moved out")},
                 {"active", tr("Active")},
                 {"remark", tr("Remark")}};
    for (const auto& r : rs)
        t.rows.push_back({r.id, r.name, text_or_null(r.gender),
                          r.birth_year ? cell(std::int64_t{*r.birth_year}) : cell(std::monostate{}),
                          text_or_null(shown_phone(r.phone, reveal)), r.compound, r.building,
                          r.unit, r.room, area_or_null(r.area_centi), r.role, r.party_member,
                          r.building_leader, r.volunteer, r.committee_member, date_cell(r.moved_in),
                          date_cell(r.moved_out), r.active, text_or_null(r.remark)});
    return t;
}

// A narrower view for people (tables, Markdown): the room as one label, the
// yes/no fields as marks; gender and birth year are left to `roster show`.
std::vector<column> roster_people_columns() {
    return {{"id", tr("ID"), align::right},
            {"name", tr("Name")},
            {"phone", tr("Phone")},
            {"household", tr("Room")},
            {"area", tr("Area m²"), align::right},
            {"role", tr("Role")},
            {"marks", tr("Marks")},
            {"moved_out", tr("Moved out")},
            {"remark", tr("Remark")}};
}

std::array<cell, 9> roster_people_row(const resident& r, bool reveal) {
    std::string marks;
    auto mark = [&](bool on, const char* what) {
        if (on) marks += (marks.empty() ? "" : ", ") + std::string(tr(what));
    };
    mark(r.party_member, "party member");
    mark(r.building_leader, "leader");
    mark(r.volunteer, "volunteer");
    mark(r.committee_member, "committee");
    cell moved_out = std::monostate{};
    if (!r.active) moved_out = r.moved_out ? format_date(*r.moved_out) : std::string("?");
    return {r.id,
            r.name,
            text_or_null(shown_phone(r.phone, reveal)),
            r.household_label(),
            area_or_null(r.area_centi),
            r.role,
            text_or_null(std::move(marks)),
            std::move(moved_out),
            text_or_null(r.remark)};
}

table roster_people_table(const std::vector<resident>& rs, bool reveal) {
    table t;
    t.columns = roster_people_columns();
    for (const auto& r : rs) {
        auto row = roster_people_row(r, reveal);
        t.rows.emplace_back(std::make_move_iterator(row.begin()),
                            std::make_move_iterator(row.end()));
    }
    return t;
}

std::string member_text(const resident& m) {
    std::string s = fmt::format("#{} {} ({}", m.id, m.name, m.role);
    if (!m.active)
        s += m.moved_out
                 ? fmt::format(fmt::runtime(tr(", moved out {}")), format_date(*m.moved_out))
                 : std::string(tr(", moved out"));
    return s + ")";
}

std::string room_text(const owned_room& r) {
    return r.area_centi ? fmt::format("{} ({} m²)", r.household, format_hundredths(*r.area_centi))
                        : r.household;
}

void print_detail(std::ostream& out, const resident_detail& d, bool reveal) {
    const resident& r = d.person;
    auto yes = [](bool b) { return std::string(b ? tr("yes") : tr("no")); };
    std::string status = r.active ? std::string(tr("active"))
                                  : fmt::format(fmt::runtime(tr("moved out {}")),
                                                r.moved_out ? format_date(*r.moved_out) : "?");
    std::string leader = r.building_leader ? std::string(tr("this resident"))
                         : d.leader_id     ? fmt::format("#{} {}", *d.leader_id, d.leader_name)
                                           : std::string(tr("(none)"));
    std::vector<std::string> members, rooms;
    for (const auto& m : d.household_members) members.push_back(member_text(m));
    for (const auto& o : d.other_rooms) rooms.push_back(room_text(o));
    std::vector<std::pair<std::string, std::string>> f = {
        {tr("household"), r.household_label()},
        {tr("area"), r.area_centi ? format_hundredths(*r.area_centi) + " m²" : ""},
        {tr("role"), r.role},
        {tr("gender"), r.gender},
        {tr("born"), r.birth_year ? std::to_string(*r.birth_year) : ""},
        {tr("phone"), shown_phone(r.phone, reveal)},
        {tr("party member"), yes(r.party_member)},
        {tr("volunteer"), yes(r.volunteer)},
        {tr("committee member"), yes(r.committee_member)},
        {tr("building leader"), leader},
        {tr("moved in"), r.moved_in ? format_date(*r.moved_in) : ""},
        {tr("status"), status},
        {tr("remark"), r.remark},
        {tr("lives with"), joined(members, ", ")},
    };
    if (d.owner) {
        f.emplace_back(tr("owner record"), fmt::format("#{} {} {}", d.owner->id, d.owner->name,
                                                       shown_phone(d.owner->phone, reveal)));
        f.emplace_back(tr("also owns"),
                       rooms.empty() ? std::string(tr("(no other room)")) : joined(rooms, ", "));
    }
    out << fmt::format("#{} {}\n", r.id, terminal_safe(r.name));
    print_fields(out, f);
}

table stats_table(const roster_stats_result& st, const roster_config& cfg, output_format format) {
    table t;
    t.columns = {{"compound", tr("Compound")},
                 {"building", tr("Building")},
                 {"households", tr("Households"), align::right},
                 {"residents", tr("Residents"), align::right},
                 {"owners", tr("Owners"), align::right}};
    for (const auto& role : cfg.roles) t.columns.push_back({role, role, align::right});
    t.columns.push_back({"party_members", tr("Party members"), align::right});
    t.columns.push_back({"empty_households", tr("Empty rooms"), align::right});
    t.columns.push_back({"area", tr("Area m²"), align::right});
    auto row = [&](cell compound, cell building, const roster_counts& c) {
        std::vector<cell> r = {std::move(compound), std::move(building), c.households, c.residents,
                               c.owners};
        for (const auto& [role, n] : c.by_role) r.push_back(n);
        r.push_back(c.party_members);
        r.push_back(c.empty_households);
        r.push_back(format_hundredths(c.area_centi));
        t.rows.push_back(std::move(r));
    };
    for (const auto& b : st.buildings) row(b.compound, b.building, b.counts);
    // For people the total is labelled; for scripts it is the row without a place.
    bool people = format == output_format::table || format == output_format::markdown;
    row(people ? cell(std::string(tr("Total"))) : cell(std::monostate{}), std::monostate{},
        st.total);
    return t;
}

void add_roster_list(CLI::App* grp, session& s) {
    struct list_opts {
        roster_filter filter;
        std::string format = "table";
        bool active = false, moved_out = false, reveal = false;
    };
    auto o = std::make_shared<list_opts>();
    roster_filter& lf = o->filter;
    auto* list = grp->add_subcommand("list", tr("list residents; the filters combine"));
    place_options(*list, lf.compound, lf.building, tr("in this compound (小区)"),
                  tr("in this building: 12, 幸福里/12 or #ID"));
    list->add_option("--unit", lf.unit, tr("in this unit (单元)"));
    list->add_option("--role", lf.role, tr("in this role (one of [roster] roles)"));
    list->add_flag("--party-member", lf.party_members_only, tr("party members only"));
    list->add_flag("--leader", lf.leaders_only, tr("building leaders (楼长) only"));
    list->add_flag("--active", o->active, tr("living here now only"));
    list->add_flag("--moved-out", o->moved_out, tr("moved out only"));
    list->add_option("--search", lf.search,
                     tr("text in the name or remark, or digits of the phone"));
    limit_option(*list, lf.limit, tr("at most N residents"));
    list->add_flag("--reveal-pii", o->reveal,
                   tr("show phone numbers unmasked (recorded in the audit log)"));
    format_option(*list, o->format, listing_formats);
    list->footer(
        tr("Columns (JSON keys): id, name, gender, birth_year, phone, compound, building, unit,\n"
           "room, area, role, party_member, building_leader, volunteer, committee_member,\n"
           "moved_in, moved_out, active, remark. Tables show fewer, wider columns for people.\n"
           "Without --active or --moved-out, everyone is listed.\n"
           "Example: gov roster list --building 12 --role 租户 --active\n"
           "         gov roster list --search 1381234 --format json"));
    list->callback([o, &s] {
        auto format = parse_output_format(o->format);
        if (o->active && o->moved_out)
            throw usage_error(tr("--active and --moved-out exclude each other"));
        roster_filter f = o->filter;
        f.which = o->active      ? roster_filter::status::active
                  : o->moved_out ? roster_filter::status::moved_out
                                 : roster_filter::status::any;
        if (format == output_format::table) {
            // Row by row into the table's text: a whole roster is a million
            // residents, and only the text is drawn (gov/table.hpp).
            text_table t;
            t.columns = roster_people_columns();
            for_each_resident(s.ctx(), f, [&](const resident& r) {
                for (const cell& c : roster_people_row(r, o->reveal)) t.add_cell(c);
                t.end_row();
            });
            if (o->reveal)
                record_pii_reveal(s.ctx(), "roster list", static_cast<std::int64_t>(t.rows()));
            s.print(t);
            return;
        }
        auto rs = list_roster(s.ctx(), f);
        if (o->reveal)
            record_pii_reveal(s.ctx(), "roster list", static_cast<std::int64_t>(rs.size()));
        if (format == output_format::markdown)
            s.print(roster_people_table(rs, o->reveal), format);
        else
            s.print(roster_table(rs, o->reveal), format);
    });
}

void add_roster_show(CLI::App* grp, session& s) {
    struct show_opts {
        std::string ref, format = "text";
        bool reveal = false;
    };
    auto so = std::make_shared<show_opts>();
    auto* show = grp->add_subcommand(
        "show", tr("one resident with their household, building leader and owner record"));
    show->add_option("resident", so->ref, tr("#ID or ID, an 11-digit phone, or a unique name"))
        ->required();
    format_option(*show, so->format, result_formats);
    show->add_flag("--reveal-pii", so->reveal,
                   tr("show phone numbers unmasked (recorded in the audit log)"));
    show->footer(tr("Example: gov roster show 42\n         gov roster show 张三 --format json"));
    show->callback([so, &s] {
        auto d = show_resident(s.ctx(), so->ref);
        if (so->reveal) record_pii_reveal(s.ctx(), "roster show", 1, std::to_string(d.person.id));
        if (so->format == "json")
            s.out() << render_json(d, so->reveal);
        else
            print_detail(s.out(), d, so->reveal);
    });
}

void add_roster_stats(CLI::App* grp, session& s) {
    struct stats_opts {
        roster_scope scope;
        std::string format = "table";
    };
    auto st = std::make_shared<stats_opts>();
    auto* stats = grp->add_subcommand(
        "stats", tr("households, residents, owners, roles, party members, empty rooms"));
    place_options(*stats, st->scope.compound, st->scope.building, tr("only this compound"),
                  tr("only this building"));
    format_option(*stats, st->format, listing_formats);
    stats->footer(
        tr("One row per building, then the total (compound and building null in JSON/CSV).\n"
           "Columns (JSON keys): compound, building, households, residents, owners, one per\n"
           "role of [roster] roles (keyed by the role's name), party_members, empty_households,\n"
           "area. Only active residents count; owners are distinct owner records (one head per\n"
           "owner, so the total may be less than the sum of the buildings).\n"
           "Example: gov roster stats --compound 幸福里"));
    stats->callback([st, &s] {
        auto format = parse_output_format(st->format);
        const roster_scope& scope = st->scope;
        s.print(stats_table(roster_stats(s.ctx(), scope), s.cfg().roster, format), format);
    });
}

void add_roster_export(CLI::App* grp, session& s) {
    struct export_opts {
        roster_export_request req;
        std::string output, format = "csv";
        bool no_bom = false;
    };
    auto eo = std::make_shared<export_opts>();
    auto* exp = grp->add_subcommand(
        "export", tr("write the roster in the columns `gov roster import` reads"));
    format_option(*exp, eo->format, {{"csv", "json"}, "csv"});
    exp->add_option("-o,--output", eo->output,
                    tr("write to this new file (mode 0600) instead of stdout"));
    exp->add_flag("--no-bom", eo->no_bom,
                  tr("CSV without the UTF-8 byte order mark spreadsheets need (for scripts)"));
    exp->add_flag("--all", eo->req.include_moved_out, tr("include residents who moved out"));
    place_options(*exp, eo->req.scope.compound, eo->req.scope.building, tr("only this compound"),
                  tr("only this building"));
    exp->add_flag("--reveal-pii", eo->req.reveal_pii,
                  tr("write phone numbers unmasked, as a file to re-import needs them "
                     "(recorded in the audit log)"));
    exp->footer(
        tr("CSV: the [roster.columns] headers; 是否志愿者, 是否业委会成员 and 迁出日期 only when\n"
           "a resident has a value there. JSON: objects keyed by field name.\n"
           "Example: gov roster export --reveal-pii -o 花名册-2026秋.csv"));
    exp->callback([eo, &s] {
        roster_export_request req = eo->req;
        req.format = eo->format == "json" ? roster_export_format::json : roster_export_format::csv;
        req.bom = !eo->no_bom;
        auto& ctx = s.ctx();
        // Not over the rows themselves, when they go to the terminal.
        progress_meter progress(tr("writing the roster"), progress_meter::unit::rows,
                                !eo->output.empty() || !s.out_is_terminal());
        req.progress = progress.callback();
        if (eo->output.empty()) {
            export_roster(ctx, req, s.out());
        } else {
            auto r = export_roster_file(ctx, req, eo->output);
            progress.done();
            s.out() << fmt::format(fmt::runtime(tr("exported {} residents to {}\n")), r.residents,
                                   eo->output);
        }
    });
}

}  // namespace

void register_roster(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("roster", tr("the resident roster"));
    grp->require_subcommand(1);

    add_roster_list(grp, s);
    add_roster_show(grp, s);
    add_roster_stats(grp, s);
    add_roster_export(grp, s);
}

}  // namespace gov::cli
