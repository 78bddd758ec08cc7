// A summary as sections of listings, rendered as text, Markdown or CSV (the
// JSON and HTML renderers are in summary_json.cpp and summary_html.cpp).
#include "gov/reports/summary_render.hpp"

#include <fmt/format.h>

#include "gov/projects/project.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov {
namespace {

cell optional_cell(const std::optional<std::int64_t>& v) {
    return v ? cell{*v} : cell{};
}

std::int64_t count_of(const summary& s, const std::string& status, const std::string& category) {
    std::int64_t n = 0;
    for (const auto& g : s.by_status_category)
        if (g.status == status && g.category == category) n += g.count;
    return n;
}

summary_section overview(const summary& s, const summary_totals& t) {
    summary_section sec{"overview", tr("Overview"), {}};
    sec.rows.columns = {{"metric", tr("Metric")}, {"value", tr("Value"), align::right}};
    auto add = [&](const char* key, cell value) {
        sec.rows.rows.push_back({std::string(key), std::move(value)});
    };
    add("issues", t.issues);
    add("open", t.open);
    add("overdue", t.overdue);
    add("open_over_30_days", t.aging[2] + t.aging[3]);
    add("open_over_90_days", t.aging[3]);
    add("opened", t.opened);
    add("resolved", t.resolved);
    add("median_days_to_resolve", optional_cell(t.median_days_to_resolve));
    add("p90_days_to_resolve", optional_cell(t.p90_days_to_resolve));
    add("decisions", static_cast<std::int64_t>(s.decisions.size()));
    add("proposals_open", s.proposals_open);
    const project_totals p = project_figures(s);
    add("projects_overdue", p.overdue);
    add("projects_funding_gap", p.funding_gap);
    add("households", s.roster.households);
    add("residents", s.roster.residents);
    return sec;
}

cell money_cell(const std::optional<std::int64_t>& fen) {
    return fen ? cell{format_money(*fen)} : cell{};
}

std::string yes_no(bool v) {
    return v ? "yes" : "no";
}

summary_section projects(const summary& s) {
    summary_section sec{"projects", tr("Projects"), {}};
    sec.rows.columns = {{"id", tr("ID"), align::right},
                        {"title", tr("Title")},
                        {"status", tr("Status")},
                        {"progress", tr("Progress %"), align::right},
                        {"manual", tr("Manual")},
                        {"budget", tr("Budget"), align::right},
                        {"funded", tr("Funded"), align::right},
                        {"gap", tr("Gap"), align::right},
                        {"overdue_milestones", tr("Overdue milestones"), align::right},
                        {"overdue", tr("Overdue")}};
    for (const auto& p : s.projects)
        sec.rows.rows.push_back({p.id, p.title, p.status,
                                 p.progress ? cell{static_cast<std::int64_t>(*p.progress)} : cell{},
                                 yes_no(p.manual), money_cell(p.budget_fen),
                                 format_money(p.funded_fen), money_cell(p.gap_fen),
                                 p.overdue_milestones, yes_no(p.overdue)});
    return sec;
}

summary_section project_totals_section(const summary& s) {
    const project_totals t = project_figures(s);
    summary_section sec{"project_totals", tr("Project totals"), {}};
    sec.rows.columns = {{"metric", tr("Metric")}, {"value", tr("Value"), align::right}};
    auto add = [&](std::string key, std::int64_t value) {
        sec.rows.rows.push_back({std::move(key), value});
    };
    add("projects", t.total);
    for (std::size_t i = 0; i < t.by_status.size(); ++i)
        add(project_status_names()[i], t.by_status[i]);
    add("with_funding_gap", t.funding_gap);
    add("with_overdue_milestones", t.overdue_milestones);
    add("overdue", t.overdue);
    return sec;
}

summary_section meetings(const char* key, const std::string& title,
                         const std::vector<meeting_line>& list, bool held) {
    summary_section sec{key, title, {}};
    sec.rows.columns = {{"id", tr("ID"), align::right},
                        {"date", tr("Date")},
                        {"time", tr("Time")},
                        {"title", tr("Title")},
                        {"type", tr("Type")}};
    if (held) sec.rows.columns.push_back({"present", tr("Present"), align::right});
    for (const auto& m : list) {
        std::vector<cell> row{m.id, format_date(m.day), m.time, m.title, m.type};
        if (held) row.emplace_back(m.present);
        sec.rows.rows.push_back(std::move(row));
    }
    return sec;
}

summary_section status_by_category(const summary& s) {
    summary_section sec{"by_status_category", tr("Issues by status and category"), {}};
    sec.rows.columns = {{"category", tr("Category")}};
    for (const auto& st : s.statuses) sec.rows.columns.push_back({st, st, align::right});
    sec.rows.columns.push_back({"total", tr("Total"), align::right});
    for (const auto& c : s.categories) {
        std::vector<cell> row{c};
        std::int64_t total = 0;
        for (const auto& st : s.statuses) {
            std::int64_t n = count_of(s, st, c);
            total += n;
            row.emplace_back(n);
        }
        row.emplace_back(total);
        sec.rows.rows.push_back(std::move(row));
    }
    return sec;
}

summary_section named(const char* key, const std::string& title, const std::string& first,
                      const std::vector<named_count>& list, const std::string& blank) {
    summary_section sec{key, title, {}};
    sec.rows.columns = {{key == std::string("by_category") ? "category" : "severity", first},
                        {"open", tr("Open"), align::right},
                        {"overdue", tr("Overdue"), align::right},
                        {"opened", tr("Opened"), align::right},
                        {"resolved", tr("Resolved"), align::right}};
    for (const auto& c : list)
        sec.rows.rows.push_back(
            {c.name.empty() ? blank : c.name, c.open, c.overdue, c.opened, c.resolved});
    return sec;
}

summary_section aging_section(const summary_totals& t) {
    summary_section aging{"aging", tr("Aging of open issues (days since raised)"), {}};
    aging.rows.columns = {{"bucket", tr("Days")}, {"open", tr("Open"), align::right}};
    for (int b = 0; b < aging_buckets; ++b)
        aging.rows.rows.push_back({std::string(aging_bucket_names()[static_cast<std::size_t>(b)]),
                                   t.aging[static_cast<std::size_t>(b)]});
    return aging;
}

summary_section buildings_section(const summary& s) {
    summary_section buildings{"by_building", tr("Issues by building"), {}};
    buildings.rows.columns = {{"building", tr("Building")},
                              {"issues", tr("Issues"), align::right},
                              {"open", tr("Open"), align::right},
                              {"overdue", tr("Overdue"), align::right}};
    for (const auto& b : s.by_building)
        buildings.rows.rows.push_back(
            {b.building.empty() ? tr("(no building)") : b.building, b.issues, b.open, b.overdue});
    return buildings;
}

summary_section months_section(const summary& s) {
    summary_section months{"months", tr("Opened and resolved per month"), {}};
    months.rows.columns = {{"month", tr("Month")},
                           {"opened", tr("Opened"), align::right},
                           {"resolved", tr("Resolved"), align::right}};
    for (const auto& m : s.months) months.rows.rows.push_back({m.month, m.opened, m.resolved});
    return months;
}

summary_section overdue_section(const summary& s) {
    summary_section overdue{"overdue_list",
                            s.overdue_total > static_cast<std::int64_t>(s.overdue_list.size())
                                ? fmt::format(fmt::runtime(tr("Most overdue issues ({} of {})")),
                                              s.overdue_list.size(), s.overdue_total)
                                : tr("Overdue issues"),
                            {}};
    overdue.rows.columns = {{"id", tr("ID"), align::right},
                            {"title", tr("Title")},
                            {"category", tr("Category")},
                            {"severity", tr("Severity")},
                            {"building", tr("Building")},
                            {"assignee", tr("Assignee")},
                            {"due", tr("Due")},
                            {"days_overdue", tr("Days overdue"), align::right}};
    for (const auto& o : s.overdue_list)
        overdue.rows.rows.push_back({o.id, o.title, o.category, o.severity, o.building, o.assignee,
                                     format_date(o.due), o.days_overdue});
    return overdue;
}

summary_section decisions_section(const summary& s) {
    summary_section decisions{"decisions", tr("Decisions taken in the period"), {}};
    decisions.rows.columns = {{"id", tr("ID"), align::right}, {"code", tr("Code")},
                              {"title", tr("Title")},         {"method", tr("Method")},
                              {"outcome", tr("Outcome")},     {"closed", tr("Closed")}};
    for (const auto& d : s.decisions)
        decisions.rows.rows.push_back(
            {d.id, d.code, d.title, d.method, d.outcome, format_date(d.closed)});
    return decisions;
}

summary_section roster_section(const summary& s) {
    summary_section roster{"roster", tr("Roster"), {}};
    roster.rows.columns = {{"metric", tr("Metric")}, {"value", tr("Value"), align::right}};
    roster.rows.rows.push_back({std::string("households"), s.roster.households});
    roster.rows.rows.push_back({std::string("residents"), s.roster.residents});
    if (const auto& li = s.roster.last_import) {
        roster.rows.rows.push_back({std::string("last_import"), format_date(li->on)});
        roster.rows.rows.push_back({std::string("last_import_added"), li->added});
        roster.rows.rows.push_back({std::string("last_import_updated"), li->updated});
        roster.rows.rows.push_back({std::string("last_import_moved_out"), li->moved_out});
    }
    return roster;
}

summary_section gates_section(const std::vector<gate_result>& gates) {
    summary_section g{"gates", tr("Gates"), {}};
    g.rows.columns = {
        {"gate", tr("Gate")}, {"value", tr("Value"), align::right}, {"result", tr("Result")}};
    for (const auto& r : gates)
        g.rows.rows.push_back(
            {r.g.text, optional_cell(r.value), std::string(r.tripped ? "FAIL" : "ok")});
    return g;
}

}  // namespace

summary_format parse_summary_format(std::string_view name) {
    if (name == "text") return summary_format::text;
    if (name == "markdown") return summary_format::markdown;
    if (name == "json") return summary_format::json;
    if (name == "csv") return summary_format::csv;
    if (name == "html") return summary_format::html;
    throw usage_error(fmt::format(
        fmt::runtime(tr("--format: \"{}\" is not one of: text, markdown, json, csv, html")), name));
}

std::vector<summary_section> summary_sections(const summary& s,
                                              const std::vector<gate_result>& gates) {
    const summary_totals t = summary_figures(s);
    std::vector<summary_section> out;
    out.push_back(overview(s, t));
    out.push_back(status_by_category(s));
    out.push_back(
        named("by_category", tr("Issues by category"), tr("Category"), t.by_category, ""));
    out.push_back(named("by_severity", tr("Issues by severity"), tr("Severity"), t.by_severity,
                        tr("(unclassified)")));
    out.push_back(aging_section(t));
    out.push_back(buildings_section(s));
    out.push_back(months_section(s));
    out.push_back(overdue_section(s));
    out.push_back(decisions_section(s));
    out.push_back(roster_section(s));
    out.push_back(projects(s));
    out.push_back(project_totals_section(s));
    out.push_back(
        meetings("meetings_held", tr("Meetings held in the period"), s.meetings_held, true));
    out.push_back(
        meetings("meetings_upcoming", tr("Upcoming meetings"), s.meetings_upcoming, false));

    if (!gates.empty()) out.push_back(gates_section(gates));
    return out;
}

namespace {

std::string heading_line(const summary& s) {
    std::string line =
        fmt::format(fmt::runtime(tr("{}: {} to {}, as of {}")), s.community, format_date(s.since),
                    format_date(s.until), format_date(s.today));
    if (!s.scope.empty()) line += fmt::format(fmt::runtime(tr(" (only {})")), s.scope);
    return line;
}

std::string render_text(const summary& s, const std::vector<gate_result>& gates) {
    std::string out = heading_line(s) + "\n";
    for (const auto& sec : summary_sections(s, gates)) {
        out += fmt::format("\n{}\n", sec.title);
        out += sec.rows.rows.empty() ? std::string(tr("(none)")) + "\n" : render_table(sec.rows);
    }
    return out;
}

std::string render_md(const summary& s, const std::vector<gate_result>& gates) {
    std::string out = fmt::format("# {}\n\n{}\n", tr("Status summary"), heading_line(s));
    for (const auto& sec : summary_sections(s, gates)) {
        out += fmt::format("\n## {}\n\n", sec.title);
        out +=
            sec.rows.rows.empty() ? fmt::format("_{}_\n", tr("(none)")) : render_markdown(sec.rows);
    }
    return out;
}

// One long table: each cell of each section after its first column, as
// section, item (the first column), metric (the column key), value.
std::string render_long_csv(const summary& s, const std::vector<gate_result>& gates) {
    table t;
    t.columns = {
        {"section", "section"}, {"item", "item"}, {"metric", "metric"}, {"value", "value"}};
    for (const auto& sec : summary_sections(s, gates))
        for (const auto& row : sec.rows.rows)
            for (std::size_t c = 1; c < row.size(); ++c)
                t.rows.push_back({sec.key, cell_text(row[0]), sec.rows.columns[c].key, row[c]});
    return render_csv(t);
}

}  // namespace

std::string render_summary(const summary& s, summary_format format,
                           const std::vector<gate_result>& gates) {
    switch (format) {
        case summary_format::text:
            return render_text(s, gates);
        case summary_format::markdown:
            return render_md(s, gates);
        case summary_format::json:
            return render_summary_json(s, gates);
        case summary_format::csv:
            return render_long_csv(s, gates);
        case summary_format::html:
            return render_summary_html(s, gates);
    }
    return {};
}

}  // namespace gov
