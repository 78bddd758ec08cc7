#include "gov/config.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gov/date.hpp"
#include "gov/error.hpp"
#include "gov/i18n.hpp"

namespace gov {
namespace {

namespace fs = std::filesystem;

// One problem found in the file: where it is, and the whole message
// "file:line:col: key: reason". Kept sortable so they read top to bottom.
struct diagnostic {
    toml::source_position at;
    std::string message;
};
using diagnostics = std::vector<diagnostic>;

// How one key is checked and applied. `apply` returns an error text for a bad
// value (wrong type included), or an empty string when the key was taken.
struct key_spec {
    std::function<std::string(const toml::node&, config&)> apply;
    bool required = false;
};

using section_spec = std::map<std::string, key_spec, std::less<>>;

std::string where(const fs::path& file, const toml::source_region& src) {
    return fmt::format("{}:{}:{}", file.string(), src.begin.line, src.begin.column);
}

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

key_spec string_key(std::function<std::string(const std::string&, config&)> take,
                    bool required = false) {
    return {[take](const toml::node& n, config& c) -> std::string {
                if (!n.is_string()) return wrong_type(n, "string");
                return take(*n.value<std::string>(), c);
            },
            required};
}

key_spec integer_key(std::function<std::string(std::int64_t, config&)> take) {
    return {[take](const toml::node& n, config& c) -> std::string {
                if (!n.is_integer()) return wrong_type(n, "integer");
                return take(*n.value<std::int64_t>(), c);
            },
            false};
}

// The whole schema. Later record kinds add their sections here.
const std::map<std::string, section_spec, std::less<>>& schema() {
    static const std::map<std::string, section_spec, std::less<>> s = {
        {"community",
         {
             {"name", string_key(
                          [](const std::string& v, config& c) -> std::string {
                              if (v.empty()) return tr("must not be empty");
                              c.name = v;
                              return {};
                          },
                          true)},
             {"utc_offset", string_key([](const std::string& v, config& c) -> std::string {
                  auto off = parse_utc_offset(v);
                  if (!off)
                      return fmt::format(
                          fmt::runtime(tr("\"{}\" is not a UTC offset like \"+08:00\"")), v);
                  c.utc_offset = *off;
                  return {};
              })},
         }},
        {"database",
         {
             {"path", string_key([](const std::string& v, config& c) -> std::string {
                  if (v.empty()) return tr("must not be empty");
                  c.database = v;  // resolved against the file's folder afterwards
                  return {};
              })},
             {"busy_timeout_ms", integer_key([](std::int64_t v, config& c) -> std::string {
                  if (v < 0 || v > 600000) return tr("must be between 0 and 600000");
                  c.busy_timeout = std::chrono::milliseconds{v};
                  return {};
              })},
         }},
    };
    return s;
}

void check_table(const toml::table& root, const fs::path& file, config& cfg, diagnostics& out) {
    for (auto&& [key, node] : root) {
        auto sec = schema().find(key.str());
        if (sec == schema().end()) {
            out.push_back({key.source().begin, fmt::format("{}: {}: {}", where(file, key.source()),
                                                           key.str(), tr("unknown section"))});
            continue;
        }
        if (!node.is_table()) {
            out.push_back({key.source().begin, fmt::format("{}: {}: {}", where(file, key.source()),
                                                           key.str(), wrong_type(node, "table"))});
            continue;
        }
        for (auto&& [k, v] : *node.as_table()) {
            std::string path = fmt::format("{}.{}", key.str(), k.str());
            auto spec = sec->second.find(k.str());
            if (spec == sec->second.end()) {
                out.push_back({k.source().begin, fmt::format("{}: {}: {}", where(file, k.source()),
                                                             path, tr("unknown key"))});
                continue;
            }
            std::string problem = spec->second.apply(v, cfg);
            if (!problem.empty())
                out.push_back({v.source().begin,
                               fmt::format("{}: {}: {}", where(file, v.source()), path, problem)});
        }
    }
    for (auto&& [sec_name, keys] : schema()) {
        for (auto&& [k, spec] : keys) {
            if (spec.required && !root.at_path(fmt::format("{}.{}", sec_name, k)))
                out.push_back({{1, 1},
                               fmt::format("{}:1:1: {}.{}: {}", file.string(), sec_name, k,
                                           tr("required key is missing"))});
        }
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
        throw config_error(fmt::format("{}: {}", where(file, e.source()), e.description()));
    }
    diagnostics problems;
    check_table(root, file, cfg, problems);
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

std::string render_config(const config& cfg) {
    auto rel = [&](const fs::path& p) { return p.lexically_relative(cfg.dir()).string(); };
    toml::table root{
        {"community",
         toml::table{{"name", cfg.name}, {"utc_offset", format_utc_offset(cfg.utc_offset)}}},
        {"database",
         toml::table{{"path", rel(cfg.database)}, {"busy_timeout_ms", cfg.busy_timeout.count()}}},
    };
    std::ostringstream out;
    out << fmt::format("# effective configuration of {}\n", cfg.file.string()) << root << "\n";
    return out.str();
}

std::string config_template(std::string_view name) {
    std::ostringstream q;
    q << toml::value<std::string>(std::string(name));
    return fmt::format(R"(# gov.toml — configuration of one community's records.
# gov finds this file by walking up from the current folder (like git), or from
# --config PATH or the GOV_CONFIG environment variable. Paths are relative to
# this file. `gov config check` validates it; `gov config show` prints every
# key with its effective value.

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
)",
                       q.str());
}

}  // namespace gov
