// gov issue list | show
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cells.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "gov/issues/issue.hpp"
#include "gov/text/table.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issue_commands.hpp"

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

nlohmann::ordered_json or_null(const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}
template <class T>
nlohmann::ordered_json or_null(const std::optional<T>& v) {
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}
nlohmann::ordered_json time_or_null(const std::optional<timestamp>& t) {
    return t ? nlohmann::ordered_json(format_timestamp(*t)) : nlohmann::ordered_json(nullptr);
}

const char* assignee_kind_name(assignee_kind k) {
    switch (k) {
        case assignee_kind::party:
            return "party";
        case assignee_kind::resident:
            return "resident";
        case assignee_kind::none:
            break;
    }
    return nullptr;
}

nlohmann::ordered_json issue_json(const issue_record& r) {
    auto comments = nlohmann::ordered_json::array();
    for (const auto& c : r.comments)
        comments.push_back(
            {{"id", c.id}, {"at", format_timestamp(c.at)}, {"actor", c.actor}, {"text", c.text}});
    auto history = nlohmann::ordered_json::array();
    for (const auto& h : r.history)
        history.push_back({{"at", format_timestamp(h.at)},
                           {"actor", h.actor},
                           {"field", h.field},
                           {"from", or_null(h.from)},
                           {"to", or_null(h.to)}});
    const char* kind = assignee_kind_name(r.assignee_type);
    return {{"id", r.id},
            {"title", r.title},
            {"description", or_null(r.description)},
            {"status", r.status},
            {"next_statuses", r.next_statuses},
            {"category", r.category},
            {"severity", or_null(r.severity)},
            {"priority", r.priority},
            {"building", or_null(r.building)},
            {"building_id", or_null(r.building_id)},
            {"unit", or_null(r.unit)},
            {"room", or_null(r.room)},
            {"household_id", or_null(r.household_id)},
            {"raised_by", or_null(r.raised_by)},
            {"raised_by_id", or_null(r.raised_by_id)},
            {"raised_by_phone", or_null(r.raised_by_phone)},
            {"raised_at_meeting", or_null(r.raised_at_meeting)},
            {"assignee", or_null(r.assignee)},
            {"assignee_kind", kind ? nlohmann::ordered_json(kind) : nullptr},
            {"assignee_id", or_null(r.assignee_id)},
            {"due", r.due ? nlohmann::ordered_json(format_date(*r.due)) : nullptr},
            {"due_explicit", r.due_explicit},
            {"overdue", r.overdue},
            {"resolution", or_null(r.resolution)},
            {"created_at", format_timestamp(r.created_at)},
            {"created_by", r.created_by},
            {"updated_at", format_timestamp(r.updated_at)},
            {"resolved_at", time_or_null(r.resolved_at)},
            {"closed_at", time_or_null(r.closed_at)},
            {"tags", r.tags},
            {"comments", comments},
            {"history", history}};
}

// Label/value lines with the labels padded to one display width.
void print_fields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& f) {
    int width = 0;
    for (const auto& [label, value] : f) width = std::max(width, display_width(label));
    for (const auto& [label, value] : f) {
        if (value.empty()) continue;
        out << "  " << label
            << std::string(static_cast<std::size_t>(width - display_width(label)), ' ') << "  "
            << value << "\n";
    }
}

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
        std::vector<std::string> statuses, categories, severities, priorities, tags;
        std::string building, assignee, raised_by, due_before, older_than, since, until, search;
        std::string sort = "id", format = "table";
        bool overdue = false, reverse = false;
        std::int64_t limit = -1;
        CLI::Option *building_opt = nullptr, *assignee_opt = nullptr, *raised_opt = nullptr;
    };
    auto o = std::make_shared<list_opts>();
    auto* cmd = grp.add_subcommand("list", tr("list issues; the filters combine"));
    cmd->add_option("--status", o->statuses, tr("in this status (repeatable: any of them)"));
    cmd->add_option("--category", o->categories, tr("in this category (repeatable)"));
    cmd->add_option("--severity", o->severities, tr("of this severity (repeatable)"));
    cmd->add_option("--priority", o->priorities, tr("of this priority (repeatable)"));
    o->building_opt = cmd->add_option("--building", o->building, tr("about this building"));
    o->assignee_opt = cmd->add_option("--assignee", o->assignee,
                                      tr("assigned to this party or resident (\"\": to nobody)"));
    o->raised_opt = cmd->add_option("--raised-by", o->raised_by, tr("raised by this resident"));
    cmd->add_option("--tag", o->tags, tr("with this tag (repeatable: all of them)"));
    cmd->add_flag("--overdue", o->overdue, tr("past the due date and not done"));
    cmd->add_option("--due-before", o->due_before, tr("due before this date"));
    cmd->add_option("--older-than", o->older_than,
                    tr("created more than this long ago: 30d, 2w, 6m, 1y"));
    cmd->add_option("--since", o->since, tr("created on or after this date"));
    cmd->add_option("--until", o->until, tr("created on or before this date"));
    cmd->add_option("--search", o->search, tr("text in the title, description or comments"));
    cmd->add_option("--sort", o->sort, tr("id, created, due, priority, status or updated"))
        ->default_str("id");
    cmd->add_flag("--reverse", o->reverse, tr("the other way round"));
    cmd->add_option("--limit", o->limit, tr("at most N issues"));
    format_option(*cmd, o->format, listing_formats);
    cmd->footer(
        tr("Columns (JSON keys): id, status, priority, category, severity, title, building, room,\n"
           "raised_by, assignee, due, overdue, created, updated, tags (the terminal table shows\n"
           "the main ones; json, csv and markdown all of them).\n"
           "Example: gov issue list --status open --building 12 --sort due\n"
           "         gov issue list --overdue --category 安全隐患 --format json"));
    cmd->callback([o, &s] {
        auto format = parse_output_format(o->format);
        issue_filter f;
        f.statuses = o->statuses;
        f.categories = o->categories;
        f.severities = o->severities;
        f.priorities = o->priorities;
        f.tags = o->tags;
        if (o->building_opt->count()) f.building = o->building;
        if (o->assignee_opt->count()) f.assignee = o->assignee;
        if (o->raised_opt->count()) f.raised_by = o->raised_by;
        f.overdue = o->overdue;
        if (!o->due_before.empty()) f.due_before = date_option("--due-before", o->due_before);
        if (!o->since.empty()) f.since = date_option("--since", o->since);
        if (!o->until.empty()) f.until = date_option("--until", o->until);
        if (!o->older_than.empty()) {
            f.older_than = parse_period(o->older_than);
            if (!f.older_than)
                throw usage_error(fmt::format(
                    fmt::runtime(tr("--older-than: \"{}\" is not a length of time like 30d, 2w, "
                                    "6m or 1y")),
                    o->older_than));
        }
        f.search = o->search;
        f.sort = parse_issue_sort(o->sort);
        f.reverse = o->reverse;
        if (o->limit != -1) {
            if (o->limit < 0) throw usage_error(tr("--limit must not be negative"));
            f.limit = o->limit;
        }
        // The terminal table shows neither who raised each issue nor the
        // room or times, so it spares the listing reading them.
        const bool people = format == output_format::table;
        // The terminal table shows no room, raiser or times: skip reading them.
        if (people) f.fields = issue_fields::without_people_and_times;
        issue_listing listing(people);
        for_each_issue(s.ctx(), f, [&](issue_summary&& i) { listing.add(std::move(i)); });
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
            s.out() << issue_json(r).dump(2, ' ', false,
                                          nlohmann::ordered_json::error_handler_t::replace)
                    << "\n";
        else
            print_issue(s, r);
    });
}

}  // namespace gov::cli
