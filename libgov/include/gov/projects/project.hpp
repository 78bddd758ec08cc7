#pragma once
/// \file
/// Projects: the yearly "practical projects for residents" (我为群众办实事),
/// tracked from where each came from (issues, proposals, meeting decisions)
/// to what it delivered. A project has a lead (a party or a resident),
/// partner parties, a budget and the funding received (exact, in fen: 1 yuan
/// = 100 fen), start and due dates, milestones, deliverables (a target count
/// and a delivered count), dated updates and links to the meetings where it
/// was discussed.
///
/// Status: planned → active → done, plus blocked and cancelled (see
/// next_project_statuses); a move the workflow does not allow is a conflict
/// (exit 6) naming the allowed ones. Progress is derived from milestones or
/// deliverables by [projects] progress in gov.toml (gov/project_progress.hpp),
/// or set by hand with a reason; a hand-set value is always reported as
/// manual, next to what the rule would derive, never mixed with it.
///
/// Errors: a project, issue, proposal, meeting, party or resident that does
/// not exist is not_found (5); a bad value (empty title, amount "1e5", a
/// date in the future for something done) is input_error (4); a refused
/// status change or a milestone done twice is a conflict (6). Every change is
/// one transaction with one audit event ("project.add", "project.update",
/// "project.status", "project.milestone", "project.deliver", "project.fund",
/// "project.note", "project.link") and one row in the project's updates; a
/// refused change changes nothing.
///
/// \code
///   gov::project_draft d;
///   d.title = "更新小区健身器材";
///   d.lead = "社区居委会";
///   d.budget_fen = gov::parse_money("36000");
///   d.targets = {{"健身器材", 6}};
///   d.issues = {12};
///   std::int64_t id = gov::create_project(ctx, d);
///   gov::fund_project(ctx, id, {"共建单位A", gov::parse_money("12000.00")});
///   gov::deliver(ctx, id, {"健身器材", 4});
///   auto s = gov::list_projects(ctx, {});  // progress 66, funding gap 24000.00
/// \endcode

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gov/projects/project_progress.hpp"
#include "gov/values/clock.hpp"
#include "gov/values/date.hpp"

namespace gov {

class context;

enum class project_status { planned, active, blocked, done, cancelled };

/// "planned", "active", "blocked", "done", "cancelled".
std::string_view to_string(project_status s);

/// Parses a status name. \throws input_error listing the statuses.
project_status parse_project_status(std::string_view name);

/// The statuses a project may move to: planned → active, blocked, cancelled;
/// active → blocked, done, cancelled; blocked → active, cancelled; done and
/// cancelled are final.
const std::vector<project_status>& next_project_statuses(project_status s);

/// Whether a project in this status is finished with (done or cancelled):
/// such a project is never overdue and has no overdue milestones.
bool is_closed(project_status s);

/// An amount of money in yuan as people write it, "12000.00", "0.1", "36000",
/// to fen (1200000, 10, 3600000). At most two decimals; no sign, spaces,
/// thousands separators or exponent.
/// \throws input_error quoting the text.
std::int64_t parse_money(std::string_view text);

/// Fen as yuan with two decimals: 1200000 → "12000.00", -5 → "-0.05".
std::string format_money(std::int64_t fen);

/// A deliverable's name and target count.
struct deliverable_target {
    std::string name;
    std::int64_t target = 0;  ///< > 0
};

/// A new project. References are written as people write them: `lead` a
/// party's name ("#N" is a party id), else a resident (id, phone or unique
/// name); partners are parties.
struct project_draft {
    std::string title;  ///< required
    std::string description;
    std::string lead;
    std::vector<std::string> partners;
    std::optional<std::int64_t> budget_fen;  ///< ≥ 0
    std::optional<date> start, due;          ///< due not before start
    std::vector<deliverable_target> targets;
    /// Where it came from: issue, proposal and meeting ids (origin links).
    std::vector<std::int64_t> issues, proposals, meetings;
    project_status status = project_status::planned;  ///< planned or active
};

/// Makes a project; returns its id. Audited as "project.add".
/// \throws input_error for a missing title, a negative budget, a due date
///         before the start, a target below 1 or named twice, an initial
///         status other than planned or active; not_found for a reference.
std::int64_t create_project(context& ctx, const project_draft& draft);

/// Progress set by hand: a percent 0–100 with the reason, or back to the
/// configured rule (percent unset; the reason is still recorded).
struct manual_progress {
    std::optional<int> percent;
    std::string reason;  ///< required when percent is set
};

/// Changes to a project; only what is set changes. An empty text clears the
/// description or the lead; `clear_budget`, `clear_start` and `clear_due`
/// remove those.
struct project_changes {
    std::optional<std::string> title, description, lead;
    std::optional<std::int64_t> budget_fen;
    bool clear_budget = false;
    std::optional<date> start, due;
    bool clear_start = false, clear_due = false;
    std::vector<std::string> add_partners, remove_partners;
    /// Adds deliverables or changes their targets.
    std::vector<deliverable_target> targets;
    std::optional<manual_progress> progress;
};

/// One changed field, as people read it.
struct project_field_change {
    std::string field;
    std::optional<std::string> from, to;
};

/// Applies changes in one transaction ("project.update"); returns what
/// changed — nothing (and no audit event) when every value was already so.
/// \throws not_found, input_error as create_project; input_error for a
///         percent outside 0–100 or a manual percent without a reason.
std::vector<project_field_change> update_project(context& ctx, std::int64_t id,
                                                 const project_changes& changes);

/// What an update of project `id` changed, for scripts: {"id": N,
/// "changes": [{"field", "from", "to"}, …]}, an absent value as null.
std::string render_json(std::int64_t id, const std::vector<project_field_change>& changes);

/// What a status change did.
struct project_status_result {
    project_status from = project_status::planned, to = project_status::planned;
    /// Origin issues resolved on completion (resolve_origin), and those left
    /// alone because they were already in a done status.
    std::vector<std::int64_t> resolved_issues, already_done_issues;
};

/// What the status change of project `id` did, for scripts: {"id", "from",
/// "to", "resolved_issues", "already_done_issues"}, pretty-printed.
std::string render_json(std::int64_t id, const project_status_result& r);

/// Moves a project to `to` ("project.status"). Blocking and cancelling need
/// a reason (input_error). With `resolve_origin` on completion, every origin
/// issue not already done is resolved through the issue workflow with a
/// resolution naming the project ("issue.transition", one per issue); every
/// such issue is checked first, and one the workflow cannot resolve refuses
/// the whole command (conflict) before anything is written.
/// \throws not_found; conflict for a move not allowed (naming the allowed
///         ones); usage_error for resolve_origin on another status than done.
project_status_result set_project_status(context& ctx, std::int64_t id, project_status to,
                                         std::string_view reason = {}, bool resolve_origin = false);

/// A new milestone; returns its number within the project (1, 2, …).
/// Audited as "project.milestone". \throws input_error for an empty title.
std::int64_t add_milestone(context& ctx, std::int64_t project, std::string_view title,
                           std::optional<date> due);

/// Marks a milestone done on `on` (default today), the milestone named by
/// its number or exact title. \throws not_found listing the milestones;
/// conflict when it is already done; input_error for a date after today.
void complete_milestone(context& ctx, std::int64_t project, std::string_view milestone,
                        std::optional<date> on = std::nullopt);

/// A delivery: `count` more of a deliverable, or (`set_total`) the
/// delivered count corrected to `count`.
struct delivery {
    std::string item;
    std::int64_t count = 0;
    bool set_total = false;
    /// A target for an item the project does not have yet (else input_error
    /// listing its deliverables).
    std::optional<std::int64_t> target;
};

/// Records a delivery ("project.deliver"); returns the delivered count now.
/// \throws input_error for a count below 1 (below 0 with set_total) or an
///         unknown item without a target.
std::int64_t deliver(context& ctx, std::int64_t project, const delivery& d);

/// Money received from a party.
struct funding_entry {
    std::string from;             ///< a party's name or "#N"
    std::int64_t amount_fen = 0;  ///< > 0
    std::optional<date> on;       ///< default today
    std::string note;
};

/// Records funding ("project.fund"); returns the funded total in fen.
/// \throws input_error for an amount of 0 or a date after today; not_found
///         for an unknown party.
std::int64_t fund_project(context& ctx, std::int64_t project, const funding_entry& f);

/// Adds a dated update ("project.note"); returns its id. `on` is the date
/// it is about (default today, never after it).
std::int64_t add_project_note(context& ctx, std::int64_t project, std::string_view text,
                              std::optional<date> on = std::nullopt);

/// What a link points at.
enum class project_link_kind { issue, proposal, meeting };
std::string_view to_string(project_link_kind k);

/// Links a project to an issue, proposal or meeting ("project.link").
/// Issues and proposals are origins; a meeting is where the project was
/// discussed, or its origin (a meeting decision) when `origin` is set.
/// Returns false, writing nothing, when the link exists.
/// \throws not_found for the project or the record linked.
bool link_project(context& ctx, std::int64_t project, project_link_kind kind, std::int64_t target,
                  bool origin = false);

// ---- reading ----------------------------------------------------------

/// How a project's progress came about.
enum class progress_source {
    milestones,    ///< derived: done milestones of all
    deliverables,  ///< derived: items delivered of items targeted
    manual,        ///< set by hand, with a reason
    none,          ///< the rule has nothing to derive from (no milestones/deliverables)
};
std::string_view to_string(progress_source s);

struct project_milestone {
    std::int64_t number = 0;  ///< within the project
    std::string title;
    std::optional<date> due, done_on;
    bool overdue = false;  ///< due before today, not done, project not closed
};

struct project_deliverable {
    std::string name;
    std::int64_t target = 0, delivered = 0;
};

struct project_funding {
    std::int64_t id = 0;
    std::string from;  ///< the party's name
    std::int64_t amount_fen = 0;
    date on;
    std::string note;
};

struct project_link {
    project_link_kind kind = project_link_kind::issue;
    std::int64_t id = 0;
    bool origin = false;
    std::string title;   ///< the record's title, "" when it has none
    std::string status;  ///< the issue's or proposal's status, "" for a meeting
};

/// A dated entry in a project's history: a note, or what a change did.
struct project_update {
    std::int64_t id = 0;
    std::int64_t project = 0;
    std::string project_title;
    date on;  ///< the local date it is about
    timestamp at;
    std::string actor;
    std::string
        kind;  ///< created, note, status, progress, milestone, delivery, funding, link, update
    std::string text;
};

/// What every listing shows about a project: the headline numbers the
/// agenda and the status summary use.
struct project_summary {
    std::int64_t id = 0;
    std::string title;
    project_status status = project_status::planned;
    std::string lead;  ///< the party's or resident's name, "" when none
    /// The progress shown: manual when set by hand, else derived.
    std::optional<int> progress;
    progress_source source = progress_source::none;
    /// What the configured rule derives, whatever is shown.
    std::optional<int> derived_progress;
    progress_rule rule = progress_rule::milestones;
    std::string manual_reason;  ///< when source is manual
    std::optional<std::int64_t> budget_fen;
    std::int64_t funded_fen = 0;
    /// budget − funded when there is a budget (negative: funded beyond it).
    std::optional<std::int64_t> gap_fen;
    bool funding_gap = false;  ///< funded < budget, project not cancelled
    std::optional<date> start, due;
    bool overdue = false;  ///< due before today and not closed
    std::int64_t milestones = 0, milestones_done = 0;
    std::vector<project_milestone> overdue_milestones;
    std::int64_t target_items = 0, delivered_items = 0;  ///< sums over deliverables
    std::optional<date> last_update;
};

/// A project with everything known about it (what `gov project show` prints).
struct project_record {
    project_summary summary;
    std::string description;
    std::optional<std::int64_t> lead_party_id, lead_resident_id;
    std::string lead_phone;  ///< a resident lead's phone, masked unless revealed
    std::vector<std::string> partners;
    std::vector<project_milestone> milestones;
    std::vector<project_deliverable> deliverables;
    std::vector<project_funding> funding;
    std::vector<project_link> links;
    std::vector<project_update> updates;  ///< oldest first
    std::vector<project_status> next_statuses;
    std::string status_reason;  ///< why blocked or cancelled
    std::optional<date> completed_on;
    timestamp created_at;
    std::string created_by;
};

/// One project. A resident lead's phone is masked (gov::mask_phone) unless
/// `reveal_pii`, which is audited ("pii.reveal"). \throws not_found.
project_record get_project(context& ctx, std::int64_t id, bool reveal_pii = false);

/// The project as one JSON object for scripts (`gov project show --format
/// json`): every field, absent ones as null, money both as yuan text
/// ("1200.00") and as integer fen; pretty-printed, ending in a newline.
std::string render_json(const project_record& r);

/// Which projects to list; filters combine with AND.
struct project_filter {
    std::vector<project_status> statuses;  ///< any of them; empty: all
    bool overdue = false;                  ///< overdue, or with an overdue milestone
    bool funding_gap = false;
    bool open_only = false;             ///< not done or cancelled
    std::optional<std::int64_t> issue;  ///< linked to this issue
};

/// Projects passing the filter, by id.
std::vector<project_summary> list_projects(context& ctx, const project_filter& filter = {});

/// Updates on or after the local date `since` (all projects, or one),
/// oldest first. \throws not_found for an unknown project.
std::vector<project_update> project_updates_since(context& ctx, date since,
                                                  std::optional<std::int64_t> project = {});

}  // namespace gov
