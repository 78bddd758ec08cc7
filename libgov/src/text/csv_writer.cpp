#include "gov/text/csv_writer.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace gov {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// A plain decimal such as "-12.50": spreadsheets read it as a number, not
/// a formula, and neutralising it would turn every negative amount in the
/// accounts into text.
bool is_plain_decimal(std::string_view value) {
    std::size_t pos = 0;
    if (pos < value.size() && value[pos] == '-') ++pos;
    const std::size_t int_start = pos;
    while (pos < value.size() && is_digit(value[pos])) ++pos;
    if (pos == int_start) return false;
    if (pos == value.size()) return true;
    if (value[pos] != '.') return false;
    const std::size_t frac_start = ++pos;
    while (pos < value.size() && is_digit(value[pos])) ++pos;
    return pos > frac_start && pos == value.size();
}

/// The leading characters that make Excel, LibreOffice and Google Sheets
/// treat a cell as a formula (OWASP's list, including tab and CR, which some
/// of them skip before looking at the next character).
bool starts_like_formula(std::string_view value) {
    if (value.empty()) return false;
    switch (value.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return true;
        default:
            return false;
    }
}

}  // namespace

std::string csv_field(std::string_view value, bool neutralise) {
    std::string text;
    if (neutralise && starts_like_formula(value) && !is_plain_decimal(value)) text += '\'';
    text += value;

    const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string::npos;
    if (!needs_quotes) return text;

    std::string quoted;
    quoted.reserve(text.size() + 2 +
                   static_cast<std::size_t>(std::count(text.begin(), text.end(), '"')));
    quoted += '"';
    for (const char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void csv_writer::write_row(const std::vector<std::string>& fields) {
    // A lone empty field would otherwise be a blank line, which many readers
    // skip; quoting it keeps the row.
    if (fields.size() == 1 && fields.front().empty()) {
        m_out << "\"\"\r\n";
        return;
    }
    bool first = true;
    for (const std::string& field : fields) {
        if (!first) m_out << ',';
        first = false;
        m_out << csv_field(field, m_neutralise);
    }
    m_out << "\r\n";
}

}  // namespace gov
