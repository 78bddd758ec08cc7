#pragma once
/// \file
/// The tally file read by `gov tally FILE`, the JSON form of a tally result and
/// a plain-text explanation a resident can read. The file format is documented
/// in docs/tally-format.md. All functions are pure: they read and return text,
/// and never print, open files or look at the clock.

#include <iosfwd>
#include <string>
#include <string_view>

#include "gov/voting/tally.hpp"

namespace gov {

/// Reads a tally file's JSON text, mapping voter ids and option names to the
/// dense indices of `tally_input`. Throws input_error whose message starts with
/// `source_name` and the JSON path of the problem, for example
/// `votes.json: ballots[17].voter: unknown voter "1-2-301"`. Checks that need
/// the whole input (a second ballot from one voter, a bad threshold) are left
/// to `tally`, which names the same paths.
tally_input parse_tally_input(std::string_view json_text, std::string_view source_name);

/// Reads a whole tally file from `in` and tallies it: the one call behind
/// `gov tally FILE`. Throws input_error (messages start with `source_name`) for
/// unreadable JSON, a bad field, an unknown voter or option or a duplicate
/// ballot.
tally_result run_tally_file(std::istream& in, std::string_view source_name);

/// The result as indented UTF-8 JSON ending in a newline. Every number is an
/// exact integer, a decimal string with two places for weights ("1234.50") or
/// a reduced fraction string ("179/2"); nothing is floating point.
std::string tally_result_json(const tally_result& r);

/// Reads the output of `tally_result_json` back, so that results can be
/// stored and compared exactly. Throws input_error naming the JSON path.
tally_result parse_tally_result_json(std::string_view json_text);

/// A plain-text explanation for residents: the electorate, the counts with
/// exact fractions and rounded percentages ("2/3 (66.67%)"; rounding is for
/// reading only), every condition with its numbers, the outcome and the
/// reason; for multi-option votes the option totals, instant-runoff rounds or
/// Schulze matrices. Ends with a newline.
std::string explain(const tally_result& r);

}  // namespace gov
