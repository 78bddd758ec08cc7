#pragma once
/// \file
/// Status summaries: where a community's issues, decisions and roster stand,
/// for a monthly report, a street office or a CI pipeline.
///
/// Two halves. `load_summary` gathers the numbers from the database with SQL
/// aggregates (GROUP BY in SQLite, never row by row) into a `summary`: plain
/// values, grouped as small "cubes" of counts. Everything else — the derived
/// figures (`summary_figures`), the gates (gate.hpp) and the renderers
/// (summary_render.hpp) — is a pure function of a `summary`, so it is tested
/// on hand-built values without a database or a clock.
///
/// Definitions (docs/summary-metrics.md has them all):
/// - an issue is *open* while its status is not one of [issues.workflow]
///   done_statuses; *overdue* when open and its due date is before today;
/// - its *age* is today minus its local creation date, in whole days;
/// - it is *resolved* when it entered a resolution status (resolved_at);
///   its *days to resolve* are the local resolution date minus the local
///   creation date;
/// - the median and 90th percentile are nearest-rank over those whole days:
///   of n values sorted ascending, the p-th percentile is the value at rank
///   ceil(p·n/100) (1-based); no resolved issue, no value.
///
/// \code
///   gov::summary_request r;
///   r.since = gov::parse_date("2026-11-01");
///   gov::summary s = gov::load_summary(ctx, r);
///   auto f = gov::summary_figures(s);   // f.open, f.median_days_to_resolve, …
/// \endcode

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gov/values/date.hpp"

namespace gov {

class context;

/// What to summarise.
struct summary_request {
    /// The period for "opened", "resolved" and "decisions" (local dates,
    /// both included). Default: until = today, since = the first day of
    /// until's month.
    std::optional<date> since, until;
    /// Limit issues and the roster headline to a compound (exact name) or a
    /// building (as `gov roster` names them). Decisions are not limited.
    std::optional<std::string> compound, building;
    /// How many overdue issues the overdue list shows (most overdue first).
    int overdue_limit = 10;
};

/// The four aging buckets of open issues: 0–7, 8–30, 31–90 and over 90 days.
inline constexpr int aging_buckets = 4;
/// "0-7", "8-30", "31-90", ">90": the stable names of the buckets.
const std::array<const char*, aging_buckets>& aging_bucket_names();
/// The bucket of an age in days (a negative age counts as 0).
int aging_bucket(std::int64_t age_days);

/// Open issues counted by what gates filter on.
struct open_issue_group {
    std::string category, severity, priority, status;
    bool overdue = false;
    int age_bucket = 0;  ///< 0..aging_buckets-1
    std::int64_t count = 0;
};

/// All issues in scope by status and category.
struct status_category_count {
    std::string status, category;
    std::int64_t count = 0;
};

/// Issues of one building (building "" = issues with no building).
struct building_issue_count {
    std::string building;  ///< "幸福里/12"
    std::int64_t issues = 0, open = 0, overdue = 0;
};

/// Issues created in the period, by category and severity.
struct opened_count {
    std::string category, severity;
    std::int64_t count = 0;
};

/// Issues resolved in the period, by category, severity and days to resolve.
struct resolved_count {
    std::string category, severity;
    std::int64_t days = 0;
    std::int64_t count = 0;
};

/// Issues opened and resolved in one calendar month ("2026-11").
struct month_count {
    std::string month;
    std::int64_t opened = 0, resolved = 0;
};

/// One line of the overdue list.
struct overdue_issue {
    std::int64_t id = 0;
    std::string title, category, severity, status;
    std::string building;  ///< "" when none
    std::string assignee;  ///< the party's or resident's name, "" when none
    date due;
    std::int64_t days_overdue = 0;
};

/// A proposal closed in the period: a decision and its outcome.
struct decision {
    std::int64_t id = 0;
    std::string code;  ///< "" when none
    std::string title;
    std::string method;
    std::string outcome;  ///< passed, rejected, quorum_not_met
    date closed;          ///< local date
};

/// The last roster import that changed the database.
struct roster_import_info {
    date on;  ///< local date
    std::string file;
    std::int64_t rows = 0, added = 0, updated = 0, unchanged = 0, moved_out = 0, invalid = 0;
};

/// The roster in scope: rooms and active residents.
struct roster_headline {
    std::int64_t households = 0;
    std::int64_t residents = 0;  ///< active
    std::optional<roster_import_info> last_import;
};

/// A project not cancelled, as `list_projects` sums it up. Projects are not
/// limited by compound or building.
struct project_line {
    std::int64_t id = 0;
    std::string title;
    std::string status;           ///< planned, active, blocked, done
    std::optional<int> progress;  ///< percent shown; nullopt: nothing to derive from
    bool manual = false;          ///< progress set by hand
    std::optional<std::int64_t> budget_fen;
    std::int64_t funded_fen = 0;
    std::optional<std::int64_t> gap_fen;  ///< budget − funded, when there is a budget
    bool funding_gap = false;             ///< funded < budget
    std::int64_t overdue_milestones = 0;  ///< due before today, not done
    bool overdue = false;                 ///< the project's due date is before today, not done
};

/// A meeting in the summary: held in the period, or planned after today.
struct meeting_line {
    std::int64_t id = 0;
    date day;          ///< local date of its start
    std::string time;  ///< local "HH:MM"
    std::string title;
    std::string type;          ///< the [meetings.types] key
    std::int64_t present = 0;  ///< attendees present (proxies included)
};

/// How many planned meetings the summary lists as upcoming.
inline constexpr std::size_t upcoming_meetings_limit = 5;

/// Everything a summary shows, as loaded. Names of statuses, categories and
/// severities come in configured order, followed by any stored name that is
/// no longer configured.
struct summary {
    std::string community;
    date today, since, until;
    std::string scope;  ///< "" for the whole community, else "幸福里" or "幸福里/12"
    std::vector<std::string> statuses, done_statuses, categories, severities;
    std::vector<open_issue_group> open_issues;
    std::vector<status_category_count> by_status_category;
    std::vector<building_issue_count> by_building;  ///< in roster order; "" last
    std::vector<opened_count> opened;
    std::vector<resolved_count> resolved;
    std::vector<month_count> months;  ///< the 12 months ending with until's month, oldest first
    std::vector<overdue_issue> overdue_list;
    std::int64_t overdue_total = 0;  ///< all overdue issues (the list may show fewer)
    std::vector<decision> decisions;
    std::int64_t proposals_open = 0;  ///< proposals open for ballots now
    roster_headline roster;
    std::vector<project_line> projects;           ///< not cancelled, by id
    std::vector<meeting_line> meetings_held;      ///< held, starting in the period, by start
    std::vector<meeting_line> meetings_upcoming;  ///< planned, dated after today: the next 5
};

/// Gathers a summary. \throws usage_error when since is after until;
/// not_found for an unknown compound or building; storage_error.
summary load_summary(context& ctx, const summary_request& request = {});

/// Whole days from a multiset of values: nearest-rank percentile p (1..100)
/// of `values` given as (value, count) pairs in any order; nullopt when the
/// counts sum to 0.
std::optional<std::int64_t> nearest_rank(std::vector<std::pair<std::int64_t, std::int64_t>> values,
                                         int p);

/// Counts per name, in the summary's order of names.
struct named_count {
    std::string name;
    std::int64_t open = 0, overdue = 0, opened = 0, resolved = 0;
};

/// What the renderers and gates show, derived from a summary (pure).
struct summary_totals {
    std::int64_t issues = 0;  ///< all issues in scope
    std::int64_t open = 0, overdue = 0, opened = 0, resolved = 0;
    std::optional<std::int64_t> median_days_to_resolve, p90_days_to_resolve;
    std::array<std::int64_t, aging_buckets> aging{};  ///< open issues per bucket
    std::vector<named_count> by_category;             ///< every category with a count
    std::vector<named_count> by_severity;             ///< "" (unclassified) last
};

summary_totals summary_figures(const summary& s);

/// The project statuses the summary counts, in workflow order.
const std::array<const char*, 4>& project_status_names();

/// Project counts derived from a summary (pure).
struct project_totals {
    std::array<std::int64_t, 4> by_status{};  ///< in project_status_names() order
    std::int64_t total = 0;
    std::int64_t funding_gap = 0;         ///< with funded < budget
    std::int64_t overdue_milestones = 0;  ///< with at least one overdue milestone
    /// Overdue themselves or with an overdue milestone (the gate metric
    /// projects_overdue, as `gov project list --overdue`).
    std::int64_t overdue = 0;
};

project_totals project_figures(const summary& s);

}  // namespace gov
