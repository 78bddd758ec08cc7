#pragma once
/// \file
/// How far a project has come, as a pure function of its milestones or its
/// deliverables: no database, no clock. Percentages are whole numbers made
/// with integer arithmetic and rounded down, so that 100% means finished
/// and never "nearly finished" (5 of 6 is 83%, 199 of 200 is 99%).
///
/// \code
///   gov::progress_from_deliverables({{"健身器材", 6, 4}});  // 66
///   gov::progress_bar(40);                                 // "▓▓▓▓░░░░░░ 40%"
/// \endcode

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gov {

/// Which records a project's progress is derived from ([projects] progress).
enum class progress_rule { milestones, deliverables };

/// "milestones" or "deliverables".
std::string_view to_string(progress_rule r);

/// Parses "milestones" or "deliverables"; nullopt otherwise.
std::optional<progress_rule> parse_progress_rule(std::string_view name);

/// floor(100 × part / whole), with part clamped to 0..whole. nullopt when
/// whole is not positive (nothing to measure against).
std::optional<int> percent_floor(std::int64_t part, std::int64_t whole);

/// Done milestones out of all: floor(100 × done / total); nullopt without
/// milestones.
std::optional<int> progress_from_milestones(std::int64_t done, std::int64_t total);

/// One deliverable's counts, as progress needs them.
struct deliverable_count {
    std::string name;
    std::int64_t target = 0;
    std::int64_t delivered = 0;
};

/// Items delivered out of items targeted, over all deliverables: each
/// deliverable counts at most its target (7 delivered of 6 counts 6), so
/// extra items of one kind never make up for missing items of another.
/// floor(100 × Σ min(delivered, target) / Σ target); nullopt without
/// deliverables.
std::optional<int> progress_from_deliverables(const std::vector<deliverable_count>& items);

/// A bar of `width` cells (clamped to 1..100): floor(percent × width / 100)
/// filled "▓", the rest "░", then a space and "N%". percent is clamped to
/// 0..100. progress_bar(40) is "▓▓▓▓░░░░░░ 40%".
std::string progress_bar(int percent, int width = 10);

}  // namespace gov
