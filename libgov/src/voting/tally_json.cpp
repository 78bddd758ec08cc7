// A tally result as JSON, and back. Amounts are exact: heads and ballot
// counts are JSON integers, weights decimal strings with two places, ratios
// and thresholds reduced fraction strings. Options are named, not numbered.

#include <initializer_list>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/values/error.hpp"
#include "gov/voting/tally_file.hpp"

namespace gov {

namespace {

using ojson = nlohmann::ordered_json;

ojson amount(measure m, std::int64_t v) {
    if (m == measure::weight) return format_hundredths(v);
    return v;
}

ojson measured_json(const measured& m) {
    return {{"voters", m.voters}, {"heads", m.heads}, {"weight", format_hundredths(m.weight)}};
}

ojson option_names(const std::vector<std::string>& options, const std::vector<std::size_t>& idx) {
    ojson a = ojson::array();
    for (std::size_t i : idx) a.push_back(options.at(i));
    return a;
}

ojson rule_json(const tally_rule& rule, const std::vector<std::string>& options) {
    ojson j;
    j["name"] = rule.name;
    j["headcount"] = to_string(rule.headcount);
    j["count_by"] = to_string(rule.count_by);
    j["quorum"] = ojson::array();
    for (const auto& q : rule.quorum)
        j["quorum"].push_back({{"measure", to_string(q.what)},
                               {"of", to_string(q.of)},
                               {"threshold", q.threshold.str()},
                               {"cmp", to_string(q.cmp)}});
    j["pass"] = ojson::array();
    for (const auto& p : rule.pass)
        j["pass"].push_back({{"measure", to_string(p.what)},
                             {"base", to_string(p.base)},
                             {"threshold", p.threshold.str()},
                             {"cmp", to_string(p.cmp)}});
    j["max_choices"] = rule.max_choices;
    j["tie_order"] = option_names(options, rule.tie_order);
    return j;
}

ojson matrix_json(measure m, const std::vector<std::vector<std::int64_t>>& x) {
    ojson rows = ojson::array();
    for (const auto& row : x) {
        ojson r = ojson::array();
        for (std::int64_t v : row) r.push_back(amount(m, v));
        rows.push_back(std::move(r));
    }
    return rows;
}

// ---- reading back ----------------------------------------------------------

[[noreturn]] void fail(const std::string& path, const std::string& message) {
    if (path.empty()) throw input_error("tally result: " + message);
    throw input_error(fmt::format("tally result: {}: {}", path, message));
}

const ojson& at(const ojson& j, const std::string& path, std::string_view key) {
    if (!j.is_object()) fail(path, "expected an object");
    auto it = j.find(key);
    if (it == j.end()) fail(path, fmt::format("missing \"{}\"", key));
    return *it;
}

std::string sub(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string str(const ojson& j, const std::string& path) {
    if (!j.is_string()) fail(path, "expected a string");
    return j.get<std::string>();
}

bool boolean(const ojson& j, const std::string& path) {
    if (!j.is_boolean()) fail(path, "expected true or false");
    return j.get<bool>();
}

std::int64_t integer(const ojson& j, const std::string& path) {
    if (!j.is_number_integer() ||
        (j.is_number_unsigned() &&
         j.get<std::uint64_t>() >
             static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
        fail(path, "expected an integer");
    return j.get<std::int64_t>();
}

std::int64_t read_amount(const ojson& j, measure m, const std::string& path) {
    if (m == measure::headcount) return integer(j, path);
    try {
        return parse_hundredths(str(j, path));
    } catch (const input_error& e) {
        fail(path, e.what());
    }
}

rational read_fraction(const ojson& j, const std::string& path) {
    try {
        return rational::parse(str(j, path));
    } catch (const input_error& e) {
        fail(path, e.what());
    }
}

template <class Enum>
Enum read_name(const ojson& j, const std::string& path, std::initializer_list<Enum> values) {
    std::string s = str(j, path);
    for (Enum v : values)
        if (to_string(v) == s) return v;
    fail(path, fmt::format("unknown value \"{}\"", s));
}

measured read_measured(const ojson& j, const std::string& path) {
    return {integer(at(j, path, "voters"), sub(path, "voters")),
            integer(at(j, path, "heads"), sub(path, "heads")),
            read_amount(at(j, path, "weight"), measure::weight, sub(path, "weight"))};
}

const ojson& array_at(const ojson& j, const std::string& path, std::string_view key) {
    const ojson& a = at(j, path, key);
    if (!a.is_array()) fail(sub(path, key), "expected an array");
    return a;
}

class result_reader {
  public:
    tally_result read(const ojson& root) {
        tally_result r;
        r.method = read_name<tally_method>(at(root, "", "method"), "method",
                                           {tally_method::yes_no, tally_method::approval,
                                            tally_method::irv, tally_method::schulze});
        r.title = str(at(root, "", "title"), "title");
        const ojson& options = array_at(root, "", "options");
        for (std::size_t i = 0; i < options.size(); ++i) {
            r.options.push_back(str(options[i], fmt::format("options[{}]", i)));
            m_options.emplace(r.options.back(), i);
        }
        r.rule = read_rule(at(root, "", "rule"));
        r.passed = boolean(at(root, "", "passed"), "passed");
        r.quorum_met = boolean(at(root, "", "quorum_met"), "quorum_met");
        r.reason = str(at(root, "", "reason"), "reason");
        read_counts(at(root, "", "counts"), r);
        const ojson& mixed = array_at(root, "", "mixed_groups");
        for (std::size_t i = 0; i < mixed.size(); ++i)
            r.mixed_groups.push_back(str(mixed[i], fmt::format("mixed_groups[{}]", i)));
        const ojson& conds = array_at(root, "", "conditions");
        for (std::size_t i = 0; i < conds.size(); ++i)
            r.conditions.push_back(read_condition(conds[i], fmt::format("conditions[{}]", i)));
        if (r.method != tally_method::yes_no) read_options_part(root, r);
        return r;
    }

  private:
    std::size_t option(const ojson& j, const std::string& path) {
        auto it = m_options.find(str(j, path));
        if (it == m_options.end()) fail(path, "unknown option");
        return it->second;
    }

    std::vector<std::size_t> options_list(const ojson& a, const std::string& path) {
        if (!a.is_array()) fail(path, "expected an array");
        std::vector<std::size_t> v;
        for (std::size_t i = 0; i < a.size(); ++i)
            v.push_back(option(a[i], fmt::format("{}[{}]", path, i)));
        return v;
    }

    static measure read_measure(const ojson& j, const std::string& path) {
        return read_name<measure>(j, path, {measure::headcount, measure::weight});
    }
    static comparison read_cmp(const ojson& j, const std::string& path) {
        return read_name<comparison>(j, path, {comparison::at_least, comparison::more_than});
    }

    tally_rule read_rule(const ojson& j) {
        tally_rule rule;
        rule.name = str(at(j, "rule", "name"), "rule.name");
        rule.headcount = read_name<headcount_unit>(at(j, "rule", "headcount"), "rule.headcount",
                                                   {headcount_unit::voter, headcount_unit::group});
        rule.count_by = read_measure(at(j, "rule", "count_by"), "rule.count_by");
        const ojson& quorum = array_at(j, "rule", "quorum");
        for (std::size_t i = 0; i < quorum.size(); ++i) {
            std::string p = fmt::format("rule.quorum[{}]", i);
            rule.quorum.push_back(
                {read_measure(at(quorum[i], p, "measure"), sub(p, "measure")),
                 read_name<ballot_set>(at(quorum[i], p, "of"), sub(p, "of"),
                                       {ballot_set::cast, ballot_set::valid}),
                 read_fraction(at(quorum[i], p, "threshold"), sub(p, "threshold")),
                 read_cmp(at(quorum[i], p, "cmp"), sub(p, "cmp"))});
        }
        const ojson& pass = array_at(j, "rule", "pass");
        for (std::size_t i = 0; i < pass.size(); ++i) {
            std::string p = fmt::format("rule.pass[{}]", i);
            rule.pass.push_back(
                {read_measure(at(pass[i], p, "measure"), sub(p, "measure")),
                 read_name<pass_base>(at(pass[i], p, "base"), sub(p, "base"),
                                      {pass_base::cast, pass_base::valid, pass_base::yes_no,
                                       pass_base::yes_no_abstain, pass_base::entitled}),
                 read_fraction(at(pass[i], p, "threshold"), sub(p, "threshold")),
                 read_cmp(at(pass[i], p, "cmp"), sub(p, "cmp"))});
        }
        rule.max_choices =
            static_cast<std::size_t>(integer(at(j, "rule", "max_choices"), "rule.max_choices"));
        rule.tie_order = options_list(at(j, "rule", "tie_order"), "rule.tie_order");
        return rule;
    }

    static void read_counts(const ojson& j, tally_result& r) {
        ballot_counts& c = r.counts;
        c.entitled = read_measured(at(j, "counts", "entitled"), "counts.entitled");
        c.cast = read_measured(at(j, "counts", "cast"), "counts.cast");
        c.valid = read_measured(at(j, "counts", "valid"), "counts.valid");
        c.invalid = read_measured(at(j, "counts", "invalid"), "counts.invalid");
        c.spoiled = read_measured(at(j, "counts", "spoiled"), "counts.spoiled");
        if (r.method == tally_method::yes_no) {
            c.yes = read_measured(at(j, "counts", "yes"), "counts.yes");
            c.no = read_measured(at(j, "counts", "no"), "counts.no");
            c.abstain = read_measured(at(j, "counts", "abstain"), "counts.abstain");
        }
        c.mixed_heads = integer(at(j, "counts", "mixed_heads"), "counts.mixed_heads");
    }

    static condition_result read_condition(const ojson& j, const std::string& p) {
        condition_result c;
        c.kind = read_name<condition_kind>(at(j, p, "kind"), sub(p, "kind"),
                                           {condition_kind::quorum, condition_kind::pass});
        c.what = read_measure(at(j, p, "measure"), sub(p, "measure"));
        c.subject = str(at(j, p, "subject"), sub(p, "subject"));
        c.base_name = str(at(j, p, "base"), sub(p, "base"));
        c.value = read_amount(at(j, p, "value"), c.what, sub(p, "value"));
        c.base = read_amount(at(j, p, "base_value"), c.what, sub(p, "base_value"));
        c.threshold = read_fraction(at(j, p, "threshold"), sub(p, "threshold"));
        c.cmp = read_cmp(at(j, p, "cmp"), sub(p, "cmp"));
        c.met = boolean(at(j, p, "met"), sub(p, "met"));
        return c;
    }

    void read_options_part(const ojson& root, tally_result& r) {
        r.winners = options_list(at(root, "", "winners"), "winners");
        r.tie = boolean(at(root, "", "tie"), "tie");
        const ojson& totals = array_at(root, "", "option_totals");
        for (std::size_t i = 0; i < totals.size(); ++i)
            r.option_totals.push_back(
                read_measured(totals[i], fmt::format("option_totals[{}]", i)));
        measure by = r.rule.count_by;
        if (r.method == tally_method::irv) {
            const ojson& rounds = array_at(root, "", "rounds");
            for (std::size_t i = 0; i < rounds.size(); ++i)
                r.rounds.push_back(
                    read_round(rounds[i], fmt::format("rounds[{}]", i), by, r.options.size()));
        }
        if (r.method == tally_method::schulze) {
            const ojson& s = at(root, "", "schulze");
            r.pairwise = read_matrix(at(s, "schulze", "d"), "schulze.d", by);
            r.strongest_paths = read_matrix(at(s, "schulze", "p"), "schulze.p", by);
        }
    }

    irv_round read_round(const ojson& j, const std::string& p, measure by, std::size_t n) {
        irv_round rd;
        rd.votes.assign(n, 0);
        rd.continuing.assign(n, false);
        const ojson& votes = at(j, p, "votes");
        if (!votes.is_object()) fail(sub(p, "votes"), "expected an object");
        for (const auto& [name, v] : votes.items()) {
            std::string vp = sub(sub(p, "votes"), name);
            std::size_t o = option(ojson(name), vp);
            rd.votes[o] = read_amount(v, by, vp);
            rd.continuing[o] = true;
        }
        rd.continuing_total = read_amount(at(j, p, "continuing"), by, sub(p, "continuing"));
        rd.exhausted = read_amount(at(j, p, "exhausted"), by, sub(p, "exhausted"));
        rd.lowest = options_list(at(j, p, "lowest"), sub(p, "lowest"));
        rd.broken_by =
            read_name<tie_break>(at(j, p, "tie_break"), sub(p, "tie_break"),
                                 {tie_break::none, tie_break::earlier_round, tie_break::tie_order,
                                  tie_break::no_votes, tie_break::unresolved});
        rd.tie_round = static_cast<std::size_t>(
            integer(at(j, p, "tie_break_round"), sub(p, "tie_break_round")));
        if (const ojson& e = at(j, p, "eliminated"); !e.is_null())
            rd.eliminated = option(e, sub(p, "eliminated"));
        if (const ojson& e = at(j, p, "elected"); !e.is_null())
            rd.elected = option(e, sub(p, "elected"));
        return rd;
    }

    static std::vector<std::vector<std::int64_t>> read_matrix(const ojson& j, const std::string& p,
                                                              measure by) {
        if (!j.is_array()) fail(p, "expected an array of rows");
        std::vector<std::vector<std::int64_t>> m;
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (!j[i].is_array()) fail(fmt::format("{}[{}]", p, i), "expected an array");
            std::vector<std::int64_t> row;
            for (std::size_t k = 0; k < j[i].size(); ++k)
                row.push_back(read_amount(j[i][k], by, fmt::format("{}[{}][{}]", p, i, k)));
            m.push_back(std::move(row));
        }
        return m;
    }

    std::unordered_map<std::string, std::size_t> m_options;
};

}  // namespace

std::string tally_result_json(const tally_result& r) {
    ojson j;
    j["method"] = to_string(r.method);
    j["title"] = r.title;
    j["options"] = r.options;
    j["rule"] = rule_json(r.rule, r.options);
    j["passed"] = r.passed;
    j["quorum_met"] = r.quorum_met;
    j["reason"] = r.reason;

    ojson counts;
    counts["entitled"] = measured_json(r.counts.entitled);
    counts["cast"] = measured_json(r.counts.cast);
    counts["valid"] = measured_json(r.counts.valid);
    if (r.method == tally_method::yes_no) {
        counts["yes"] = measured_json(r.counts.yes);
        counts["no"] = measured_json(r.counts.no);
        counts["abstain"] = measured_json(r.counts.abstain);
    }
    counts["invalid"] = measured_json(r.counts.invalid);
    counts["spoiled"] = measured_json(r.counts.spoiled);
    counts["mixed_heads"] = r.counts.mixed_heads;
    j["counts"] = std::move(counts);
    j["mixed_groups"] = r.mixed_groups;

    j["conditions"] = ojson::array();
    for (const auto& c : r.conditions) {
        auto ratio = c.ratio();
        j["conditions"].push_back({{"kind", to_string(c.kind)},
                                   {"measure", to_string(c.what)},
                                   {"subject", c.subject},
                                   {"base", c.base_name},
                                   {"value", amount(c.what, c.value)},
                                   {"base_value", amount(c.what, c.base)},
                                   {"ratio", ratio ? ojson(ratio->str()) : ojson(nullptr)},
                                   {"threshold", c.threshold.str()},
                                   {"cmp", to_string(c.cmp)},
                                   {"met", c.met}});
    }

    if (r.method != tally_method::yes_no) {
        measure by = r.rule.count_by;
        j["winners"] = option_names(r.options, r.winners);
        j["tie"] = r.tie;
        j["option_totals"] = ojson::array();
        for (std::size_t o = 0; o < r.option_totals.size(); ++o) {
            ojson t = {{"option", r.options.at(o)}};
            t.update(measured_json(r.option_totals[o]));
            j["option_totals"].push_back(std::move(t));
        }
        if (r.method == tally_method::irv) {
            j["rounds"] = ojson::array();
            for (std::size_t i = 0; i < r.rounds.size(); ++i) {
                const irv_round& rd = r.rounds[i];
                ojson votes = ojson::object();
                for (std::size_t o = 0; o < rd.votes.size(); ++o)
                    if (rd.continuing[o]) votes[r.options.at(o)] = amount(by, rd.votes[o]);
                auto name = [&](const std::optional<std::size_t>& o) {
                    return o ? ojson(r.options.at(*o)) : ojson(nullptr);
                };
                j["rounds"].push_back({{"round", i + 1},
                                       {"votes", std::move(votes)},
                                       {"continuing", amount(by, rd.continuing_total)},
                                       {"exhausted", amount(by, rd.exhausted)},
                                       {"lowest", option_names(r.options, rd.lowest)},
                                       {"tie_break", to_string(rd.broken_by)},
                                       {"tie_break_round", rd.tie_round},
                                       {"eliminated", name(rd.eliminated)},
                                       {"elected", name(rd.elected)}});
            }
        }
        if (r.method == tally_method::schulze)
            j["schulze"] = {{"d", matrix_json(by, r.pairwise)},
                            {"p", matrix_json(by, r.strongest_paths)}};
    }
    // Replace rather than throw on invalid UTF-8 handed in through the C++ API.
    return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

tally_result parse_tally_result_json(std::string_view json_text) {
    ojson root;
    try {
        root = ojson::parse(json_text.begin(), json_text.end());
    } catch (const ojson::parse_error& e) {
        std::string what = e.what();
        if (auto p = what.find("] "); p != std::string::npos) what.erase(0, p + 2);
        throw input_error("tally result: invalid JSON: " + what);
    }
    if (!root.is_object()) fail("", "expected an object");
    return result_reader().read(root);
}

}  // namespace gov
