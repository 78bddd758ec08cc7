// Renderers of a meeting's full minutes: who came (and the quorum), then
// each agenda item with its notes, decision, vote and action items.
#include <fmt/format.h>

#include "gov/meetings/meeting_minutes.hpp"
#include "gov/values/i18n.hpp"
#include "meetings/agenda_render_common.hpp"

namespace gov {

namespace ar = detail::agenda_render;

namespace {

std::string status_label(attendance_status s) {
    switch (s) {
        case attendance_status::present:
            return tr("present");
        case attendance_status::absent:
            return tr("absent");
        case attendance_status::excused:
            return tr("excused");
    }
    return {};
}

std::string attendee_line(const attendee& a) {
    std::string s = a.name;
    if (!a.representative.empty()) s += fmt::format(" ({})", a.representative);
    if (!a.is_party && !a.detail.empty()) s += fmt::format(" {}", a.detail);
    if (a.leader) s += fmt::format(" · {}", tr("building leader"));
    s += fmt::format(" — {}", status_label(a.status));
    if (!a.proxy.empty()) s += fmt::format(fmt::runtime(tr(", by proxy {}")), a.proxy);
    return s;
}

std::string quorum_line(const quorum_result& q) {
    return fmt::format(fmt::runtime(q.met ? tr("Quorum met: {}") : tr("Quorum NOT met: {}")),
                       q.explanation);
}

std::string heading(const meeting_minutes& m) {
    return fmt::format(fmt::runtime(tr("Minutes: {}")), m.items.meeting.title);
}

}  // namespace

std::string render_minutes_markdown(const meeting_minutes& m) {
    const agenda& a = m.items;
    std::string out = fmt::format("# {}\n\n", ar::md(heading(m)));
    for (const auto& [label, value] : ar::header_fields(a))
        if (!value.empty()) out += fmt::format("- **{}**: {}\n", ar::md(label), ar::md(value));
    out += fmt::format("- **{}**: {}\n", ar::md(tr("Status")),
                       ar::md(m.closed ? tr("held; minutes closed") : tr("draft; not closed")));
    out += fmt::format("\n## {}\n\n", ar::md(tr("Attendance")));
    if (m.attendance.people.empty()) out += fmt::format("{}\n", tr("(none recorded)"));
    for (const auto& p : m.attendance.people) out += "- " + ar::md(attendee_line(p)) + "\n";
    out += fmt::format("\n{}\n", ar::md(quorum_line(m.attendance.quorum)));
    for (const auto& s : a.sections) {
        out += fmt::format("\n## {}\n\n", ar::md(s.title));
        if (s.items.empty()) out += fmt::format("{}\n", tr("(none)"));
        for (const auto& e : s.items) {
            out += ar::markdown_item(e) + "\n";
            auto sub = [&](const char* label, const std::string& text) {
                if (!text.empty())
                    out += fmt::format("   - **{}** {}\n", ar::md(tr(label)), ar::md(text));
            };
            sub("Notes:", e.notes);
            sub("Decision:", e.decision);
            if (e.vote) sub("Vote:", fmt::format(fmt::runtime(tr("proposal #{}")), *e.vote));
            for (auto id : e.actions)
                sub("Action item:", fmt::format(fmt::runtime(tr("issue #{}")), id));
        }
    }
    out += ar::markdown_footer(a);
    return out;
}

std::string render_minutes_html(const meeting_minutes& m) {
    const agenda& a = m.items;
    std::string body =
        fmt::format("<p><b>{}</b> {}</p>\n", ar::html(tr("Status")),
                    ar::html(m.closed ? tr("held; minutes closed") : tr("draft; not closed")));
    body += fmt::format("<section>\n<h2>{}</h2>\n<ul>\n", ar::html(tr("Attendance")));
    for (const auto& p : m.attendance.people)
        body += fmt::format("<li>{}</li>\n", ar::html(attendee_line(p)));
    body +=
        fmt::format("</ul>\n<p>{}</p>\n</section>\n", ar::html(quorum_line(m.attendance.quorum)));
    for (const auto& s : a.sections) {
        body += fmt::format("<section>\n<h2>{}</h2>\n", ar::html(s.title));
        if (s.items.empty()) {
            body += fmt::format("<p class=\"none\">{}</p>\n</section>\n", ar::html(tr("(none)")));
            continue;
        }
        body += fmt::format("<ol start=\"{}\">\n", s.items.front().number);
        for (const auto& e : s.items) body += ar::html_item(e);
        body += "</ol>\n</section>\n";
    }
    return ar::html_page(a, heading(m), body);
}

}  // namespace gov
