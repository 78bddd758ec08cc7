#include "gov/values/person.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "gov/values/i18n.hpp"

namespace gov {
namespace {

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// "1.38E+10", "1.38001E+10", "1E10": a number in scientific notation with
// the exponent of a phone's length.
bool scientific_number(std::string_view s) {
    std::size_t i = 0;
    if (s.empty() || !is_digit(s[0])) return false;
    ++i;
    if (i < s.size() && s[i] == '.') {
        ++i;
        std::size_t start = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == start) return false;
    }
    if (i >= s.size() || (s[i] != 'E' && s[i] != 'e')) return false;
    ++i;
    if (i < s.size() && s[i] == '+') ++i;
    std::string_view exponent = s.substr(i);
    if (exponent.empty() || exponent.size() > 2 || !all_digits(exponent)) return false;
    int e = std::stoi(std::string(exponent));
    return e >= 6 && e <= 12;
}

// "13800138000.0", "13,800,138,000": a phone's digits as a number.
bool number_with_decoration(std::string_view s) {
    std::string digits;
    bool decorated = false;
    if (auto dot = s.find('.'); dot != std::string_view::npos) {
        std::string_view fraction = s.substr(dot + 1);
        if (!all_digits(fraction) || fraction.find_first_not_of('0') != fraction.npos) return false;
        s = s.substr(0, dot);
        decorated = true;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ',') {
            // Groups of three after the first.
            if (i == 0 || s.size() - i - 1 < 3 || (s.size() - i - 1) % 4 != 3) return false;
            decorated = true;
        } else if (is_digit(s[i])) {
            digits += s[i];
        } else {
            return false;
        }
    }
    return decorated && digits.size() >= 7 && digits.size() <= 12;
}

// "137****6768", "0551-****5678", "****5678": a phone as gov masks it.
bool masked_phone(std::string_view s) {
    if (s.find("**") == std::string_view::npos) return false;
    int digits = 0;
    for (char c : s) {
        if (is_digit(c))
            ++digits;
        else if (c != '*' && c != '-')
            return false;
    }
    return digits >= 2;
}

}  // namespace

std::optional<std::string> explain_bad_phone(std::string_view text, std::string_view exporter) {
    if (scientific_number(text))
        return fmt::format(
            fmt::runtime(tr("\"{}\": Excel turned the phone into a number in scientific "
                            "notation, which loses its last digits: format the column as Text "
                            "and export again")),
            text);
    if (number_with_decoration(text))
        return fmt::format(fmt::runtime(tr("\"{}\": a spreadsheet turned the phone into a "
                                           "number: format the column as Text and export "
                                           "again")),
                           text);
    if (masked_phone(text))
        return fmt::format(
            fmt::runtime(tr("this phone is masked ({}), as {} writes it without --reveal-pii: "
                            "import an export made with --reveal-pii, or the original file")),
            text, exporter);
    return std::nullopt;
}

bool is_valid_phone(std::string_view p) {
    if (p.size() == 11 && all_digits(p) && p[0] == '1' && p[1] >= '3' && p[1] <= '9') return true;
    // Landline: [0AA(A)[-]]NNNNNNN(N)[-EXT]
    std::string_view rest = p;
    if (auto dash = rest.rfind('-'); dash != std::string_view::npos &&
                                     rest.size() - dash - 1 <= 4 && dash + 1 < rest.size() &&
                                     rest.find('-') != dash) {
        if (!all_digits(rest.substr(dash + 1))) return false;
        rest = rest.substr(0, dash);  // an extension after a second dash
    }
    if (!rest.empty() && rest[0] == '0') {
        auto dash = rest.find('-');
        if (dash != std::string_view::npos) {
            auto area = rest.substr(0, dash);
            auto local = rest.substr(dash + 1);
            return (area.size() == 3 || area.size() == 4) && all_digits(area) &&
                   (local.size() == 7 || local.size() == 8) && all_digits(local) && local[0] != '0';
        }
        return all_digits(rest) && rest.size() >= 10 && rest.size() <= 12;
    }
    return (rest.size() == 7 || rest.size() == 8) && all_digits(rest) && rest[0] != '0' &&
           rest[0] != '1';
}

std::string mask_phone(std::string_view p) {
    if (p.empty()) return {};
    if (p.size() < 7) return "****";
    if (p.size() == 11 && p[0] == '1')
        return std::string(p.substr(0, 3)) + "****" + std::string(p.substr(7));
    if (auto dash = p.find('-'); dash != std::string_view::npos && p[0] == '0')
        return std::string(p.substr(0, dash + 1)) + "****" + std::string(p.substr(p.size() - 4));
    return "****" + std::string(p.substr(p.size() - 4));
}

std::optional<bool> parse_yes_no(std::string_view t) {
    if (t.empty() || t == "否") return false;
    if (t == "是") return true;
    std::string l = lower(t);
    if (l == "yes" || l == "y" || l == "true" || l == "1") return true;
    if (l == "no" || l == "n" || l == "false" || l == "0") return false;
    return std::nullopt;
}

std::optional<std::string> parse_gender(std::string_view t) {
    if (t.empty()) return std::string{};
    if (t == "男") return std::string("男");
    if (t == "女") return std::string("女");
    std::string l = lower(t);
    if (l == "m" || l == "male") return std::string("男");
    if (l == "f" || l == "female") return std::string("女");
    return std::nullopt;
}

}  // namespace gov
