#pragma once
/// \file
/// Who may vote on a proposal. A proposal names an electorate when it is made
/// (an `electorate_request`); opening the proposal freezes it into a list of
/// voters, each with a weight and a head group, so that later roster changes
/// — moves, new owners, corrected floor areas — do not alter a vote under
/// way. The kinds and how each voter, weight and group is chosen are
/// documented in docs/cli.md ("Electorates").

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gov/text/encoding.hpp"

namespace gov {

class context;

/// The kinds of electorate.
enum class electorate_kind {
    /// Every active adult resident: born in or before (this year − 18), or
    /// with no birth year recorded (an unknown age is not a reason to exclude
    /// someone). One voter per person: an owner recorded in several rooms
    /// votes once (their first row); the developer's rows are not people.
    residents,
    /// One vote per household (room) with at least one active resident other
    /// than the developer (an unsold unit has nobody to vote).
    households,
    /// Owners weighted by floor area (Civil Code art. 278): one voter per
    /// owned room, weighing its area; rooms of one owner form one head group,
    /// and all the developer's unsold units form one group ("developer").
    owners,
    /// Building leaders (楼长), once each however many buildings they lead.
    leaders,
    /// An explicit list of residents or rooms from a CSV file.
    list,
};

/// "residents", "households", "owners", "leaders", "list".
std::string_view to_string(electorate_kind k);

/// Parses an electorate kind; throws usage_error listing the valid ones.
electorate_kind parse_electorate_kind(std::string_view name);

/// Whether an electorate's voters are rooms or people.
enum class voter_kind { household, resident };

/// An electorate as asked for when a proposal is made.
struct electorate_request {
    electorate_kind kind = electorate_kind::households;
    /// Limit to these buildings (as resolve_building names them: "12",
    /// "幸福里/12", "#4") and these compounds (by name). A voter is in scope
    /// when their building is listed OR their compound is; with neither, the
    /// whole community. Not with `list`.
    std::vector<std::string> buildings;
    std::vector<std::string> compounds;
    /// `list` only: a CSV file with a header and one column naming each
    /// voter — `居民`/`resident` (a resident's id, phone or unique name) or
    /// `房号`/`room` (a room as BUILDING-UNIT-ROOM).
    std::filesystem::path list_file;
    std::optional<text_encoding> list_encoding;  ///< nullopt: detect
};

/// The electorate of a proposal as stored: the request resolved to ids.
struct electorate_spec {
    electorate_kind kind = electorate_kind::households;
    voter_kind voters = voter_kind::household;
    std::vector<std::int64_t> building_ids;
    std::vector<std::int64_t> compound_ids;
    std::vector<std::int64_t> list_ids;  ///< `list`: resident or household ids, in file order
    std::string list_file;               ///< `list`: the file's name, for the record
    std::string list_sha256;             ///< `list`: the file's SHA-256
    /// Whether voters weigh their floor area (owners) or 1.00 each.
    bool weighted() const noexcept { return kind == electorate_kind::owners; }
};

/// One member of a frozen electorate.
struct electorate_member {
    std::int64_t seq = 0;       ///< 0, 1, 2, …: the voter's index in a tally
    std::string voter_key;      ///< "household:17" or "resident:42"
    std::string label;          ///< "12-3-1502" or "张三 (12-3-1502)", as when frozen
    std::int64_t weight = 100;  ///< hundredths (floor area in 0.01 m², or 1.00)
    std::string group;          ///< "owner-12", "developer", or voter_key (a group of one)
};

/// The frozen electorate of an opened proposal (`ref`: id, "#id" or code), in
/// voter order. Throws not_found for an unknown proposal and conflict for a
/// draft, whose electorate is not frozen yet.
std::vector<electorate_member> list_electorate(context& ctx, std::string_view proposal_ref);

}  // namespace gov
