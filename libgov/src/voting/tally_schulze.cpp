// The Schulze method with winning votes: d[i][j] counts the ballots that rank
// i above j; a link i→j is as strong as d[i][j] when d[i][j] > d[j][i] and
// absent otherwise; p[i][j] is the strength of the strongest path (widest
// path) from i to j. Winners are the options i with p[i][j] >= p[j][i] for
// every j. Several winners are reported as a tie, never broken by chance.

#include <algorithm>

#include <fmt/format.h>

#include "voting/tally_internal.hpp"

namespace gov::detail {

namespace {

// Rank position of every option: its tier, or one past the last tier when
// unranked, so unranked options tie below all ranked ones.
void rank_positions(const option_ballot& b, std::size_t n, std::vector<std::size_t>& pos) {
    pos.assign(n, b.ranking.size());
    for (std::size_t t = 0; t < b.ranking.size(); ++t)
        for (std::size_t o : b.ranking[t]) pos[o] = t;
}

// Two Schulze ballots are the same when they order every pair alike: [A, B]
// and [A, B, C] are, since an unranked last option ranks last anyway.
bool same_schulze_ranking(const option_ballot& a, const option_ballot& b, std::size_t options) {
    std::vector<std::size_t> pa;
    std::vector<std::size_t> pb;
    rank_positions(a, options, pa);
    rank_positions(b, options, pb);
    for (std::size_t i = 0; i < options; ++i)
        for (std::size_t j = 0; j < options; ++j)
            if ((pa[i] < pa[j]) != (pb[i] < pb[j])) return false;
    return true;
}

}  // namespace

method_outcome tally_schulze(const tally_input& in, tally_result& r) {
    option_prep prep = prepare_option_ballots(in, r);
    std::vector<std::uint32_t> counted = consolidate_rankings(in, prep, r, same_schulze_ranking);
    const std::size_t n = in.options.size();
    using matrix = std::vector<std::vector<std::int64_t>>;
    matrix d(n, std::vector<std::int64_t>(n, 0));
    std::vector<std::size_t> pos;
    for (std::uint32_t c : counted) {
        rank_positions(in.option_ballots[c], n, pos);
        const std::int64_t w = counted_weight(in, c);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                if (pos[i] < pos[j]) d[i][j] += w;
    }

    matrix p(n, std::vector<std::int64_t>(n, 0));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j && d[i][j] > d[j][i]) p[i][j] = d[i][j];
    // Widest paths (Floyd–Warshall with max/min), k the intermediate option.
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = 0; i < n; ++i) {
            if (i == k) continue;
            for (std::size_t j = 0; j < n; ++j)
                if (j != i && j != k) p[i][j] = std::max(p[i][j], std::min(p[i][k], p[k][j]));
        }
    r.pairwise = std::move(d);
    r.strongest_paths = std::move(p);

    if (counted.empty()) return {false, "no valid rankings"};
    const matrix& sp = r.strongest_paths;
    for (std::size_t i = 0; i < n; ++i) {
        bool beaten = false;
        for (std::size_t j = 0; j < n && !beaten; ++j) beaten = j != i && sp[j][i] > sp[i][j];
        if (!beaten) r.winners.push_back(i);
    }
    if (r.winners.size() > 1) {
        r.tie = true;
        return {false, fmt::format("Schulze tie between {}: no strongest path beats another",
                                   name_list(r.options, r.winners))};
    }
    return {true, fmt::format("{} is the Schulze winner: its strongest paths beat every other "
                              "option's",
                              r.options[r.winners.front()])};
}

}  // namespace gov::detail
