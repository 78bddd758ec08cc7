// The pure half of summaries: the figures derived from loaded counts.
#include <algorithm>

#include "gov/reports/summary.hpp"

namespace gov {

const std::array<const char*, aging_buckets>& aging_bucket_names() {
    static const std::array<const char*, aging_buckets> names = {"0-7", "8-30", "31-90", ">90"};
    return names;
}

int aging_bucket(std::int64_t age_days) {
    if (age_days <= 7) return 0;
    if (age_days <= 30) return 1;
    if (age_days <= 90) return 2;
    return 3;
}

std::optional<std::int64_t> nearest_rank(std::vector<std::pair<std::int64_t, std::int64_t>> values,
                                         int p) {
    std::sort(values.begin(), values.end());
    std::int64_t n = 0;
    for (const auto& [v, count] : values) n += count;
    if (n <= 0) return std::nullopt;
    // Rank ceil(p·n/100), at least 1: exact in integers.
    std::int64_t rank = std::max<std::int64_t>(1, (p * n + 99) / 100);
    std::int64_t seen = 0;
    for (const auto& [v, count] : values) {
        seen += count;
        if (seen >= rank) return v;
    }
    return values.back().first;
}

namespace {

named_count& slot(std::vector<named_count>& list, const std::string& name) {
    for (auto& c : list)
        if (c.name == name) return c;
    list.push_back({name});
    return list.back();
}

}  // namespace

summary_totals summary_figures(const summary& s) {
    summary_totals t;
    for (const auto& name : s.categories) t.by_category.push_back({name});
    for (const auto& name : s.severities) t.by_severity.push_back({name});
    for (const auto& g : s.by_status_category) t.issues += g.count;
    for (const auto& g : s.open_issues) {
        t.open += g.count;
        t.aging.at(static_cast<std::size_t>(std::clamp(g.age_bucket, 0, aging_buckets - 1))) +=
            g.count;
        auto& c = slot(t.by_category, g.category);
        auto& v = slot(t.by_severity, g.severity);
        c.open += g.count;
        v.open += g.count;
        if (g.overdue) {
            t.overdue += g.count;
            c.overdue += g.count;
            v.overdue += g.count;
        }
    }
    for (const auto& g : s.opened) {
        t.opened += g.count;
        slot(t.by_category, g.category).opened += g.count;
        slot(t.by_severity, g.severity).opened += g.count;
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> days;
    for (const auto& g : s.resolved) {
        t.resolved += g.count;
        slot(t.by_category, g.category).resolved += g.count;
        slot(t.by_severity, g.severity).resolved += g.count;
        days.emplace_back(g.days, g.count);
    }
    t.median_days_to_resolve = nearest_rank(days, 50);
    t.p90_days_to_resolve = nearest_rank(days, 90);
    // Unclassified severity last, and only when something has it.
    auto blank = std::find_if(t.by_severity.begin(), t.by_severity.end(),
                              [](const named_count& c) { return c.name.empty(); });
    if (blank != t.by_severity.end()) {
        named_count b = *blank;
        t.by_severity.erase(blank);
        if (b.open || b.opened || b.resolved) t.by_severity.push_back(b);
    }
    return t;
}

const std::array<const char*, 4>& project_status_names() {
    static const std::array<const char*, 4> names = {"planned", "active", "blocked", "done"};
    return names;
}

project_totals project_figures(const summary& s) {
    project_totals t;
    const auto& names = project_status_names();
    for (const auto& p : s.projects) {
        ++t.total;
        for (std::size_t i = 0; i < names.size(); ++i)
            if (p.status == names[i]) ++t.by_status[i];
        if (p.funding_gap) ++t.funding_gap;
        if (p.overdue_milestones > 0) ++t.overdue_milestones;
        if (p.overdue || p.overdue_milestones > 0) ++t.overdue;
    }
    return t;
}

}  // namespace gov
