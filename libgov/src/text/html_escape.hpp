#pragma once
// Private to libgov: escaping record text for HTML, shared by every HTML
// renderer (agendas, minutes, the status summary).

#include <string>
#include <string_view>

namespace gov::detail {

/// `text` safe inside HTML elements and attribute values: & < > " ' escaped.
inline std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace gov::detail
