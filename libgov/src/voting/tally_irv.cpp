// Instant-runoff voting: each round counts every ballot for its highest-ranked
// continuing option; an option with more than half of the continuing ballots
// wins, otherwise the option with the fewest is eliminated (one per round).

#include <algorithm>

#include <fmt/format.h>

#include "voting/tally_internal.hpp"

namespace gov::detail {

namespace {

// IRV ballots are the same for a head only if they are identical rankings:
// [A, B] and [A, B, C] exhaust differently once A and B are gone.
bool same_irv_ranking(const option_ballot& a, const option_ballot& b, std::size_t /*options*/) {
    return a.ranking == b.ranking;
}

struct tie_resolution {
    std::size_t eliminated = k_none;
    tie_break how = tie_break::unresolved;
    std::size_t round = 0;
};

// Breaks a tie for elimination: backwards through earlier rounds (the tied
// option that had fewer votes most recently goes), then rule.tie_order, then —
// only when the tied options have no votes at all, so that no ballot moves and
// the order cannot change the outcome — the one listed last among the options.
tie_resolution break_tie(const tally_input& in, const std::vector<irv_round>& earlier,
                         std::vector<std::size_t> tied, std::int64_t tied_votes) {
    for (std::size_t back = earlier.size(); back-- > 0;) {
        const auto& votes = earlier[back].votes;
        std::int64_t least = votes[tied.front()];
        for (std::size_t o : tied) least = std::min(least, votes[o]);
        std::vector<std::size_t> still;
        for (std::size_t o : tied)
            if (votes[o] == least) still.push_back(o);
        tied = std::move(still);
        if (tied.size() == 1) return {tied.front(), tie_break::earlier_round, back + 1};
    }
    if (!in.rule.tie_order.empty()) {
        std::size_t last = tied.front();
        std::size_t last_pos = 0;
        for (std::size_t o : tied)
            for (std::size_t pos = 0; pos < in.rule.tie_order.size(); ++pos)
                if (in.rule.tie_order[pos] == o && pos >= last_pos) {
                    last = o;
                    last_pos = pos;
                }
        return {last, tie_break::tie_order, 0};
    }
    if (tied_votes == 0) return {tied.back(), tie_break::no_votes, 0};
    return {};
}

}  // namespace

method_outcome tally_irv(const tally_input& in, tally_result& r) {
    option_prep prep = prepare_option_ballots(in, r);
    std::vector<std::uint32_t> counted = consolidate_rankings(in, prep, r, same_irv_ranking);
    const auto& ballots = in.option_ballots;
    const std::size_t n = in.options.size();
    const std::string_view unit = count_word(in.rule.count_by);

    std::vector<bool> continuing(n, true);
    // Each ballot's position in its ranking only moves forward: eliminated
    // options never return, so the whole count is linear in ranking length.
    std::vector<std::uint32_t> pos(counted.size(), 0);
    for (std::size_t round = 1;; ++round) {
        irv_round rd;
        rd.continuing = continuing;
        rd.votes.assign(n, 0);
        for (std::size_t k = 0; k < counted.size(); ++k) {
            const auto& ranking = ballots[counted[k]].ranking;
            while (pos[k] < ranking.size() && !continuing[ranking[pos[k]].front()]) ++pos[k];
            if (pos[k] == ranking.size())
                rd.exhausted += counted_weight(in, counted[k]);
            else
                rd.votes[ranking[pos[k]].front()] += counted_weight(in, counted[k]);
        }
        for (std::int64_t v : rd.votes) rd.continuing_total += v;

        if (rd.continuing_total == 0) {
            r.rounds.push_back(std::move(rd));
            return {false, "no ballot ranks any option"};
        }
        std::size_t top = k_none;
        for (std::size_t o = 0; o < n; ++o)
            if (continuing[o] && (top == k_none || rd.votes[o] > rd.votes[top])) top = o;
        // votes > total - votes is "more than half" without doubling (no overflow).
        if (rd.votes[top] > rd.continuing_total - rd.votes[top]) {
            rd.elected = top;
            r.winners = {top};
            std::string text =
                fmt::format("{} wins in round {} with {} of {} continuing {} ({}) > 1/2",
                            r.options[top], round, format_amount(in.rule.count_by, rd.votes[top]),
                            format_amount(in.rule.count_by, rd.continuing_total), unit,
                            rational(rd.votes[top], rd.continuing_total).str());
            r.rounds.push_back(std::move(rd));
            return {true, std::move(text)};
        }

        std::int64_t least = rd.votes[top];
        for (std::size_t o = 0; o < n; ++o)
            if (continuing[o]) least = std::min(least, rd.votes[o]);
        std::vector<std::size_t> lowest;
        for (std::size_t o = 0; o < n; ++o)
            if (continuing[o] && rd.votes[o] == least) lowest.push_back(o);
        std::size_t out = lowest.front();
        if (lowest.size() > 1) {
            tie_resolution t = break_tie(in, r.rounds, lowest, least);
            rd.lowest = lowest;
            rd.broken_by = t.how;
            rd.tie_round = t.round;
            if (t.how == tie_break::unresolved) {
                r.tie = true;
                r.rounds.push_back(std::move(rd));
                return {false, fmt::format("unresolved tie for elimination in round {} between {}",
                                           round, name_list(r.options, lowest))};
            }
            out = t.eliminated;
        }
        rd.eliminated = out;
        continuing[out] = false;
        r.rounds.push_back(std::move(rd));
    }
}

}  // namespace gov::detail
