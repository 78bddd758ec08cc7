// gov issue list | show
#include <fmt/format.h>

#include "cells.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "gov/issues/issue.hpp"
#include "gov/text/table.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issue_commands.hpp"
#include "options.hpp"

namespace gov::cli {
namespace {

// The listing as a table, filled an issue at a time as the library reads
// them. A terminal table shows the columns people scan; json, csv and
// markdown carry them all.
class issue_listing {
  public:
    explicit issue_listing(bool people) : m_people(people) {
        const column all[] = {{"id", tr("No."), align::right},
                              {"status", tr("Status")},
                              {"priority", tr("Priority")},
                              {"category", tr("Category")},
                              {"severity", tr("Severity")},
                              {"title", tr("Title")},
                              {"building", tr("Building")},
                              {"room", tr("Room/place")},
                              {"raised_by", tr("Raised by")},
                              {"assignee", tr("Assignee")},
                              {"due", tr("Due")},
                              {"overdue", tr("Overdue")},
                              {"created", tr("Created")},
                              instant_column("updated", tr("Updated")),
                              {"tags", tr("Tags")}};
        static_assert(std::size(all) == std::size(shown_to_people));
        for (std::size_t k = 0; k < std::size(all); ++k) {
            if (people && !shown_to_people[k]) continue;
            m_picked.push_back(k);
            (people ? m_text.columns : m_table.columns).push_back(all[k]);
            m_filled.push_back(false);
        }
    }

    void add(issue_summary&& i) {
        if (m_people) {
            // The terminal table holds text only, back to back (gov/table.hpp).
            for (std::size_t c = 0; c < m_picked.size(); ++c) {
                const cell value = take(m_picked[c], i);
                m_text.add_cell(value);
                if (!std::holds_alternative<std::monostate>(value)) m_filled[c] = true;
            }
            m_text.end_row();
            return;
        }
        std::vector<cell> row;
        row.reserve(m_picked.size());
        for (std::size_t k : m_picked) row.push_back(take(k, i));
        m_table.rows.push_back(std::move(row));
    }

    /// Prints the listing: the terminal table, or all columns in `format`.
    void print(session& s, output_format format) {
        if (!m_people) {
            s.print(m_table, format);
            return;
        }
        // An optional column nobody filled (severity, assignee, tags) is
        // left out rather than drawn empty: at a hundred columns its heading
        // took the room the titles needed. A listing with no rows keeps
        // every heading.
        if (m_text.rows() > 0) {
            std::vector<bool> keep(m_picked.size(), true);
            for (std::size_t c = 0; c < m_picked.size(); ++c) {
                const std::size_t k = m_picked[c];
                keep[c] = m_filled[c] || !(k == col_severity || k == col_assignee || k == col_tags);
            }
            m_text.keep_columns(keep);
        }
        s.print(m_text);
    }

  private:
    // id, status, priority, category, severity, title, building, assignee,
    // due, overdue and tags; not room, raised_by, created or updated.
    static constexpr bool shown_to_people[] = {true,  true, true, true, true,  true,  true, false,
                                               false, true, true, true, false, false, true};

    // The columns, in order.
    enum column_index : std::size_t {
        col_id,
        col_status,
        col_priority,
        col_category,
        col_severity,
        col_title,
        col_building,
        col_room,
        col_raised_by,
        col_assignee,
        col_due,
        col_overdue,
        col_created,
        col_updated,
        col_tags
    };

    // Cell k of an issue; only the picked ones are made, as a long listing
    // has many.
    static cell take(std::size_t k, issue_summary& i) {
        switch (static_cast<column_index>(k)) {
            case col_id:
                return i.id;
            case col_status:
                return std::move(i.status);
            case col_priority:
                return std::move(i.priority);
            case col_category:
                return std::move(i.category);
            case col_severity:
                return text_or_null(std::move(i.severity));
            case col_title:
                return std::move(i.title);
            case col_building:
                return text_or_null(std::move(i.building));
            case col_room:
                return text_or_null(std::move(i.room));
            case col_raised_by:
                return text_or_null(std::move(i.raised_by));
            case col_assignee:
                return text_or_null(std::move(i.assignee));
            case col_due:
                return date_cell(i.due);
            case col_overdue:
                return i.overdue;
            case col_created:
                return format_date(i.created);
            case col_updated:
                return format_timestamp(i.updated_at);
            case col_tags:
                break;
        }
        return text_or_null(joined(i.tags, ","));
    }

    bool m_people;
    std::vector<std::size_t> m_picked;
    std::vector<bool> m_filled;  // by picked column: some row has a value
    table m_table;               // json, csv, markdown: typed cells
    text_table m_text;           // the terminal table
};

void print_issue(session& s, const issue_record& r) {
    std::ostream& out = s.out();
    out << fmt::format("#{} {}\n", r.id, r.title);
    std::string status = r.status;
    if (!r.next_statuses.empty())
        status += fmt::format(fmt::runtime(tr(" (may become: {})")), joined(r.next_statuses, ", "));
    std::string due = r.due ? format_date(*r.due) : "";
    if (r.due && r.overdue) due += tr(" — overdue");
    if (r.due && !r.due_explicit) due += tr(" (from the category's deadline)");
    std::string raised = r.raised_by;
    if (!r.raised_by_phone.empty()) raised += " " + r.raised_by_phone;
    std::string where = r.building;
    if (!r.unit.empty()) where += fmt::format(fmt::runtime(tr(" unit {}")), r.unit);
    auto when = [&s](const std::optional<timestamp>& t) {
        return t ? s.local_time(*t) : std::string{};
    };
    print_fields(out,
                 {{tr("status"), status},
                  {tr("category"), r.category},
                  {tr("severity"), r.severity},
                  {tr("priority"), r.priority},
                  {tr("building"), where},
                  {tr("room/place"), r.room},
                  {tr("raised by"), raised},
                  {tr("assignee"), r.assignee},
                  {tr("due"), due},
                  {tr("tags"), joined(r.tags, ", ")},
                  {tr("created"), fmt::format("{} {}", s.local_time(r.created_at), r.created_by)},
                  {tr("updated"), s.local_time(r.updated_at)},
                  {tr("resolved"), when(r.resolved_at)},
                  {tr("closed"), when(r.closed_at)},
                  {tr("resolution"), r.resolution}});
    if (!r.description.empty()) out << "\n" << r.description << "\n";
    if (!r.comments.empty()) {
        out << "\n" << tr("Comments") << ":\n";
        for (const auto& c : r.comments)
            out << fmt::format("  {} {}: {}\n", s.local_time(c.at), c.actor, c.text);
    }
    if (!r.history.empty()) {
        out << "\n" << tr("History") << ":\n";
        for (const auto& h : r.history)
            out << fmt::format("  {} {}: {} {} → {}\n", s.local_time(h.at), h.actor, h.field,
                               change_value(s, h.field, h.from), change_value(s, h.field, h.to));
    }
}

}  // namespace

void register_issue_list(CLI::App& grp, session& s) {
    struct list_opts {
        issue_filter filter;
        std::string format = "table";
    };
    auto o = std::make_shared<list_opts>();
    issue_filter& f = o->filter;
    auto* cmd = grp.add_subcommand("list", tr("list issues; the filters combine"));
    status_option(*cmd, [&f](const std::string& name) { f.statuses.push_back(name); });
    cmd->add_option("--category", f.categories, tr("in this category (repeatable)"));
    cmd->add_option("--severity", f.severities, tr("of this severity (repeatable)"));
    cmd->add_option("--priority", f.priorities, tr("of this priority (repeatable)"));
    cmd->add_option("--building", f.building, tr("about this building"));
    cmd->add_option("--assignee", f.assignee,
                    tr("assigned to this party or resident (\"\": to nobody)"));
    cmd->add_option("--raised-by", f.raised_by, tr("raised by this resident"));
    cmd->add_option("--tag", f.tags, tr("with this tag (repeatable: all of them)"));
    cmd->add_flag("--overdue", f.overdue, tr("past the due date and not done"));
    date_filter_option(*cmd, "--due-before", f.due_before, tr("due before this date"));
    cmd->add_option_function<std::string>(
        "--older-than",
        [&f](const std::string& text) {
            if (text.empty()) return;
            f.older_than = parse_period(text);
            if (!f.older_than)
                throw usage_error(fmt::format(
                    fmt::runtime(tr("--older-than: \"{}\" is not a length of time like 30d, 2w, "
                                    "6m or 1y")),
                    text));
        },
        tr("created more than this long ago: 30d, 2w, 6m, 1y"));
    date_filter_option(*cmd, "--since", f.since, tr("created on or after this date"));
    date_filter_option(*cmd, "--until", f.until, tr("created on or before this date"));
    cmd->add_option("--search", f.search, tr("text in the title, description or comments"));
    cmd->add_option_function<std::string>(
           "--sort", [&f](const std::string& text) { f.sort = parse_issue_sort(text); },
           tr("id, created, due, priority, status or updated"))
        ->default_str("id");
    cmd->add_flag("--reverse", f.reverse, tr("the other way round"));
    limit_option(*cmd, f.limit, tr("at most N issues"));
    format_option(*cmd, o->format, listing_formats);
    cmd->footer(
        tr("Columns (JSON keys): id, status, priority, category, severity, title, building, room,\n"
           "raised_by, assignee, due, overdue, created, updated, tags (the terminal table shows\n"
           "the main ones; json, csv and markdown all of them).\n"
           "Example: gov issue list --status open --building 12 --sort due\n"
           "         gov issue list --overdue --category 安全隐患 --format json"));
    cmd->callback([o, &s] {
        auto format = parse_output_format(o->format);
        issue_filter wanted = o->filter;
        // The terminal table shows no room, raiser or times: skip reading them.
        const bool people = format == output_format::table;
        if (people) wanted.fields = issue_fields::without_people_and_times;
        issue_listing listing(people);
        for_each_issue(s.ctx(), wanted, [&](issue_summary&& i) { listing.add(std::move(i)); });
        listing.print(s, format);
    });
}

void register_issue_show(CLI::App& grp, session& s) {
    struct show_opts {
        std::string id, format = "text";
        bool reveal = false;
    };
    auto o = std::make_shared<show_opts>();
    auto* cmd = grp.add_subcommand("show", tr("an issue with its comments and history"));
    cmd->add_option("id", o->id, tr("the issue number"))->required();
    format_option(*cmd, o->format, result_formats);
    cmd->add_flag("--reveal-pii", o->reveal,
                  tr("show the raiser's phone unmasked (recorded in the audit log)"));
    cmd->footer(tr("Example: gov issue show 42 --format json"));
    cmd->callback([o, &s] {
        bool json = json_output(o->format);
        issue_record r = get_issue(s.ctx(), parse_issue_id(o->id), o->reveal);
        if (json)
            s.out() << render_json(r);
        else
            print_issue(s, r);
    });
}

}  // namespace gov::cli
