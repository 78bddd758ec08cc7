// The projects' JSON documents: the record `gov project show` prints, what
// an update or a status change did.
#include "gov/projects/project.hpp"
#include "text/interface.hpp"

namespace gov {
namespace {

using detail::json_or_null;
using detail::ordered_json;

ordered_json money_or_null(const std::optional<std::int64_t>& fen) {
    return fen ? ordered_json(format_money(*fen)) : ordered_json(nullptr);
}

ordered_json milestone_json(const project_milestone& m) {
    return {{"number", m.number},
            {"title", m.title},
            {"due", json_or_null(m.due)},
            {"done_on", json_or_null(m.done_on)},
            {"overdue", m.overdue}};
}

ordered_json lead_kind(const project_record& r) {
    if (r.lead_party_id) return "party";
    if (r.lead_resident_id) return "resident";
    return nullptr;
}

}  // namespace

std::string render_json(const project_record& r) {
    const auto& p = r.summary;
    auto milestones = ordered_json::array(), deliverables = ordered_json::array(),
         funding = ordered_json::array(), links = ordered_json::array(),
         updates = ordered_json::array(), overdue = ordered_json::array(),
         next = ordered_json::array();
    for (const auto& m : r.milestones) milestones.push_back(milestone_json(m));
    for (const auto& m : p.overdue_milestones) overdue.push_back(milestone_json(m));
    for (const auto& d : r.deliverables)
        deliverables.push_back(
            {{"name", d.name}, {"target", d.target}, {"delivered", d.delivered}});
    for (const auto& f : r.funding)
        funding.push_back({{"from", f.from},
                           {"amount", format_money(f.amount_fen)},
                           {"amount_fen", f.amount_fen},
                           {"date", format_date(f.on)},
                           {"note", json_or_null(f.note)}});
    for (const auto& l : r.links)
        links.push_back({{"kind", to_string(l.kind)},
                         {"id", l.id},
                         {"origin", l.origin},
                         {"title", l.title},
                         {"status", l.status}});
    for (const auto& u : r.updates)
        updates.push_back({{"id", u.id},
                           {"date", format_date(u.on)},
                           {"at", format_timestamp(u.at)},
                           {"actor", u.actor},
                           {"kind", u.kind},
                           {"text", u.text}});
    for (auto s : r.next_statuses) next.push_back(to_string(s));
    return detail::dump_json({{"id", p.id},
                              {"title", p.title},
                              {"description", json_or_null(r.description)},
                              {"status", to_string(p.status)},
                              {"status_reason", json_or_null(r.status_reason)},
                              {"next_statuses", next},
                              {"lead", json_or_null(p.lead)},
                              {"lead_kind", lead_kind(r)},
                              {"lead_phone", json_or_null(r.lead_phone)},
                              {"partners", r.partners},
                              {"progress", json_or_null(p.progress)},
                              {"progress_source", to_string(p.source)},
                              {"progress_rule", to_string(p.rule)},
                              {"derived_progress", json_or_null(p.derived_progress)},
                              {"manual_reason", json_or_null(p.manual_reason)},
                              {"budget", money_or_null(p.budget_fen)},
                              {"funded", format_money(p.funded_fen)},
                              {"gap", money_or_null(p.gap_fen)},
                              {"budget_fen", json_or_null(p.budget_fen)},
                              {"funded_fen", p.funded_fen},
                              {"gap_fen", json_or_null(p.gap_fen)},
                              {"funding_gap", p.funding_gap},
                              {"start", json_or_null(p.start)},
                              {"due", json_or_null(p.due)},
                              {"overdue", p.overdue},
                              {"completed_on", json_or_null(r.completed_on)},
                              {"overdue_milestones", overdue},
                              {"milestones", milestones},
                              {"deliverables", deliverables},
                              {"funding", funding},
                              {"links", links},
                              {"updates", updates},
                              {"created_at", format_timestamp(r.created_at)},
                              {"created_by", r.created_by}});
}

std::string render_json(std::int64_t id, const std::vector<project_field_change>& changes) {
    return detail::changes_json(id, changes);
}

std::string render_json(std::int64_t id, const project_status_result& r) {
    return detail::dump_json({{"id", id},
                              {"from", to_string(r.from)},
                              {"to", to_string(r.to)},
                              {"resolved_issues", r.resolved_issues},
                              {"already_done_issues", r.already_done_issues}});
}

}  // namespace gov
