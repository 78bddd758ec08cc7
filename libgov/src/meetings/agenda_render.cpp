// Renderers of agendas: Markdown, plain text, JSON and one self-contained
// HTML page. Pure: the same agenda gives the same bytes. Every text that
// came from a record is escaped for the format it goes into.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/meetings/agenda.hpp"
#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"
#include "meetings/agenda_render_common.hpp"

namespace gov {

namespace ar = detail::agenda_render;

std::string render_agenda_markdown(const agenda& a) {
    std::string out = ar::markdown_header(a);
    for (const auto& s : a.sections) {
        out += fmt::format("\n{}\n\n", ar::markdown_section_heading(s));
        if (s.items.empty()) {
            out += fmt::format("{}\n", tr("(none)"));
            continue;
        }
        std::string group = "\x01";
        for (const auto& e : s.items) {
            if (s.rule == "new" && e.group != group) {
                out += fmt::format("{}**{}**\n\n", group == "\x01" ? "" : "\n",
                                   ar::md(e.group.empty() ? tr("(no building)") : e.group));
                group = e.group;
            }
            out += ar::markdown_item(e) + "\n";
        }
    }
    out += ar::markdown_footer(a);
    return out;
}

std::string render_agenda_text(const agenda& a) {
    std::string out = a.meeting.title + "\n";
    out += std::string(static_cast<std::size_t>(std::max(4, display_width(a.meeting.title))), '=') +
           "\n";
    for (const auto& [label, value] : ar::header_fields(a))
        if (!value.empty()) out += fmt::format("{}: {}\n", label, value);
    for (const auto& s : a.sections) {
        out += fmt::format("\n{}\n", ar::section_heading_text(s));
        if (s.items.empty()) out += fmt::format("  {}\n", tr("(none)"));
        std::string group = "\x01";
        for (const auto& e : s.items) {
            if (s.rule == "new" && e.group != group) {
                group = e.group;
                out += fmt::format("  [{}]\n", group.empty() ? tr("(no building)") : group);
            }
            out += fmt::format("  {}. {}\n", e.number, ar::one_line(ar::item_label(e)));
            if (!e.detail.empty()) out += fmt::format("     {}\n", ar::one_line(e.detail));
        }
    }
    out += fmt::format("\n{}\n", ar::generated_line(a));
    return out;
}

nlohmann::json agenda_to_json(const agenda& a) {
    nlohmann::json sections = nlohmann::json::array();
    for (const auto& s : a.sections) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& e : s.items) {
            nlohmann::json i = {{"number", e.number},
                                {"kind", e.kind},
                                {"ref", e.ref ? nlohmann::json(*e.ref) : nlohmann::json()},
                                {"title", e.title},
                                {"detail", e.detail},
                                {"group", e.group},
                                {"overdue", e.overdue},
                                {"added", e.added},
                                {"minutes", e.minutes},
                                {"presenter", e.presenter},
                                {"notes", e.notes},
                                {"decision", e.decision},
                                {"vote", e.vote ? nlohmann::json(*e.vote) : nlohmann::json()},
                                {"actions", e.actions}};
            items.push_back(i);
        }
        sections.push_back({{"key", s.key},
                            {"title", s.title},
                            {"rule", s.rule},
                            {"minutes", s.minutes},
                            {"from", s.from},
                            {"to", s.to},
                            {"items", items}});
    }
    const auto& m = a.meeting;
    return {{"community", a.community},
            {"meeting",
             {{"id", m.id},
              {"type", m.type},
              {"type_name", m.type_name},
              {"title", m.title},
              {"starts_at", format_timestamp(m.starts_at)},
              {"ends_at", format_timestamp(m.ends_at)},
              {"local_start", a.local_start},
              {"local_end", a.local_end},
              {"place", m.place},
              {"chair", m.chair},
              {"status", m.status}}},
            {"fixed", a.fixed},
            {"generated_at", format_timestamp(a.generated_at)},
            {"sections", sections}};
}

std::string render_agenda_json(const agenda& a) {
    return agenda_to_json(a).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_agenda_html(const agenda& a) {
    std::string body;
    for (const auto& s : a.sections) {
        body += fmt::format("<section>\n<h2>{}</h2>\n", ar::html(ar::section_heading_text(s)));
        if (s.items.empty()) {
            body += fmt::format("<p class=\"none\">{}</p>\n</section>\n", ar::html(tr("(none)")));
            continue;
        }
        std::string group = "\x01";
        bool open_list = false;
        for (const auto& e : s.items) {
            if (s.rule == "new" && e.group != group) {
                if (open_list) body += "</ol>\n";
                group = e.group;
                body += fmt::format("<h3>{}</h3>\n",
                                    ar::html(group.empty() ? tr("(no building)") : group));
                open_list = false;
            }
            if (!open_list) {
                body += fmt::format("<ol start=\"{}\">\n", e.number);
                open_list = true;
            }
            body += ar::html_item(e);
        }
        if (open_list) body += "</ol>\n";
        body += "</section>\n";
    }
    return ar::html_page(a, a.meeting.title, body);
}

}  // namespace gov
