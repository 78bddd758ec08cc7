// The tally engine's common part: names, presets, validation, conditions, the
// yes/no method and the final decision. Multi-option methods live in
// tally_options.cpp, tally_irv.cpp and tally_schulze.cpp.

#include "gov/voting/tally.hpp"

#include <array>
#include <limits>
#include <unordered_set>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "voting/tally_internal.hpp"

namespace gov {

std::string_view to_string(tally_method m) {
    switch (m) {
        case tally_method::yes_no:
            return "yes-no";
        case tally_method::approval:
            return "approval";
        case tally_method::irv:
            return "irv";
        case tally_method::schulze:
            return "schulze";
    }
    return "?";
}

std::string_view to_string(measure m) {
    return m == measure::weight ? "weight" : "headcount";
}

std::string_view to_string(headcount_unit u) {
    return u == headcount_unit::group ? "group" : "voter";
}

std::string_view to_string(comparison c) {
    return c == comparison::at_least ? ">=" : ">";
}

std::string_view to_string(ballot_set s) {
    return s == ballot_set::valid ? "valid" : "cast";
}

std::string_view to_string(pass_base b) {
    switch (b) {
        case pass_base::cast:
            return "cast";
        case pass_base::valid:
            return "valid";
        case pass_base::yes_no:
            return "yes+no";
        case pass_base::yes_no_abstain:
            return "yes+no+abstain";
        case pass_base::entitled:
            return "entitled";
    }
    return "?";
}

std::string_view to_string(choice c) {
    switch (c) {
        case choice::yes:
            return "yes";
        case choice::no:
            return "no";
        case choice::abstain:
            return "abstain";
        case choice::invalid:
            return "invalid";
        case choice::spoiled:
            return "spoiled";
    }
    return "?";
}

std::string_view to_string(ballot_status s) {
    switch (s) {
        case ballot_status::valid:
            return "valid";
        case ballot_status::invalid:
            return "invalid";
        case ballot_status::spoiled:
            return "spoiled";
    }
    return "?";
}

std::string_view to_string(condition_kind k) {
    return k == condition_kind::pass ? "pass" : "quorum";
}

std::string_view to_string(tie_break t) {
    switch (t) {
        case tie_break::none:
            return "none";
        case tie_break::earlier_round:
            return "earlier-round";
        case tie_break::tie_order:
            return "tie-order";
        case tie_break::no_votes:
            return "no-votes";
        case tie_break::unresolved:
            return "unresolved";
    }
    return "?";
}

std::string format_amount(measure m, std::int64_t amount) {
    return m == measure::weight ? format_hundredths(amount) : std::to_string(amount);
}

// ---- presets ---------------------------------------------------------------

namespace {

tally_rule yes_share_rule(std::string name, pass_base base, rational threshold, comparison cmp) {
    tally_rule r;
    r.name = std::move(name);
    // Group heads equal voter heads when every entry is its own group, and
    // count an owner of several units once when they are not.
    r.headcount = headcount_unit::group;
    r.pass.push_back({measure::headcount, base, threshold, cmp});
    return r;
}

// PRC Civil Code art. 278 (2021): participation by owners holding at least
// 2/3 of the area and at least 2/3 of the owners; approval by the given share
// of the participating area and of the participating owners. 以上 includes the
// number itself (art. 1259), 过半数 does not.
tally_rule civil_code_rule(std::string name, rational threshold, comparison cmp) {
    tally_rule r;
    r.name = std::move(name);
    r.headcount = headcount_unit::group;
    r.quorum.push_back({measure::weight, ballot_set::cast, rational(2, 3), comparison::at_least});
    r.quorum.push_back(
        {measure::headcount, ballot_set::cast, rational(2, 3), comparison::at_least});
    r.pass.push_back({measure::weight, pass_base::cast, threshold, cmp});
    r.pass.push_back({measure::headcount, pass_base::cast, threshold, cmp});
    return r;
}

}  // namespace

std::vector<std::string> tally_preset_names() {
    return {"simple-majority", "two-thirds", "majority-of-members", "civil-code-278",
            "civil-code-278-major"};
}

tally_rule tally_preset(std::string_view name) {
    if (name == "simple-majority")
        return yes_share_rule("simple-majority", pass_base::yes_no, rational(1, 2),
                              comparison::more_than);
    if (name == "two-thirds")
        return yes_share_rule("two-thirds", pass_base::yes_no, rational(2, 3),
                              comparison::at_least);
    if (name == "majority-of-members")
        return yes_share_rule("majority-of-members", pass_base::entitled, rational(1, 2),
                              comparison::more_than);
    if (name == "civil-code-278")
        return civil_code_rule("civil-code-278", rational(1, 2), comparison::more_than);
    if (name == "civil-code-278-major")
        return civil_code_rule("civil-code-278-major", rational(3, 4), comparison::at_least);
    std::string known;
    for (const auto& n : tally_preset_names()) known += (known.empty() ? "" : ", ") + n;
    throw input_error(fmt::format("unknown rule preset \"{}\" (known: {})", name, known));
}

// ---- electorate ------------------------------------------------------------

std::size_t electorate::add_group(std::string name) {
    group_names.push_back(std::move(name));
    return group_names.size() - 1;
}

std::size_t electorate::add_voter(std::string id, std::int64_t weight_hundredths,
                                  std::size_t group) {
    ids.push_back(std::move(id));
    weights.push_back(weight_hundredths);
    groups.push_back(group);
    return ids.size() - 1;
}

std::size_t electorate::add_voter(std::string id, std::int64_t weight_hundredths) {
    std::size_t g = add_group(id);
    return add_voter(std::move(id), weight_hundredths, g);
}

std::optional<rational> condition_result::ratio() const {
    if (base == 0) return std::nullopt;
    return rational(value, base);
}

namespace detail {

namespace {

__extension__ using i128 = __int128;

measured check_electorate(const electorate& e, headcount_unit unit) {
    if (e.weights.size() != e.ids.size() || e.groups.size() != e.ids.size())
        throw input_error(
            fmt::format("electorate: ids, weights and groups differ in length ({}, {}, {})",
                        e.ids.size(), e.weights.size(), e.groups.size()));
    measured m;
    std::vector<bool> used(e.group_names.size(), false);
    for (std::size_t i = 0; i < e.ids.size(); ++i) {
        if (e.weights[i] < 0)
            throw input_error(fmt::format(
                "electorate.voters[{}].weight: negative weight for \"{}\"", i, e.ids[i]));
        if (e.groups[i] >= e.group_names.size())
            throw input_error(
                fmt::format("electorate.voters[{}].group: group index {} out of range "
                            "({} groups)",
                            i, e.groups[i], e.group_names.size()));
        // Every sub-total is at most this total, so one check here keeps all
        // later sums of weights inside 64 bits.
        if (__builtin_add_overflow(m.weight, e.weights[i], &m.weight))
            throw input_error("electorate: total weight does not fit in 64 bits");
        if (!used[e.groups[i]]) {
            used[e.groups[i]] = true;
            ++m.heads;
        }
    }
    m.voters = static_cast<std::int64_t>(e.ids.size());
    if (unit == headcount_unit::voter) m.heads = m.voters;
    return m;
}

void check_threshold(const rational& t, const std::string& path) {
    if (t < 0 || t > 1)
        throw input_error(fmt::format("{}: threshold {} is not between 0 and 1", path, t.str()));
}

void check_rule(const tally_input& in) {
    const tally_rule& rule = in.rule;
    const std::string_view method = to_string(in.method);
    for (std::size_t i = 0; i < rule.quorum.size(); ++i)
        check_threshold(rule.quorum[i].threshold, fmt::format("rule.quorum[{}].threshold", i));
    for (std::size_t i = 0; i < rule.pass.size(); ++i)
        check_threshold(rule.pass[i].threshold, fmt::format("rule.pass[{}].threshold", i));

    if (in.method == tally_method::yes_no) {
        if (!in.options.empty())
            throw input_error(
                "options: a yes-no vote has no options (use approval, irv or schulze)");
        if (!in.option_ballots.empty())
            throw input_error("ballots: a yes-no vote takes yes/no ballots, not option ballots");
        if (rule.pass.empty())
            throw input_error("rule.pass: a yes-no vote needs at least one pass condition");
    } else {
        if (in.options.empty())
            throw input_error(fmt::format("options: a {} vote needs at least one option", method));
        std::unordered_set<std::string_view> seen;
        for (std::size_t i = 0; i < in.options.size(); ++i) {
            if (in.options[i].empty()) throw input_error(fmt::format("options[{}]: empty name", i));
            if (!seen.insert(in.options[i]).second)
                throw input_error(
                    fmt::format("options[{}]: option \"{}\" listed twice", i, in.options[i]));
        }
        if (!in.yes_no_ballots.empty())
            throw input_error(fmt::format("ballots: a {} vote takes option ballots", method));
    }

    if (in.method == tally_method::approval) {
        for (std::size_t i = 0; i < rule.pass.size(); ++i) {
            pass_base b = rule.pass[i].base;
            if (b == pass_base::yes_no || b == pass_base::yes_no_abstain)
                throw input_error(fmt::format(
                    "rule.pass[{}].base: \"{}\" applies to yes-no votes; an approval vote "
                    "measures the winner's approvals against cast, valid or entitled",
                    i, to_string(b)));
        }
    } else if (rule.max_choices != 0) {
        throw input_error("rule.max_choices: applies to approval votes only");
    }
    if ((in.method == tally_method::irv || in.method == tally_method::schulze) &&
        !rule.pass.empty())
        throw input_error(fmt::format(
            "rule.pass: {} votes are decided by their own count and take no pass conditions "
            "(use a rule with quorum conditions only)",
            method));

    if (in.method != tally_method::irv) {
        if (!rule.tie_order.empty()) throw input_error("rule.tie_order: applies to irv votes only");
    } else if (!rule.tie_order.empty()) {
        if (rule.tie_order.size() != in.options.size())
            throw input_error(fmt::format("rule.tie_order: lists {} options; it must list all {}",
                                          rule.tie_order.size(), in.options.size()));
        std::vector<bool> seen(in.options.size(), false);
        for (std::size_t i = 0; i < rule.tie_order.size(); ++i) {
            std::size_t o = rule.tie_order[i];
            if (o >= in.options.size())
                throw input_error(
                    fmt::format("rule.tie_order[{}]: option index {} out of range", i, o));
            if (seen[o])
                throw input_error(fmt::format("rule.tie_order[{}]: option \"{}\" listed twice", i,
                                              in.options[o]));
            seen[o] = true;
        }
    }
}

std::string outcome_reason(const tally_result& r, const method_outcome& out) {
    auto failed = [&](condition_kind kind) {
        std::string s;
        for (const auto& c : r.conditions)
            if (c.kind == kind && !c.met) s += (s.empty() ? "" : "; ") + describe_condition(c);
        return s;
    };
    if (!r.quorum_met) return "not passed: quorum not met: " + failed(condition_kind::quorum);
    if (!out.decided) return "not passed: " + out.text;
    std::string pass_failures = failed(condition_kind::pass);
    if (!pass_failures.empty()) {
        if (r.method == tally_method::yes_no) return "not passed: " + pass_failures;
        return "not passed: " + out.text + ", but " + pass_failures;
    }
    std::string held;
    for (const auto& c : r.conditions)
        if (c.kind == condition_kind::pass)
            held += (held.empty() ? "" : " and ") + describe_condition(c);
    if (r.method == tally_method::yes_no) return "passed: " + held;
    return "passed: " + out.text + (held.empty() ? "" : ": " + held);
}

}  // namespace

void voter_out_of_range(const electorate& e, std::size_t ballot, std::size_t voter) {
    throw input_error(fmt::format("ballots[{}].voter: voter index {} out of range ({} voters)",
                                  ballot, voter, e.size()));
}

void second_ballot(const electorate& e, std::size_t ballot, std::size_t voter, std::size_t first) {
    throw input_error(
        fmt::format("ballots[{}].voter: second ballot from voter \"{}\" (first: ballots[{}])",
                    ballot, e.ids[voter], first));
}

condition_result evaluate_condition(condition_kind kind, measure what, std::string subject,
                                    std::string base_name, std::int64_t value, std::int64_t base,
                                    const rational& threshold, comparison cmp) {
    condition_result c;
    c.kind = kind;
    c.what = what;
    c.subject = std::move(subject);
    c.base_name = std::move(base_name);
    c.value = value;
    c.base = base;
    c.threshold = threshold;
    c.cmp = cmp;
    if (base > 0) {
        // value/base against num/den without dividing: 128-bit cross products
        // are exact for any 64-bit operands.
        i128 lhs = static_cast<i128>(value) * threshold.den();
        i128 rhs = static_cast<i128>(threshold.num()) * base;
        c.met = cmp == comparison::at_least ? lhs >= rhs : lhs > rhs;
    }
    return c;
}

std::int64_t pass_base_value(const ballot_counts& c, pass_base base, measure what) {
    switch (base) {
        case pass_base::cast:
            return c.cast.get(what);
        case pass_base::valid:
            return c.valid.get(what);
        case pass_base::yes_no:
            return c.yes.get(what) + c.no.get(what);
        case pass_base::yes_no_abstain:
            return c.yes.get(what) + c.no.get(what) + c.abstain.get(what);
        case pass_base::entitled:
            return c.entitled.get(what);
    }
    return 0;
}

std::string describe_condition(const condition_result& c) {
    std::string word = c.what == measure::weight ? "weight" : "heads";
    std::string ratio = c.base == 0 ? "nothing to measure" : c.ratio()->str();
    std::string cmp = c.cmp == comparison::at_least ? "≥" : ">";
    return fmt::format("{} {} {} of {} {} ({}) {}{} {}", c.subject, word,
                       format_amount(c.what, c.value), format_amount(c.what, c.base), c.base_name,
                       ratio, c.met ? "" : "not ", cmp, c.threshold.str());
}

std::string name_list(const std::vector<std::string>& options,
                      const std::vector<std::size_t>& idx) {
    std::string s;
    for (std::size_t i = 0; i < idx.size(); ++i) {
        if (i > 0) s += i + 1 == idx.size() ? " and " : ", ";
        s += options[idx[i]];
    }
    return s;
}

std::string_view count_word(measure m) {
    return m == measure::weight ? "weight" : "votes";
}

method_outcome tally_yes_no(const tally_input& in, tally_result& r) {
    const electorate& e = in.voters;
    const auto& ballots = in.yes_no_ballots;
    std::vector<bool> voted(e.size(), false);
    // One bit per choice seen in each head slot: a head is settled after the
    // pass, so the loop stays a single O(n) sweep without per-ballot allocation.
    std::vector<std::uint8_t> seen(head_slot_count(in), 0);
    std::array<measured, 5> by_choice{};
    for (std::size_t i = 0; i < ballots.size(); ++i) {
        std::size_t v = ballots[i].voter;
        check_ballot_voter(e, i, v, voted, [&](std::size_t k) { return ballots[k].voter; });
        auto c = static_cast<std::size_t>(ballots[i].vote);
        if (c >= by_choice.size())
            throw input_error(fmt::format("ballots[{}].choice: invalid choice value", i));
        ++by_choice[c].voters;
        by_choice[c].weight += e.weights[v];
        seen[head_slot(in, v)] |= static_cast<std::uint8_t>(1U << c);
    }
    constexpr std::uint8_t valid_bits = 0b111;  // yes, no, abstain
    ballot_counts& k = r.counts;
    for (std::size_t s = 0; s < seen.size(); ++s) {
        std::uint8_t bits = seen[s];
        if (bits == 0) continue;
        auto valid = static_cast<std::uint8_t>(bits & valid_bits);
        if (valid == 0) {
            // Only invalid or spoiled ballots: the head participated without a valid vote.
            ++(bits & (1U << static_cast<unsigned>(choice::invalid)) ? by_choice[3] : by_choice[4])
                  .heads;
        } else if ((valid & (valid - 1)) == 0) {
            ++by_choice[valid == 1 ? 0 : (valid == 2 ? 1 : 2)].heads;
        } else {
            // Entries of one owner voted differently: the owner took part, but
            // their one head cannot be given to either side (docs/tally-format.md).
            ++k.mixed_heads;
            r.mixed_groups.push_back(head_slot_name(in, s));
        }
    }
    k.yes = by_choice[0];
    k.no = by_choice[1];
    k.abstain = by_choice[2];
    k.invalid = by_choice[3];
    k.spoiled = by_choice[4];
    k.valid = {k.yes.voters + k.no.voters + k.abstain.voters,
               k.yes.heads + k.no.heads + k.abstain.heads + k.mixed_heads,
               k.yes.weight + k.no.weight + k.abstain.weight};
    k.cast = {k.valid.voters + k.invalid.voters + k.spoiled.voters,
              k.valid.heads + k.invalid.heads + k.spoiled.heads,
              k.valid.weight + k.invalid.weight + k.spoiled.weight};

    for (const auto& p : in.rule.pass)
        r.conditions.push_back(evaluate_condition(
            condition_kind::pass, p.what, "yes", std::string(to_string(p.base)), k.yes.get(p.what),
            pass_base_value(k, p.base, p.what), p.threshold, p.cmp));
    return {true, ""};
}

}  // namespace detail

tally_result tally(const tally_input& in) {
    tally_result r;
    r.method = in.method;
    r.title = in.title;
    r.rule = in.rule;
    r.options = in.options;
    r.counts.entitled = detail::check_electorate(in.voters, in.rule.headcount);
    detail::check_rule(in);

    detail::method_outcome out;
    switch (in.method) {
        case tally_method::yes_no:
            out = detail::tally_yes_no(in, r);
            break;
        case tally_method::approval:
            out = detail::tally_approval(in, r);
            break;
        case tally_method::irv:
            out = detail::tally_irv(in, r);
            break;
        case tally_method::schulze:
            out = detail::tally_schulze(in, r);
            break;
    }

    // Quorum conditions go first: they are read first and decide first.
    std::vector<condition_result> conditions;
    r.quorum_met = true;
    for (const auto& q : in.rule.quorum) {
        const measured& counted = q.of == ballot_set::valid ? r.counts.valid : r.counts.cast;
        conditions.push_back(detail::evaluate_condition(
            condition_kind::quorum, q.what, std::string(to_string(q.of)), "entitled",
            counted.get(q.what), r.counts.entitled.get(q.what), q.threshold, q.cmp));
        r.quorum_met = r.quorum_met && conditions.back().met;
    }
    bool pass_met = true;
    for (auto& c : r.conditions) {
        pass_met = pass_met && c.met;
        conditions.push_back(std::move(c));
    }
    r.conditions = std::move(conditions);
    r.passed = r.quorum_met && out.decided && pass_met;
    r.reason = detail::outcome_reason(r, out);
    return r;
}

}  // namespace gov
