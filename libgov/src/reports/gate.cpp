// Gates on summary metrics: a small parser for `METRIC[FILTER] OP NUMBER` and
// the evaluation of a metric over a loaded summary (pure).
#include "gov/reports/gate.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "text/interface.hpp"

namespace gov {
namespace {

const std::vector<std::string> open_filters{"category", "severity", "priority", "status"};
const std::vector<std::string> period_filters{"category", "severity"};

using detail::trim;

const std::vector<std::string> outcomes{"passed", "rejected", "quorum_not_met"};

std::vector<std::string> metric_lines() {
    std::vector<std::string> out{tr("metrics:")};
    for (const auto& m : gate_metrics())
        out.push_back(m.filters.empty() ? m.name
                                        : fmt::format("{}[{}]", m.name, detail::joined(m.filters)));
    return out;
}

[[noreturn]] void malformed(std::string_view expr, const std::string& why) {
    throw usage_error(
        fmt::format(fmt::runtime(tr("--fail-on \"{}\": {}; write METRIC[FILTER] OP NUMBER, e.g. "
                                    "\"overdue[安全隐患] > 0\"")),
                    expr, why),
        metric_lines());
}

const gate_metric* find_metric(std::string_view name) {
    for (const auto& m : gate_metrics())
        if (m.name == name) return &m;
    return nullptr;
}

bool is_open_metric(const std::string& m) {
    return m == "open" || m == "overdue" || m == "open_over_30_days" || m == "open_over_90_days";
}

bool matches(const std::vector<std::pair<std::string, std::string>>& filter,
             const std::string& category, const std::string& severity,
             const std::string& priority = {}, const std::string& status = {}) {
    for (const auto& [key, value] : filter) {
        const std::string& actual = key == "category"   ? category
                                    : key == "severity" ? severity
                                    : key == "priority" ? priority
                                                        : status;
        if (actual != value) return false;
    }
    return true;
}

}  // namespace

const std::vector<gate_metric>& gate_metrics() {
    static const std::vector<gate_metric> metrics = {
        {"open", open_filters, "open issues (status not done)"},
        {"overdue", open_filters, "open issues whose due date is before today"},
        {"open_over_30_days", open_filters, "open issues older than 30 days"},
        {"open_over_90_days", open_filters, "open issues older than 90 days"},
        {"opened", period_filters, "issues created in the period"},
        {"resolved", period_filters, "issues resolved in the period"},
        {"median_days_to_resolve", period_filters,
         "median whole days from creation to resolution of the issues resolved in the period "
         "(nearest rank)"},
        {"p90_days_to_resolve", period_filters, "90th percentile of the same days (nearest rank)"},
        {"decisions", {"outcome"}, "proposals closed in the period"},
        {"proposals_open", {}, "proposals open for ballots now"},
        {"projects_overdue",
         {},
         "projects not done or cancelled that are overdue or have an overdue milestone"},
        {"projects_funding_gap", {}, "projects not cancelled funded below their budget"},
    };
    return metrics;
}

std::string_view to_string(gate_op op) {
    switch (op) {
        case gate_op::gt:
            return ">";
        case gate_op::ge:
            return ">=";
        case gate_op::lt:
            return "<";
        case gate_op::le:
            return "<=";
        case gate_op::eq:
            return "==";
        case gate_op::ne:
            return "!=";
    }
    return "?";
}

gate parse_gate(std::string_view expression, const issues_config& cfg) {
    const std::string_view expr = trim(expression);
    gate g;
    g.text = std::string(expr);
    std::size_t i = 0;
    while (i < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[i])) || expr[i] == '_'))
        ++i;
    g.metric = std::string(expr.substr(0, i));
    if (g.metric.empty()) malformed(expr, tr("it does not start with a metric"));
    const gate_metric* metric = find_metric(g.metric);
    if (!metric) malformed(expr, fmt::format(fmt::runtime(tr("\"{}\" is not a metric")), g.metric));
    std::string_view rest = expr.substr(i);
    if (!rest.empty() && rest.front() == '[') {
        auto close = rest.find(']');
        if (close == std::string_view::npos) malformed(expr, tr("the filter has no closing ']'"));
        std::string_view inside = rest.substr(1, close - 1);
        rest = rest.substr(close + 1);
        while (true) {
            auto comma = inside.find(',');
            std::string_view part = trim(inside.substr(0, comma));
            if (part.empty()) malformed(expr, tr("the filter has an empty part"));
            auto eq = part.find('=');
            std::string key =
                eq == std::string_view::npos ? "category" : std::string(trim(part.substr(0, eq)));
            std::string value(eq == std::string_view::npos ? part : trim(part.substr(eq + 1)));
            if (std::find(metric->filters.begin(), metric->filters.end(), key) ==
                metric->filters.end())
                malformed(expr, metric->filters.empty()
                                    ? fmt::format(fmt::runtime(tr("{} takes no filter")), g.metric)
                                    : fmt::format(fmt::runtime(tr("{} filters on {}, not \"{}\"")),
                                                  g.metric, detail::joined(metric->filters), key));
            std::vector<std::string> choices;
            if (key == "category")
                for (const auto& c : cfg.categories) choices.push_back(c.name);
            else if (key == "severity")
                choices = cfg.severities;
            else if (key == "priority")
                choices = cfg.priorities;
            else if (key == "status")
                for (const auto& [status, next] : cfg.transitions) choices.push_back(status);
            else
                choices = outcomes;
            if (std::find(choices.begin(), choices.end(), value) == choices.end())
                malformed(expr, fmt::format(fmt::runtime(tr("{} \"{}\" is not one of: {}")), key,
                                            value, detail::joined(choices)));
            g.filter.emplace_back(key, value);
            if (comma == std::string_view::npos) break;
            inside = inside.substr(comma + 1);
        }
    }
    rest = trim(rest);
    static const std::pair<std::string_view, gate_op> ops[] = {
        {">=", gate_op::ge}, {"<=", gate_op::le}, {"==", gate_op::eq},
        {"!=", gate_op::ne}, {">", gate_op::gt},  {"<", gate_op::lt}};
    bool found = false;
    for (const auto& [text, op] : ops)
        if (rest.substr(0, text.size()) == text) {
            g.op = op;
            rest = trim(rest.substr(text.size()));
            found = true;
            break;
        }
    if (!found) malformed(expr, tr("expected one of > >= < <= == != after the metric"));
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), g.threshold);
    if (rest.empty() || ec != std::errc{} || end != rest.data() + rest.size() || rest[0] == '-')
        malformed(expr, fmt::format(fmt::runtime(tr("\"{}\" is not a whole number")), rest));
    return g;
}

std::optional<std::int64_t> metric_value(
    const summary& s, const std::string& metric,
    const std::vector<std::pair<std::string, std::string>>& filter) {
    const gate_metric* m = find_metric(metric);
    if (!m)
        throw usage_error(fmt::format(fmt::runtime(tr("\"{}\" is not a metric")), metric),
                          metric_lines());
    for (const auto& [key, value] : filter)
        if (std::find(m->filters.begin(), m->filters.end(), key) == m->filters.end())
            throw usage_error(
                fmt::format(fmt::runtime(tr("{} does not filter on \"{}\"")), metric, key));
    std::int64_t n = 0;
    if (is_open_metric(metric)) {
        for (const auto& g : s.open_issues) {
            if (!matches(filter, g.category, g.severity, g.priority, g.status)) continue;
            bool counts = metric == "open" || (metric == "overdue" && g.overdue) ||
                          (metric == "open_over_30_days" && g.age_bucket >= 2) ||
                          (metric == "open_over_90_days" && g.age_bucket >= 3);
            if (counts) n += g.count;
        }
        return n;
    }
    if (metric == "opened") {
        for (const auto& g : s.opened)
            if (matches(filter, g.category, g.severity)) n += g.count;
        return n;
    }
    if (metric == "resolved" || metric == "median_days_to_resolve" ||
        metric == "p90_days_to_resolve") {
        std::vector<std::pair<std::int64_t, std::int64_t>> days;
        for (const auto& g : s.resolved)
            if (matches(filter, g.category, g.severity)) {
                n += g.count;
                days.emplace_back(g.days, g.count);
            }
        if (metric == "resolved") return n;
        return nearest_rank(std::move(days), metric == "p90_days_to_resolve" ? 90 : 50);
    }
    if (metric == "decisions") {
        for (const auto& d : s.decisions)
            if (filter.empty() || d.outcome == filter.front().second) ++n;
        return n;
    }
    if (metric == "projects_overdue") return project_figures(s).overdue;
    if (metric == "projects_funding_gap") return project_figures(s).funding_gap;
    return s.proposals_open;  // proposals_open
}

gate_result evaluate_gate(const summary& s, const gate& g) {
    gate_result r{g, metric_value(s, g.metric, g.filter)};
    if (!r.value) return r;
    const std::int64_t v = *r.value, t = g.threshold;
    switch (g.op) {
        case gate_op::gt:
            r.tripped = v > t;
            break;
        case gate_op::ge:
            r.tripped = v >= t;
            break;
        case gate_op::lt:
            r.tripped = v < t;
            break;
        case gate_op::le:
            r.tripped = v <= t;
            break;
        case gate_op::eq:
            r.tripped = v == t;
            break;
        case gate_op::ne:
            r.tripped = v != t;
            break;
    }
    if (r.tripped && (g.op == gate_op::gt || g.op == gate_op::ge)) r.by = v - t;
    if (r.tripped && (g.op == gate_op::lt || g.op == gate_op::le)) r.by = t - v;
    return r;
}

std::string describe(const gate_result& r) {
    if (!r.value) return fmt::format(fmt::runtime(tr("{}: no value")), r.g.text);
    if (r.g.op == gate_op::eq || r.g.op == gate_op::ne)
        return fmt::format(fmt::runtime(tr("{}: value {}")), r.g.text, *r.value);
    return fmt::format(fmt::runtime(tr("{}: value {}, {} past the threshold {}")), r.g.text,
                       *r.value, r.by, r.g.threshold);
}

}  // namespace gov
