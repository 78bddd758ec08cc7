// The built-in meeting types: what a community gets before it writes a
// [meetings] section. Their agenda templates follow the monthly cycle of a
// community office: follow up last month's action items, hear what was
// raised since, chase what is overdue, decide, review projects.
#include "store/interface.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"

namespace gov {

const meeting_type_config* meetings_config::type(std::string_view key) const {
    auto it = types.find(std::string(key));
    return it == types.end() ? nullptr : &it->second;
}

namespace detail {
namespace {

agenda_section_config section(const char* key, const char* title, int minutes, const char* rule) {
    return {key, title, minutes, rule};
}

}  // namespace

meeting_type_config default_meeting_type(const std::string& key) {
    meeting_type_config t;
    t.key = key;
    if (key == "leaders") {
        t.name = "楼长见面会";
        t.title = "{year}年{month}月楼长见面会";
        t.duration_minutes = 90;
        t.start = "19:00";
        t.place = "社区党群服务中心";
        t.quorum = "leaders-majority";
        t.sections = {section("follow-up", "上次会议行动项跟进", 20, "follow-up"),
                      section("new", "新反映问题（按楼栋）", 30, "new"),
                      section("overdue", "逾期未办结问题", 15, "overdue"),
                      section("decisions", "待议事项与表决", 10, "decisions"),
                      section("projects", "为民办实事项目进展", 10, "projects"),
                      section("other", "其他事项", 5, "other")};
    } else if (key == "joint") {
        t.name = "四方联席会议";
        t.title = "{year}年{month}月四方联席会议";
        t.duration_minutes = 120;
        t.start = "14:30";
        t.place = "社区党群服务中心";
        t.parties = {"community", "owners_committee", "property_management", "residents"};
        t.quorum = "all-parties";
        t.sections = {section("follow-up", "上次会议行动项跟进", 20, "follow-up"),
                      section("overdue", "逾期未办结问题", 25, "overdue"),
                      section("new", "新反映问题（按楼栋）", 25, "new"),
                      section("decisions", "待议事项与表决", 25, "decisions"),
                      section("projects", "为民办实事项目进展", 15, "projects"),
                      section("other", "其他事项", 10, "other")};
    } else if (key == "assembly") {
        t.name = "业主大会";
        t.title = "{year}年业主大会";
        t.duration_minutes = 120;
        t.start = "09:30";
        t.place = "小区广场";
        t.parties = {"owners_committee"};
        t.sections = {section("decisions", "表决事项", 60, "decisions"),
                      section("projects", "项目情况通报", 30, "projects"),
                      section("other", "其他事项", 30, "other")};
    } else if (key == "adhoc") {
        t.name = "临时会议";
        t.title = "{date}临时会议";
        t.duration_minutes = 60;
        t.sections = {section("other", "议题", 60, "other")};
    } else {
        t.name = key;
        t.title = "{date}{name}";
        t.sections = {section("other", "议题", 0, "other")};
    }
    return t;
}

meetings_config default_meetings_config() {
    meetings_config m;
    for (const char* key : {"leaders", "joint", "assembly", "adhoc"})
        m.types[key] = default_meeting_type(key);
    return m;
}

const std::vector<std::string>& agenda_rules() {
    static const std::vector<std::string> r = {"follow-up", "new",      "overdue",
                                               "decisions", "projects", "other"};
    return r;
}

const std::vector<std::string>& quorum_rules() {
    static const std::vector<std::string> r = {"none", "all-parties", "leaders-majority"};
    return r;
}

const std::vector<std::string>& required_party_names() {
    static const std::vector<std::string> r = {"community",
                                               "owners_committee",
                                               "property_management",
                                               "social_organisation",
                                               "co_building_unit",
                                               "other",
                                               "residents"};
    return r;
}

std::optional<int> parse_clock_time(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3)
        return std::nullopt;
    int h = 0, m = 0;
    auto hp = std::from_chars(text.data(), text.data() + colon, h);
    auto mp = std::from_chars(text.data() + colon + 1, text.data() + text.size(), m);
    if (hp.ec != std::errc{} || hp.ptr != text.data() + colon || mp.ec != std::errc{} ||
        mp.ptr != text.data() + text.size() || h < 0 || h > 23 || m < 0 || m > 59)
        return std::nullopt;
    return h * 60 + m;
}

std::string fill_title(std::string_view pattern, const date& day, std::string_view name) {
    return fmt::format(fmt::runtime(pattern), fmt::arg("year", static_cast<int>(day.year())),
                       fmt::arg("month", static_cast<unsigned>(day.month())),
                       fmt::arg("day", static_cast<unsigned>(day.day())),
                       fmt::arg("date", format_date(day)), fmt::arg("name", name));
}

std::string title_pattern_problem(std::string_view pattern) {
    if (pattern.empty()) return tr("must not be empty");
    try {
        fill_title(pattern,
                   date{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}}, "x");
        return {};
    } catch (const fmt::format_error& e) {
        return fmt::format(fmt::runtime(tr("\"{}\" is not a title pattern ({}); use {{year}}, "
                                           "{{month}}, {{day}}, {{date}} or {{name}}")),
                           pattern, e.what());
    }
}

}  // namespace detail
}  // namespace gov
