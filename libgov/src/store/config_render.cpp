// gov.toml written out: the effective configuration (`gov config show`)
// and the commented template `gov init` writes. Kept apart from config.cpp,
// which reads and checks the file.
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gov/store/config.hpp"
#include "store/interface.hpp"

namespace gov {
namespace fs = std::filesystem;

namespace {

toml::array to_array(const std::vector<std::string>& v) {
    toml::array a;
    for (const auto& s : v) a.push_back(s);
    return a;
}

toml::table to_table(const std::map<std::string, std::string>& m) {
    toml::table t;
    for (const auto& [k, v] : m) t.insert(k, v);
    return t;
}

toml::table render_meetings(const meetings_config& m) {
    toml::table types;
    for (const auto& [key, t] : m.types) {
        toml::array sections;
        for (const auto& s : t.sections)
            sections.push_back(toml::table{
                {"key", s.key}, {"title", s.title}, {"minutes", s.minutes}, {"rule", s.rule}});
        types.insert(key, toml::table{{"name", t.name},
                                      {"title", t.title},
                                      {"duration_minutes", t.duration_minutes},
                                      {"start", t.start},
                                      {"place", t.place},
                                      {"parties", to_array(t.parties)},
                                      {"quorum", t.quorum},
                                      {"sections", sections}});
    }
    return toml::table{
        {"default_type", m.default_type}, {"action_category", m.action_category}, {"types", types}};
}

}  // namespace

std::string render_config(const config& cfg) {
    auto rel = [&](const fs::path& p) { return p.lexically_relative(cfg.dir()).string(); };
    toml::array cats;
    for (const auto& c : cfg.issues.categories)
        cats.push_back(toml::table{{"name", c.name}, {"deadline_days", c.deadline_days}});
    toml::table transitions;
    for (const auto& [k, v] : cfg.issues.transitions) transitions.insert(k, to_array(v));
    toml::table root{
        {"community",
         toml::table{{"name", cfg.name}, {"utc_offset", format_utc_offset(cfg.utc_offset)}}},
        {"database",
         toml::table{{"path", rel(cfg.database)}, {"busy_timeout_ms", cfg.busy_timeout.count()}}},
        {"roster", toml::table{{"roles", to_array(cfg.roster.roles)},
                               {"owner_role", cfg.roster.owner_role},
                               {"match", cfg.roster.match},
                               {"encoding", cfg.roster.encoding},
                               {"columns", to_table(cfg.roster.columns)}}},
        {"issues",
         toml::table{{"categories", cats},
                     {"severities", to_array(cfg.issues.severities)},
                     {"priorities", to_array(cfg.issues.priorities)},
                     {"default_priority", cfg.issues.default_priority},
                     {"columns", to_table(cfg.issues.columns)},
                     {"workflow",
                      toml::table{{"initial", cfg.issues.initial_status},
                                  {"done", to_array(cfg.issues.done_statuses)},
                                  {"resolution_required", to_array(cfg.issues.resolution_required)},
                                  {"transitions", transitions}}}}},
        {"projects", toml::table{{"progress", cfg.projects.progress}}},
        {"meetings", render_meetings(cfg.meetings)},
    };
    std::ostringstream out;
    out << fmt::format("# effective configuration of {}\n", cfg.file.string()) << root << "\n";
    return out.str();
}

// One text: the commented gov.toml that gov init writes, kept whole so that
// it reads here as the user will read it, top to bottom.
std::string config_template(std::string_view name) {
    std::ostringstream q;
    q << toml::value<std::string>(std::string(name));
    return fmt::format(R"(# gov.toml — configuration of one community's records.
# gov finds this file by walking up from the current folder (like git), or from
# --config PATH or the GOV_CONFIG environment variable. Paths are relative to
# this file. `gov config check` validates it; `gov config show` prints every
# key with its effective value. docs/config.md documents every key.

[community]
# The name shown on agendas and summaries.
name = {}
# Fixed UTC offset of the community's local time, for dates people set
# (due dates, meeting days). China Standard Time is +08:00.
utc_offset = "+08:00"

[database]
# The SQLite file with every record. It holds personal data: gov creates it
# readable by its owner only (mode 0600).
path = "gov.db"
# How long a command waits for another one writing at the same time before it
# gives up with exit code 7.
busy_timeout_ms = 5000

[roster]
# Roles in a household (身份), and which of them are owners.
roles = ["业主", "家属", "租户", "陪读家庭"]
owner_role = "业主"
# How an imported row finds its stored resident: "name+phone" (a row without
# a phone falls back to name+room) or "name+room".
match = "name+phone"
# Encoding of roster files: "auto" (UTF-8 with or without BOM, else GB18030),
# "utf-8" or "gb18030".
encoding = "auto"

# Header names of the roster file, by field. English field names are always
# accepted as headers too. Uncomment a line to rename a column.
[roster.columns]
# name = "姓名"
# phone = "电话"
# area = "建筑面积"

[issues]
# Categories of what residents raise, each with its deadline in days.
categories = [
  {{ name = "安全隐患", deadline_days = 3 }},
  {{ name = "环境卫生", deadline_days = 7 }},
  {{ name = "设施维修", deadline_days = 7 }},
  {{ name = "噪音", deadline_days = 7 }},
  {{ name = "停车管理", deadline_days = 14 }},
  {{ name = "邻里纠纷", deadline_days = 14 }},
  {{ name = "绿化", deadline_days = 14 }},
  {{ name = "其他", deadline_days = 14 }},
]
severities = ["小事", "大事", "难事"]
priorities = ["紧急", "高", "中", "低"]
default_priority = "中"

[issues.workflow]
initial = "open"
# Statuses in which an issue is no longer open (and never overdue).
done = ["resolved", "closed", "rejected"]
# Statuses that need a resolution text to enter.
resolution_required = ["resolved"]

# Which status may follow which.
[issues.workflow.transitions]
open = ["in_progress", "resolved", "rejected"]
in_progress = ["open", "resolved", "rejected"]
resolved = ["closed", "open"]
closed = ["open"]
rejected = ["open"]

[projects]
# What a project's progress is derived from: "milestones" (milestones done of
# all) or "deliverables" (items delivered of items targeted). Progress set by
# hand (`gov project update ID --progress 40 --reason …`) is shown as manual.
progress = "deliverables"

[meetings]
# The meeting type `gov meeting agenda next` means when --type is not given.
default_type = "leaders"
# The issue category of action items recorded in minutes.
action_category = "其他"
# Built in: leaders (楼长见面会), joint (四方联席会议), assembly (业主大会) and
# adhoc (临时会议); `gov config show` prints them in full. A table here
# changes the keys it names, e.g.:
# [meetings.types.leaders]
# place = "幸福里社区活动室"
# start = "19:30"
# sections = [
#   {{ key = "follow-up", title = "上次会议行动项跟进", minutes = 20, rule = "follow-up" }},
#   {{ key = "new", title = "新反映问题（按楼栋）", minutes = 30, rule = "new" }},
#   {{ key = "overdue", title = "逾期未办结问题", minutes = 15, rule = "overdue" }},
#   {{ key = "other", title = "其他事项", minutes = 10, rule = "other" }},
# ]
)",
                       q.str());
}

}  // namespace gov
