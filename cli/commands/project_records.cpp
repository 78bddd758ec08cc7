// gov project milestone add|done | deliver | fund | note | link
#include <fmt/format.h>

#include "dates.hpp"
#include "gov/projects/project.hpp"
#include "gov/text/json.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issue_commands.hpp"
#include "options.hpp"
#include "project_commands.hpp"

namespace gov::cli {
namespace {

// The project number and what milestone, note and link take; deliver and
// fund bind into their request (delivery, funding_entry) instead.
struct record_opts {
    std::string id, title, milestone, due, date, text, format = "text";
    bool origin = false;
    std::string issue, proposal, meeting;
};

void print_json(session& s, const receipt& r) {
    s.out() << render_json(r);
}

void register_milestone(CLI::App& grp, session& s) {
    auto* ms = grp.add_subcommand("milestone", tr("a project's milestones: add, done"));
    ms->require_subcommand(1);
    ms->footer(tr("Example: gov project milestone add 3 \"完成采购\" --due 2026-12-10"));
    {
        auto o = std::make_shared<record_opts>();
        auto* cmd = ms->add_subcommand("add", tr("add a milestone; prints its number"));
        cmd->add_option("id", o->id, tr("the project number"))->required();
        cmd->add_option("title", o->title, tr("what is reached"))->required();
        cmd->add_option("--due", o->due, tr("when it is due"));
        format_option(*cmd, o->format, result_formats);
        cmd->footer(tr("Example: gov project milestone add 3 \"完成采购\" --due 2026-12-10"));
        cmd->callback([o, &s] {
            bool json = json_output(o->format);
            std::int64_t id = parse_record_id(o->id);
            auto n = add_milestone(s.ctx(), id, o->title, optional_date_option("--due", o->due));
            if (json)
                print_json(s, {{"id", id}, {"milestone", n}});
            else
                s.out() << n << "\n";
        });
    }
    {
        auto o = std::make_shared<record_opts>();
        auto* cmd = ms->add_subcommand("done", tr("mark a milestone done"));
        cmd->add_option("id", o->id, tr("the project number"))->required();
        cmd->add_option("milestone", o->milestone, tr("the milestone's number or exact title"))
            ->required();
        cmd->add_option("--date", o->date, tr("when it was done (default today)"));
        format_option(*cmd, o->format, result_formats);
        cmd->footer(tr("Example: gov project milestone done 3 2 --date 2026-11-20"));
        cmd->callback([o, &s] {
            bool json = json_output(o->format);
            std::int64_t id = parse_record_id(o->id);
            complete_milestone(s.ctx(), id, o->milestone, optional_date_option("--date", o->date));
            if (json)
                print_json(s, {{"id", id}, {"milestone", o->milestone}, {"done", true}});
            else
                s.out() << fmt::format(fmt::runtime(tr("project #{}: milestone {} done\n")), id,
                                       o->milestone);
        });
    }
}

void register_deliver(CLI::App& grp, session& s) {
    struct deliver_opts {
        std::string id, format = "text";
        delivery entry;
    };
    auto o = std::make_shared<deliver_opts>();
    delivery& d = o->entry;
    auto* cmd = grp.add_subcommand("deliver", tr("record delivered items of a deliverable"));
    cmd->add_option("id", o->id, tr("the project number"))->required();
    cmd->add_option("--item", d.item, tr("the deliverable, by name"))->required();
    cmd->add_option("--count", d.count, tr("how many more were delivered"))->required();
    cmd->add_flag("--total", d.set_total, tr("--count is the corrected total, not more"));
    // Read as a plain count, so that --target "" is a target of 0 (refused
    // by deliver) rather than no target.
    cmd->add_option_function<std::int64_t>(
        "--target", [&d](std::int64_t n) { d.target = n; },
        tr("target count: adds a new deliverable, or changes it"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(
        tr("Example: gov project deliver 3 --item 健身器材 --count 4\n"
           "         gov project deliver 3 --item 长椅 --count 2 --target 4"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_record_id(o->id);
        auto now = deliver(s.ctx(), id, o->entry);
        if (json)
            print_json(s, {{"id", id}, {"item", o->entry.item}, {"delivered", now}});
        else
            s.out() << fmt::format(fmt::runtime(tr("project #{}: {}: {} delivered\n")), id,
                                   o->entry.item, now);
    });
}

void register_fund(CLI::App& grp, session& s) {
    struct fund_opts {
        std::string id, format = "text";
        funding_entry entry;
    };
    auto o = std::make_shared<fund_opts>();
    funding_entry& f = o->entry;
    auto* cmd = grp.add_subcommand("fund", tr("record money received from a party"));
    cmd->add_option("id", o->id, tr("the project number"))->required();
    cmd->add_option("--from", f.from, tr("the party that pays: name or #ID"))->required();
    cmd->add_option_function<std::string>(
           "--amount", [&f](const std::string& text) { f.amount_fen = parse_money(text); },
           tr("yuan with at most two decimals, like 12000.00"))
        ->required();
    date_filter_option(*cmd, "--date", f.on, tr("when it was received (default today)"));
    cmd->add_option("--note", f.note, tr("a note, e.g. the agreement"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(tr("Example: gov project fund 3 --from 共建单位A --amount 12000.00"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_record_id(o->id);
        auto funded = fund_project(s.ctx(), id, o->entry);
        std::string amount = format_money(o->entry.amount_fen);
        if (json)
            print_json(s, {{"id", id}, {"amount", amount}, {"funded", format_money(funded)}});
        else
            s.out() << fmt::format(fmt::runtime(tr("project #{}: {} received, {} funded in all\n")),
                                   id, amount, format_money(funded));
    });
}

void register_note(CLI::App& grp, session& s) {
    auto o = std::make_shared<record_opts>();
    auto* cmd = grp.add_subcommand("note", tr("add a dated update to a project"));
    cmd->add_option("id", o->id, tr("the project number"))->required();
    cmd->add_option("text", o->text, tr("what happened"))->required();
    cmd->add_option("--date", o->date, tr("the day it is about (default today)"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(tr("Example: gov project note 3 \"四方联席会议确定安装位置\""));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_record_id(o->id);
        auto n = add_project_note(s.ctx(), id, o->text, optional_date_option("--date", o->date));
        if (json)
            print_json(s, {{"id", id}, {"update_id", n}});
        else
            s.out() << fmt::format(fmt::runtime(tr("project #{}: update {} added\n")), id, n);
    });
}

void register_link(CLI::App& grp, session& s) {
    auto o = std::make_shared<record_opts>();
    auto* cmd = grp.add_subcommand("link", tr("link a project to an issue, proposal or meeting"));
    cmd->add_option("id", o->id, tr("the project number"))->required();
    auto* issue = cmd->add_option("--issue", o->issue, tr("an issue it came from"));
    auto* proposal = cmd->add_option("--proposal", o->proposal, tr("a proposal it came from"));
    auto* meeting =
        cmd->add_option("--meeting", o->meeting, tr("a meeting where it was discussed"));
    cmd->add_flag("--origin", o->origin,
                  tr("with --meeting: the meeting decided the project (its origin)"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(tr(
        "Issues and proposals are origins: completing with --resolve-origin resolves the issues.\n"
        "Example: gov project link 3 --meeting 5\n"
        "         gov project link 3 --issue 12"));
    cmd->callback([=, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_record_id(o->id);
        std::size_t given = issue->count() + proposal->count() + meeting->count();
        if (given != 1)
            throw usage_error(tr("give exactly one of --issue, --proposal or --meeting"));
        if (o->origin && !meeting->count())
            throw usage_error(
                tr("--origin goes with --meeting (issues and proposals are origins)"));
        project_link_kind kind = issue->count()      ? project_link_kind::issue
                                 : proposal->count() ? project_link_kind::proposal
                                                     : project_link_kind::meeting;
        const std::string& ref = issue->count()      ? o->issue
                                 : proposal->count() ? o->proposal
                                                     : o->meeting;
        std::string what = fmt::format("a {}", to_string(kind));
        std::int64_t target = parse_record_id(ref, what.c_str());
        bool added = link_project(s.ctx(), id, kind, target, o->origin);
        if (json)
            print_json(s, {{"id", id},
                           {"kind", std::string(to_string(kind))},
                           {"target", target},
                           {"added", added}});
        else
            s.out() << fmt::format(
                fmt::runtime(added ? tr("project #{}: linked to {} #{}\n")
                                   : tr("project #{}: already linked to {} #{}\n")),
                id, to_string(kind), target);
    });
}

}  // namespace

void register_project_records(CLI::App& grp, session& s) {
    register_milestone(grp, s);
    register_deliver(grp, s);
    register_fund(grp, s);
    register_note(grp, s);
    register_link(grp, s);
}

}  // namespace gov::cli
