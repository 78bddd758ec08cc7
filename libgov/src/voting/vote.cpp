// Casting one ballot, and what a ballot may say: choices as people write
// them, approvals and rankings checked against the proposal's options and
// rule. Importing a file of ballots is in vote_import.cpp.

#include "gov/voting/vote.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/store/context.hpp"
#include "gov/store/store.hpp"
#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"
#include "gov/voting/proposal.hpp"
#include "roster/interface.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"
#include "voting/proposal_internal.hpp"

namespace gov {

namespace {

using nlohmann::json;

constexpr std::pair<ballot_channel, std::string_view> channel_names[] = {
    {ballot_channel::paper, "paper"},
    {ballot_channel::meeting, "meeting"},
    {ballot_channel::online, "online"},
};

constexpr std::pair<std::string_view, std::string_view> choice_words[] = {
    {"同意", "yes"},        {"赞成", "yes"},        {"反对", "no"},         {"弃权", "abstain"},
    {"无效", "invalid"},    {"废票", "spoiled"},    {"yes", "yes"},         {"no", "no"},
    {"abstain", "abstain"}, {"invalid", "invalid"}, {"spoiled", "spoiled"},
};

bool iequals_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string choice_help(bool yes_no) {
    return yes_no ? tr("use 同意, 反对, 弃权 (yes, no, abstain), or 无效/废票 (invalid/spoiled) "
                       "for a ballot cast but not valid")
                  : tr("this vote takes approvals or a ranking; as a choice only 无效/废票 "
                       "(invalid/spoiled) for a ballot cast but not valid");
}

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find(sep, start);
        out.emplace_back(detail::trim(text.substr(start, end - start), detail::whitespace::choice));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace

std::string_view to_string(ballot_channel c) {
    for (const auto& [value, name] : channel_names)
        if (value == c) return name;
    return "?";
}

ballot_channel parse_ballot_channel(std::string_view name) {
    for (const auto& [value, n] : channel_names)
        if (n == name) return value;
    throw usage_error(fmt::format(
        fmt::runtime(tr("unknown channel \"{}\"; use one of: paper, meeting, online")), name));
}

std::optional<std::string_view> parse_ballot_choice(std::string_view text) {
    text = detail::trim(text, detail::whitespace::choice);
    for (const auto& [word, name] : choice_words)
        if (text == word || iequals_ascii(text, word)) return name;
    return std::nullopt;
}

std::vector<std::vector<std::string>> parse_ranking(std::string_view text) {
    std::vector<std::vector<std::string>> tiers;
    for (const auto& tier : split(text, ',')) {
        tiers.push_back(split(tier, '='));
        for (const auto& name : tiers.back())
            if (name.empty())
                throw input_error(fmt::format(
                    fmt::runtime(tr("\"{}\" has an empty option name; write a ranking like "
                                    "B,A=C,D")),
                    text));
    }
    return tiers;
}

namespace detail {

void require_taking_ballots(const proposal_info& p, timestamp now) {
    if (p.status != proposal_status::open)
        throw conflict(fmt::format(
            fmt::runtime(tr("proposal {} is {}: ballots are accepted only while it is open")),
            p.name(), to_string(p.status)));
    if (p.closes_at && format_timestamp(now) > *p.closes_at)
        throw conflict(
            fmt::format(fmt::runtime(tr("voting on proposal {} ended at {} (its deadline)")),
                        p.name(), *p.closes_at));
}

ballot_marks make_marks(const proposal_info& p, const tally_rule& rule,
                        const std::optional<std::string>& choice,
                        const std::optional<std::vector<std::string>>& approve,
                        const std::optional<std::vector<std::vector<std::string>>>& ranking) {
    const bool yes_no = p.method == tally_method::yes_no;
    if (choice.has_value() + approve.has_value() + ranking.has_value() != 1)
        throw input_error(yes_no ? tr("give the ballot's choice")
                                 : tr("give the ballot's approvals, its ranking, or a choice of "
                                      "invalid or spoiled"));
    ballot_marks m;
    if (choice) {
        auto c = parse_ballot_choice(*choice);
        if (!c || (!yes_no && *c != "invalid" && *c != "spoiled"))
            throw input_error(fmt::format(fmt::runtime(tr("\"{}\" is not a choice here; {}")),
                                          *choice, choice_help(yes_no)));
        m.choice = std::string(*c);
        return m;
    }
    auto check_option = [&](const std::string& name, std::set<std::string>& seen) {
        if (std::find(p.options.begin(), p.options.end(), name) == p.options.end()) {
            std::string valid;
            for (const auto& o : p.options) {
                if (!valid.empty()) valid += ", ";
                valid += o;
            }
            throw input_error(
                fmt::format(fmt::runtime(tr("\"{}\" is not an option of proposal {}; options: {}")),
                            name, p.name(), valid));
        }
        if (!seen.insert(name).second)
            throw input_error(fmt::format(fmt::runtime(tr("option \"{}\" is named twice")), name));
    };
    std::set<std::string> seen;
    if (approve) {
        if (p.method != tally_method::approval)
            throw input_error(fmt::format(fmt::runtime(tr("proposal {} is a {} vote: give {}")),
                                          p.name(), to_string(p.method),
                                          yes_no ? tr("a choice") : tr("a ranking")));
        for (const auto& name : *approve) check_option(name, seen);
        if (rule.max_choices != 0 && approve->size() > rule.max_choices)
            throw input_error(fmt::format(
                fmt::runtime(tr("approves {} options, but at most {} may be approved; record "
                                "such a ballot as invalid")),
                approve->size(), rule.max_choices));
        m.approve = json(*approve).dump();
        return m;
    }
    if (p.method != tally_method::irv && p.method != tally_method::schulze)
        throw input_error(fmt::format(fmt::runtime(tr("proposal {} is a {} vote: give {}")),
                                      p.name(), to_string(p.method),
                                      yes_no ? tr("a choice") : tr("approvals")));
    json tiers = json::array();
    for (const auto& tier : *ranking) {
        if (tier.empty()) throw input_error(tr("a ranking has an empty place"));
        if (tier.size() > 1 && p.method == tally_method::irv)
            throw input_error(tr("an instant-runoff ranking cannot tie options"));
        for (const auto& name : tier) check_option(name, seen);
        tiers.push_back(tier.size() == 1 ? json(tier.front()) : json(tier));
    }
    if (tiers.empty()) throw input_error(tr("the ranking is empty"));
    m.ranking = tiers.dump();
    return m;
}

ballot_marks marks_from_cell(const proposal_info& p, const tally_rule& rule,
                             std::string_view cell) {
    cell = detail::trim(cell, detail::whitespace::choice);
    if (cell.empty()) throw input_error(tr("empty; write 废票 (spoiled) for a blank ballot"));
    if (p.method == tally_method::yes_no || parse_ballot_choice(cell))
        return make_marks(p, rule, std::string(cell), std::nullopt, std::nullopt);
    if (p.method == tally_method::approval) {
        return make_marks(p, rule, std::nullopt, split(cell, ','), std::nullopt);
    }
    return make_marks(p, rule, std::nullopt, std::nullopt, parse_ranking(cell));
}

}  // namespace detail

cast_result cast_ballot(context& ctx, const ballot_request& req) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        proposal_info p = detail::load_proposal(db, detail::resolve_proposal(db, req.proposal));
        detail::require_taking_ballots(p, ctx.now());
        tally_rule rule = detail::parse_rule(p.rule_json, p.method, p.options, "rule");
        detail::ballot_marks marks = [&] {
            try {
                return detail::make_marks(p, rule, req.choice, req.approve, req.ranking);
            } catch (const input_error& e) {
                throw input_error(fmt::format(fmt::runtime(tr("ballot for proposal {}: {}")),
                                              p.name(), e.what()));
            }
        }();

        // With a proxy, --voter is the person casting and --proxy-for the voter.
        std::optional<std::int64_t> proxy;
        if (req.proxy_for) proxy = detail::resolve_resident(db, req.voter);
        detail::voter_directory dir(db, p, false);
        detail::voter_lookup v = dir.find(req.proxy_for ? *req.proxy_for : req.voter);
        if (!v.seq) {
            if (v.problem_kind == error_kind::conflict) throw conflict(v.problem);
            if (v.problem_kind == error_kind::input) throw input_error(v.problem);
            throw not_found(v.problem);
        }

        SQLite::Statement old(db,
                              "SELECT choice, approve, ranking, channel, proxy_id, at FROM ballot "
                              "WHERE proposal_id = ? AND voter = ?");
        old.bind(1, p.id);
        old.bind(2, *v.seq);
        json before;
        if (old.executeStep()) {
            if (p.revote == revote_policy::refuse)
                throw conflict(fmt::format(
                    fmt::runtime(tr("{} has already voted on proposal {} (at {}); its revote "
                                    "policy is refuse")),
                    v.label, p.name(), old.getColumn(5).getString()));
            for (int c = 0; c < 6; ++c) {
                static constexpr const char* keys[] = {"choice",  "approve", "ranking",
                                                       "channel", "proxy",   "at"};
                if (old.getColumn(c).isNull()) continue;
                if (c == 4)
                    before[keys[c]] = old.getColumn(c).getInt64();
                else if (c == 1 || c == 2)
                    before[keys[c]] = json::parse(old.getColumn(c).getString());
                else
                    before[keys[c]] = old.getColumn(c).getString();
            }
        }
        SQLite::Statement put(
            db,
            "INSERT INTO ballot(proposal_id, voter, choice, approve, ranking, channel, proxy_id, "
            "at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(proposal_id, voter) DO UPDATE SET "
            "choice = excluded.choice, approve = excluded.approve, ranking = excluded.ranking, "
            "channel = excluded.channel, proxy_id = excluded.proxy_id, at = excluded.at");
        put.bind(1, p.id);
        put.bind(2, *v.seq);
        if (marks.choice) put.bind(3, *marks.choice);
        if (marks.approve) put.bind(4, *marks.approve);
        if (marks.ranking) put.bind(5, *marks.ranking);
        put.bind(6, std::string(to_string(req.channel)));
        if (proxy) put.bind(7, *proxy);
        put.bind(8, format_timestamp(ctx.now()));
        put.exec();

        json payload = {{"voter", v.label}, {"seq", *v.seq}, {"channel", to_string(req.channel)}};
        if (marks.choice) payload["choice"] = *marks.choice;
        if (marks.approve) payload["approve"] = json::parse(*marks.approve);
        if (marks.ranking) payload["ranking"] = json::parse(*marks.ranking);
        if (proxy) payload["proxy"] = *proxy;
        if (!before.is_null()) payload["replaced"] = before;
        tx.audit("vote.cast", "proposal", std::to_string(p.id), payload);
        tx.commit();
        return cast_result{p.id, p.name(), v.label, !before.is_null()};
    });
}

}  // namespace gov
