#pragma once
/// \file
/// Gates: conditions on summary metrics that fail a CI job, written as
/// `METRIC[FILTER] OP NUMBER`, e.g. `overdue > 0`, `overdue[安全隐患] > 0`,
/// `open[severity=难事] > 5`, `median_days_to_resolve > 14`.
///
/// FILTER is optional: a bare value is a category (`[安全隐患]`), otherwise
/// `key=value` pairs separated by commas (`[category=噪音,severity=大事]`).
/// OP is one of > >= < <= == !=; NUMBER a non-negative whole number. The
/// metrics and the filter keys each accepts are listed by `gate_metrics()`
/// and documented in docs/summary-metrics.md. A gate trips when the
/// comparison holds; a metric without a value (no resolved issue for a
/// median) never trips.
///
/// \code
///   auto g = gov::parse_gate("overdue[安全隐患] > 0", ctx.cfg().issues);
///   auto r = gov::evaluate_gate(summary, g);   // r.tripped, r.value
/// \endcode

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gov/reports/summary.hpp"
#include "gov/store/config.hpp"

namespace gov {

/// A metric a gate can test.
struct gate_metric {
    std::string name;                  ///< e.g. "overdue"
    std::vector<std::string> filters;  ///< the filter keys it accepts
    std::string description;           ///< in English; docs/summary-metrics.md
};

/// Every metric, in documentation order.
const std::vector<gate_metric>& gate_metrics();

enum class gate_op { gt, ge, lt, le, eq, ne };

/// ">", ">=", "<", "<=", "==", "!=".
std::string_view to_string(gate_op op);

/// A parsed gate.
struct gate {
    std::string text;  ///< as written, trimmed
    std::string metric;
    std::vector<std::pair<std::string, std::string>> filter;  ///< key, value
    gate_op op = gate_op::gt;
    std::int64_t threshold = 0;
};

/// Parses a gate. Filter values are checked against the configuration
/// (categories, severities, priorities, statuses) and proposal outcomes.
/// \throws usage_error naming the expression and what is wrong, listing the
///         metrics (or the valid keys or values) as details.
gate parse_gate(std::string_view expression, const issues_config& cfg);

/// What a gate found.
struct gate_result {
    gate g;
    std::optional<std::int64_t> value;  ///< nullopt: the metric has no value
    bool tripped = false;
    /// How far past the threshold: value − threshold for > and >=,
    /// threshold − value for < and <=, 0 for == and != (and when not tripped).
    std::int64_t by = 0;
};

/// The value of a metric under a filter (pure). \throws usage_error for an
/// unknown metric or a filter key it does not accept.
std::optional<std::int64_t> metric_value(
    const summary& s, const std::string& metric,
    const std::vector<std::pair<std::string, std::string>>& filter = {});

gate_result evaluate_gate(const summary& s, const gate& g);

/// "overdue[安全隐患] > 0: 3 (by 3)" — what the tool prints for a tripped gate.
std::string describe(const gate_result& r);

}  // namespace gov
