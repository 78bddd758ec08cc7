#include "gov/store/config.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "gov/values/date.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "store/interface.hpp"

namespace gov {
namespace fs = std::filesystem;

const std::vector<std::pair<std::string, std::string>>& default_roster_columns() {
    static const std::vector<std::pair<std::string, std::string>> c = {
        {"name", "姓名"},
        {"gender", "性别"},
        {"birth_year", "出生年份"},
        {"compound", "小区"},
        {"building", "楼栋"},
        {"unit", "单元"},
        {"room", "房号"},
        {"phone", "电话"},
        {"role", "身份"},
        {"area", "建筑面积"},
        {"party_member", "是否党员"},
        {"building_leader", "是否楼长"},
        {"moved_in", "入住日期"},
        {"remark", "备注"},
        {"volunteer", "是否志愿者"},
        {"committee_member", "是否业委会成员"},
        {"moved_out", "迁出日期"},
    };
    return c;
}

const std::vector<std::pair<std::string, std::string>>& default_issue_columns() {
    static const std::vector<std::pair<std::string, std::string>> c = {
        {"title", "标题"},          {"category", "类别"},
        {"building", "楼栋"},       {"raised_by_phone", "提出人电话"},
        {"status", "状态"},         {"priority", "优先级"},
        {"created", "创建日期"},    {"resolved", "解决日期"},
        {"severity", "严重程度"},   {"description", "描述"},
        {"assignee", "责任方"},     {"due", "截止日期"},
        {"tags", "标签"},           {"room", "房号"},
        {"resolution", "处理结果"},
    };
    return c;
}

config::config() {
    meetings = detail::default_meetings_config();
    for (auto& [k, v] : default_roster_columns()) roster.columns[k] = v;
    for (auto& [k, v] : default_issue_columns()) issues.columns[k] = v;
    issues.categories = {{"安全隐患", 3},  {"环境卫生", 7},  {"设施维修", 7}, {"噪音", 7},
                         {"停车管理", 14}, {"邻里纠纷", 14}, {"绿化", 14},    {"其他", 14}};
    issues.transitions = {
        {"open", {"in_progress", "resolved", "rejected"}},
        {"in_progress", {"open", "resolved", "rejected"}},
        {"resolved", {"closed", "open"}},
        {"closed", {"open"}},
        {"rejected", {"open"}},
    };
}

const issue_category* issues_config::category(std::string_view name) const {
    for (const auto& c : categories)
        if (c.name == name) return &c;
    return nullptr;
}

bool issues_config::is_done(std::string_view s) const {
    return std::find(done_statuses.begin(), done_statuses.end(), s) != done_statuses.end();
}

namespace {

// One problem found in the file, kept sortable so they read top to bottom.
struct diagnostic {
    toml::source_position at;
    std::string message;
};

// Collects problems as "file:line:col: key.path: reason".
class checker {
  public:
    checker(fs::path file, config& cfg) : m_file(std::move(file)), m_cfg(cfg) {}
    config& cfg() { return m_cfg; }
    void problem(const toml::source_region& at, std::string_view path, std::string_view why) {
        m_out.push_back({at.begin, fmt::format("{}:{}:{}: {}: {}", m_file.string(), at.begin.line,
                                               at.begin.column, path, why)});
    }
    std::vector<diagnostic>& out() { return m_out; }

  private:
    fs::path m_file;
    config& m_cfg;
    std::vector<diagnostic> m_out;
};

// A leaf checks and takes one value; it reports its own problems.
using leaf_fn = std::function<void(checker&, const toml::node&, const std::string& path)>;

// The schema is a tree: tables of named keys, whose leaves take values.
struct spec {
    leaf_fn leaf;                                       // set for a value
    std::map<std::string, spec, std::less<>> children;  // set for a table
    bool required = false;
};

std::string type_name(toml::node_type t) {
    switch (t) {
        case toml::node_type::string:
            return "string";
        case toml::node_type::integer:
            return "integer";
        case toml::node_type::floating_point:
            return "float";
        case toml::node_type::boolean:
            return "boolean";
        case toml::node_type::table:
            return "table";
        case toml::node_type::array:
            return "array";
        default:
            return "date/time";
    }
}

std::string wrong_type(const toml::node& n, std::string_view wanted) {
    return fmt::format(fmt::runtime(tr("expected {}, found {}")), wanted, type_name(n.type()));
}

// A string value; `take` returns a problem text, or "" when the value was taken.
spec str(std::function<std::string(config&, const std::string&)> take, bool required = false) {
    return {[take](checker& c, const toml::node& n, const std::string& path) {
                if (!n.is_string()) return c.problem(n.source(), path, wrong_type(n, "string"));
                std::string why = take(c.cfg(), *n.value<std::string>());
                if (!why.empty()) c.problem(n.source(), path, why);
            },
            {},
            required};
}

spec integer(std::int64_t lo, std::int64_t hi, std::function<void(config&, std::int64_t)> take) {
    return {[=](checker& c, const toml::node& n, const std::string& path) {
                if (!n.is_integer()) return c.problem(n.source(), path, wrong_type(n, "integer"));
                auto v = *n.value<std::int64_t>();
                if (v < lo || v > hi)
                    return c.problem(
                        n.source(), path,
                        fmt::format(fmt::runtime(tr("must be between {} and {}")), lo, hi));
                take(c.cfg(), v);
            },
            {}};
}

// A non-empty array of distinct, non-empty strings.
std::optional<std::vector<std::string>> read_strings(checker& c, const toml::node& n,
                                                     const std::string& path, bool allow_empty) {
    if (!n.is_array()) {
        c.problem(n.source(), path, wrong_type(n, "array of strings"));
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < n.as_array()->size(); ++i) {
        const toml::node& e = *n.as_array()->get(i);
        std::string p = fmt::format("{}[{}]", path, i);
        if (!e.is_string()) {
            c.problem(e.source(), p, wrong_type(e, "string"));
            ok = false;
        } else if (e.value<std::string>()->empty()) {
            c.problem(e.source(), p, tr("must not be empty"));
            ok = false;
        } else if (std::find(out.begin(), out.end(), *e.value<std::string>()) != out.end()) {
            c.problem(
                e.source(), p,
                fmt::format(fmt::runtime(tr("\"{}\" is listed twice")), *e.value<std::string>()));
            ok = false;
        } else {
            out.push_back(*e.value<std::string>());
        }
    }
    if (ok && out.empty() && !allow_empty) {
        c.problem(n.source(), path, tr("must not be empty"));
        ok = false;
    }
    return ok ? std::optional(out) : std::nullopt;
}

spec strings(std::function<std::vector<std::string>&(config&)> field, bool allow_empty = false) {
    return {[=](checker& c, const toml::node& n, const std::string& path) {
                if (auto v = read_strings(c, n, path, allow_empty)) field(c.cfg()) = std::move(*v);
            },
            {}};
}

// A table of known logical fields, each naming a header in a file.
spec header_names(const std::vector<std::pair<std::string, std::string>>& fields,
                  std::function<std::map<std::string, std::string>&(config&)> target) {
    spec s;
    for (const auto& [key, header] : fields) {
        std::string k = key;
        s.children[k] = str([k, target](config& cfg, const std::string& v) -> std::string {
            if (v.empty()) return tr("must not be empty");
            target(cfg)[k] = v;
            return {};
        });
    }
    return s;
}

spec categories() {
    return {
        [](checker& c, const toml::node& n, const std::string& path) {
            if (!n.is_array_of_tables() || n.as_array()->empty())
                return c.problem(
                    n.source(), path,
                    tr("expected a non-empty array of { name = \"…\", deadline_days = N }"));
            std::vector<issue_category> out;
            bool ok = true;
            for (std::size_t i = 0; i < n.as_array()->size(); ++i) {
                const toml::table& t = *n.as_array()->get(i)->as_table();
                std::string p = fmt::format("{}[{}]", path, i);
                issue_category cat;
                for (auto&& [k, v] : t) {
                    std::string kp = fmt::format("{}.{}", p, k.str());
                    if (k.str() == "name") {
                        if (!v.is_string() || v.value<std::string>()->empty()) {
                            c.problem(v.source(), kp, tr("expected a non-empty string"));
                            ok = false;
                        } else {
                            cat.name = *v.value<std::string>();
                        }
                    } else if (k.str() == "deadline_days") {
                        auto d = v.value<std::int64_t>();
                        if (!v.is_integer() || *d < 0 || *d > 3650) {
                            c.problem(v.source(), kp, tr("expected an integer between 0 and 3650"));
                            ok = false;
                        } else {
                            cat.deadline_days = static_cast<int>(*d);
                        }
                    } else {
                        c.problem(k.source(), kp, tr("unknown key"));
                        ok = false;
                    }
                }
                if (cat.name.empty()) {
                    if (ok) c.problem(t.source(), p, tr("a category needs a name"));
                    ok = false;
                    continue;
                }
                for (const auto& prev : out)
                    if (prev.name == cat.name) {
                        c.problem(t.source(), p,
                                  fmt::format(fmt::runtime(tr("category \"{}\" is listed twice")),
                                              cat.name));
                        ok = false;
                    }
                out.push_back(cat);
            }
            if (ok) c.cfg().issues.categories = std::move(out);
        },
        {}};
}

spec transitions() {
    return {[](checker& c, const toml::node& n, const std::string& path) {
                if (!n.is_table() || n.as_table()->empty())
                    return c.problem(n.source(), path,
                                     tr("expected a table of status = [next statuses]"));
                std::map<std::string, std::vector<std::string>> out;
                bool ok = true;
                for (auto&& [k, v] : *n.as_table()) {
                    auto next = read_strings(c, v, fmt::format("{}.{}", path, k.str()), true);
                    if (!next)
                        ok = false;
                    else
                        out[std::string(k.str())] = *next;
                }
                for (auto&& [k, v] : *n.as_table()) {
                    if (!out.count(std::string(k.str()))) continue;
                    for (std::size_t i = 0; i < out[std::string(k.str())].size(); ++i) {
                        const auto& to = out[std::string(k.str())][i];
                        if (!out.count(to)) {
                            c.problem(
                                v.as_array()->get(i)->source(),
                                fmt::format("{}.{}[{}]", path, k.str(), i),
                                fmt::format(fmt::runtime(tr("\"{}\" is not a status (statuses are "
                                                            "the keys of this table)")),
                                            to));
                            ok = false;
                        }
                    }
                }
                if (ok) c.cfg().issues.transitions = std::move(out);
            },
            {}};
}

// "\"x\" is not one of: a, b": the message of a value outside a closed list.
std::string not_one_of(const std::string& v, const std::vector<std::string>& names) {
    return fmt::format(fmt::runtime(tr("\"{}\" is not one of: {}")), v, fmt::join(names, ", "));
}

void problem_at(checker& c, const toml::node& at, const std::string& path, const std::string& why) {
    c.problem(at.source(), path, why);
}

// A meeting type's string keys: name, title, place, start, quorum.
void read_meeting_type_string(checker& c, std::string_view name, const toml::node& v,
                              const std::string& kp, meeting_type_config& t) {
    if (!v.is_string()) return problem_at(c, v, kp, wrong_type(v, "string"));
    std::string s = *v.value<std::string>();
    if (name == "name") {
        if (s.empty()) problem_at(c, v, kp, tr("must not be empty"));
        t.name = s;
    } else if (name == "title") {
        std::string why = detail::title_pattern_problem(s);
        if (!why.empty()) problem_at(c, v, kp, why);
        t.title = s;
    } else if (name == "place") {
        t.place = s;
    } else if (name == "start") {
        if (!detail::parse_clock_time(s))
            problem_at(
                c, v, kp,
                fmt::format(fmt::runtime(tr("\"{}\" is not a time of day like \"19:00\"")), s));
        t.start = s;
    } else {
        const auto& rules = detail::quorum_rules();
        if (std::find(rules.begin(), rules.end(), s) == rules.end())
            problem_at(c, v, kp, not_one_of(s, rules));
        t.quorum = s;
    }
}

// One { key, title, minutes, rule } of a type's sections; nullopt (the
// problem reported) when it lacks one of them.
std::optional<agenda_section_config> read_agenda_section(checker& c, const toml::table& st,
                                                         const std::string& sp) {
    agenda_section_config sec;
    for (auto&& [sk, sv] : st) {
        std::string skp = fmt::format("{}.{}", sp, sk.str());
        if (sk.str() == "minutes") {
            auto m = sv.value<std::int64_t>();
            if (!sv.is_integer() || *m < 0 || *m > 600)
                problem_at(c, sv, skp, tr("expected an integer between 0 and 600"));
            else
                sec.minutes = static_cast<int>(*m);
            continue;
        }
        if (sk.str() != "key" && sk.str() != "title" && sk.str() != "rule") {
            c.problem(sk.source(), skp, tr("unknown key"));
            continue;
        }
        if (!sv.is_string() || sv.value<std::string>()->empty()) {
            problem_at(c, sv, skp, tr("expected a non-empty string"));
            continue;
        }
        std::string s = *sv.value<std::string>();
        if (sk.str() == "key") sec.key = s;
        if (sk.str() == "title") sec.title = s;
        if (sk.str() == "rule") {
            const auto& rules = detail::agenda_rules();
            if (std::find(rules.begin(), rules.end(), s) == rules.end())
                problem_at(c, sv, skp, not_one_of(s, rules));
            sec.rule = s;
        }
    }
    if (sec.key.empty() || sec.title.empty() || sec.rule.empty()) {
        c.problem(st.source(), sp, tr("a section needs a key, a title and a rule"));
        return std::nullopt;
    }
    return sec;
}

// A type's sections replace its built-in ones as a whole.
void read_agenda_sections(checker& c, const toml::node& v, const std::string& kp,
                          meeting_type_config& t) {
    if (!v.is_array_of_tables() || v.as_array()->empty())
        return problem_at(c, v, kp,
                          tr("expected a non-empty array of { key = \"…\", title = "
                             "\"…\", minutes = N, rule = \"…\" }"));
    t.sections.clear();
    for (std::size_t i = 0; i < v.as_array()->size(); ++i) {
        const toml::table& st = *v.as_array()->get(i)->as_table();
        std::string sp = fmt::format("{}[{}]", kp, i);
        auto sec = read_agenda_section(c, st, sp);
        if (!sec) continue;
        for (const auto& prev : t.sections)
            if (prev.key == sec->key)
                c.problem(
                    st.source(), sp,
                    fmt::format(fmt::runtime(tr("section \"{}\" is listed twice")), sec->key));
        t.sections.push_back(std::move(*sec));
    }
}

// One [meetings.types.<key>] table over the type's defaults.
meeting_type_config read_meeting_type(checker& c, std::string_view key, const toml::table& table,
                                      const std::string& tp) {
    meeting_type_config t = detail::default_meeting_type(std::string(key));
    for (auto&& [k, v] : table) {
        std::string kp = fmt::format("{}.{}", tp, k.str());
        std::string_view name = k.str();
        if (name == "name" || name == "title" || name == "place" || name == "start" ||
            name == "quorum") {
            read_meeting_type_string(c, name, v, kp, t);
        } else if (name == "duration_minutes") {
            auto d = v.value<std::int64_t>();
            if (!v.is_integer() || *d < 5 || *d > 1440)
                problem_at(c, v, kp, tr("expected an integer between 5 and 1440"));
            else
                t.duration_minutes = static_cast<int>(*d);
        } else if (name == "parties") {
            auto list = read_strings(c, v, kp, true);
            if (!list) continue;
            const auto& kinds = detail::required_party_names();
            for (std::size_t i = 0; i < list->size(); ++i)
                if (std::find(kinds.begin(), kinds.end(), (*list)[i]) == kinds.end())
                    problem_at(c, *v.as_array()->get(i), fmt::format("{}[{}]", kp, i),
                               not_one_of((*list)[i], kinds));
            t.parties = *list;
        } else if (name == "sections") {
            read_agenda_sections(c, v, kp, t);
        } else {
            c.problem(k.source(), kp, tr("unknown key"));
        }
    }
    return t;
}

// [meetings.types]: a table of meeting types, each a table. A type gov
// knows (leaders, joint, assembly, adhoc) keeps its built-in values for the
// keys the file leaves out; other keys start from generic defaults.
spec meeting_types() {
    return {[](checker& c, const toml::node& n, const std::string& path) {
                if (!n.is_table()) return c.problem(n.source(), path, wrong_type(n, "table"));
                std::map<std::string, meeting_type_config> out = c.cfg().meetings.types;
                for (auto&& [key, tn] : *n.as_table()) {
                    std::string tp = fmt::format("{}.{}", path, key.str());
                    if (!tn.is_table()) {
                        problem_at(c, tn, tp, wrong_type(tn, "table"));
                        continue;
                    }
                    out[std::string(key.str())] =
                        read_meeting_type(c, key.str(), *tn.as_table(), tp);
                }
                c.cfg().meetings.types = std::move(out);
            },
            {}};
}

// One table: every key of gov.toml with its check, in the order
// docs/config.md lists them, so the two can be read side by side.
const spec& schema() {
    static const spec root = [] {
        spec s;
        s.children["community"].children = {
            {"name", str(
                         [](config& c, const std::string& v) -> std::string {
                             if (v.empty()) return tr("must not be empty");
                             c.name = v;
                             return {};
                         },
                         true)},
            {"utc_offset", str([](config& c, const std::string& v) -> std::string {
                 auto off = parse_utc_offset(v);
                 if (!off)
                     return fmt::format(
                         fmt::runtime(tr("\"{}\" is not a UTC offset like \"+08:00\"")), v);
                 c.utc_offset = *off;
                 return {};
             })},
        };
        s.children["database"].children = {
            {"path", str([](config& c, const std::string& v) -> std::string {
                 if (v.empty()) return tr("must not be empty");
                 c.database = v;  // resolved against the file's folder afterwards
                 return {};
             })},
            {"busy_timeout_ms", integer(0, 600000,
                                        [](config& c, std::int64_t v) {
                                            c.busy_timeout = std::chrono::milliseconds{v};
                                        })},
        };
        s.children["roster"].children = {
            {"roles", strings([](config & c) -> auto& { return c.roster.roles; })},
            {"owner_role", str([](config& c, const std::string& v) -> std::string {
                 c.roster.owner_role = v;
                 return {};
             })},
            {"match", str([](config& c, const std::string& v) -> std::string {
                 if (v != "name+phone" && v != "name+room")
                     return fmt::format(
                         fmt::runtime(tr("\"{}\" is not one of: name+phone, name+room")), v);
                 c.roster.match = v;
                 return {};
             })},
            {"encoding", str([](config& c, const std::string& v) -> std::string {
                 if (v != "auto" && v != "utf-8" && v != "gb18030")
                     return fmt::format(
                         fmt::runtime(tr("\"{}\" is not one of: auto, utf-8, gb18030")), v);
                 c.roster.encoding = v;
                 return {};
             })},
            {"columns",
             header_names(
                 default_roster_columns(), [](config & c) -> auto& { return c.roster.columns; })},
        };
        s.children["issues"].children = {
            {"categories", categories()},
            {"severities", strings([](config & c) -> auto& { return c.issues.severities; })},
            {"priorities", strings([](config & c) -> auto& { return c.issues.priorities; })},
            {"default_priority", str([](config& c, const std::string& v) -> std::string {
                 c.issues.default_priority = v;
                 return {};
             })},
            {"columns",
             header_names(
                 default_issue_columns(), [](config & c) -> auto& { return c.issues.columns; })},
        };
        s.children["projects"].children = {
            {"progress", str([](config& c, const std::string& v) -> std::string {
                 if (v != "milestones" && v != "deliverables")
                     return fmt::format(
                         fmt::runtime(tr("\"{}\" is not one of: milestones, deliverables")), v);
                 c.projects.progress = v;
                 return {};
             })},
        };
        s.children["meetings"].children = {
            {"default_type", str([](config& c, const std::string& v) -> std::string {
                 c.meetings.default_type = v;
                 return {};
             })},
            {"action_category", str([](config& c, const std::string& v) -> std::string {
                 c.meetings.action_category = v;
                 return {};
             })},
            {"types", meeting_types()},
        };
        s.children["issues"].children["workflow"].children = {
            {"initial", str([](config& c, const std::string& v) -> std::string {
                 c.issues.initial_status = v;
                 return {};
             })},
            {"done", strings(
                         [](config & c) -> auto& { return c.issues.done_statuses; }, true)},
            {"resolution_required",
             strings(
                 [](config & c) -> auto& { return c.issues.resolution_required; }, true)},
            {"transitions", transitions()},
        };
        return s;
    }();
    return root;
}

void check(checker& c, const toml::table& table, const spec& s, const std::string& prefix) {
    for (auto&& [key, node] : table) {
        std::string path =
            prefix.empty() ? std::string(key.str()) : fmt::format("{}.{}", prefix, key.str());
        auto it = s.children.find(key.str());
        if (it == s.children.end()) {
            c.problem(key.source(), path,
                      prefix.empty() ? tr("unknown section") : tr("unknown key"));
            continue;
        }
        if (it->second.leaf) {
            it->second.leaf(c, node, path);
        } else if (!node.is_table()) {
            c.problem(node.source(), path, wrong_type(node, "table"));
        } else {
            check(c, *node.as_table(), it->second, path);
        }
    }
    for (auto&& [key, child] : s.children) {
        std::string path = prefix.empty() ? key : fmt::format("{}.{}", prefix, key);
        if (table.contains(key)) continue;
        if (child.required) {
            // A missing key has no place of its own: point at its table, or
            // at the top of the file when the whole table is missing.
            toml::source_region at = table.source();
            if (at.begin.line == 0) at.begin = {1, 1};
            c.problem(at, path, tr("required key is missing"));
        } else if (!child.leaf) {
            check(c, toml::table{}, child, path);  // its required keys are missing too
        }
    }
}

// Rules that tie keys together, checked once each key is valid on its own.
void check_consistency(checker& c, const toml::table& root) {
    auto at = [&](std::string_view path) {
        auto n = root.at_path(path);
        return n ? n.node()->source() : root.source();
    };
    const config& cfg = c.cfg();
    auto has = [](const std::vector<std::string>& v, const std::string& x) {
        return std::find(v.begin(), v.end(), x) != v.end();
    };
    if (!has(cfg.roster.roles, cfg.roster.owner_role))
        c.problem(at("roster.owner_role"), "roster.owner_role",
                  fmt::format(fmt::runtime(tr("\"{}\" is not one of roster.roles")),
                              cfg.roster.owner_role));
    if (!has(cfg.issues.priorities, cfg.issues.default_priority))
        c.problem(at("issues.default_priority"), "issues.default_priority",
                  fmt::format(fmt::runtime(tr("\"{}\" is not one of issues.priorities")),
                              cfg.issues.default_priority));
    if (!cfg.meetings.type(cfg.meetings.default_type)) {
        std::vector<std::string> keys;
        for (const auto& [k, t] : cfg.meetings.types) keys.push_back(k);
        c.problem(at("meetings.default_type"), "meetings.default_type",
                  fmt::format(fmt::runtime(tr("\"{}\" is not one of the meeting types: {}")),
                              cfg.meetings.default_type, fmt::join(keys, ", ")));
    }
    if (!cfg.issues.category(cfg.meetings.action_category))
        c.problem(at("meetings.action_category"), "meetings.action_category",
                  fmt::format(fmt::runtime(tr("\"{}\" is not one of issues.categories")),
                              cfg.meetings.action_category));
    if (!cfg.issues.is_status(cfg.issues.initial_status))
        c.problem(
            at("issues.workflow.initial"), "issues.workflow.initial",
            fmt::format(fmt::runtime(tr("\"{}\" is not a status of issues.workflow.transitions")),
                        cfg.issues.initial_status));
    for (const char* key : {"done", "resolution_required"}) {
        const auto& list = std::string_view(key) == "done" ? cfg.issues.done_statuses
                                                           : cfg.issues.resolution_required;
        for (const auto& st : list)
            if (!cfg.issues.is_status(st))
                c.problem(
                    at(fmt::format("issues.workflow.{}", key)),
                    fmt::format("issues.workflow.{}", key),
                    fmt::format(
                        fmt::runtime(tr("\"{}\" is not a status of issues.workflow.transitions")),
                        st));
    }
}

}  // namespace

config parse_config(std::string_view text, const fs::path& file) {
    config cfg;
    cfg.file = fs::absolute(file).lexically_normal();
    cfg.database = "gov.db";
    toml::table root;
    try {
        root = toml::parse(text, file.string());
    } catch (const toml::parse_error& e) {
        throw config_error(fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line,
                                       e.source().begin.column, e.description()));
    }
    checker c(file, cfg);
    check(c, root, schema(), "");
    if (c.out().empty()) check_consistency(c, root);
    auto& problems = c.out();
    if (!problems.empty()) {
        std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
            return std::pair(a.at.line, a.at.column) < std::pair(b.at.line, b.at.column);
        });
        std::vector<std::string> lines;
        for (auto& p : problems) lines.push_back(std::move(p.message));
        if (lines.size() == 1) throw config_error(lines.front());
        std::string head = fmt::format(fmt::runtime(tr("{}: {} problems in the configuration")),
                                       file.string(), lines.size());
        throw config_error(head, std::move(lines));
    }
    if (cfg.database.is_relative()) cfg.database = (cfg.dir() / cfg.database).lexically_normal();
    return cfg;
}

config load_config(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw config_error(
            fmt::format(fmt::runtime(tr("{}: cannot read the configuration")), file.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config(text.str(), file);
}

fs::path find_config(const std::optional<fs::path>& explicit_path,
                     const std::optional<std::string>& env_path, const fs::path& start) {
    auto must_exist = [](const fs::path& p, const char* how) {
        if (!fs::is_regular_file(p))
            throw config_error(fmt::format(
                fmt::runtime(tr("{}: no such configuration file (from {})")), p.string(), how));
        return fs::absolute(p);
    };
    if (explicit_path) return must_exist(*explicit_path, "--config");
    if (env_path && !env_path->empty()) return must_exist(*env_path, "GOV_CONFIG");
    for (fs::path dir = fs::absolute(start);; dir = dir.parent_path()) {
        if (fs::is_regular_file(dir / "gov.toml")) return dir / "gov.toml";
        if (dir == dir.root_path() || dir.parent_path() == dir) break;
    }
    throw config_error(fmt::format(
        fmt::runtime(tr("no gov.toml in {} or any parent folder; run `gov init` or pass --config")),
        fs::absolute(start).string()));
}

}  // namespace gov
