#pragma once
/// \file
/// Ballots: cast one at a time (`gov vote cast`) or imported from a file of
/// paper ballots (`gov vote import`). A ballot is accepted only while its
/// proposal is open and before its deadline, only from a voter in the frozen
/// electorate, and only once per voter — a second ballot replaces the first
/// or is refused, as the proposal's revote policy says; the database enforces
/// one ballot per voter too. Each cast is audited; an import is audited once
/// per proposal it touches, with counts and the file's SHA-256.
///
/// How a voter is named depends on the electorate: for rooms (households,
/// owners) as BUILDING-UNIT-ROOM ("12-3-1502", "幸福里/12-3-1502"), "#id", or
/// a resident's phone (their room); for people (residents, leaders) by the
/// resident's id, "#id", phone or unique name.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gov/text/encoding.hpp"
#include "gov/text/progress.hpp"

namespace gov {

class context;

/// How a ballot reached the committee.
enum class ballot_channel { paper, meeting, online };
/// "paper", "meeting", "online".
std::string_view to_string(ballot_channel c);
/// Parses a channel; throws usage_error listing the valid ones.
ballot_channel parse_ballot_channel(std::string_view name);

/// One ballot to cast. Give exactly one of choice, approve or ranking.
struct ballot_request {
    std::string proposal;  ///< id, "#id" or code
    /// Who votes. With `proxy_for`, the resident casting on the voter's behalf.
    std::string voter;
    /// The voter a proxy casts for; the ballot is theirs.
    std::optional<std::string> proxy_for;
    /// yes-no: 同意/反对/弃权 or yes/no/abstain; any method: 无效/废票 or
    /// invalid/spoiled for a ballot cast but not valid.
    std::optional<std::string> choice;
    std::optional<std::vector<std::string>> approve;  ///< approval: option names
    /// irv/schulze: best first; a tier of several options is a tie (schulze only).
    std::optional<std::vector<std::vector<std::string>>> ranking;
    ballot_channel channel = ballot_channel::paper;
};

struct cast_result {
    std::int64_t proposal_id = 0;
    std::string proposal;   ///< its code or "#id"
    std::string voter;      ///< the voter's label
    bool replaced = false;  ///< an earlier ballot was replaced
};

/// Casts one ballot. Throws not_found for an unknown proposal or voter;
/// conflict for a proposal that is not open or past its deadline, a voter
/// outside the electorate, or a second ballot under the refuse policy;
/// input_error for a choice, option or ranking the method does not take.
cast_result cast_ballot(context& ctx, const ballot_request& request);

/// A file of paper ballots to import.
struct ballot_import_request {
    /// The proposal every row must name (id, "#id" or code); empty with `all`.
    std::string proposal;
    /// Import the rows of every proposal the proposal column names.
    bool all = false;
    std::filesystem::path file;
    std::optional<text_encoding> encoding;  ///< nullopt: detect
    /// Header names of the columns. The proposal column may be missing when
    /// `proposal` is given: every row is then for that proposal.
    std::string proposal_column = "提案编号";
    std::string voter_column = "房号";
    std::string choice_column = "意见";
    ballot_channel channel = ballot_channel::paper;
    /// Refuse a file with a column gov does not read (input_error) instead
    /// of warning about it (ballot_import_result::warnings).
    bool strict = false;
    /// Called now and then with bytes read so far and the file's size.
    progress_callback progress;
};

/// What an import did for one proposal.
struct ballot_import_count {
    std::int64_t proposal_id = 0;
    std::string proposal;  ///< code or "#id"
    std::int64_t added = 0;
    std::int64_t replaced = 0;
};

struct ballot_import_result {
    std::string sha256;  ///< of the file
    std::int64_t rows = 0;
    std::vector<ballot_import_count> proposals;  ///< in order of first appearance
    /// One message per column gov did not read, "file:1: column 4 (D) "姓名"
    /// is not a ballot column; ignored" (unknown_column_warnings).
    std::vector<std::string> warnings;
};

/// Imports all of a file's ballots in one transaction, or none. Every problem
/// is collected and thrown together as one input_error whose details() are
/// "file:line: column: reason" — an unknown proposal, room or resident, a
/// voter outside the electorate, a second row for one voter, a voter who has
/// voted already under the refuse policy, a row for another proposal (without
/// `all`), a choice that is not one, a proposal that is not open, a phone a
/// spreadsheet turned into a number or a masked one. A file that cannot be
/// read or parsed as CSV, a known column's name with a unit or note added,
/// and with `strict` a column gov does not read, are an input_error too.
ballot_import_result import_ballots(context& ctx, const ballot_import_request& request);

/// Splits a ranking as written on the command line or in a ballot file:
/// options best first, separated by ',', with '=' joining tied options
/// ("B,A=C,D": B first, then A and C tied, then D). Spaces around names are
/// dropped. Throws input_error for an empty name.
std::vector<std::vector<std::string>> parse_ranking(std::string_view text);

/// Parses a yes-no choice as people write it: 同意/反对/弃权/无效/废票 or
/// yes/no/abstain/invalid/spoiled (ASCII in any case, surrounding spaces
/// ignored); 赞成 is read as 同意. Returns the canonical English name
/// ("yes", "no", "abstain", "invalid", "spoiled"), nullopt when it is none.
std::optional<std::string_view> parse_ballot_choice(std::string_view text);

}  // namespace gov
