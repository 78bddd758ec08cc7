// gov meeting agenda | item add|move|remove | minutes
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "commands.hpp"
#include "dates.hpp"
#include "gov/meetings/agenda.hpp"
#include "gov/meetings/ics.hpp"
#include "gov/meetings/meeting.hpp"
#include "gov/meetings/meeting_minutes.hpp"
#include "gov/store/config.hpp"
#include "gov/text/json.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issue_commands.hpp"
#include "meeting_commands.hpp"
#include "options.hpp"
#include "usage.hpp"

namespace gov::cli {
namespace {

// The agenda as one calendar event whose description lists the items.
std::string agenda_ics(session& s, const agenda& a) {
    ics_event e;
    e.uid = meeting_uid(a.meeting.id, s.cfg().name);
    e.start = a.meeting.starts_at;
    e.end = a.meeting.ends_at;
    e.summary = a.meeting.title;
    e.location = a.meeting.place;
    e.cancelled = a.meeting.status == "cancelled";
    e.description = render_agenda_text(a);
    return render_ics({e}, s.ctx().now());
}

std::int64_t parse_number(const char* what, const std::string& text) {
    std::string_view v = text;
    if (!v.empty() && v[0] == '#') v.remove_prefix(1);
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || n <= 0)
        throw usage_error(fmt::format(fmt::runtime(tr("{}: \"{}\" is not a number")), what, text));
    return n;
}

void add_meeting_agenda(CLI::App& grp, session& s) {
    struct opts {
        std::string id, type, format = "markdown", output;
    };
    auto o = std::make_shared<opts>();
    auto* cmd = grp.add_subcommand(
        "agenda", tr("a meeting's agenda, assembled from the records by its template"));
    cmd->add_option("id", o->id, tr("meeting number, or \"next\""))->required();
    cmd->add_option("--type", o->type,
                    tr("with \"next\": of this type (default: [meetings] default_type)"));
    format_option(*cmd, o->format, {{"text", "json", "markdown", "html", "ics"}, "markdown"});
    cmd->add_option("-o,--output", o->output, tr("write to this file instead of stdout"));
    cmd->footer(
        tr("The same records and GOV_NOW give the same bytes.\n"
           "Example: gov meeting agenda next --format html -o agenda.html"));
    cmd->callback([o, &s] {
        std::string type = o->type;
        if (o->id == "next" && type.empty()) type = s.cfg().meetings.default_type;
        agenda a = build_agenda(s.ctx(), meeting_ref(s, o->id, type));
        std::string text = o->format == "markdown" ? render_agenda_markdown(a)
                           : o->format == "html"   ? render_agenda_html(a)
                           : o->format == "text"   ? render_agenda_text(a)
                           : o->format == "json"   ? render_agenda_json(a)
                                                   : agenda_ics(s, a);
        s.emit(text, o->output);
    });
}

// --issue, --proposal or --project into the request's kind and record
// number; "" names nothing (so the item is still to be named).
CLI::Option* item_record_option(CLI::App& cmd, const std::string& kind, agenda_item_request& r,
                                const char* help) {
    return cmd.add_option_function<std::string>(
        "--" + kind,
        [&r, kind](const std::string& text) {
            if (text.empty()) return;
            r.kind = kind;
            r.ref = parse_number(("--" + kind).c_str(), text);
        },
        help);
}

void add_item_add(CLI::App* item, session& s) {
    struct add_opts {
        std::string id;
        agenda_item_request request;
    };
    auto o = std::make_shared<add_opts>();
    agenda_item_request& r = o->request;
    auto* cmd = item->add_subcommand("add", tr("add an item; prints its number"));
    cmd->add_option("id", o->id, tr("meeting number"))->required();
    auto* issue = item_record_option(*cmd, "issue", r, tr("an issue"));
    auto* proposal = item_record_option(*cmd, "proposal", r, tr("a proposal"));
    auto* project = item_record_option(*cmd, "project", r, tr("a project"));
    auto* text = cmd->add_option("--text", r.text, tr("free text"));
    issue->excludes(proposal)->excludes(project)->excludes(text);
    proposal->excludes(project)->excludes(text);
    project->excludes(text);
    cmd->add_option("--section", r.section, tr("template section key (default: other)"));
    cmd->add_option("--minutes", r.minutes, tr("time box"));
    cmd->add_option("--presenter", r.presenter, tr("who presents it"));
    cmd->footer(tr("Example: gov meeting item add 3 --text \"垃圾分类宣传\" --minutes 10"));
    cmd->callback([o, &s] {
        // The four options exclude one another; one of them, not empty,
        // must name the item.
        if (!o->request.ref && o->request.text.empty())
            throw usage_error(tr("name the item: --issue, --proposal, --project or --text"));
        s.out() << add_agenda_item(s.ctx(), meeting_ref(s, o->id, ""), o->request) << "\n";
    });
}

void add_item_move(CLI::App* item, session& s) {
    struct opts {
        std::string id;
        int from = 0, to = 0;
    };
    auto o = std::make_shared<opts>();
    auto* cmd = item->add_subcommand("move", tr("move item N to position M (fixes the agenda)"));
    cmd->add_option("id", o->id, tr("meeting number"))->required();
    cmd->add_option("item", o->from, tr("item number"))->required();
    cmd->add_option("--to", o->to, tr("new position"))->required();
    cmd->footer(tr("Example: gov meeting item move 3 5 --to 1"));
    cmd->callback([o, &s] {
        std::int64_t id = meeting_ref(s, o->id, "");
        move_agenda_item(s.ctx(), id, o->from, o->to);
        s.out() << fmt::format(fmt::runtime(tr("meeting #{}: item {} is now item {}\n")), id,
                               o->from, o->to);
    });
}

void add_item_remove(CLI::App* item, session& s) {
    struct opts {
        std::string id;
        int number = 0;
    };
    auto o = std::make_shared<opts>();
    auto* cmd = item->add_subcommand("remove", tr("take item N off the agenda"));
    cmd->add_option("id", o->id, tr("meeting number"))->required();
    cmd->add_option("item", o->number, tr("item number"))->required();
    cmd->footer(tr("Example: gov meeting item remove 3 4"));
    cmd->callback([o, &s] {
        std::int64_t id = meeting_ref(s, o->id, "");
        remove_agenda_item(s.ctx(), id, o->number);
        s.out() << fmt::format(fmt::runtime(tr("meeting #{}: item {} removed\n")), id, o->number);
    });
}

// Printing the minutes writes markdown or html, recording an item text or
// json; the format given (or the default) must be one of those.
std::string minutes_format(bool printing, const CLI::Option* given, const std::string& format) {
    const std::vector<std::string_view> words =
        printing ? std::vector<std::string_view>{"markdown", "html"}
                 : std::vector<std::string_view>{"text", "json"};
    if (!given->count()) return std::string(words.front());
    if (std::find(words.begin(), words.end(), format) == words.end())
        throw usage_error(
            fmt::format(
                fmt::runtime(printing ? tr("--format: \"{}\" is not one this command writes "
                                           "without --item; it writes: {}")
                                      : tr("--format: \"{}\" is not one this command writes "
                                           "with --item; it writes: {}")),
                format, format_words(words)),
            {usage_hint("gov meeting minutes")});
    return format;
}

struct minutes_opts {
    std::string id, format = "markdown";
    minutes_entry entry;
    std::optional<std::string> action;
    action_request details;  // of the action, when one is given
};

void record_item_minutes(session& s, std::int64_t id, minutes_opts& o, bool json) {
    if (o.action) {
        o.details.text = *o.action;
        o.entry.action = o.details;
    }
    minutes_result r = record_minutes(s.ctx(), id, o.entry);
    if (json) {
        s.out() << render_json(
            receipt{{"meeting", id}, {"item", r.item}}.add("action_issue", r.action_issue));
    } else if (r.action_issue) {
        s.out() << fmt::format(
            fmt::runtime(tr("meeting #{}: item {} minuted; action item is issue #{}\n")), id,
            r.item, *r.action_issue);
    } else {
        s.out() << fmt::format(fmt::runtime(tr("meeting #{}: item {} minuted\n")), id, r.item);
    }
}

void add_meeting_minutes(CLI::App& grp, session& s) {
    auto o = std::make_shared<minutes_opts>();
    auto* cmd = grp.add_subcommand(
        "minutes", tr("record minutes of an item, or (without --item) print the minutes"));
    cmd->add_option("id", o->id, tr("meeting number"))->required();
    auto* item_opt = cmd->add_option("--item", o->entry.item, tr("agenda item number"));
    auto* note = cmd->add_option("--note", o->entry.note, tr("what was said (appended)"));
    auto* decision = cmd->add_option("--decision", o->entry.decision, tr("what was decided"));
    auto* vote = cmd->add_option("--vote", o->entry.vote, tr("the proposal voted on (id or code)"));
    auto* action = cmd->add_option("--action", o->action, tr("an action item: becomes an issue"));
    auto* assign = cmd->add_option("--assign", o->details.assignee,
                                   tr("action item: the party (or resident) to act"));
    auto* due =
        date_filter_option(*cmd, "--due", o->details.due, tr("action item: due date YYYY-MM-DD"));
    auto* category = cmd->add_option("--category", o->details.category,
                                     tr("action item: issue category (default: [meetings] "
                                        "action_category)"));
    for (auto* opt : {note, decision, vote, action}) opt->needs(item_opt);
    for (auto* opt : {assign, due, category}) opt->needs(action);
    auto* format = format_option(
        *cmd, o->format,
        {{"markdown", "html", "text", "json"},
         "",
         tr("printing: markdown (default) or html; recording: text (default) or json")});
    cmd->footer(
        tr("Example: gov meeting minutes 3 --item 2 --decision \"物业两周内修复\" "
           "--action \"修复3号楼电梯\" --assign 物业 --due 2026-12-20\n"
           "         gov meeting minutes 3 --format html > minutes.html"));
    cmd->callback([o, item_opt, format, &s] {
        const bool printing = !item_opt->count();
        o->format = minutes_format(printing, format, o->format);
        std::int64_t id = meeting_ref(s, o->id, "");
        if (!printing) return record_item_minutes(s, id, *o, json_output(o->format));
        auto m = get_minutes(s.ctx(), id);
        s.out() << (o->format == "html" ? render_minutes_html(m) : render_minutes_markdown(m));
    });
}

}  // namespace

void register_meeting_agenda(CLI::App& grp, session& s) {
    add_meeting_agenda(grp, s);

    auto* item = grp.add_subcommand("item", tr("adjust an agenda before the meeting"));
    item->require_subcommand(1);
    item->footer(tr("Example: gov meeting item add 3 --issue 42 --minutes 10"));
    add_item_add(item, s);
    add_item_move(item, s);
    add_item_remove(item, s);
    add_meeting_minutes(grp, s);
}

}  // namespace gov::cli
