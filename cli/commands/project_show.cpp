// gov project list | show | updates
#include <algorithm>

#include <fmt/format.h>

#include "cells.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "gov/projects/project.hpp"
#include "gov/text/table.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issue_commands.hpp"
#include "options.hpp"
#include "project_commands.hpp"

namespace gov::cli {
namespace {

cell money_cell(const std::optional<std::int64_t>& fen) {
    if (!fen) return std::monostate{};
    return format_money(*fen);
}
// Warnings as people read them: overdue, overdue milestones, a funding gap.
std::vector<std::string> flags(const project_summary& p) {
    std::vector<std::string> out;
    if (p.overdue) out.push_back(tr("overdue"));
    if (!p.overdue_milestones.empty())
        out.push_back(
            fmt::format(fmt::runtime(tr("{} milestone(s) overdue")), p.overdue_milestones.size()));
    if (p.funding_gap)
        out.push_back(fmt::format(fmt::runtime(tr("funding gap {}")), format_money(*p.gap_fen)));
    return out;
}

// The progress as a table cell shows it: "66%", "40% (manual)", or a bar.
std::string progress_text(const project_summary& p, bool bar) {
    if (!p.progress) return {};
    std::string t = bar ? progress_bar(*p.progress) : fmt::format("{}%", *p.progress);
    if (p.source == progress_source::manual) t += tr(" (manual)");
    return t;
}

table project_table(const std::vector<project_summary>& list, output_format format) {
    bool people = format == output_format::table || format == output_format::markdown;
    table t;
    t.columns = {{"id", tr("No."), align::right},
                 {"status", tr("Status")},
                 {"title", tr("Title")},
                 {"lead", tr("Lead")},
                 {"progress", tr("Progress"), people ? align::left : align::right},
                 {"progress_source", tr("Progress from")},
                 {"budget", tr("Budget"), align::right},
                 {"funded", tr("Funded"), align::right},
                 {"gap", tr("Gap"), align::right},
                 {"funding_gap", tr("Funding gap")},
                 {"start", tr("Start")},
                 {"due", tr("Due")},
                 {"overdue", tr("Overdue")},
                 {"milestones_done", tr("Milestones done"), align::right},
                 {"milestones", tr("Milestones"), align::right},
                 {"overdue_milestones", tr("Overdue milestones"), align::right},
                 {"delivered_items", tr("Delivered"), align::right},
                 {"target_items", tr("Target"), align::right},
                 {"last_update", tr("Last update")},
                 {"flags", tr("Flags")}};
    for (const auto& p : list) {
        cell progress = std::monostate{};
        if (people)
            progress = text_or_null(progress_text(p, format == output_format::markdown));
        else if (p.progress)
            progress = std::int64_t{*p.progress};
        t.rows.push_back({p.id,
                          std::string(to_string(p.status)),
                          p.title,
                          text_or_null(p.lead),
                          progress,
                          std::string(to_string(p.source)),
                          money_cell(p.budget_fen),
                          format_money(p.funded_fen),
                          money_cell(p.gap_fen),
                          p.funding_gap,
                          date_cell(p.start),
                          date_cell(p.due),
                          p.overdue,
                          p.milestones_done,
                          p.milestones,
                          static_cast<std::int64_t>(p.overdue_milestones.size()),
                          p.delivered_items,
                          p.target_items,
                          date_cell(p.last_update),
                          text_or_null(joined(flags(p), "; "))});
    }
    return t;
}

// What people scan in a terminal or a report; json and csv carry every column.
table for_people(table&& full) {
    static const char* const keys[] = {"id",     "status", "title", "lead", "progress",
                                       "budget", "funded", "due",   "flags"};
    return pick_columns(std::move(full), keys);
}

std::string progress_line(const project_summary& p) {
    std::string rule(to_string(p.rule));
    if (p.source == progress_source::manual) {
        std::string derived =
            p.derived_progress
                ? fmt::format(fmt::runtime(tr("{} would give {}%")), rule, *p.derived_progress)
                : fmt::format(fmt::runtime(tr("nothing to derive from {}")), rule);
        return fmt::format(fmt::runtime(tr("{} — set by hand: {} ({})")), progress_bar(*p.progress),
                           p.manual_reason, derived);
    }
    if (!p.progress) return fmt::format(fmt::runtime(tr("— (no {} to derive it from)")), rule);
    return fmt::format(fmt::runtime(tr("{} (from {})")), progress_bar(*p.progress), rule);
}

void print_project(std::ostream& out, const project_record& r) {
    const auto& p = r.summary;
    out << fmt::format("#{} {}\n", p.id, p.title);
    std::vector<std::string> next;
    for (auto s : r.next_statuses) next.emplace_back(to_string(s));
    std::string status(to_string(p.status));
    if (!r.status_reason.empty()) status += ": " + r.status_reason;
    if (!next.empty())
        status += fmt::format(fmt::runtime(tr(" (may become: {})")), joined(next, ", "));
    std::string lead = p.lead;
    if (!r.lead_phone.empty()) lead += " " + r.lead_phone;
    std::string funded = format_money(p.funded_fen);
    if (p.funding_gap)
        funded += fmt::format(fmt::runtime(tr(" — funding gap {}")), format_money(*p.gap_fen));
    std::string due = p.due ? format_date(*p.due) : "";
    if (p.overdue) due += tr(" — overdue");
    std::string items;
    if (p.target_items)
        items = fmt::format(fmt::runtime(tr("{} of {} items")), p.delivered_items, p.target_items);
    std::string ms;
    if (p.milestones)
        ms = fmt::format(fmt::runtime(tr("{} of {} done")), p.milestones_done, p.milestones);
    if (!p.overdue_milestones.empty())
        ms += fmt::format(fmt::runtime(tr(", {} overdue")), p.overdue_milestones.size());
    print_fields(out, {{tr("status"), status},
                       {tr("lead"), lead},
                       {tr("partners"), joined(r.partners, ", ")},
                       {tr("progress"), progress_line(p)},
                       {tr("budget"), p.budget_fen ? format_money(*p.budget_fen) : ""},
                       {tr("funded"), funded},
                       {tr("start"), p.start ? format_date(*p.start) : ""},
                       {tr("due"), due},
                       {tr("completed"), r.completed_on ? format_date(*r.completed_on) : ""},
                       {tr("milestones"), ms},
                       {tr("deliverables"), items}});
    if (!r.description.empty()) out << "\n" << r.description << "\n";
    if (!r.links.empty()) {
        out << "\n" << tr("Links") << ":\n";
        for (const auto& l : r.links)
            out << fmt::format("  {} {} #{} {}{}\n", l.origin ? tr("origin:") : tr("discussed at:"),
                               to_string(l.kind), l.id, l.title,
                               l.status.empty() ? "" : " (" + l.status + ")");
    }
    if (!r.milestones.empty()) {
        out << "\n" << tr("Milestones") << ":\n";
        for (const auto& m : r.milestones) {
            std::string state =
                m.done_on   ? fmt::format(fmt::runtime(tr("done {}")), format_date(*m.done_on))
                : m.overdue ? tr("OVERDUE")
                            : tr("open");
            std::string when =
                m.due ? fmt::format(fmt::runtime(tr("due {}")), format_date(*m.due)) : "";
            out << fmt::format("  {}. {}  {}{}{}\n", m.number, m.title, when,
                               when.empty() ? "" : ", ", state);
        }
    }
    if (!r.deliverables.empty()) {
        out << "\n" << tr("Deliverables") << ":\n";
        for (const auto& d : r.deliverables)
            out << fmt::format("  {}  {}/{}\n", d.name, d.delivered, d.target);
    }
    if (!r.funding.empty()) {
        out << "\n" << tr("Funding") << ":\n";
        for (const auto& f : r.funding)
            out << fmt::format("  {}  {}  {}{}\n", format_date(f.on), f.from,
                               format_money(f.amount_fen), f.note.empty() ? "" : "  " + f.note);
    }
    if (!r.updates.empty()) {
        out << "\n" << tr("Updates") << ":\n";
        for (const auto& u : r.updates)
            out << fmt::format("  {} {} [{}] {}\n", format_date(u.on), u.actor, u.kind, u.text);
    }
}

void add_project_list(CLI::App& grp, session& s) {
    struct list_opts {
        project_filter filter;
        std::string format = "table";
    };
    auto o = std::make_shared<list_opts>();
    project_filter& f = o->filter;
    auto* cmd = grp.add_subcommand("list", tr("list projects with progress, money and flags"));
    status_option(
        *cmd, [&f](const std::string& name) { f.statuses.push_back(parse_project_status(name)); });
    cmd->add_flag("--open", f.open_only, tr("not done or cancelled"));
    cmd->add_flag("--overdue", f.overdue, tr("past the due date, or with a milestone overdue"));
    cmd->add_flag("--funding-gap", f.funding_gap, tr("funded less than the budget"));
    record_option(*cmd, "--issue", f.issue, "an issue", tr("linked to this issue"));
    format_option(*cmd, o->format, listing_formats);
    cmd->footer(
        tr("Columns (JSON keys): id, status, title, lead, progress, progress_source, budget,\n"
           "funded, gap, funding_gap, start, due, overdue, milestones_done, milestones,\n"
           "overdue_milestones, delivered_items, target_items, last_update, flags (the table\n"
           "and markdown show the main ones; markdown draws a progress bar). Money is yuan.\n"
           "Example: gov project list --format markdown\n"
           "         gov project list --overdue --funding-gap --format json"));
    cmd->callback([o, &s] {
        auto format = parse_output_format(o->format);
        table t = project_table(list_projects(s.ctx(), o->filter), format);
        bool people = format == output_format::table || format == output_format::markdown;
        s.print(people ? for_people(std::move(t)) : t, format);
    });
}

void add_project_show(CLI::App& grp, session& s) {
    struct show_opts {
        std::string id, format = "text";
        bool reveal = false;
    };
    auto o = std::make_shared<show_opts>();
    auto* cmd = grp.add_subcommand(
        "show", tr("a project with its milestones, deliverables, funding and updates"));
    cmd->add_option("id", o->id, tr("the project number"))->required();
    format_option(*cmd, o->format, result_formats);
    cmd->add_flag("--reveal-pii", o->reveal,
                  tr("show a resident lead's phone unmasked (recorded in the audit log)"));
    cmd->footer(tr("Example: gov project show 3 --format json"));
    cmd->callback([o, &s] {
        bool as_json = json_output(o->format);
        project_record r = get_project(s.ctx(), parse_record_id(o->id), o->reveal);
        if (as_json)
            s.out() << render_json(r);
        else
            print_project(s.out(), r);
    });
}

void add_project_updates(CLI::App& grp, session& s) {
    struct updates_opts {
        std::optional<date> since;
        std::optional<std::int64_t> project;
        std::string format = "table";
    };
    auto o = std::make_shared<updates_opts>();
    auto* cmd = grp.add_subcommand("updates", tr("what happened on projects since a date"));
    date_filter_option(*cmd, "--since", o->since,
                       tr("on or after this date (default: 30 days ago)"));
    record_option(*cmd, "--project", o->project, "a project", tr("only this project"));
    format_option(*cmd, o->format, listing_formats);
    cmd->footer(
        tr("Columns (JSON keys): date, project, title, kind, text, actor, at.\n"
           "Example: gov project updates --since 2026-11-01 --format markdown"));
    cmd->callback([o, &s] {
        auto format = parse_output_format(o->format);
        date since = o->since.value_or(add_days(s.ctx().today(), -30));
        table t;
        t.columns = {{"date", tr("Date")},
                     {"project", tr("Project"), align::right},
                     {"title", tr("Title")},
                     {"kind", tr("Kind")},
                     {"text", tr("What")},
                     {"actor", tr("By")},
                     instant_column("at", tr("Recorded"))};
        for (const auto& u : project_updates_since(s.ctx(), since, o->project))
            t.rows.push_back({format_date(u.on), u.project, u.project_title, u.kind, u.text,
                              u.actor, format_timestamp(u.at)});
        s.print(t, format);
    });
}

}  // namespace

void register_project_show(CLI::App& grp, session& s) {
    add_project_list(grp, s);
    add_project_show(grp, s);
    add_project_updates(grp, s);
}

}  // namespace gov::cli
