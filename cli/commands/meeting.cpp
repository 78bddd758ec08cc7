// gov meeting new | schedule | list | show | attend | cancel | close
// (agenda, item and minutes: meeting_agenda.cpp)
#include <charconv>

#include <fmt/format.h>

#include "cells.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "gov/meetings/ics.hpp"
#include "gov/meetings/meeting.hpp"
#include "gov/meetings/meeting_attendance.hpp"
#include "gov/store/config.hpp"
#include "gov/text/json.hpp"
#include "gov/values/date.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issue_commands.hpp"
#include "meeting_commands.hpp"
#include "options.hpp"

namespace gov::cli {

std::int64_t meeting_ref(session& s, const std::string& text, const std::string& type) {
    if (text == "next")
        return next_meeting(s.ctx(), type.empty() ? std::nullopt : std::optional(type));
    std::string_view v = text;
    if (!v.empty() && v[0] == '#') v.remove_prefix(1);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || id <= 0)
        throw usage_error(fmt::format(
            fmt::runtime(tr("\"{}\" is not a meeting number (like 3 or #3) or \"next\"")), text));
    return id;
}

std::vector<std::string> split_names(const std::vector<std::string>& given) {
    std::vector<std::string> out;
    for (const auto& g : given) {
        std::string cur;
        auto flush = [&] {
            auto b = cur.find_first_not_of(' ');
            auto e = cur.find_last_not_of(' ');
            if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
            cur.clear();
        };
        for (std::size_t i = 0; i < g.size();) {
            if (g[i] == ',') {
                flush();
                ++i;
            } else if (g.compare(i, 3, "，") == 0 || g.compare(i, 3, "、") == 0) {
                flush();
                i += 3;
            } else {
                cur += g[i++];
            }
        }
        flush();
    }
    return out;
}

namespace {

std::string local_time(session& s, timestamp t) {
    s.cfg();  // the community's offset, not the default
    return s.local_time(t);
}

// The local start and end for everyone; JSON and CSV also carry the start
// as an instant (starts_at), which people would only read twice.
table list_table(session& s, const std::vector<meeting_info>& ms, output_format format) {
    const bool for_people = format == output_format::table || format == output_format::markdown;
    table t;
    t.columns = {{"id", tr("Id"), align::right},
                 {"type", tr("Type")},
                 {"title", tr("Title")},
                 {"starts", tr("Starts")},
                 {"ends", tr("Ends")},
                 {"place", tr("Place")},
                 {"chair", tr("Chair")},
                 {"status", tr("Status")},
                 {"present", tr("Present"), align::right},
                 {"actions", tr("Actions"), align::right},
                 instant_column("starts_at", tr("Starts (instant)"))};
    if (for_people) t.columns.pop_back();
    for (const auto& m : ms) {
        t.rows.push_back({m.id, m.type, m.title, local_time(s, m.starts_at),
                          local_time(s, m.ends_at), m.place, m.chair,
                          std::string(to_string(m.status)), m.present, m.actions});
        if (!for_people)
            t.rows.back().emplace_back(std::in_place_type<std::string>,
                                       format_timestamp(m.starts_at));
    }
    return t;
}

std::string ics_for(session& s, const std::vector<meeting_info>& ms) {
    std::vector<ics_event> events;
    for (const auto& m : ms) {
        ics_event e;
        e.uid = meeting_uid(m.id, s.cfg().name);
        e.start = m.starts_at;
        e.end = m.ends_at;
        e.summary = m.title;
        e.location = m.place;
        e.description = m.chair.empty()
                            ? m.type_name
                            : fmt::format(fmt::runtime(tr("{}; chair: {}")), m.type_name, m.chair);
        e.cancelled = m.status == meeting_status::cancelled;
        events.push_back(std::move(e));
    }
    return render_ics(events, s.ctx().now());
}

std::optional<meeting_status> parse_status(const std::string& text) {
    if (text.empty()) return std::nullopt;
    for (auto st : {meeting_status::planned, meeting_status::held, meeting_status::cancelled})
        if (to_string(st) == text) return st;
    throw usage_error(fmt::format(
        fmt::runtime(tr("--status: \"{}\" is not one of: planned, held, cancelled")), text));
}

std::pair<std::string, std::string> split_pair(const char* option, const std::string& text) {
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw usage_error(fmt::format(
            fmt::runtime(tr("{}: \"{}\" is not NAME=NAME (e.g. 物业=王经理)")), option, text));
    return {text.substr(0, eq), text.substr(eq + 1)};
}

void print_attendance(session& s, std::int64_t id, const attendance_record& rec,
                      const std::string& format) {
    if (format == "json") {
        s.out() << render_json(id, rec);
        return;
    }
    table t = attendance_table(rec);
    s.print(t, parse_output_format(format));
    if (format == "table" || format == "markdown")
        s.out() << "\n"
                << fmt::format(fmt::runtime(rec.quorum.met ? tr("quorum met: {}\n")
                                                           : tr("quorum NOT met: {}\n")),
                               rec.quorum.explanation);
}

// --minutes into a request's optional duration: 0, like not giving it,
// leaves the type's duration.
void minutes_option(CLI::App& cmd, std::optional<int>& minutes) {
    cmd.add_option_function<int>(
        "--minutes",
        [&minutes](int n) {
            if (n) minutes = n;
        },
        tr("duration (default: the type's)"));
}

void add_meeting_new(CLI::App* grp, session& s) {
    struct new_opts {
        meeting_draft draft;
        std::string format = "text";
    };
    auto o = std::make_shared<new_opts>();
    meeting_draft& d = o->draft;
    auto* cmd = grp->add_subcommand("new", tr("plan a meeting; prints its number"));
    cmd->add_option("--type", d.type, tr("meeting type ([meetings.types] key)"))->required();
    // "" leaves the day unset, which add_meeting refuses as a missing day.
    date_filter_option(*cmd, "--date", d.day, tr("local day, YYYY-MM-DD"))->required();
    cmd->add_option("--time", d.time, tr("local start, HH:MM (default: the type's)"));
    minutes_option(*cmd, d.minutes);
    cmd->add_option("--place", d.place, tr("where (default: the type's)"));
    cmd->add_option("--chair", d.chair, tr("who chairs it"));
    cmd->add_option("--title", d.title, tr("title (default: the type's pattern)"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(tr("Example: gov meeting new --type joint --date 2026-12-10 --chair 李书记"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        std::int64_t id = add_meeting(s.ctx(), o->draft);
        if (json)
            s.out() << render_json(receipt{{"id", id}});
        else
            s.out() << id << "\n";
    });
}

void add_meeting_schedule(CLI::App* grp, session& s) {
    struct schedule_opts {
        schedule_request request;
        std::string format = "table";
    };
    auto o = std::make_shared<schedule_opts>();
    schedule_request& r = o->request;
    auto* cmd = grp->add_subcommand("schedule", tr("plan a monthly series of meetings"));
    cmd->add_option("--type", r.type, tr("meeting type"))->required();
    cmd->add_option_function<std::string>(
           "--from",
           [&r](const std::string& text) {
               auto ym = parse_year_month(text);
               if (!ym)
                   throw usage_error(
                       fmt::format(fmt::runtime(tr("--from: \"{}\" is not a month like 2027-01 "
                                                   "(also 2027/1 or 2027年1月)")),
                                   text));
               r.from = *ym;
           },
           tr("first month, YYYY-MM (or 2027年1月)"))
        ->required();
    cmd->add_option("--count", r.count, tr("how many months (1–60)"))->default_str("12");
    cmd->add_option("--rule", r.rule,
                    tr("which day: \"first saturday 19:00\", \"last friday\", "
                       "\"第一个星期六 19:00\""))
        ->required();
    minutes_option(*cmd, r.minutes);
    cmd->add_option("--place", r.place, tr("where (default: the type's)"));
    cmd->add_option("--chair", r.chair, tr("who chairs them"));
    format_option(*cmd, o->format, listing_formats);
    cmd->footer(
        tr("Example: gov meeting schedule --type leaders --from 2027-01 --count 12 "
           "--rule \"first saturday 19:00\""));
    cmd->callback([o, &s] {
        auto format = parse_output_format(o->format);
        auto ids = schedule_meetings(s.ctx(), o->request);
        std::vector<meeting_info> ms;
        for (auto id : ids) ms.push_back(get_meeting(s.ctx(), id));
        s.print(list_table(s, ms, format), format);
    });
}

void add_meeting_list(CLI::App* grp, session& s) {
    struct opts {
        std::string type, status, from, to, format = "table";
    };
    auto o = std::make_shared<opts>();
    auto* cmd = grp->add_subcommand("list", tr("list meetings in date order"));
    cmd->add_option("--type", o->type, tr("only this type"));
    cmd->add_option("--status", o->status, tr("planned, held or cancelled"));
    cmd->add_option("--from", o->from, tr("starting on or after this local day"));
    cmd->add_option("--to", o->to, tr("starting on or before this local day"));
    format_option(*cmd, o->format, {{"table", "json", "csv", "markdown", "ics"}, "table"});
    cmd->footer(tr("Example: gov meeting list --type leaders --format ics > meetings.ics"));
    cmd->callback([o, &s] {
        meeting_filter f;
        if (!o->type.empty()) f.type = o->type;
        f.status = parse_status(o->status);
        f.from = optional_date_option("--from", o->from);
        f.to = optional_date_option("--to", o->to);
        auto ms = list_meetings(s.ctx(), f);
        if (o->format == "ics")
            s.out() << ics_for(s, ms);
        else {
            auto format = parse_output_format(o->format);
            s.print(list_table(s, ms, format), format);
        }
    });
}

void add_meeting_show(CLI::App* grp, session& s) {
    struct opts {
        std::string id, type, format = "table";
    };
    auto o = std::make_shared<opts>();
    auto* cmd = grp->add_subcommand("show", tr("one meeting in full, with its quorum"));
    cmd->add_option("id", o->id, tr("meeting number, or \"next\""))->required();
    cmd->add_option("--type", o->type, tr("with \"next\": of this type"));
    format_option(*cmd, o->format, {{"table", "json", "csv", "markdown", "ics"}, "table"});
    cmd->footer(tr("Example: gov meeting show next --type leaders"));
    cmd->callback([o, &s] {
        std::int64_t id = meeting_ref(s, o->id, o->type);
        meeting_info m = get_meeting(s.ctx(), id);
        if (o->format == "ics") {
            s.out() << ics_for(s, {m});
            return;
        }
        auto format = parse_output_format(o->format);
        attendance_record att = get_attendance(s.ctx(), id);
        auto opt_time = [](const std::optional<timestamp>& t) {
            return t ? cell(format_timestamp(*t)) : cell();
        };
        std::vector<record_field> fields = {
            {"id", tr("Id"), m.id},
            {"type", tr("Type"), m.type},
            {"type_name", tr("Type name"), m.type_name},
            {"title", tr("Title"), m.title},
            {"starts", tr("Starts"), local_time(s, m.starts_at)},
            {"ends", tr("Ends"), local_time(s, m.ends_at)},
            {"place", tr("Place"), m.place},
            {"chair", tr("Chair"), m.chair},
            {"status", tr("Status"), std::string(to_string(m.status))},
            {"series", tr("Series"), m.series_id ? cell(*m.series_id) : cell()},
            {"agenda_fixed", tr("Agenda fixed"), m.agenda_fixed},
            {"present", tr("Present"), m.present},
            {"quorum_met", tr("Quorum met"), att.quorum.met},
            {"quorum", tr("Quorum"), att.quorum.explanation},
            {"actions", tr("Action items"), m.actions},
            {"starts_at", tr("Starts (instant)"), format_timestamp(m.starts_at)},
            {"ends_at", tr("Ends (instant)"), format_timestamp(m.ends_at)},
            {"created_at", tr("Created"), format_timestamp(m.created_at)},
            {"created_by", tr("Created by"), m.created_by},
            {"closed_at", tr("Closed"), opt_time(m.closed_at)},
            {"cancelled_at", tr("Cancelled"), opt_time(m.cancelled_at)},
            {"cancel_reason", tr("Cancelled because"), m.cancel_reason},
        };
        // People read the local start and end above; the other instants
        // are shown in local time too.
        s.print(record_table(s, fields, format, {"starts_at", "ends_at"}), format);
    });
}

void add_meeting_attend(CLI::App* grp, session& s) {
    struct opts {
        std::string id, format = "table";
        std::vector<std::string> present, absent, excused, proxies, parties, parties_absent;
    };
    auto o = std::make_shared<opts>();
    auto* cmd = grp->add_subcommand("attend", tr("record who came; shows the quorum check"));
    cmd->add_option("id", o->id, tr("meeting number"))->required();
    cmd->add_option("--present", o->present, tr("residents present (\"张三,李四\"; repeatable)"));
    cmd->add_option("--absent", o->absent, tr("residents absent"));
    cmd->add_option("--excused", o->excused, tr("residents excused (请假)"));
    cmd->add_option("--proxy", o->proxies, tr("ATTENDEE=PROXY: a resident attending for another"));
    cmd->add_option("--party", o->parties, tr("PARTY=NAME: a party present, and who came for it"));
    cmd->add_option("--party-absent", o->parties_absent, tr("a party that did not come"));
    format_option(*cmd, o->format, listing_formats);
    cmd->footer(
        tr("Residents are named by id, phone or a unique name; parties by name.\n"
           "Example: gov meeting attend 3 --present 张三,李四 --excused 王五 "
           "--party 物业=王经理"));
    cmd->callback([o, &s] {
        std::int64_t id = meeting_ref(s, o->id, "");
        attendance_request r;
        r.present = split_names(o->present);
        r.absent = split_names(o->absent);
        r.excused = split_names(o->excused);
        for (const auto& p : o->proxies) r.proxies.push_back(split_pair("--proxy", p));
        for (const auto& p : o->parties) r.parties.push_back(split_pair("--party", p));
        r.parties_absent = split_names(o->parties_absent);
        print_attendance(s, id, record_attendance(s.ctx(), id, r), o->format);
    });
}

void add_meeting_cancel(CLI::App* grp, session& s) {
    struct opts {
        std::string id, reason;
    };
    auto o = std::make_shared<opts>();
    auto* cmd = grp->add_subcommand("cancel", tr("cancel a planned meeting"));
    cmd->add_option("id", o->id, tr("meeting number"))->required();
    cmd->add_option("--reason", o->reason, tr("why"));
    cmd->footer(tr("Example: gov meeting cancel 5 --reason \"台风停会\""));
    cmd->callback([o, &s] {
        std::int64_t id = meeting_ref(s, o->id, "");
        cancel_meeting(s.ctx(), id, o->reason);
        s.out() << fmt::format(fmt::runtime(tr("meeting #{}: cancelled\n")), id);
    });
}

void add_meeting_close(CLI::App* grp, session& s) {
    auto id_text = std::make_shared<std::string>();
    auto* cmd = grp->add_subcommand(
        "close", tr("close the minutes: the meeting becomes held and its record frozen"));
    cmd->add_option("id", *id_text, tr("meeting number"))->required();
    cmd->footer(tr("Closing twice is refused (exit 6).\nExample: gov meeting close 3"));
    cmd->callback([id_text, &s] {
        std::int64_t id = meeting_ref(s, *id_text, "");
        close_meeting(s.ctx(), id);
        s.out() << fmt::format(fmt::runtime(tr("meeting #{}: held; minutes closed\n")), id);
    });
}

}  // namespace

void register_meeting(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("meeting", tr("meetings: plan, agenda, attendance, minutes"));
    grp->require_subcommand(1);
    grp->footer(tr("Example: gov meeting new --type leaders --date 2026-12-05"));

    add_meeting_new(grp, s);
    add_meeting_schedule(grp, s);
    add_meeting_list(grp, s);
    add_meeting_show(grp, s);
    add_meeting_attend(grp, s);
    add_meeting_cancel(grp, s);
    add_meeting_close(grp, s);
    register_meeting_agenda(*grp, s);
}

}  // namespace gov::cli
