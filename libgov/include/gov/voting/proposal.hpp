#pragma once
/// \file
/// Proposals: a question put to an electorate under a decision rule. A
/// proposal is made as a draft, opened (which freezes its electorate),
/// collects ballots (gov/vote.hpp) and is closed, which tallies it with the
/// pure engine of gov/tally.hpp and stores the result for good; or it is
/// withdrawn. Every change runs in one transaction with an audit event.
///
/// Proposals are named by id ("3" or "#3") or by their code ("P2025-001").
/// Errors: not_found for an unknown proposal, resident, issue, building or
/// compound; conflict (exit 6) for a step the status does not allow; input
/// or usage errors for bad values, naming the field.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gov/values/clock.hpp"
#include "gov/voting/electorate.hpp"
#include "gov/voting/tally.hpp"

namespace gov {

class context;

enum class proposal_status { draft, open, closed, withdrawn };
enum class proposal_outcome { passed, rejected, quorum_not_met };
/// What a second ballot from the same voter does: replace the first, or be refused.
enum class revote_policy { replace, refuse };

/// "draft", "open", "closed", "withdrawn".
std::string_view to_string(proposal_status s);
/// "passed", "rejected", "quorum_not_met".
std::string_view to_string(proposal_outcome o);
/// "replace", "refuse".
std::string_view to_string(revote_policy p);

/// Parsers for option values; each throws usage_error listing the valid names.
proposal_status parse_proposal_status(std::string_view name);
revote_policy parse_revote_policy(std::string_view name);
/// "yes-no", "approval", "irv", "schulze".
tally_method parse_tally_method(std::string_view name);

/// What `gov proposal new` asks for.
struct proposal_request {
    std::string title;  ///< required
    std::string text;
    std::string code;                     ///< optional unique code, e.g. "P2025-001"
    std::optional<std::string> proposer;  ///< a resident (id, phone or unique name)
    std::vector<std::string> seconders;   ///< residents
    std::vector<std::string> issues;      ///< issue ids ("12" or "#12")
    std::optional<std::int64_t> meeting;  ///< the deciding meeting's id
    tally_method method = tally_method::yes_no;
    std::vector<std::string> options;  ///< multi-option methods
    /// A preset name ("civil-code-278") or a JSON rule object as in the tally
    /// file (docs/tally-format.md). Empty: civil-code-278 for an owners'
    /// yes-no vote, simple-majority for any other yes-no vote, and no
    /// conditions for a multi-option vote.
    std::string rule;
    electorate_request electorate;
    std::optional<timestamp> closes_at;  ///< deadline for ballots
    revote_policy revote = revote_policy::replace;
};

/// A proposal as stored, with what people want to see about it.
struct proposal_info {
    std::int64_t id = 0;
    std::string code;  ///< "" when none
    std::string title;
    std::string text;
    proposal_status status = proposal_status::draft;
    std::optional<proposal_outcome> outcome;  ///< once closed
    tally_method method = tally_method::yes_no;
    std::vector<std::string> options;
    std::string rule_name;  ///< "civil-code-278", or a custom rule's name
    std::string rule_json;  ///< the rule as stored (JSON text)
    electorate_spec electorate;
    /// The electorate in words: "owners (by floor area) in 12, 幸福里".
    std::string electorate_text;
    revote_policy revote = revote_policy::replace;
    std::optional<std::int64_t> proposer_id;
    std::string proposer;  ///< "张三 (12-3-1502)", "" when none
    std::vector<std::int64_t> seconder_ids;
    std::vector<std::string> seconders;
    std::vector<std::int64_t> issue_ids;
    std::optional<std::int64_t> meeting;
    std::string created_at, created_by;
    std::optional<std::string> opened_at, closes_at, closed_at, withdrawn_at;  ///< UTC
    std::string withdraw_reason;
    std::int64_t voters = 0;   ///< size of the frozen electorate (0 for a draft)
    std::int64_t ballots = 0;  ///< ballots cast so far

    /// "P2025-001" when it has a code, else "#3": how messages name it.
    std::string name() const;
};

/// Makes a draft proposal and returns its id. Checks the rule against the
/// method and options now (input_error naming "rule…" or "options…"), a rule
/// measuring floor area against an electorate without areas (input_error),
/// and resolves every resident, issue, building, compound and list entry
/// (not_found / input_error; a list file's problems each as file:line).
/// A code already in use is a conflict.
std::int64_t create_proposal(context& ctx, const proposal_request& request);

struct proposal_filter {
    std::optional<proposal_status> status;
};

/// Proposals, newest first.
std::vector<proposal_info> list_proposals(context& ctx, const proposal_filter& filter = {});

/// One proposal. Throws not_found.
proposal_info get_proposal(context& ctx, std::string_view ref);

/// Opens a draft: freezes its electorate (see gov/electorate.hpp) and starts
/// taking ballots. `closes_at` sets or replaces the deadline. Throws conflict
/// unless it is a draft, input_error when the electorate is empty or an
/// owners' electorate has rooms without a floor area (listing them), and
/// usage_error for a deadline already past.
proposal_info open_proposal(context& ctx, std::string_view ref,
                            std::optional<timestamp> closes_at = std::nullopt);

/// A tally of a proposal: final (the stored result of a closed proposal) or
/// provisional (an open one, counted now).
struct proposal_tally {
    proposal_info proposal;
    tally_result result;
    bool final = false;
};

/// Tallies an open proposal from its ballots, or returns the stored result of
/// a closed one. Throws conflict for a draft (nothing to count yet) or a
/// proposal withdrawn before it opened.
proposal_tally tally_proposal(context& ctx, std::string_view ref);

/// Closes an open proposal: tallies it, stores the result (never to change
/// again) and sets the outcome. Throws conflict unless it is open.
proposal_tally close_proposal(context& ctx, std::string_view ref);

/// Withdraws a draft or open proposal; its ballots stay on record but are
/// never counted. Throws conflict for a closed or withdrawn proposal.
proposal_info withdraw_proposal(context& ctx, std::string_view ref, const std::string& reason);

/// What export_ballots writes.
struct ballot_export_options {
    /// Voters by their labels (rooms, names) instead of pseudonyms "v1",
    /// "v2", …; recorded in the audit log.
    bool reveal_pii = false;
};

/// The proposal's electorate, ballots, method and rule as a tally file
/// (docs/tally-format.md) that `gov tally` reads and tallies to the same
/// result as tally_proposal.
/// Written as it is read from the database, so a million voters need no
/// copy of the file in memory. Throws conflict for a draft.
void export_ballots(context& ctx, std::string_view ref, std::ostream& out,
                    const ballot_export_options& options = {});

}  // namespace gov
