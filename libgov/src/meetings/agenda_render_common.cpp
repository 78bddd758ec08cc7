// Shared pieces of the agenda and minutes renderers.
#include "meetings/agenda_render_common.hpp"
#include "text/interface.hpp"

#include <fmt/format.h>

#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"

namespace gov::detail::agenda_render {

std::string one_line(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string md(std::string_view text) {
    std::string out;
    std::string line = one_line(text);
    // '#' makes a heading only at the start of a line.
    if (!line.empty() && line[0] == '#') out += '\\';
    for (char c : line) {
        switch (c) {
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '<':
            case '>':
            case '|':
            case '~':
                out += '\\';
                out += c;
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string html(std::string_view text) {
    return html_escape(text);
}

std::vector<std::pair<std::string, std::string>> header_fields(const agenda& a) {
    std::string time = a.local_start;
    // "2026-12-05 19:00–20:30", or the end's date too when it is another day.
    if (a.local_end.substr(0, 10) == a.local_start.substr(0, 10))
        time += "–" + a.local_end.substr(11);
    else
        time += " – " + a.local_end;
    return {{tr("Time"), time},
            {tr("Place"), a.meeting.place},
            {tr("Chair"), a.meeting.chair},
            {tr("Meeting"), fmt::format("{} #{}", a.meeting.type_name, a.meeting.id)}};
}

std::string section_heading_text(const agenda_section& s) {
    if (s.from.empty()) return s.title;
    return fmt::format(fmt::runtime(tr("{} ({}–{}, {} min)")), s.title, s.from, s.to, s.minutes);
}

std::string markdown_section_heading(const agenda_section& s) {
    return "## " + md(section_heading_text(s));
}

std::string item_label(const agenda_entry& e) {
    if (e.kind == "issue") return fmt::format(fmt::runtime(tr("Issue #{} {}")), *e.ref, e.title);
    if (e.kind == "proposal")
        return fmt::format(fmt::runtime(tr("Proposal #{} {}")), *e.ref, e.title);
    if (e.kind == "project")
        return fmt::format(fmt::runtime(tr("Project #{} {}")), *e.ref, e.title);
    return e.title;
}

std::string markdown_header(const agenda& a) {
    std::string out = "# " + md(a.meeting.title) + "\n\n";
    for (const auto& [label, value] : header_fields(a))
        if (!value.empty()) out += fmt::format("- **{}**: {}\n", md(label), md(value));
    return out;
}

std::string markdown_item(const agenda_entry& e) {
    std::string out = fmt::format("{}. {}", e.number, md(item_label(e)));
    if (!e.detail.empty()) out += " — " + md(e.detail);
    if (e.minutes > 0) out += fmt::format(fmt::runtime(tr(" ({} min)")), e.minutes);
    if (!e.presenter.empty())
        out += fmt::format(fmt::runtime(tr(" — presented by {}")), md(e.presenter));
    return out;
}

std::string generated_line(const agenda& a) {
    return fmt::format(fmt::runtime(tr("Assembled by gov from the records of {} at {}.")),
                       a.community, a.local_generated);
}

std::string markdown_footer(const agenda& a) {
    return "\n---\n\n_" + md(generated_line(a)) + "_\n";
}

std::string html_item(const agenda_entry& e) {
    std::string cls = e.overdue ? " class=\"overdue\"" : "";
    std::string out = fmt::format("<li{}><span class=\"item\">{}</span>", cls, html(item_label(e)));
    if (e.minutes > 0)
        out += fmt::format(" <span class=\"box\">{}</span>",
                           html(fmt::format(fmt::runtime(tr("{} min")), e.minutes)));
    if (!e.detail.empty())
        out += fmt::format("<br><span class=\"detail\">{}</span>", html(e.detail));
    if (!e.presenter.empty())
        out += fmt::format("<br><span class=\"detail\">{}</span>",
                           html(fmt::format(fmt::runtime(tr("presented by {}")), e.presenter)));
    auto para = [&](const char* label, const std::string& text) {
        if (text.empty()) return;
        std::string lines;
        for (char c : html(text)) lines += c == '\n' ? std::string("<br>") : std::string(1, c);
        out += fmt::format("<p class=\"minute\"><b>{}</b> {}</p>", html(tr(label)), lines);
    };
    para("Notes:", e.notes);
    para("Decision:", e.decision);
    if (e.vote) para("Vote:", fmt::format("#{}", *e.vote));
    if (!e.actions.empty()) {
        std::string list;
        for (auto id : e.actions) list += (list.empty() ? "#" : ", #") + std::to_string(id);
        para("Action items:", list);
    }
    return out + "</li>\n";
}

std::string html_page(const agenda& a, std::string_view heading, std::string_view body) {
    std::string fields;
    for (const auto& [label, value] : header_fields(a))
        if (!value.empty())
            fields += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", html(label), html(value));
    return fmt::format(
        R"(<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; max-width: 48em; margin: 2em auto; padding: 0 1em; color: #1a1a1a; line-height: 1.6; }}
h1 {{ font-size: 1.6em; border-bottom: 2px solid #b22222; padding-bottom: .3em; }}
h2 {{ font-size: 1.2em; margin-top: 1.6em; color: #8b1a1a; }}
h3 {{ font-size: 1em; margin: .8em 0 .2em; }}
table.meta th {{ text-align: left; padding-right: 1em; font-weight: 600; color: #555; }}
ol {{ padding-left: 2em; }}
li {{ margin: .4em 0; }}
.detail {{ color: #555; font-size: .92em; }}
.box {{ color: #555; font-size: .85em; border: 1px solid #ccc; border-radius: 3px; padding: 0 .3em; }}
.overdue .item {{ color: #b22222; font-weight: 600; }}
.none {{ color: #777; }}
.minute {{ margin: .2em 0 .2em 1em; }}
footer {{ margin-top: 2em; color: #777; font-size: .85em; border-top: 1px solid #ddd; padding-top: .5em; }}
@media print {{ body {{ margin: 0; }} }}
</style>
</head>
<body>
<h1>{heading}</h1>
<table class="meta">
{fields}</table>
{body}<footer>{footer}</footer>
</body>
</html>
)",
        fmt::arg("title", html(a.meeting.title)), fmt::arg("heading", html(heading)),
        fmt::arg("fields", fields), fmt::arg("body", body),
        fmt::arg("footer", html(generated_line(a))));
}

}  // namespace gov::detail::agenda_render
