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
#include "options.hpp"
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

// --target ITEM=N (repeatable) into the deliverables of a draft or changes.
void targets_option(CLI::App& cmd, std::vector<deliverable_target>& targets, const char* help) {
    cmd.add_option_function<std::vector<std::string>>(
        "--target",
        [&targets](const std::vector<std::string>& texts) {
            for (const auto& t : texts) targets.push_back(parse_target_option(t));
        },
        help);
}

// A repeatable option naming records by number (`what` names the kind in
// the message, like "an issue") into a list of ids.
void record_ids_option(CLI::App& cmd, const std::string& name, std::vector<std::int64_t>& ids,
                       const char* what, const char* help) {
    cmd.add_option_function<std::vector<std::string>>(
        name,
        [&ids, what](const std::vector<std::string>& texts) {
            for (const auto& t : texts) ids.push_back(parse_record_id(t, what));
        },
        help);
}

// An option of update where "" removes the value (sets `clear`) and
// anything else is read into `value` by `read`.
template <class T, class Read>
void clearable_option(CLI::App& cmd, const std::string& name, std::optional<T>& value, bool& clear,
                      const char* help, Read read) {
    cmd.add_option_function<std::string>(
        name,
        [&value, &clear, name, read](const std::string& text) {
            if (text.empty())
                clear = true;
            else
                value = read(name.c_str(), text);
        },
        help);
}

void register_new(CLI::App& grp, session& s) {
    struct new_opts {
        project_draft draft;
        std::string format = "text";
    };
    auto o = std::make_shared<new_opts>();
    project_draft& d = o->draft;
    auto* cmd = grp.add_subcommand("new", tr("record a project; prints its number"));
    cmd->add_option("title", d.title, tr("what the project does, in one line"))->required();
    cmd->add_option("--description", d.description, tr("details"));
    cmd->add_option("--lead", d.lead,
                    tr("who leads it: a party's name (#ID), else a resident's id, phone or name"));
    cmd->add_option("--partner", d.partners, tr("a partner party (repeatable)"));
    // "" leaves the project without a budget.
    cmd->add_option_function<std::string>(
        "--budget",
        [&d](const std::string& text) {
            if (!text.empty()) d.budget_fen = parse_money(text);
        },
        tr("planned amount in yuan, like 36000.00"));
    date_filter_option(*cmd, "--start", d.start, tr("start date"));
    date_filter_option(*cmd, "--due", d.due, tr("due date"));
    targets_option(*cmd, d.targets,
                   tr("a deliverable and its target count, like 健身器材=6 (repeatable)"));
    record_ids_option(*cmd, "--issue", d.issues, "an issue",
                      tr("an issue it came from (repeatable)"));
    record_ids_option(*cmd, "--proposal", d.proposals, "a proposal",
                      tr("a proposal it came from (repeatable)"));
    record_ids_option(*cmd, "--meeting", d.meetings, "a meeting",
                      tr("a meeting whose decision it came from (repeatable)"));
    cmd->add_flag_callback(
        "--active", [&d] { d.status = project_status::active; },
        tr("start it as active rather than planned"));
    format_option(*cmd, o->format,
                  {{"text", "json"}, "text", tr("text (the number) or json ({\"id\": N})")});
    cmd->footer(
        tr("Example: gov project new \"更新小区健身器材\" --lead 社区居委会 --partner 物业公司 \\\n"
           "           --budget 36000 --due 2026-12-31 --target 健身器材=6 --issue 12"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = create_project(s.ctx(), o->draft);
        if (json)
            s.out() << render_json(receipt().add("id", id));
        else
            s.out() << id << "\n";
    });
}

// --progress: a percent 0-100, or "auto" (no percent: derived again).
manual_progress parse_progress(const std::string& text) {
    manual_progress p;
    if (text == "auto") return p;
    int v = -1;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size())
        throw usage_error(fmt::format(
            fmt::runtime(tr("--progress: \"{}\" is not a percent 0-100 or auto")), text));
    p.percent = v;
    return p;
}

void register_update(CLI::App& grp, session& s) {
    struct update_opts {
        std::string id, reason, format = "text";
        project_changes changes;
    };
    auto o = std::make_shared<update_opts>();
    project_changes& c = o->changes;
    auto* cmd = grp.add_subcommand("update", tr("change a project's fields or set its progress"));
    cmd->add_option("id", o->id, tr("the project number"))->required();
    cmd->add_option("--title", c.title, tr("a new title"));
    cmd->add_option("--description", c.description, tr("details"));
    cmd->add_option("--lead", c.lead, tr("who leads it (\"\" for nobody)"));
    clearable_option(*cmd, "--budget", c.budget_fen, c.clear_budget,
                     tr("planned amount in yuan (\"\" removes the budget)"),
                     [](const char*, const std::string& text) { return parse_money(text); });
    clearable_option(*cmd, "--start", c.start, c.clear_start, tr("start date (\"\" removes it)"),
                     date_option);
    clearable_option(*cmd, "--due", c.due, c.clear_due, tr("due date (\"\" removes it)"),
                     date_option);
    cmd->add_option("--partner", c.add_partners, tr("add a partner party (repeatable)"));
    cmd->add_option("--remove-partner", c.remove_partners,
                    tr("remove a partner party (repeatable)"));
    targets_option(*cmd, c.targets,
                   tr("add a deliverable or change its target: ITEM=N (repeatable)"));
    cmd->add_option_function<std::string>(
        "--progress", [&c](const std::string& text) { c.progress = parse_progress(text); },
        tr("set progress by hand, 0-100 (needs --reason), or \"auto\" to derive it again"));
    cmd->add_option("--reason", o->reason, tr("why progress is set by hand"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(
        tr("Progress set by hand is shown as manual, next to what the configured rule derives.\n"
           "Example: gov project update 3 --budget 38000 --due 2027-01-15 --target 长椅=4\n"
           "         gov project update 3 --progress 40 --reason \"施工队估计完成四成\""));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_record_id(o->id);
        // The reason belongs to the progress, which only --progress makes.
        if (o->changes.progress)
            o->changes.progress->reason = o->reason;
        else if (!o->reason.empty())
            throw usage_error(tr("--reason goes with --progress"));
        print_changes(s, id, update_project(s.ctx(), id, o->changes), json);
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
