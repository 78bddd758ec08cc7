#include "gov/person.hpp"

#include <algorithm>
#include <cctype>

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

}  // namespace

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
