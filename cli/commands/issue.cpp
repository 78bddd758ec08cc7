// gov issue add | update | assign | comment | resolve | close | reopen | reject
// (list and show: issue_show.cpp; import and export: issue_files.cpp)
#include <charconv>

#include <fmt/format.h>

#include "cells.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "gov/issues/issue.hpp"
#include "gov/meetings/meeting.hpp"
#include "gov/meetings/meeting_minutes.hpp"
#include "gov/text/json.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issue_commands.hpp"

namespace gov::cli {

std::int64_t parse_issue_id(const std::string& text) {
    std::string_view v = text;
    if (!v.empty() && v[0] == '#') v.remove_prefix(1);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || id <= 0)
        throw usage_error(
            fmt::format(fmt::runtime(tr("\"{}\" is not an issue number (like 42 or #42)")), text));
    return id;
}

std::vector<std::string> describe_changes(session& s,
                                          const std::vector<issue_field_change>& changes) {
    std::vector<std::string> out;
    for (const auto& c : changes) {
        out.push_back(fmt::format("{}: {} → {}", c.field, change_value(s, c.field, c.from),
                                  change_value(s, c.field, c.to)));
    }
    return out;
}

namespace {

// Prints what a change did: one line per field, or JSON for scripts.
void report(session& s, std::int64_t id, const std::vector<issue_field_change>& changes,
            bool json) {
    if (json) {
        s.out() << render_json(id, changes);
        return;
    }
    if (changes.empty()) {
        s.out() << fmt::format(fmt::runtime(tr("issue #{}: nothing changed\n")), id);
        return;
    }
    for (const auto& line : describe_changes(s, changes))
        s.out() << fmt::format("issue #{}: {}\n", id, line);
}

struct issue_opts {
    std::string id, title, description, category, severity, priority, building, unit, room;
    std::string raised_by, assignee, due, status, resolution, format = "text";
    std::vector<std::string> tags, untags;
};

// The options add and update share; `set` records which were given.
struct field_options {
    CLI::Option *description, *category, *severity, *priority, *building, *unit, *room, *raised_by,
        *assignee, *due;
};

field_options add_field_options(CLI::App& cmd, issue_opts& o) {
    field_options f{};
    f.description = cmd.add_option("--description", o.description, tr("details"));
    f.category = cmd.add_option("--category", o.category,
                                tr("one of [issues] categories; sets the due date"));
    f.severity = cmd.add_option("--severity", o.severity, tr("one of [issues] severities"));
    f.priority = cmd.add_option("--priority", o.priority, tr("one of [issues] priorities"));
    f.building =
        cmd.add_option("--building", o.building, tr("the building (12, 幸福里/12 or #ID)"));
    f.unit = cmd.add_option("--unit", o.unit, tr("a unit of the building, by name"));
    f.room =
        cmd.add_option("--room", o.room, tr("a room (12-3-1502, or 1502 with --unit) or a place"));
    f.raised_by = cmd.add_option("--raised-by", o.raised_by,
                                 tr("who raised it: a resident's id, phone or unique name"));
    f.assignee = cmd.add_option("--assign", o.assignee,
                                tr("who must act: a party's name (#ID), else a resident"));
    f.due = cmd.add_option("--due", o.due, tr("due date (default: the category's deadline)"));
    return f;
}

std::optional<std::string> given(CLI::Option* opt, const std::string& value) {
    if (opt->count() == 0) return std::nullopt;
    return value;
}

void add_issue_add(CLI::App* grp, session& s) {
    auto o = std::make_shared<issue_opts>();
    auto* cmd = grp->add_subcommand("add", tr("record an issue; prints its number"));
    cmd->add_option("title", o->title, tr("what it is about, in one line"))->required();
    add_field_options(*cmd, *o);
    cmd->add_option("--tag", o->tags, tr("a tag such as 痛点, 难点, 堵点 (repeatable)"));
    format_option(*cmd, o->format,
                  {{"text", "json"}, "text", tr("text (the number) or json ({\"id\": N})")});
    cmd->footer(
        tr("Example: gov issue add \"3号楼电梯故障\" --category 设施维修 --building 3 "
           "--raised-by 13800000001 --assign 物业公司 --tag 痛点"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        issue_draft d;
        d.title = o->title;
        d.description = o->description;
        d.category = o->category;
        d.severity = o->severity;
        d.priority = o->priority;
        d.building = o->building;
        d.unit = o->unit;
        d.room = o->room;
        d.raised_by = o->raised_by;
        d.assignee = o->assignee;
        if (!o->due.empty()) d.due = date_option("--due", o->due);
        d.tags = o->tags;
        std::int64_t id = add_issue(s.ctx(), d);
        if (json)
            s.out() << render_json(receipt().add("id", id));
        else
            s.out() << id << "\n";
    });
}

void add_issue_update(CLI::App* grp, session& s) {
    auto o = std::make_shared<issue_opts>();
    auto* cmd = grp->add_subcommand("update", tr("change an issue's fields or status"));
    cmd->add_option("id", o->id, tr("the issue number"))->required();
    auto* title = cmd->add_option("--title", o->title, tr("a new title"));
    auto f = add_field_options(*cmd, *o);
    cmd->add_option("--tag", o->tags, tr("add a tag (repeatable)"));
    cmd->add_option("--untag", o->untags, tr("remove a tag (repeatable)"));
    auto* status =
        cmd->add_option("--status", o->status, tr("move to this status, as the workflow allows"));
    auto* resolution =
        cmd->add_option("--resolution", o->resolution, tr("what was done (to resolve)"));
    auto for_meeting = std::make_shared<std::int64_t>(0);
    auto* meeting = cmd->add_option("--for-meeting", *for_meeting,
                                    tr("put the issue on this meeting's agenda"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(
        tr("An empty value clears an optional field (--severity \"\").\n"
           "Example: gov issue update 42 --priority 高 --status in_progress --tag 难点"));
    cmd->callback([o, f, title, status, resolution, for_meeting, meeting, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_issue_id(o->id);
        issue_changes c;
        c.title = given(title, o->title);
        c.description = given(f.description, o->description);
        c.category = given(f.category, o->category);
        c.severity = given(f.severity, o->severity);
        c.priority = given(f.priority, o->priority);
        c.building = given(f.building, o->building);
        c.unit = given(f.unit, o->unit);
        c.room = given(f.room, o->room);
        c.raised_by = given(f.raised_by, o->raised_by);
        c.assignee = given(f.assignee, o->assignee);
        if (f.due->count()) c.due = date_option("--due", o->due);
        c.add_tags = o->tags;
        c.remove_tags = o->untags;
        c.status = given(status, o->status);
        c.resolution = given(resolution, o->resolution);
        if (meeting->count()) {
            // On a meeting's agenda (gov/meeting_minutes.hpp), after the field changes.
            require_meeting(s.ctx(), *for_meeting);
            auto changes = update_issue(s.ctx(), id, c);
            put_issue_on_agenda(s.ctx(), id, *for_meeting);
            if (!changes.empty() || json) report(s, id, changes, json);
            if (!json)
                s.out() << fmt::format(
                    fmt::runtime(tr("issue #{}: on the agenda of meeting #{}\n")), id,
                    *for_meeting);
            return;
        }
        report(s, id, update_issue(s.ctx(), id, c), json);
    });
}

void add_issue_assign(CLI::App* grp, session& s) {
    auto o = std::make_shared<issue_opts>();
    auto* cmd =
        grp->add_subcommand("assign", tr("give an issue to the party (or resident) who must act"));
    cmd->add_option("id", o->id, tr("the issue number"))->required();
    cmd->add_option("who", o->assignee,
                    tr("a party's name or #ID, else a resident's id, phone or name; "
                       "\"\" removes the assignee"))
        ->required();
    format_option(*cmd, o->format, result_formats);
    cmd->footer(tr("Example: gov issue assign 42 物业公司"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_issue_id(o->id);
        report(s, id, assign_issue(s.ctx(), id, o->assignee), json);
    });
}

void add_issue_comment(CLI::App* grp, session& s) {
    auto o = std::make_shared<issue_opts>();
    auto* cmd = grp->add_subcommand("comment", tr("add a comment to an issue"));
    cmd->add_option("id", o->id, tr("the issue number"))->required();
    cmd->add_option("text", o->description, tr("the comment"))->required();
    format_option(*cmd, o->format, result_formats);
    cmd->footer(tr("Example: gov issue comment 42 \"物业已派人查看\""));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_issue_id(o->id);
        std::int64_t comment = comment_issue(s.ctx(), id, o->description);
        if (json)
            s.out() << render_json(receipt().add("id", id).add("comment_id", comment));
        else
            s.out() << fmt::format(fmt::runtime(tr("issue #{}: comment {} added\n")), id, comment);
    });
}

// resolve, close, reopen, reject: a status change with its resolution.
void add_issue_shorthands(CLI::App* grp, session& s) {
    struct shorthand {
        const char* name;
        const char* help;
        const char* example;
    };
    static const shorthand shorthands[] = {
        {"resolve", "mark an issue resolved, saying what was done (--resolution)",
         "Example: gov issue resolve 42 --resolution \"已更换电梯主板\""},
        {"close", "close a resolved issue", "Example: gov issue close 42"},
        {"reopen", "reopen an issue (clears its resolution; the history keeps it)",
         "Example: gov issue reopen 42"},
        {"reject", "reject an issue (not ours to act on, a duplicate, …)",
         "Example: gov issue reject 42 --resolution \"重复，见 #40\""},
    };
    for (const auto& sh : shorthands) {
        auto o = std::make_shared<issue_opts>();
        auto* cmd = grp->add_subcommand(sh.name, tr(sh.help));
        cmd->add_option("id", o->id, tr("the issue number"))->required();
        auto* resolution =
            std::string_view(sh.name) == "reopen"
                ? nullptr
                : cmd->add_option("--resolution", o->resolution, tr("what was done, or why not"));
        format_option(*cmd, o->format, result_formats);
        cmd->footer(tr(sh.example));
        std::string name = sh.name;
        cmd->callback([o, name, resolution, &s] {
            bool json = json_output(o->format);
            std::int64_t id = parse_issue_id(o->id);
            std::optional<std::string> text;
            if (resolution) text = given(resolution, o->resolution);
            report(s, id, run_issue_command(s.ctx(), id, name, text), json);
        });
    }
}

}  // namespace

void register_issue(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("issue", tr("what residents raise, tracked to resolution"));
    grp->require_subcommand(1);
    grp->footer(tr("Example: gov issue add \"3号楼电梯故障\" --category 设施维修 --building 3"));

    add_issue_add(grp, s);
    register_issue_list(*grp, s);
    register_issue_show(*grp, s);

    add_issue_update(grp, s);
    add_issue_assign(grp, s);
    add_issue_comment(grp, s);

    add_issue_shorthands(grp, s);
    register_issue_files(*grp, s);
}

}  // namespace gov::cli
