// The agenda engine: pure selection of items by the template's rules. It
// sees only agenda_inputs, so its output depends on nothing but the records
// and the dates it is given; the loader (agenda_load.cpp) collects them.
#include "gov/meetings/agenda.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "gov/store/config.hpp"
#include "gov/values/i18n.hpp"

namespace gov {
namespace {

std::string issue_detail(const agenda_issue& i, bool overdue) {
    std::string d = i.category;
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        if (!d.empty()) d += " · ";
        d += part;
    };
    add(i.status);
    if (!i.assignee.empty()) add(fmt::format(fmt::runtime(tr("assigned to {}")), i.assignee));
    if (i.due)
        add(fmt::format(fmt::runtime(overdue ? tr("due {} (overdue)") : tr("due {}")),
                        format_date(*i.due)));
    return d;
}

agenda_entry issue_entry(const agenda_issue& i, const date& reference) {
    agenda_entry e;
    e.kind = "issue";
    e.ref = i.id;
    e.title = i.title;
    e.overdue = !i.done && i.due && *i.due < reference;
    e.detail = issue_detail(i, e.overdue);
    e.group = i.building;
    return e;
}

agenda_entry proposal_entry(const agenda_proposal& p) {
    agenda_entry e;
    e.kind = "proposal";
    e.ref = p.id;
    e.title = p.code.empty() ? p.title : fmt::format("{} {}", p.code, p.title);
    e.detail = p.status;
    return e;
}

agenda_entry project_entry(const agenda_project& p) {
    agenda_entry e;
    e.kind = "project";
    e.ref = p.id;
    e.title = p.title;
    e.detail = p.progress.empty() ? p.status : fmt::format("{} · {}", p.status, p.progress);
    return e;
}

// An item as stored: its record's current title and detail, else its text.
agenda_entry stored_entry(const agenda_stored_item& s, const agenda_inputs& in,
                          const date& reference) {
    agenda_entry e;
    if (s.kind == "issue") {
        auto it = std::find_if(in.issues.begin(), in.issues.end(),
                               [&](const auto& i) { return i.id == s.ref; });
        if (it != in.issues.end()) e = issue_entry(*it, reference);
    } else if (s.kind == "proposal") {
        auto it = std::find_if(in.proposals.begin(), in.proposals.end(),
                               [&](const auto& p) { return p.id == s.ref; });
        if (it != in.proposals.end()) e = proposal_entry(*it);
    } else if (s.kind == "project") {
        auto it = std::find_if(in.projects.begin(), in.projects.end(),
                               [&](const auto& p) { return p.id == s.ref; });
        if (it != in.projects.end()) e = project_entry(*it);
    }
    e.kind = s.kind;
    e.ref = s.ref;
    if (e.title.empty()) e.title = s.text.empty() && s.ref ? fmt::format("#{}", *s.ref) : s.text;
    e.minutes = s.minutes;
    e.presenter = s.presenter;
    e.notes = s.notes;
    e.decision = s.decision;
    e.vote = s.vote;
    e.actions = s.actions;
    e.row = s.row;
    return e;
}

std::string hh_mm(int minute_of_day) {
    minute_of_day %= 24 * 60;
    return fmt::format("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
}

// A stored instant as the local day and the minute of that day.
std::pair<std::string, int> local_day_minute(timestamp t, std::chrono::minutes offset) {
    timestamp l = t + offset;
    auto day = std::chrono::floor<std::chrono::days>(l);
    int minute =
        static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(l - day).count());
    return {format_date(date{day}), minute};
}

// The section of that key, added at the end when the template no longer has
// it (so that nothing stored is lost).
agenda_section& section_of(agenda& a, const std::string& key) {
    for (auto& s : a.sections)
        if (s.key == key) return s;
    a.sections.push_back({key, key, "other", 0, "", "", {}});
    return a.sections.back();
}

// The stored items in their order, into their sections; `added` marks them
// as added by hand (after the ones the rules selected).
void add_stored_items(agenda& a, const agenda_inputs& in, const date& reference, bool added) {
    std::vector<agenda_stored_item> rows = in.stored;
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& x, const auto& y) { return x.position < y.position; });
    for (const auto& r : rows)
        if (!r.hidden) {
            agenda_entry e = stored_entry(r, in, reference);
            e.added = added;
            section_of(a, r.section).items.push_back(std::move(e));
        }
}

// What each section's rule selects from the records, every record at most
// once on the agenda (and never one stored as hidden).
class agenda_selection {
  public:
    agenda_selection(const agenda_inputs& in, const date& reference)
        : m_in(in), m_reference(reference) {
        for (const auto& r : in.stored)
            if (r.ref) m_taken.insert({r.kind, *r.ref});
        for (const auto& i : in.issues) m_issues.push_back(&i);
        std::sort(m_issues.begin(), m_issues.end(),
                  [](const auto* x, const auto* y) { return x->id < y->id; });
    }

    void fill(agenda_section& sec) {
        if (sec.rule == "follow-up")
            follow_ups(sec);
        else if (sec.rule == "new")
            new_issues(sec);
        else if (sec.rule == "overdue")
            overdue(sec);
        else if (sec.rule == "decisions")
            decisions(sec);
        else if (sec.rule == "projects")
            projects(sec);
    }

  private:
    bool take(const std::string& kind, std::int64_t id) {
        return m_taken.insert({kind, id}).second;
    }

    // Action items of earlier meetings not done yet.
    void follow_ups(agenda_section& sec) {
        for (const auto* i : m_issues)
            if (i->action_of && !i->done && i->action_meeting_start &&
                *i->action_meeting_start < m_in.meeting.starts_at && take("issue", i->id))
                sec.items.push_back(issue_entry(*i, m_reference));
    }

    // Issues raised since the last meeting, grouped by building (issues
    // without one last), then by id.
    void new_issues(agenda_section& sec) {
        std::vector<agenda_entry> found;
        for (const auto* i : m_issues)
            if (!i->done && !i->action_of && i->created_at < m_in.meeting.starts_at &&
                (!m_in.last_meeting_start || i->created_at >= *m_in.last_meeting_start) &&
                take("issue", i->id))
                found.push_back(issue_entry(*i, m_reference));
        std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
            if (x.group.empty() != y.group.empty()) return y.group.empty();
            return x.group < y.group;
        });
        sec.items = std::move(found);
    }

    void overdue(agenda_section& sec) {
        for (const auto* i : m_issues)
            if (!i->done && i->due && *i->due < m_reference && take("issue", i->id))
                sec.items.push_back(issue_entry(*i, m_reference));
    }

    // Proposals of this meeting (not withdrawn) and every open one.
    void decisions(agenda_section& sec) {
        for (const auto& p : m_in.proposals)
            if ((p.meeting_id == m_in.meeting.id && p.status != "withdrawn") || p.status == "open")
                if (take("proposal", p.id)) sec.items.push_back(proposal_entry(p));
    }

    // Active projects with an update since the last meeting.
    void projects(agenda_section& sec) {
        std::optional<date> since;
        if (m_in.last_meeting_start)
            since =
                local_date(*m_in.last_meeting_start, std::chrono::minutes{m_in.utc_offset_minutes});
        for (const auto& p : m_in.projects)
            if (p.active && p.last_update && (!since || *p.last_update >= *since) &&
                take("project", p.id))
                sec.items.push_back(project_entry(p));
    }

    const agenda_inputs& m_in;
    date m_reference;
    std::set<std::pair<std::string, std::int64_t>> m_taken;  // on the agenda already, or hidden
    std::vector<const agenda_issue*> m_issues;               // by id
};

// Items numbered through the agenda, sections given their time boxes from
// the meeting's start.
void number_and_time(agenda& a, int start_minute) {
    int number = 0;
    int clock = start_minute;
    for (auto& sec : a.sections) {
        int boxed = 0;  // items added by hand may carry their own time boxes
        for (auto& e : sec.items) {
            e.number = ++number;
            boxed += e.minutes;
        }
        sec.minutes = std::max(sec.minutes, boxed);
        if (sec.minutes > 0 && !sec.items.empty()) {
            sec.from = hh_mm(clock);
            clock += sec.minutes;
            sec.to = hh_mm(clock);
        }
    }
}

}  // namespace

int agenda::item_count() const {
    int n = 0;
    for (const auto& s : sections) n += static_cast<int>(s.items.size());
    return n;
}

agenda assemble_agenda(const agenda_inputs& in, const meeting_type_config& type) {
    agenda a;
    a.community = in.community;
    a.meeting = in.meeting;
    a.fixed = in.fixed;
    a.generated_at = in.generated_at;
    const auto offset = std::chrono::minutes{in.utc_offset_minutes};
    a.local_generated = format_local_time(in.generated_at, offset);
    auto [start_day, start_minute] = local_day_minute(in.meeting.starts_at, offset);
    auto [end_day, end_minute] = local_day_minute(in.meeting.ends_at, offset);
    a.local_start = start_day + " " + hh_mm(start_minute);
    a.local_end = end_day + " " + hh_mm(end_minute);
    // "Past due" as of the meeting's day, or of today for a meeting ahead.
    date reference = std::min(in.today, in.meeting_day);

    for (const auto& s : type.sections)
        a.sections.push_back({s.key, s.title, s.rule, s.minutes, "", "", {}});
    if (in.fixed) {
        add_stored_items(a, in, reference, false);
    } else {
        agenda_selection selection(in, reference);
        for (auto& sec : a.sections) selection.fill(sec);
        add_stored_items(a, in, reference, true);
    }
    number_and_time(a, start_minute);
    // Empty sections stay: "none" is worth saying (nothing overdue), except
    // a projects section when there are no projects at all.
    if (in.projects.empty())
        a.sections.erase(
            std::remove_if(a.sections.begin(), a.sections.end(),
                           [](const auto& s) { return s.rule == "projects" && s.items.empty(); }),
            a.sections.end());
    return a;
}

}  // namespace gov
