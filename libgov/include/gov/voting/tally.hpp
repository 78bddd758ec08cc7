#pragma once
/// \file
/// The tally engine: a pure function from an electorate, its ballots, a
/// method and a rule to an outcome with every number behind it and a one-line
/// reason. No database, clock or I/O. All arithmetic is exact: weights (floor
/// area) are integer hundredths, thresholds and ratios are `rational`s, and a
/// ratio that reaches a threshold exactly compares equal to it.
///
/// The file format read by `gov tally FILE` and the rules for groups, mixed
/// votes and ties are documented in docs/tally-format.md; this header is the
/// C++ view of the same model, using dense indices instead of names so that a
/// million yes/no ballots tally in one linear pass.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gov/values/rational.hpp"

namespace gov {

/// How ballots are cast and counted.
enum class tally_method {
    yes_no,    ///< one question: yes / no / abstain (plus invalid, spoiled)
    approval,  ///< approve any number of options up to rule.max_choices
    irv,       ///< instant-runoff: strict rankings, one elimination per round
    schulze,   ///< Schulze (winning votes): rankings, ties allowed
};

/// What a condition counts: heads (per voter or per group) or weight.
enum class measure { headcount, weight };

/// Who one head is: each electorate entry, or each group of entries (one
/// owner of several units; the developer's unsold units).
enum class headcount_unit { voter, group };

/// ">=" (Chinese 以上, includes the number itself) or ">" (过半数, 超过).
enum class comparison { at_least, more_than };

/// Which ballots a quorum condition counts.
enum class ballot_set { cast, valid };

/// The base (denominator) of a pass condition.
enum class pass_base { cast, valid, yes_no, yes_no_abstain, entitled };

/// A yes/no ballot's mark. Invalid and spoiled ballots are cast (they count as
/// participation) but not valid.
enum class choice : std::uint8_t { yes, no, abstain, invalid, spoiled };

/// Whether an option ballot (approval, ranking) counts.
enum class ballot_status : std::uint8_t { valid, invalid, spoiled };

/// Stable names used in files, JSON and messages: "yes-no", "headcount",
/// ">=", "yes+no", "abstain", ...
std::string_view to_string(tally_method m);
std::string_view to_string(measure m);
std::string_view to_string(headcount_unit u);
std::string_view to_string(comparison c);
std::string_view to_string(ballot_set s);
std::string_view to_string(pass_base b);
std::string_view to_string(choice c);
std::string_view to_string(ballot_status s);

/// Participation: `of` ballots (cast or valid), measured by `what`, compared
/// with `threshold` of the entitled electorate.
struct quorum_condition {
    measure what = measure::headcount;
    ballot_set of = ballot_set::cast;
    rational threshold;
    comparison cmp = comparison::at_least;
    bool operator==(const quorum_condition&) const = default;
};

/// Approval: the yes votes (approval: the winner's approvals), measured by
/// `what`, compared with `threshold` of `base`.
struct pass_condition {
    measure what = measure::headcount;
    pass_base base = pass_base::cast;
    rational threshold;
    comparison cmp = comparison::more_than;
    bool operator==(const pass_condition&) const = default;
};

/// A decision rule as data. Every quorum and pass condition must hold for a
/// vote to pass. Checked by `tally`, which throws input_error naming the
/// offending field ("rule.pass[1].threshold: ...").
struct tally_rule {
    std::string name = "custom";  ///< preset name or "custom"
    headcount_unit headcount = headcount_unit::voter;
    /// How approval, irv and schulze weigh a ballot when choosing the winner:
    /// one head (per headcount unit) or the voter's weight. Unused by yes_no.
    measure count_by = measure::headcount;
    std::vector<quorum_condition> quorum;
    std::vector<pass_condition> pass;
    /// approval only: at most this many options per ballot; 0 = no limit.
    std::size_t max_choices = 0;
    /// irv only: every option once, strongest first; an elimination tie that
    /// earlier rounds cannot break eliminates the tied option listed last.
    std::vector<std::size_t> tie_order;
    bool operator==(const tally_rule&) const = default;
};

/// Names of the built-in rules, in documentation order: "simple-majority",
/// "two-thirds", "majority-of-members", "civil-code-278",
/// "civil-code-278-major".
std::vector<std::string> tally_preset_names();

/// A built-in rule (docs/tally-format.md gives each one's source). Throws
/// input_error listing the known names when `name` is not one of them.
tally_rule tally_preset(std::string_view name);

/// Who may vote: parallel arrays, one element per entry (a unit, a member).
/// Weights are hundredths (floor area to 0.01 m²) and may be zero. Every entry
/// belongs to exactly one group; a group is one head when the rule counts
/// heads by group. `tally` throws input_error ("electorate.voters[3]: ...")
/// when the arrays disagree in size, a weight is negative, a group index is
/// out of range or the total weight does not fit in 64 bits.
struct electorate {
    std::vector<std::string> ids;          ///< names entries in messages
    std::vector<std::int64_t> weights;     ///< hundredths
    std::vector<std::size_t> groups;       ///< group index of each entry
    std::vector<std::string> group_names;  ///< names groups in results

    std::size_t size() const noexcept { return ids.size(); }
    /// Adds a group and returns its index.
    std::size_t add_group(std::string name);
    /// Adds an entry in an existing group and returns its index.
    std::size_t add_voter(std::string id, std::int64_t weight_hundredths, std::size_t group);
    /// Adds an entry that is a group of its own (one head), named after it.
    std::size_t add_voter(std::string id, std::int64_t weight_hundredths);
};

/// One yes/no ballot: the electorate entry that cast it and its mark.
struct yes_no_ballot {
    std::size_t voter = 0;
    choice vote = choice::yes;
};

/// One ballot of a multi-option method. `approved` holds option indices
/// (approval); `ranking` holds tiers best first, each tier one option or
/// several tied options (irv allows one option per tier). Options missing
/// from a ranking rank below every ranked option. Content is ignored when
/// the status is not valid.
struct option_ballot {
    std::size_t voter = 0;
    ballot_status status = ballot_status::valid;
    std::vector<std::size_t> approved;
    std::vector<std::vector<std::size_t>> ranking;
};

/// Everything a tally needs. Only the ballot list of the method is used; the
/// other must be empty. Ballot positions name ballots in messages
/// ("ballots[17]: second ballot from voter \"1-2-301\" (first: ballots[3])").
struct tally_input {
    tally_method method = tally_method::yes_no;
    std::string title;                 ///< what was decided; echoed in results
    std::vector<std::string> options;  ///< multi-option methods only
    gov::electorate voters;
    tally_rule rule;
    std::vector<yes_no_ballot> yes_no_ballots;
    std::vector<option_ballot> option_ballots;
};

/// One category of ballots in three measures: electorate entries (voters),
/// heads in the rule's headcount unit, and weight in hundredths.
struct measured {
    std::int64_t voters = 0;
    std::int64_t heads = 0;
    std::int64_t weight = 0;
    bool operator==(const measured&) const = default;
    std::int64_t get(measure m) const noexcept { return m == measure::weight ? weight : heads; }
};

/// The electorate and the ballots by category. For heads, a group whose valid
/// ballots disagree is one valid head that counts toward no choice
/// (`mixed_heads`); so cast = valid + invalid + spoiled in every measure,
/// valid = yes + no + abstain for voters and weight, and valid heads =
/// yes + no + abstain + mixed heads. yes/no/abstain stay zero for
/// multi-option methods.
struct ballot_counts {
    measured entitled;
    measured cast;
    measured valid;
    measured invalid;
    measured spoiled;
    measured yes;
    measured no;
    measured abstain;
    std::int64_t mixed_heads = 0;
    bool operator==(const ballot_counts&) const = default;
};

enum class condition_kind { quorum, pass };
std::string_view to_string(condition_kind k);

/// One evaluated condition: `value` of `base` (heads, or hundredths when
/// measured by weight) against the threshold.
struct condition_result {
    condition_kind kind = condition_kind::quorum;
    measure what = measure::headcount;
    std::string subject;    ///< what was counted: "cast", "valid" or "yes"
    std::string base_name;  ///< "entitled", "cast", "valid", "yes+no", "yes+no+abstain"
    std::int64_t value = 0;
    std::int64_t base = 0;
    rational threshold;
    comparison cmp = comparison::at_least;
    bool met = false;  ///< false whenever base is zero: nothing to measure
    /// value/base in lowest terms; empty when base is zero.
    std::optional<rational> ratio() const;
    bool operator==(const condition_result&) const = default;
};

/// How an instant-runoff elimination tie was settled.
enum class tie_break {
    none,           ///< one option had the fewest votes
    earlier_round,  ///< fewest votes in the latest earlier round that differs
    tie_order,      ///< the tied option listed last in rule.tie_order
    no_votes,       ///< all tied options have no votes: order cannot matter
    unresolved,     ///< nothing settled it; the count stops here
};
std::string_view to_string(tie_break t);

/// One instant-runoff round, in the rule's count_by measure.
struct irv_round {
    std::vector<std::int64_t> votes;  ///< per option; 0 once eliminated
    std::vector<bool> continuing;     ///< per option, at the start of the round
    std::int64_t continuing_total = 0;
    std::int64_t exhausted = 0;       ///< ballots with no continuing option left
    std::vector<std::size_t> lowest;  ///< options tied for fewest votes (when > 1)
    gov::tie_break broken_by = tie_break::none;
    std::size_t tie_round = 0;  ///< with earlier_round: the round that settled it
    std::optional<std::size_t> eliminated;
    std::optional<std::size_t> elected;
    bool operator==(const irv_round&) const = default;
};

/// The outcome with the numbers behind it. Multi-option fields are empty for
/// yes_no. Option references are indices into `options`.
struct tally_result {
    tally_method method = tally_method::yes_no;
    std::string title;
    tally_rule rule;
    std::vector<std::string> options;
    ballot_counts counts;
    std::vector<std::string> mixed_groups;     ///< groups whose valid ballots disagree
    std::vector<condition_result> conditions;  ///< quorum conditions, then pass
    bool quorum_met = false;
    bool passed = false;
    std::string reason;  ///< one line, e.g. "passed: yes weight 7600.00 of ..."

    std::vector<std::size_t> winners;  ///< one, or several when tied; empty if none
    bool tie = false;                  ///< no single winner among several
    /// Per option: approvals (approval) or first preferences (irv; schulze
    /// counts each option of a tied first tier).
    std::vector<measured> option_totals;
    std::vector<irv_round> rounds;
    /// Schulze: d[i][j] ballots preferring i to j; p[i][j] strongest path
    /// (winning votes). Diagonals are 0.
    std::vector<std::vector<std::int64_t>> pairwise;
    std::vector<std::vector<std::int64_t>> strongest_paths;

    bool operator==(const tally_result&) const = default;
};

/// Tallies. Throws input_error for an inconsistent electorate, rule, option
/// list or ballot (out-of-range voter or option, second ballot from a voter,
/// an option listed twice), naming the field or ballot index. Runs in time
/// linear in the ballots for yes_no and approval.
tally_result tally(const tally_input& input);

/// Text of a weight or head amount: heads as an integer, weight as a decimal
/// with two places ("1234.50").
std::string format_amount(measure m, std::int64_t amount);

}  // namespace gov
