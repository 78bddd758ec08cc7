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
#include "options.hpp"

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

// An issue number and a text (who for assign, the comment for comment).
struct issue_opts {
    std::string id, text, format = "text";
};

// The options add and update share, bound straight into issue_draft (add)
// or issue_changes (update: an option not given stays unset), whose fields
// have the same names. A due date given to update must be one.
template <class Fields>
void add_field_options(CLI::App& cmd, Fields& f) {
    cmd.add_option("--description", f.description, tr("details"));
    cmd.add_option("--category", f.category, tr("one of [issues] categories; sets the due date"));
    cmd.add_option("--severity", f.severity, tr("one of [issues] severities"));
    cmd.add_option("--priority", f.priority, tr("one of [issues] priorities"));
    cmd.add_option("--building", f.building, tr("the building (12, 幸福里/12 or #ID)"));
    cmd.add_option("--unit", f.unit, tr("a unit of the building, by name"));
    cmd.add_option("--room", f.room, tr("a room (12-3-1502, or 1502 with --unit) or a place"));
    cmd.add_option("--raised-by", f.raised_by,
                   tr("who raised it: a resident's id, phone or unique name"));
    cmd.add_option("--assign", f.assignee,
                   tr("who must act: a party's name (#ID), else a resident"));
    date_filter_option(cmd, "--due", f.due, tr("due date (default: the category's deadline)"),
                       std::is_same_v<Fields, issue_draft>);
}

void add_issue_add(CLI::App* grp, session& s) {
    struct add_opts {
        issue_draft draft;
        std::string format = "text";
    };
    auto o = std::make_shared<add_opts>();
    auto* cmd = grp->add_subcommand("add", tr("record an issue; prints its number"));
    cmd->add_option("title", o->draft.title, tr("what it is about, in one line"))->required();
    add_field_options(*cmd, o->draft);
    cmd->add_option("--tag", o->draft.tags, tr("a tag such as 痛点, 难点, 堵点 (repeatable)"));
    format_option(*cmd, o->format,
                  {{"text", "json"}, "text", tr("text (the number) or json ({\"id\": N})")});
    cmd->footer(
        tr("Example: gov issue add \"3号楼电梯故障\" --category 设施维修 --building 3 "
           "--raised-by 13800000001 --assign 物业公司 --tag 痛点"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = add_issue(s.ctx(), o->draft);
        if (json)
            s.out() << render_json(receipt().add("id", id));
        else
            s.out() << id << "\n";
    });
}

void add_issue_update(CLI::App* grp, session& s) {
    struct update_opts {
        std::string id, format = "text";
        issue_changes changes;
        std::optional<std::int64_t> for_meeting;
    };
    auto o = std::make_shared<update_opts>();
    auto* cmd = grp->add_subcommand("update", tr("change an issue's fields or status"));
    cmd->add_option("id", o->id, tr("the issue number"))->required();
    cmd->add_option("--title", o->changes.title, tr("a new title"));
    add_field_options(*cmd, o->changes);
    cmd->add_option("--tag", o->changes.add_tags, tr("add a tag (repeatable)"));
    cmd->add_option("--untag", o->changes.remove_tags, tr("remove a tag (repeatable)"));
    cmd->add_option("--status", o->changes.status,
                    tr("move to this status, as the workflow allows"));
    cmd->add_option("--resolution", o->changes.resolution, tr("what was done (to resolve)"));
    cmd->add_option("--for-meeting", o->for_meeting, tr("put the issue on this meeting's agenda"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(
        tr("An empty value clears an optional field (--severity \"\").\n"
           "Example: gov issue update 42 --priority 高 --status in_progress --tag 难点"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_issue_id(o->id);
        if (o->for_meeting) {
            // On a meeting's agenda (gov/meeting_minutes.hpp), after the field changes.
            require_meeting(s.ctx(), *o->for_meeting);
            auto changes = update_issue(s.ctx(), id, o->changes);
            put_issue_on_agenda(s.ctx(), id, *o->for_meeting);
            if (!changes.empty() || json) report(s, id, changes, json);
            if (!json)
                s.out() << fmt::format(
                    fmt::runtime(tr("issue #{}: on the agenda of meeting #{}\n")), id,
                    *o->for_meeting);
            return;
        }
        report(s, id, update_issue(s.ctx(), id, o->changes), json);
    });
}

void add_issue_assign(CLI::App* grp, session& s) {
    auto o = std::make_shared<issue_opts>();
    auto* cmd =
        grp->add_subcommand("assign", tr("give an issue to the party (or resident) who must act"));
    cmd->add_option("id", o->id, tr("the issue number"))->required();
    cmd->add_option("who", o->text,
                    tr("a party's name or #ID, else a resident's id, phone or name; "
                       "\"\" removes the assignee"))
        ->required();
    format_option(*cmd, o->format, result_formats);
    cmd->footer(tr("Example: gov issue assign 42 物业公司"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_issue_id(o->id);
        report(s, id, assign_issue(s.ctx(), id, o->text), json);
    });
}

void add_issue_comment(CLI::App* grp, session& s) {
    auto o = std::make_shared<issue_opts>();
    auto* cmd = grp->add_subcommand("comment", tr("add a comment to an issue"));
    cmd->add_option("id", o->id, tr("the issue number"))->required();
    cmd->add_option("text", o->text, tr("the comment"))->required();
    format_option(*cmd, o->format, result_formats);
    cmd->footer(tr("Example: gov issue comment 42 \"物业已派人查看\""));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = parse_issue_id(o->id);
        std::int64_t comment = comment_issue(s.ctx(), id, o->text);
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
        struct shorthand_opts {
            std::string id, format = "text";
            std::optional<std::string> resolution;
        };
        auto o = std::make_shared<shorthand_opts>();
        auto* cmd = grp->add_subcommand(sh.name, tr(sh.help));
        cmd->add_option("id", o->id, tr("the issue number"))->required();
        if (std::string_view(sh.name) != "reopen")
            cmd->add_option("--resolution", o->resolution, tr("what was done, or why not"));
        format_option(*cmd, o->format, result_formats);
        cmd->footer(tr(sh.example));
        std::string name = sh.name;
        cmd->callback([o, name, &s] {
            bool json = json_output(o->format);
            std::int64_t id = parse_issue_id(o->id);
            report(s, id, run_issue_command(s.ctx(), id, name, o->resolution), json);
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
