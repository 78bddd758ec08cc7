#pragma once
// Private to libgov: what the proposal, electorate and vote modules share —
// finding and loading a proposal, its rule, the frozen electorate as a tally
// input, and naming voters.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "gov/values/date.hpp"
#include "gov/values/error.hpp"
#include "gov/voting/electorate.hpp"
#include "gov/voting/proposal.hpp"
#include "gov/voting/tally.hpp"

namespace gov::detail {

// ---- proposals (proposal.cpp) ----------------------------------------------

/// A proposal by id ("3"), "#3" or code. Throws not_found listing a few codes.
std::int64_t resolve_proposal(SQLite::Database& db, std::string_view ref);

/// Everything stored about a proposal, with labels and counts.
proposal_info load_proposal(SQLite::Database& db, std::int64_t id);

/// "张三 (12-3-1502)": how a resident is named in proposals and electorates.
std::string resident_room_label(SQLite::Database& db, std::int64_t resident_id);

/// A rule as stored (JSON text in the tally-file form) read for a method and
/// its options. Throws input_error prefixed with `source`.
tally_rule parse_rule(std::string_view rule_json, tally_method method,
                      const std::vector<std::string>& options, std::string_view source);

/// Whether any condition of the rule, or its winner count, measures weight.
bool rule_uses_weight(const tally_rule& rule);

/// What a tally of the proposal is titled: "P2025-001 Title" or the title.
std::string tally_title(const proposal_info& p);

/// "household:17" or "resident:42": a frozen voter's id with its kind.
std::string voter_key(voter_kind kind, std::int64_t id);

// ---- tallies (proposal_tally.cpp) ------------------------------------------

/// The frozen electorate and the ballots of an opened proposal as engine input.
tally_input load_tally_input(SQLite::Database& db, const proposal_info& p);

// ---- electorates (electorate.cpp, electorate_freeze.cpp) -------------------

/// Resolves a request to ids (reading the list file, if any). Throws
/// not_found / input_error naming the building, compound or file:line.
electorate_spec resolve_electorate(SQLite::Database& db, const electorate_request& request);

/// The stored JSON of a spec, and back.
std::string electorate_spec_json(const electorate_spec& spec);
electorate_spec parse_electorate_spec(std::string_view json_text);

/// "owners (by floor area) in 12, 幸福里": a spec in words, names from the roster.
std::string describe_electorate(SQLite::Database& db, const electorate_spec& spec);

/// Writes the frozen voters of a draft about to open; returns how many.
/// `today` decides who is adult. Throws input_error when the electorate is
/// empty or an owners' room has no floor area.
std::int64_t freeze_electorate(SQLite::Database& db, std::int64_t proposal_id,
                               const electorate_spec& spec, const date& today);

/// Room labels "12-3-1502", or "幸福里/12-3-1502" for a building whose name
/// another compound uses too, by building id.
std::unordered_map<std::int64_t, std::string> building_prefixes(SQLite::Database& db);

// ---- ballots (vote.cpp) ----------------------------------------------------

/// A ballot's content as stored: exactly one of the three is set.
struct ballot_marks {
    std::optional<std::string> choice;   ///< "yes", "no", "abstain", "invalid", "spoiled"
    std::optional<std::string> approve;  ///< JSON array of option names
    std::optional<std::string> ranking;  ///< JSON array of names or arrays of tied names
};

/// Checks a ballot against the proposal's method, options and rule. Throws
/// input_error saying what is wrong (without a prefix: callers add one).
ballot_marks make_marks(const proposal_info& p, const tally_rule& rule,
                        const std::optional<std::string>& choice,
                        const std::optional<std::vector<std::string>>& approve,
                        const std::optional<std::vector<std::vector<std::string>>>& ranking);

/// A ballot file's choice cell: a choice word, or for multi-option methods
/// approvals "A,B" or a ranking "B,A=C". Throws input_error like make_marks.
ballot_marks marks_from_cell(const proposal_info& p, const tally_rule& rule, std::string_view cell);

/// Throws conflict unless the proposal takes ballots now (open, before its deadline).
void require_taking_ballots(const proposal_info& p, timestamp now);

// ---- naming voters (vote_voter.cpp) ----------------------------------------

/// Hashes std::string and std::string_view alike, so maps keyed by strings
/// can be searched with a view into a CSV buffer without a copy.
struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

/// The frozen labels of one electorate, searchable by text. All the text is
/// in one buffer and the table holds positions (open addressing), so a
/// million room labels load without a million allocations.
class label_index {
  public:
    void reserve(std::size_t entries, std::size_t text_bytes);
    void add(std::string_view label, std::int64_t seq);
    /// Builds the table; call once after the last add().
    void finish();
    /// The seq of the voter with this label, if any (a label two voters
    /// share finds neither: callers fall back to the roster).
    std::optional<std::int64_t> find(std::string_view label) const;
    std::string_view label(std::size_t entry) const;

  private:
    std::string m_text;
    std::vector<std::size_t> m_end;  // entry i's text is [m_end[i-1], m_end[i])
    std::vector<std::int64_t> m_seq;
    // Per slot: the label's hash in the high half (to skip most comparisons
    // without touching the text), entry + 1 in the low half; 0 when empty.
    std::vector<std::uint64_t> m_slots;
};

/// A voter named by a person, found in a frozen electorate — or why not.
struct voter_lookup {
    std::optional<std::int64_t> seq;
    std::string label;                                ///< the voter's frozen label when found
    error_kind problem_kind = error_kind::not_found;  ///< not_found or conflict (not eligible)
    std::string problem;                              ///< when not found
};

/// Finds voters of one proposal's frozen electorate by the names people use
/// (see gov/vote.hpp). With `bulk`, loads every room label at once so that a
/// million paper ballots resolve without a query each; names are cached.
class voter_directory {
  public:
    voter_directory(SQLite::Database& db, const proposal_info& p, bool bulk);
    voter_lookup find(std::string_view name);

  private:
    voter_lookup find_uncached(std::string_view name);

    SQLite::Database& m_db;
    std::int64_t m_proposal;
    std::string m_proposal_name;
    voter_kind m_kind;
    SQLite::Statement m_by_id;
    label_index m_labels;  // bulk mode: every frozen label
    std::unordered_map<std::string, voter_lookup, text_hash, std::equal_to<>> m_cache;
};

}  // namespace gov::detail
