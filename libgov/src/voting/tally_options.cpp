// Multi-option ballots: validation, per-head consolidation and the approval
// method. Rankings are counted in tally_irv.cpp and tally_schulze.cpp.

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "voting/tally_internal.hpp"

namespace gov::detail {

namespace {

// Marks options seen on the current ballot; stamping with the ballot number
// avoids clearing the array between ballots.
struct option_marks {
    std::vector<std::size_t> stamp;
    explicit option_marks(std::size_t options) : stamp(options, k_none) {}
    bool mark(std::size_t option, std::size_t ballot) {
        if (stamp[option] == ballot) return false;
        stamp[option] = ballot;
        return true;
    }
};

// Paths are formatted only on failure: these checks run for every ballot.
[[noreturn]] void bad_option(const tally_input& in, std::string_view list, std::size_t i,
                             std::size_t j, std::size_t option, std::string_view problem) {
    std::string path = fmt::format("ballots[{}].{}[{}]", i, list, j);
    if (option >= in.options.size())
        throw input_error(fmt::format("{}: option index {} out of range ({} options)", path, option,
                                      in.options.size()));
    throw input_error(fmt::format("{}: option \"{}\" {}", path, in.options[option], problem));
}

void check_approval(const tally_input& in, std::size_t i, const option_ballot& b,
                    option_marks& marks) {
    if (!b.ranking.empty())
        throw input_error(
            fmt::format("ballots[{}]: an approval ballot approves options; it has no ranking", i));
    for (std::size_t j = 0; j < b.approved.size(); ++j) {
        std::size_t o = b.approved[j];
        if (o >= in.options.size() || !marks.mark(o, i))
            bad_option(in, "approve", i, j, o, "approved twice");
    }
}

void check_ranking(const tally_input& in, std::size_t i, const option_ballot& b,
                   option_marks& marks) {
    if (!b.approved.empty())
        throw input_error(fmt::format("ballots[{}]: {} ballot ranks options; it approves none", i,
                                      in.method == tally_method::irv ? "an irv" : "a schulze"));
    for (std::size_t j = 0; j < b.ranking.size(); ++j) {
        const auto& tier = b.ranking[j];
        if (tier.empty())
            throw input_error(fmt::format("ballots[{}].ranking[{}]: an empty rank", i, j));
        if (tier.size() > 1 && in.method == tally_method::irv)
            throw input_error(fmt::format(
                "ballots[{}].ranking[{}]: instant-runoff rankings cannot tie options", i, j));
        for (std::size_t o : tier)
            if (o >= in.options.size() || !marks.mark(o, i))
                bad_option(in, "ranking", i, j, o, "ranked twice");
    }
}

}  // namespace

option_prep prepare_option_ballots(const tally_input& in, tally_result& r) {
    const electorate& e = in.voters;
    const auto& ballots = in.option_ballots;
    if (ballots.size() >= std::numeric_limits<std::uint32_t>::max())
        throw input_error(
            fmt::format("ballots: {} ballots are more than a tally can hold", ballots.size()));
    option_prep prep;
    prep.status.resize(ballots.size());
    std::vector<bool> voted(e.size(), false);
    option_marks marks(in.options.size());
    const std::size_t slots = head_slot_count(in);
    // Per head slot: 1 = cast, 2 = some invalid ballot, 4 = some valid ballot.
    std::vector<std::uint8_t> seen(slots, 0);
    // Valid ballots per slot, turned into offsets below (a counting sort).
    std::vector<std::uint32_t> next(slots, 0);
    ballot_counts& k = r.counts;

    for (std::size_t i = 0; i < ballots.size(); ++i) {
        const option_ballot& b = ballots[i];
        check_ballot_voter(e, i, b.voter, voted, [&](std::size_t j) { return ballots[j].voter; });
        ballot_status st = b.status;
        if (st == ballot_status::valid) {
            if (in.method == tally_method::approval) {
                check_approval(in, i, b, marks);
                // Over-approving spoils the whole ballot: we cannot tell which
                // approvals the voter would have kept.
                if (in.rule.max_choices != 0 && b.approved.size() > in.rule.max_choices)
                    st = ballot_status::invalid;
            } else {
                check_ranking(in, i, b, marks);
            }
        }
        prep.status[i] = st;
        std::int64_t w = e.weights[b.voter];
        std::size_t slot = head_slot(in, b.voter);
        measured& m = st == ballot_status::valid
                          ? k.valid
                          : (st == ballot_status::invalid ? k.invalid : k.spoiled);
        ++m.voters;
        m.weight += w;
        seen[slot] |= static_cast<std::uint8_t>(1U | (st == ballot_status::invalid ? 2U : 0U) |
                                                (st == ballot_status::valid ? 4U : 0U));
        if (st == ballot_status::valid) ++next[slot];
    }

    // Offsets of each slot's valid ballots, in slot order; filling in ballot
    // order keeps each head's ballots in file order.
    std::uint32_t total = 0;
    for (std::size_t s = 0; s < slots; ++s) {
        std::uint8_t bits = seen[s];
        if (bits & 4U) {
            ++k.valid.heads;
            prep.head_begin.push_back(total);
        } else if (bits & 2U) {
            ++k.invalid.heads;
        } else if (bits != 0) {
            ++k.spoiled.heads;
        }
        std::uint32_t count = next[s];
        next[s] = total;
        total += count;
    }
    prep.head_begin.push_back(total);
    prep.order.resize(total);
    for (std::size_t i = 0; i < ballots.size(); ++i)
        if (prep.status[i] == ballot_status::valid)
            prep.order[next[head_slot(in, ballots[i].voter)]++] = static_cast<std::uint32_t>(i);

    k.cast = {k.valid.voters + k.invalid.voters + k.spoiled.voters,
              k.valid.heads + k.invalid.heads + k.spoiled.heads,
              k.valid.weight + k.invalid.weight + k.spoiled.weight};
    return prep;
}

void record_mixed(const tally_input& in, const option_prep& prep, std::size_t h, tally_result& r) {
    ++r.counts.mixed_heads;
    std::size_t voter = in.option_ballots[prep.order[prep.head_begin[h]]].voter;
    r.mixed_groups.push_back(head_slot_name(in, head_slot(in, voter)));
}

std::vector<std::uint32_t> consolidate_rankings(const tally_input& in, const option_prep& prep,
                                                tally_result& r, same_ranking_fn same) {
    const auto& ballots = in.option_ballots;
    const std::size_t n = in.options.size();
    const bool by_weight = in.rule.count_by == measure::weight;
    r.option_totals.assign(n, measured{});
    std::vector<std::uint32_t> counted;
    counted.reserve(by_weight ? prep.order.size() : prep.heads());
    for (std::size_t h = 0; h < prep.heads(); ++h) {
        const std::uint32_t begin = prep.head_begin[h];
        const std::uint32_t end = prep.head_begin[h + 1];
        const option_ballot& lead = ballots[prep.order[begin]];
        bool agree = true;
        for (std::uint32_t j = begin; j < end; ++j) {
            const option_ballot& b = ballots[prep.order[j]];
            if (by_weight) counted.push_back(prep.order[j]);
            if (!b.ranking.empty())
                for (std::size_t o : b.ranking.front()) {
                    ++r.option_totals[o].voters;
                    r.option_totals[o].weight += in.voters.weights[b.voter];
                }
            if (j > begin && agree && !same(lead, b, n)) agree = false;
        }
        if (agree) {
            if (!by_weight) counted.push_back(prep.order[begin]);
            if (!lead.ranking.empty())
                for (std::size_t o : lead.ranking.front()) ++r.option_totals[o].heads;
        } else {
            record_mixed(in, prep, h, r);
        }
    }
    return counted;
}

method_outcome tally_approval(const tally_input& in, tally_result& r) {
    option_prep prep = prepare_option_ballots(in, r);
    const auto& ballots = in.option_ballots;
    std::size_t n = in.options.size();
    r.option_totals.assign(n, measured{});
    std::vector<std::size_t> approvals(n, 0);
    std::vector<std::size_t> touched;
    for (std::size_t h = 0; h < prep.heads(); ++h) {
        const std::uint32_t begin = prep.head_begin[h];
        const std::uint32_t end = prep.head_begin[h + 1];
        const std::size_t size = end - begin;
        touched.clear();
        for (std::uint32_t j = begin; j < end; ++j) {
            const option_ballot& b = ballots[prep.order[j]];
            for (std::size_t o : b.approved) {
                ++r.option_totals[o].voters;
                r.option_totals[o].weight += in.voters.weights[b.voter];
                if (approvals[o]++ == 0) touched.push_back(o);
            }
        }
        // A head approves an option only when all its valid ballots do: the
        // same unanimity as a yes-no head, applied option by option.
        bool mixed = false;
        for (std::size_t o : touched) {
            if (approvals[o] == size)
                ++r.option_totals[o].heads;
            else
                mixed = true;
            approvals[o] = 0;
        }
        if (mixed) record_mixed(in, prep, h, r);
    }

    measure by = in.rule.count_by;
    std::int64_t best = 0;
    for (const auto& t : r.option_totals) best = std::max(best, t.get(by));
    if (best == 0) return {false, "no option received any approval"};
    for (std::size_t o = 0; o < n; ++o)
        if (r.option_totals[o].get(by) == best) r.winners.push_back(o);
    std::string amount = format_amount(by, best);
    if (r.winners.size() > 1) {
        r.tie = true;
        return {false, fmt::format("tie between {} with {} approval {} each",
                                   name_list(r.options, r.winners), amount, count_word(by))};
    }
    std::size_t w = r.winners.front();
    for (const auto& p : in.rule.pass)
        r.conditions.push_back(
            evaluate_condition(condition_kind::pass, p.what, "approval",
                               std::string(to_string(p.base)), r.option_totals[w].get(p.what),
                               pass_base_value(r.counts, p.base, p.what), p.threshold, p.cmp));
    return {true,
            fmt::format("{} has the most approvals ({} {})", r.options[w], amount, count_word(by))};
}

}  // namespace gov::detail
