#pragma once
// Private to libgov: the pieces the agenda and minutes renderers share —
// escaping for Markdown and HTML, the header fields, item labels, the page.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gov/meetings/agenda.hpp"
#include "gov/text/table.hpp"

namespace gov::detail::agenda_render {

/// Markdown-escapes record text (and turns line breaks into spaces).
std::string md(std::string_view text);
/// HTML-escapes text.
std::string html(std::string_view text);
/// Line breaks as spaces.
std::string one_line(std::string_view text);

/// {label, value} lines under an agenda's title: time, place, chair, type.
std::vector<std::pair<std::string, std::string>> header_fields(const agenda& a);

/// "1. 上次会议行动项跟进 (19:00–19:20, 20 min)".
std::string section_heading_text(const agenda_section& s);
/// "## " + the heading, escaped.
std::string markdown_section_heading(const agenda_section& s);

/// "Issue #12 3号楼电梯故障": what an item is.
std::string item_label(const agenda_entry& e);

std::string markdown_header(const agenda& a);
std::string markdown_item(const agenda_entry& e);
std::string markdown_footer(const agenda& a);
std::string generated_line(const agenda& a);

/// One <li> with the item, its detail and any minutes.
std::string html_item(const agenda_entry& e);
/// The whole self-contained page around `body`.
std::string html_page(const agenda& a, std::string_view heading, std::string_view body);

}  // namespace gov::detail::agenda_render
