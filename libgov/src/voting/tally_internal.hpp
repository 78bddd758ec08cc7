#pragma once
// Internals shared by the tally engine's translation units (tally.cpp,
// tally_options.cpp, tally_irv.cpp, tally_schulze.cpp). Not installed.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gov/voting/tally.hpp"

namespace gov::detail {

inline constexpr std::size_t k_none = static_cast<std::size_t>(-1);

/// What a method decided, before quorum and pass conditions are applied.
struct method_outcome {
    bool decided = false;  ///< yes-no: always; multi-option: exactly one winner
    std::string text;      ///< "Knoxville wins in round 3 ...", "tie between A and B"
};

/// The slot that holds an entry's head: its group, or the entry itself.
inline std::size_t head_slot(const tally_input& in, std::size_t voter) {
    return in.rule.headcount == headcount_unit::group ? in.voters.groups[voter] : voter;
}
inline std::size_t head_slot_count(const tally_input& in) {
    return in.rule.headcount == headcount_unit::group ? in.voters.group_names.size()
                                                      : in.voters.size();
}
/// Name of a head slot for mixed_groups.
inline const std::string& head_slot_name(const tally_input& in, std::size_t slot) {
    return in.rule.headcount == headcount_unit::group ? in.voters.group_names[slot]
                                                      : in.voters.ids[slot];
}

[[noreturn]] void voter_out_of_range(const electorate& e, std::size_t ballot, std::size_t voter);
[[noreturn]] void second_ballot(const electorate& e, std::size_t ballot, std::size_t voter,
                                std::size_t first);

/// Throws input_error unless `voter` is in range and has not voted before.
/// One bit per voter keeps this cheap for a million ballots; the earlier
/// ballot is looked for only to word the error (`voter_of(i)` is ballot i's voter).
template <class VoterOf>
inline void check_ballot_voter(const electorate& e, std::size_t ballot, std::size_t voter,
                               std::vector<bool>& voted, VoterOf voter_of) {
    if (voter >= e.size()) [[unlikely]]
        voter_out_of_range(e, ballot, voter);
    if (voted[voter]) [[unlikely]] {
        std::size_t first = 0;
        while (voter_of(first) != voter) ++first;
        second_ballot(e, ballot, voter, first);
    }
    voted[voter] = true;
}

/// A condition evaluated exactly; met is false when base is zero.
condition_result evaluate_condition(condition_kind kind, measure what, std::string subject,
                                    std::string base_name, std::int64_t value, std::int64_t base,
                                    const rational& threshold, comparison cmp);

/// Base of a pass condition from the counts (yes-no bases included).
std::int64_t pass_base_value(const ballot_counts& c, pass_base base, measure what);

/// "yes heads 31 of 40 cast (31/40) ≥ 3/4", or "... not ≥ 3/4" when unmet.
std::string describe_condition(const condition_result& c);

/// "A", "A and B", "A, B and C".
std::string name_list(const std::vector<std::string>& options, const std::vector<std::size_t>& idx);

/// "votes" for heads, "weight" for weight: the unit of a multi-option count.
std::string_view count_word(measure m);

/// Validated option ballots and the valid ones grouped by head. Indices are
/// 32-bit to halve the scratch memory of a million-ballot count.
struct option_prep {
    std::vector<ballot_status> status;  ///< effective status (over-approval → invalid)
    std::vector<std::uint32_t> order;   ///< valid ballot indices, grouped by head slot
    /// Head h's ballots are order[head_begin[h] .. head_begin[h + 1]); one
    /// entry per head with a valid ballot, plus a final order.size().
    std::vector<std::uint32_t> head_begin;
    std::size_t heads() const noexcept { return head_begin.size() - 1; }
};

/// Checks every option ballot and fills counts (entitled excepted) in all
/// three measures; mixed heads are left to the method.
option_prep prepare_option_ballots(const tally_input& in, tally_result& r);

/// Records head h of `prep` as mixed: its valid ballots disagree.
void record_mixed(const tally_input& in, const option_prep& prep, std::size_t h, tally_result& r);

/// The ballots a ranking method counts, as ballot indices: with count_by
/// weight every valid ballot (weighed by its voter's weight); with count_by
/// headcount one ballot per head whose valid ballots are all `same` (weighed
/// 1). Heads whose ballots differ are recorded as mixed (they stay valid
/// participation). Also fills first-preference option totals.
using same_ranking_fn = bool (*)(const option_ballot&, const option_ballot&, std::size_t options);
std::vector<std::uint32_t> consolidate_rankings(const tally_input& in, const option_prep& prep,
                                                tally_result& r, same_ranking_fn same);

/// What a counted ballot weighs under the rule's count_by.
inline std::int64_t counted_weight(const tally_input& in, std::uint32_t ballot) {
    return in.rule.count_by == measure::weight ? in.voters.weights[in.option_ballots[ballot].voter]
                                               : 1;
}

method_outcome tally_yes_no(const tally_input& in, tally_result& r);
method_outcome tally_approval(const tally_input& in, tally_result& r);
method_outcome tally_irv(const tally_input& in, tally_result& r);
method_outcome tally_schulze(const tally_input& in, tally_result& r);

}  // namespace gov::detail
