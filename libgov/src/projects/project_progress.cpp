#include "gov/projects/project_progress.hpp"

#include <algorithm>

namespace gov {
namespace {
__extension__ using i128 = __int128;
}  // namespace

std::string_view to_string(progress_rule r) {
    return r == progress_rule::milestones ? "milestones" : "deliverables";
}

std::optional<progress_rule> parse_progress_rule(std::string_view name) {
    if (name == "milestones") return progress_rule::milestones;
    if (name == "deliverables") return progress_rule::deliverables;
    return std::nullopt;
}

std::optional<int> percent_floor(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return std::nullopt;
    part = std::clamp<std::int64_t>(part, 0, whole);
    // 128 bits: 100 × part cannot overflow whatever the counts.
    i128 p = static_cast<i128>(part) * 100 / whole;
    return static_cast<int>(p);
}

std::optional<int> progress_from_milestones(std::int64_t done, std::int64_t total) {
    return percent_floor(done, total);
}

std::optional<int> progress_from_deliverables(const std::vector<deliverable_count>& items) {
    // Sums in 128 bits: many deliverables with huge targets still add up exactly.
    i128 delivered = 0, target = 0;
    for (const auto& i : items) {
        if (i.target <= 0) continue;
        target += i.target;
        delivered += std::clamp<std::int64_t>(i.delivered, 0, i.target);
    }
    if (target == 0) return std::nullopt;
    return static_cast<int>(delivered * 100 / target);
}

std::string progress_bar(int percent, int width) {
    percent = std::clamp(percent, 0, 100);
    width = std::clamp(width, 1, 100);
    int filled = percent * width / 100;
    std::string out;
    for (int i = 0; i < width; ++i) out += i < filled ? "▓" : "░";
    out += ' ';
    out += std::to_string(percent);
    out += '%';
    return out;
}

}  // namespace gov
