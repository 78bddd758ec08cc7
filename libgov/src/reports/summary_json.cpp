// A summary as JSON: the stable contract for machines (docs/summary-metrics.md).
// Keys are snake_case and never translated; objects keep a fixed key order.
#include <nlohmann/json.hpp>

#include "gov/projects/project.hpp"
#include "gov/reports/summary_render.hpp"

namespace gov {
namespace {

using json = nlohmann::ordered_json;

json optional_number(const std::optional<std::int64_t>& v) {
    return v ? json(*v) : json(nullptr);
}

json meeting_list(const std::vector<meeting_line>& list, bool held) {
    json out = json::array();
    for (const auto& m : list) {
        json j{{"id", m.id},
               {"date", format_date(m.day)},
               {"time", m.time},
               {"title", m.title},
               {"type", m.type}};
        if (held) j["present"] = m.present;
        out.push_back(std::move(j));
    }
    return out;
}

json named_counts(const std::vector<named_count>& list, const char* key) {
    json out = json::array();
    for (const auto& c : list)
        out.push_back({{key, c.name},
                       {"open", c.open},
                       {"overdue", c.overdue},
                       {"opened", c.opened},
                       {"resolved", c.resolved}});
    return out;
}

// The issues' part: the names, the counts by status, category, severity,
// age, building and month, the days to resolve and the longest overdue.
json issues_json(const summary& s, const summary_totals& t) {
    json issues;
    issues["statuses"] = s.statuses;
    issues["done_statuses"] = s.done_statuses;
    issues["categories"] = s.categories;
    issues["severities"] = s.severities;
    json by_status = json::array();
    for (const auto& g : s.by_status_category)
        by_status.push_back({{"status", g.status}, {"category", g.category}, {"count", g.count}});
    issues["by_status_category"] = std::move(by_status);
    issues["by_category"] = named_counts(t.by_category, "category");
    issues["by_severity"] = named_counts(t.by_severity, "severity");
    json aging = json::array();
    for (std::size_t b = 0; b < aging_buckets; ++b)
        aging.push_back({{"bucket", aging_bucket_names()[b]}, {"open", t.aging[b]}});
    issues["aging"] = std::move(aging);
    json buildings = json::array();
    for (const auto& b : s.by_building)
        buildings.push_back({{"building", b.building.empty() ? json(nullptr) : json(b.building)},
                             {"issues", b.issues},
                             {"open", b.open},
                             {"overdue", b.overdue}});
    issues["by_building"] = std::move(buildings);
    json months = json::array();
    for (const auto& m : s.months)
        months.push_back({{"month", m.month}, {"opened", m.opened}, {"resolved", m.resolved}});
    issues["months"] = std::move(months);
    json days = json::array();
    for (const auto& r : s.resolved)
        days.push_back({{"category", r.category},
                        {"severity", r.severity},
                        {"days", r.days},
                        {"count", r.count}});
    issues["days_to_resolve"] = std::move(days);
    json overdue = json::array();
    for (const auto& o : s.overdue_list)
        overdue.push_back({{"id", o.id},
                           {"title", o.title},
                           {"category", o.category},
                           {"severity", o.severity},
                           {"status", o.status},
                           {"building", o.building.empty() ? json(nullptr) : json(o.building)},
                           {"assignee", o.assignee.empty() ? json(nullptr) : json(o.assignee)},
                           {"due", format_date(o.due)},
                           {"days_overdue", o.days_overdue}});
    issues["overdue_list"] = std::move(overdue);
    return issues;
}

// Proposals closed in the period.
json decisions_json(const summary& s) {
    json decisions = json::array();
    for (const auto& d : s.decisions)
        decisions.push_back({{"id", d.id},
                             {"code", d.code.empty() ? json(nullptr) : json(d.code)},
                             {"title", d.title},
                             {"method", d.method},
                             {"outcome", d.outcome},
                             {"closed", format_date(d.closed)}});
    return decisions;
}

// The roster's size and its last import.
json roster_json(const summary& s) {
    json roster{{"households", s.roster.households}, {"residents", s.roster.residents}};
    if (const auto& li = s.roster.last_import)
        roster["last_import"] = {
            {"date", format_date(li->on)}, {"file", li->file},       {"rows", li->rows},
            {"added", li->added},          {"updated", li->updated}, {"unchanged", li->unchanged},
            {"moved_out", li->moved_out},  {"invalid", li->invalid}};
    else
        roster["last_import"] = nullptr;
    return roster;
}

// The projects' totals and each project not cancelled.
json projects_json(const summary& s, const project_totals& pt) {
    json projects;
    json projects_by_status = json::object();
    for (std::size_t i = 0; i < pt.by_status.size(); ++i)
        projects_by_status[project_status_names()[i]] = pt.by_status[i];
    projects["totals"] = {{"projects", pt.total},
                          {"by_status", std::move(projects_by_status)},
                          {"with_funding_gap", pt.funding_gap},
                          {"with_overdue_milestones", pt.overdue_milestones},
                          {"overdue", pt.overdue}};
    json plist = json::array();
    for (const auto& p : s.projects)
        plist.push_back({{"id", p.id},
                         {"title", p.title},
                         {"status", p.status},
                         {"progress", p.progress ? json(*p.progress) : json(nullptr)},
                         {"manual", p.manual},
                         {"budget_fen", optional_number(p.budget_fen)},
                         {"funded_fen", p.funded_fen},
                         {"gap_fen", optional_number(p.gap_fen)},
                         {"funding_gap", p.funding_gap},
                         {"overdue_milestones", p.overdue_milestones},
                         {"overdue", p.overdue}});
    projects["list"] = std::move(plist);
    return projects;
}

// Each gate with the value it was checked against.
json gates_json(const std::vector<gate_result>& gates) {
    json g = json::array();
    for (const auto& r : gates)
        g.push_back({{"gate", r.g.text},
                     {"metric", r.g.metric},
                     {"op", std::string(to_string(r.g.op))},
                     {"threshold", r.g.threshold},
                     {"value", optional_number(r.value)},
                     {"tripped", r.tripped}});
    return g;
}

}  // namespace

std::string render_summary_json(const summary& s, const std::vector<gate_result>& gates) {
    const summary_totals t = summary_figures(s);
    const project_totals pt = project_figures(s);
    json doc;
    doc["format"] = "gov-summary/1";
    doc["community"] = s.community;
    doc["today"] = format_date(s.today);
    doc["since"] = format_date(s.since);
    doc["until"] = format_date(s.until);
    doc["scope"] = s.scope.empty() ? json(nullptr) : json(s.scope);
    doc["metrics"] = {{"issues", t.issues},
                      {"open", t.open},
                      {"overdue", t.overdue},
                      {"open_over_30_days", t.aging[2] + t.aging[3]},
                      {"open_over_90_days", t.aging[3]},
                      {"opened", t.opened},
                      {"resolved", t.resolved},
                      {"median_days_to_resolve", optional_number(t.median_days_to_resolve)},
                      {"p90_days_to_resolve", optional_number(t.p90_days_to_resolve)},
                      {"decisions", static_cast<std::int64_t>(s.decisions.size())},
                      {"proposals_open", s.proposals_open},
                      {"projects_overdue", pt.overdue},
                      {"projects_funding_gap", pt.funding_gap}};

    doc["issues"] = issues_json(s, t);
    doc["decisions"] = decisions_json(s);
    doc["roster"] = roster_json(s);
    doc["projects"] = projects_json(s, pt);
    doc["meetings"] = {{"held", meeting_list(s.meetings_held, true)},
                       {"upcoming", meeting_list(s.meetings_upcoming, false)}};
    doc["gates"] = gates_json(gates);
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace gov
