// gov project new | update | status (the records a project accumulates:
// project_records.cpp; list, show and updates: project_show.cpp)
#include <charconv>

#include <fmt/format.h>

#include "cells.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "gov/projects/project.hpp"
#include "gov/text/json.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issue_commands.hpp"
#include "project_commands.hpp"

namespace gov::cli {

std::int64_t parse_record_id(const std::string& text, const char* what) {
    std::string_view v = text;
    if (!v.empty() && v[0] == '#') v.remove_prefix(1);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || id <= 0)
        throw usage_error(fmt::format(
            fmt::runtime(tr("\"{}\" is not the number of {} (like 3 or #3)")), text, tr(what)));
    return id;
}

deliverable_target parse_target_option(const std::string& text) {
    auto eq = text.rfind('=');
    std::int64_t n = 0;
    if (eq != std::string::npos && eq > 0) {
        std::string_view count(text.data() + eq + 1, text.size() - eq - 1);
        auto [p, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
        if (!count.empty() && ec == std::errc{} && p == count.data() + count.size() && n > 0)
            return {text.substr(0, eq), n};
    }
    throw usage_error(fmt::format(
        fmt::runtime(tr("--target: \"{}\" is not ITEM=N with N at least 1, like 健身器材=6")),
        text));
}

namespace {

void print_changes(session& s, std::int64_t id, const std::vector<project_field_change>& changes,
                   bool json) {
    if (json) {
        s.out() << render_json(id, changes);
        return;
    }
    if (changes.empty()) {
        s.out() << fmt::format(fmt::runtime(tr("project #{}: nothing changed\n")), id);
        return;
    }
    for (const auto& c : changes) {
        s.out() << fmt::format("project #{}: {}: {} → {}\n", id, c.field,
                               change_value(s, c.field, c.from), change_value(s, c.field, c.to));
    }
}

std::vector<std::int64_t> ids(const std::vector<std::string>& texts, const char* what) {
    std::vector<std::int64_t> out;
    for (const auto& t : texts) out.push_back(parse_record_id(t, what));
    return out;
}

struct project_opts {
    std::string id, title, description, lead, budget, start, due, progress, reason, format = "text";
    std::vector<std::string> partners, remove_partners, targets, issues, proposals, meetings;
    bool active = false;
};

void register_new(CLI::App& grp, session& s) {
    auto o = std::make_shared<project_opts>();
    auto* cmd = grp.add_subcommand("new", tr("record a project; prints its number"));
    cmd->add_option("title", o->title, tr("what the project does, in one line"))->required();
    cmd->add_option("--description", o->description, tr("details"));
    cmd->add_option("--lead", o->lead,
                    tr("who leads it: a party's name (#ID), else a resident's id, phone or name"));
    cmd->add_option("--partner", o->partners, tr("a partner party (repeatable)"));
    cmd->add_option("--budget", o->budget, tr("planned amount in yuan, like 36000.00"));
    cmd->add_option("--start", o->start, tr("start date"));
    cmd->add_option("--due", o->due, tr("due date"));
    cmd->add_option("--target", o->targets,
                    tr("a deliverable and its target count, like 健身器材=6 (repeatable)"));
    cmd->add_option("--issue", o->issues, tr("an issue it came from (repeatable)"));
    cmd->add_option("--proposal", o->proposals, tr("a proposal it came from (repeatable)"));
    cmd->add_option("--meeting", o->meetings,
                    tr("a meeting whose decision it came from (repeatable)"));
    cmd->add_flag("--active", o->active, tr("start it as active rather than planned"));
    format_option(*cmd, o->format,
                  {{"text", "json"}, "text", tr("text (the number) or json ({\"id\": N})")});
    cmd->footer(
        tr("Example: gov project new \"更新小区健身器材\" --lead 社区居委会 --partner 物业公司 \\\n"
           "           --budget 36000 --due 2026-12-31 --target 健身器材=6 --issue 12"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        project_draft d;
        d.title = o->title;
        d.description = o->description;
        d.lead = o->lead;
        d.partners = o->partners;
        if (!o->budget.empty()) d.budget_fen = parse_money(o->budget);
        if (!o->start.empty()) d.start = date_option("--start", o->start);
        if (!o->due.empty()) d.due = date_option("--due", o->due);
        for (const auto& t : o->targets) d.targets.push_back(parse_target_option(t));
        d.issues = ids(o->issues, "an issue");
        d.proposals = ids(o->proposals, "a proposal");
        d.meetings = ids(o->meetings, "a meeting");
        if (o->active) d.status = project_status::active;
        std::int64_t id = create_project(s.ctx(), d);
        if (json)
            s.out() << render_json(receipt().add("id", id));
        else
            s.out() << id << "\n";
    });
}

void register_update(CLI::App& grp, session& s) {
    auto o = std::make_shared<project_opts>();
    auto* cmd = grp.add_subcommand("update", tr("change a project's fields or set its progress"));
    cmd->add_option("id", o->id, tr("the project number"))->required();
    auto* title = cmd->add_option("--title", o->title, tr("a new title"));
    auto* description = cmd->add_option("--description", o->description, tr("details"));
    auto* lead = cmd->add_option("--lead", o->lead, tr("who leads it (\"\" for nobody)"));
    auto* budget = cmd->add_option("--budget", o->budget,
                                   tr("planned amount in yuan (\"\" removes the budget)"));
    auto* start = cmd->add_option("--start", o->start, tr("start date (\"\" removes it)"));
    auto* due = cmd->add_option("--due", o->due, tr("due date (\"\" removes it)"));
    cmd->add_option("--partner", o->partners, tr("add a partner party (repeatable)"));
    cmd->add_option("--remove-partner", o->remove_partners,
                    tr("remove a partner party (repeatable)"));
    cmd->add_option("--target", o->targets,
                    tr("add a deliverable or change its target: ITEM=N (repeatable)"));
    auto* progress = cmd->add_option(
        "--progress", o->progress,
        tr("set progress by hand, 0-100 (needs --reason), or \"auto\" to derive it again"));
    cmd->add_option("--reason", o->reason, tr("why progress is set by hand"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(
        tr("Progress set by hand is shown as manual, next to what the configured rule derives.\n"
           "Example: gov project update 3 --budget 38000 --due 2027-01-15 --target 长椅=4\n"
           "         gov project update 3 --progress 40 --reason \"施工队估计完成四成\""));
    cmd->callback([=, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_record_id(o->id);
        project_changes c;
        if (title->count()) c.title = o->title;
        if (description->count()) c.description = o->description;
        if (lead->count()) c.lead = o->lead;
        if (budget->count()) {
            if (o->budget.empty())
                c.clear_budget = true;
            else
                c.budget_fen = parse_money(o->budget);
        }
        if (start->count()) {
            if (o->start.empty())
                c.clear_start = true;
            else
                c.start = date_option("--start", o->start);
        }
        if (due->count()) {
            if (o->due.empty())
                c.clear_due = true;
            else
                c.due = date_option("--due", o->due);
        }
        c.add_partners = o->partners;
        c.remove_partners = o->remove_partners;
        for (const auto& t : o->targets) c.targets.push_back(parse_target_option(t));
        if (progress->count()) {
            manual_progress p;
            p.reason = o->reason;
            if (o->progress != "auto") {
                int v = -1;
                auto [ptr, ec] =
                    std::from_chars(o->progress.data(), o->progress.data() + o->progress.size(), v);
                if (o->progress.empty() || ec != std::errc{} ||
                    ptr != o->progress.data() + o->progress.size())
                    throw usage_error(fmt::format(
                        fmt::runtime(tr("--progress: \"{}\" is not a percent 0-100 or auto")),
                        o->progress));
                p.percent = v;
            }
            c.progress = p;
        } else if (!o->reason.empty()) {
            throw usage_error(tr("--reason goes with --progress"));
        }
        print_changes(s, id, update_project(s.ctx(), id, c), json);
    });
}

void register_status(CLI::App& grp, session& s) {
    struct status_opts {
        std::string id, status, reason, format = "text";
        bool resolve_origin = false;
    };
    auto o = std::make_shared<status_opts>();
    auto* cmd = grp.add_subcommand(
        "status", tr("move a project: planned → active → done, or blocked, cancelled"));
    cmd->add_option("id", o->id, tr("the project number"))->required();
    cmd->add_option("status", o->status, tr("planned, active, blocked, done or cancelled"))
        ->required();
    cmd->add_option("--reason", o->reason, tr("why (required for blocked and cancelled)"));
    cmd->add_flag("--resolve-origin", o->resolve_origin,
                  tr("on done: resolve the issues the project came from"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(
        tr("planned may become active, blocked or cancelled; active may become blocked, done or\n"
           "cancelled; blocked may become active or cancelled; done and cancelled are final.\n"
           "Example: gov project status 3 done --resolve-origin\n"
           "         gov project status 3 blocked --reason \"等待资金到位\""));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_record_id(o->id);
        auto to = parse_project_status(o->status);
        auto r = set_project_status(s.ctx(), id, to, o->reason, o->resolve_origin);
        if (json) {
            s.out() << render_json(id, r);
            return;
        }
        s.out() << fmt::format("project #{}: status: {} → {}\n", id, to_string(r.from),
                               to_string(r.to));
        for (auto issue : r.resolved_issues)
            s.out() << fmt::format(fmt::runtime(tr("issue #{}: resolved\n")), issue);
        for (auto issue : r.already_done_issues)
            s.out() << fmt::format(fmt::runtime(tr("issue #{}: already done, left as it is\n")),
                                   issue);
    });
}

}  // namespace

void register_project(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("project",
                                   tr("practical projects for residents, from origin to delivery"));
    grp->require_subcommand(1);
    grp->footer(
        tr("Example: gov project new \"更新小区健身器材\" --budget 36000 --target 健身器材=6\n"
           "         gov project list --format markdown"));
    register_new(*grp, s);
    register_project_show(*grp, s);
    register_update(*grp, s);
    register_status(*grp, s);
    register_project_records(*grp, s);
}

}  // namespace gov::cli
