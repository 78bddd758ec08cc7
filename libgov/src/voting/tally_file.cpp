// Reading the tally file (docs/tally-format.md) into a tally_input. Every
// error names the JSON path of the offending value.

#include "gov/voting/tally_file.hpp"

#include <initializer_list>
#include <istream>
#include <iterator>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/values/error.hpp"

namespace gov {

namespace {

using nlohmann::json;

// Thrown inside the reader with a path; turned into "source: path: message".
[[noreturn]] void fail(const std::string& path, const std::string& message) {
    throw input_error(path.empty() ? message : path + ": " + message);
}

std::string json_type(const json& j) {
    if (j.is_number_float()) return "a fractional number";
    return j.type_name();
}

void check_keys(const json& obj, const std::string& path,
                std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : obj.items()) {
        bool known = false;
        for (auto a : allowed) known = known || key == a;
        if (!known) fail(path, fmt::format("unknown key \"{}\"", key));
    }
}

const json& require_object(const json& j, const std::string& path) {
    if (!j.is_object()) fail(path, "expected an object, found " + json_type(j));
    return j;
}

const json& require_array(const json& j, const std::string& path) {
    if (!j.is_array()) fail(path, "expected an array, found " + json_type(j));
    return j;
}

std::string require_string(const json& j, const std::string& path) {
    if (!j.is_string()) fail(path, "expected a string, found " + json_type(j));
    return j.get<std::string>();
}

const json* find(const json& obj, std::string_view key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

const json& require_key(const json& obj, const std::string& path, std::string_view key) {
    const json* j = find(obj, key);
    if (j == nullptr) fail(path, fmt::format("missing \"{}\"", key));
    return *j;
}

std::string key_path(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index_path(const std::string& path, std::size_t i) {
    return fmt::format("{}[{}]", path, i);
}

// Weights: decimal strings ("88.50") or JSON integers. A JSON number with a
// fraction has already become a binary double in the parser, which cannot hold
// 0.1 exactly, so it is refused rather than guessed at.
std::int64_t read_weight(const json& j, const std::string& path) {
    if (j.is_number_unsigned()) {
        auto v = j.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max() / 100))
            fail(path, "weight too large");
        return static_cast<std::int64_t>(v) * 100;
    }
    if (j.is_number_integer()) fail(path, "negative weights are not allowed");
    if (j.is_number_float())
        fail(path,
             "write a weight with decimals as a string, e.g. \"88.50\": JSON numbers with "
             "a fraction are not exact");
    if (!j.is_string()) fail(path, "expected a decimal string such as \"88.50\"");
    try {
        return parse_hundredths(j.get<std::string>());
    } catch (const input_error& e) {
        fail(path, e.what());
    }
}

rational read_threshold(const json& j, const std::string& path) {
    if (j.is_number_integer()) return rational(j.get<std::int64_t>());
    if (!j.is_string())
        fail(path, "write a threshold as a string fraction or decimal, e.g. \"2/3\" or \"0.75\"");
    try {
        return rational::parse(j.get<std::string>());
    } catch (const input_error& e) {
        fail(path, e.what());
    }
}

template <class Enum>
Enum read_enum(const json& j, const std::string& path,
               std::initializer_list<std::pair<std::string_view, Enum>> names) {
    std::string s = require_string(j, path);
    std::string known;
    for (const auto& [name, value] : names) {
        if (s == name) return value;
        known += (known.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    }
    fail(path, fmt::format("unknown value \"{}\" (expected {})", s, known));
}

measure read_measure(const json& j, const std::string& path) {
    return read_enum<measure>(j, path,
                              {{"headcount", measure::headcount}, {"weight", measure::weight}});
}

comparison read_cmp(const json& j, const std::string& path) {
    return read_enum<comparison>(j, path,
                                 {{">=", comparison::at_least}, {">", comparison::more_than}});
}

// "an approval ballot", "a schulze ballot".
std::string method_noun(tally_method m) {
    std::string_view name = to_string(m);
    bool vowel = m == tally_method::approval || m == tally_method::irv;
    return fmt::format("{} {}", vowel ? "an" : "a", name);
}

class file_reader {
  public:
    tally_input read(const json& root) {
        require_object(root, "");
        check_keys(root, "",
                   {"title", "comment", "method", "options", "electorate", "rule", "ballots"});
        if (const json* t = find(root, "title")) m_in.title = require_string(*t, "title");
        m_in.method = read_enum<tally_method>(require_key(root, "", "method"), "method",
                                              {{"yes-no", tally_method::yes_no},
                                               {"approval", tally_method::approval},
                                               {"irv", tally_method::irv},
                                               {"schulze", tally_method::schulze}});
        if (const json* o = find(root, "options")) read_options(*o);
        read_electorate(require_key(root, "", "electorate"));
        if (const json* r = find(root, "rule")) {
            read_rule(*r);
        } else if (m_in.method == tally_method::yes_no) {
            fail("rule", "missing: a yes-no vote needs a rule, e.g. \"civil-code-278\"");
        } else {
            m_in.rule.name = "none";
        }
        if (!m_has_weights && uses_weight(m_in.rule))
            fail("rule", "measures weight, but the electorate gives no voter a weight");
        const json& ballots = require_array(require_key(root, "", "ballots"), "ballots");
        for (std::size_t i = 0; i < ballots.size(); ++i) read_ballot(ballots[i], i);
        return std::move(m_in);
    }

  private:
    static bool uses_weight(const tally_rule& r) {
        for (const auto& q : r.quorum)
            if (q.what == measure::weight) return true;
        for (const auto& p : r.pass)
            if (p.what == measure::weight) return true;
        return r.count_by == measure::weight;
    }

    void read_options(const json& j) {
        require_array(j, "options");
        for (std::size_t i = 0; i < j.size(); ++i) {
            std::string path = index_path("options", i);
            std::string name = require_string(j[i], path);
            if (name.empty()) fail(path, "empty option name");
            if (!m_options.emplace(name, i).second)
                fail(path, fmt::format("option \"{}\" listed twice", name));
            m_in.options.push_back(std::move(name));
        }
    }

    void read_electorate(const json& j) {
        require_object(j, "electorate");
        check_keys(j, "electorate", {"voters", "comment"});
        const json& voters =
            require_array(require_key(j, "electorate", "voters"), "electorate.voters");
        electorate& e = m_in.voters;
        e.ids.reserve(voters.size());
        e.weights.reserve(voters.size());
        e.groups.reserve(voters.size());
        m_voters.reserve(voters.size());
        std::unordered_map<std::string, std::size_t> groups;
        m_has_weights = voters.empty();  // no voter lacks a weight
        for (std::size_t i = 0; i < voters.size(); ++i) {
            std::string path = index_path("electorate.voters", i);
            const json& v = require_object(voters[i], path);
            check_keys(v, path, {"id", "weight", "group"});
            std::string id = require_string(require_key(v, path, "id"), key_path(path, "id"));
            if (id.empty()) fail(key_path(path, "id"), "empty voter id");
            if (!m_voters.emplace(id, i).second)
                fail(key_path(path, "id"), fmt::format("voter \"{}\" listed twice", id));
            // Weights are all-or-nothing: a voter silently weighted 1 among
            // voters weighted by area would distort every weight condition.
            const json* w = find(v, "weight");
            if (i == 0) m_has_weights = w != nullptr;
            if ((w != nullptr) != m_has_weights)
                fail(key_path(path, "weight"),
                     m_has_weights ? "missing (other voters have weights: give every voter one)"
                                   : "given, but earlier voters have none: give every voter one "
                                     "or none");
            std::int64_t weight = w ? read_weight(*w, key_path(path, "weight")) : 100;
            if (const json* g = find(v, "group")) {
                std::string name = require_string(*g, key_path(path, "group"));
                if (name.empty()) fail(key_path(path, "group"), "empty group name");
                auto [it, added] = groups.emplace(name, e.group_names.size());
                if (added) e.add_group(name);
                e.add_voter(std::move(id), weight, it->second);
            } else {
                e.add_voter(std::move(id), weight);  // a group of its own
            }
        }
    }

    std::size_t option_index(const json& j, const std::string& path) {
        std::string name = require_string(j, path);
        auto it = m_options.find(name);
        if (it == m_options.end()) fail(path, fmt::format("unknown option \"{}\"", name));
        return it->second;
    }

    void read_rule(const json& j) {
        if (j.is_string()) {
            m_in.rule = preset(j, "rule");
            return;
        }
        require_object(j, "rule");
        check_keys(j, "rule",
                   {"preset", "name", "headcount", "count_by", "quorum", "pass", "max_choices",
                    "tie_order", "comment"});
        tally_rule& r = m_in.rule;
        if (const json* p = find(j, "preset")) r = preset(*p, "rule.preset");
        if (const json* n = find(j, "name")) r.name = require_string(*n, "rule.name");
        if (const json* h = find(j, "headcount"))
            r.headcount = read_enum<headcount_unit>(
                *h, "rule.headcount",
                {{"voter", headcount_unit::voter}, {"group", headcount_unit::group}});
        if (const json* c = find(j, "count_by")) r.count_by = read_measure(*c, "rule.count_by");
        if (const json* q = find(j, "quorum")) {
            r.quorum.clear();
            require_array(*q, "rule.quorum");
            for (std::size_t i = 0; i < q->size(); ++i) r.quorum.push_back(read_quorum((*q)[i], i));
        }
        if (const json* p = find(j, "pass")) {
            r.pass.clear();
            require_array(*p, "rule.pass");
            for (std::size_t i = 0; i < p->size(); ++i) r.pass.push_back(read_pass((*p)[i], i));
        }
        if (const json* m = find(j, "max_choices")) {
            if (!m->is_number_unsigned())
                fail("rule.max_choices", "expected a non-negative integer");
            r.max_choices = m->get<std::size_t>();
        }
        if (const json* t = find(j, "tie_order")) {
            require_array(*t, "rule.tie_order");
            r.tie_order.clear();
            for (std::size_t i = 0; i < t->size(); ++i)
                r.tie_order.push_back(option_index((*t)[i], index_path("rule.tie_order", i)));
        }
    }

    static tally_rule preset(const json& j, const std::string& path) {
        try {
            return tally_preset(require_string(j, path));
        } catch (const input_error& e) {
            fail(path, e.what());
        }
    }

    static quorum_condition read_quorum(const json& j, std::size_t i) {
        std::string path = index_path("rule.quorum", i);
        require_object(j, path);
        check_keys(j, path, {"measure", "of", "counts", "threshold", "cmp"});
        quorum_condition q;
        q.what = read_measure(require_key(j, path, "measure"), key_path(path, "measure"));
        const json* of = find(j, "of");
        std::string of_key = "of";
        if (of == nullptr) {
            of = find(j, "counts");
            of_key = "counts";
        }
        if (of == nullptr) fail(path, "missing \"of\" (\"cast\" or \"valid\")");
        q.of = read_enum<ballot_set>(*of, key_path(path, of_key),
                                     {{"cast", ballot_set::cast}, {"valid", ballot_set::valid}});
        q.threshold =
            read_threshold(require_key(j, path, "threshold"), key_path(path, "threshold"));
        q.cmp = read_cmp(require_key(j, path, "cmp"), key_path(path, "cmp"));
        return q;
    }

    static pass_condition read_pass(const json& j, std::size_t i) {
        std::string path = index_path("rule.pass", i);
        require_object(j, path);
        check_keys(j, path, {"measure", "base", "threshold", "cmp"});
        pass_condition p;
        p.what = read_measure(require_key(j, path, "measure"), key_path(path, "measure"));
        p.base = read_enum<pass_base>(require_key(j, path, "base"), key_path(path, "base"),
                                      {{"cast", pass_base::cast},
                                       {"valid", pass_base::valid},
                                       {"yes+no", pass_base::yes_no},
                                       {"yes+no+abstain", pass_base::yes_no_abstain},
                                       {"entitled", pass_base::entitled}});
        p.threshold =
            read_threshold(require_key(j, path, "threshold"), key_path(path, "threshold"));
        p.cmp = read_cmp(require_key(j, path, "cmp"), key_path(path, "cmp"));
        return p;
    }

    static choice read_choice(const json& j, const std::string& path) {
        return read_enum<choice>(j, path,
                                 {{"yes", choice::yes},
                                  {"no", choice::no},
                                  {"abstain", choice::abstain},
                                  {"invalid", choice::invalid},
                                  {"spoiled", choice::spoiled},
                                  {"同意", choice::yes},
                                  {"反对", choice::no},
                                  {"弃权", choice::abstain},
                                  {"无效", choice::invalid},
                                  {"废票", choice::spoiled}});
    }

    void read_ballot(const json& j, std::size_t i) {
        std::string path = index_path("ballots", i);
        require_object(j, path);
        check_keys(j, path, {"voter", "choice", "approve", "ranking"});
        std::string voter_path = key_path(path, "voter");
        std::string id = require_string(require_key(j, path, "voter"), voter_path);
        auto it = m_voters.find(id);
        if (it == m_voters.end()) fail(voter_path, fmt::format("unknown voter \"{}\"", id));
        std::size_t voter = it->second;

        const json* c = find(j, "choice");
        const json* a = find(j, "approve");
        const json* r = find(j, "ranking");
        if ((c != nullptr) + (a != nullptr) + (r != nullptr) != 1)
            fail(path, "give exactly one of \"choice\", \"approve\" or \"ranking\"");

        if (m_in.method == tally_method::yes_no) {
            if (c == nullptr) fail(path, "a yes-no ballot needs \"choice\"");
            m_in.yes_no_ballots.push_back({voter, read_choice(*c, key_path(path, "choice"))});
            return;
        }
        option_ballot b;
        b.voter = voter;
        if (c != nullptr) {
            // A multi-option ballot states a choice only to be set aside.
            choice ch = read_choice(*c, key_path(path, "choice"));
            if (ch != choice::invalid && ch != choice::spoiled)
                fail(key_path(path, "choice"),
                     fmt::format("{} ballot can only be \"invalid\" or \"spoiled\" here; its "
                                 "vote goes in \"{}\"",
                                 method_noun(m_in.method),
                                 m_in.method == tally_method::approval ? "approve" : "ranking"));
            b.status = ch == choice::invalid ? ballot_status::invalid : ballot_status::spoiled;
        } else if (m_in.method == tally_method::approval) {
            if (a == nullptr) fail(path, "an approval ballot needs \"approve\"");
            std::string ap = key_path(path, "approve");
            require_array(*a, ap);
            for (std::size_t k = 0; k < a->size(); ++k)
                b.approved.push_back(option_index((*a)[k], index_path(ap, k)));
        } else {
            if (r == nullptr) fail(path, method_noun(m_in.method) + " ballot needs \"ranking\"");
            std::string rp = key_path(path, "ranking");
            require_array(*r, rp);
            for (std::size_t k = 0; k < r->size(); ++k) {
                const json& tier = (*r)[k];
                std::string tp = index_path(rp, k);
                if (tier.is_array()) {
                    std::vector<std::size_t> tied;
                    for (std::size_t t = 0; t < tier.size(); ++t)
                        tied.push_back(option_index(tier[t], index_path(tp, t)));
                    b.ranking.push_back(std::move(tied));
                } else {
                    b.ranking.push_back({option_index(tier, tp)});
                }
            }
        }
        m_in.option_ballots.push_back(std::move(b));
    }

    tally_input m_in;
    bool m_has_weights = false;
    std::unordered_map<std::string, std::size_t> m_voters;
    std::unordered_map<std::string, std::size_t> m_options;
};

std::string with_source(std::string_view source, const char* what) {
    return source.empty() ? std::string(what) : fmt::format("{}: {}", source, what);
}

json parse_json(std::string_view text, std::string_view source) {
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // nlohmann prefixes "[json.exception.parse_error.101] "; the rest names the place.
        std::string what = e.what();
        if (auto p = what.find("] "); p != std::string::npos) what.erase(0, p + 2);
        throw input_error(with_source(source, ("invalid JSON: " + what).c_str()));
    }
}

}  // namespace

tally_input parse_tally_input(std::string_view json_text, std::string_view source_name) {
    json root = parse_json(json_text, source_name);
    try {
        return file_reader().read(root);
    } catch (const input_error& e) {
        throw input_error(with_source(source_name, e.what()), e.details());
    }
}

tally_result run_tally_file(std::istream& in, std::string_view source_name) {
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw input_error(with_source(source_name, "could not be read"));
    tally_input input = parse_tally_input(text, source_name);
    try {
        return tally(input);
    } catch (const input_error& e) {
        throw input_error(with_source(source_name, e.what()), e.details());
    }
}

}  // namespace gov
