// gov report summary: where issues, decisions and the roster stand, as text,
// Markdown, JSON, CSV or HTML, with gates that fail a CI job.

#include <fmt/format.h>

#include "commands.hpp"
#include "gov/reports/gate.hpp"
#include "gov/reports/summary.hpp"
#include "gov/reports/summary_render.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "options.hpp"

namespace gov::cli {
namespace {

// --compound or --building into the request's place: here "" means the
// whole community (as not giving it), not a place without a name.
void place_filter_option(CLI::App& cmd, const std::string& name, std::optional<std::string>& place,
                         const char* help) {
    cmd.add_option_function<std::string>(
        name,
        [&place](const std::string& text) {
            if (!text.empty()) place = text;
        },
        help);
}

}  // namespace

void register_report(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("report", tr("status summaries for people and for CI"));
    grp->require_subcommand(1);

    struct summary_opts {
        summary_request request;
        std::string format = "text", output;
        std::vector<std::string> gates;
    };
    auto o = std::make_shared<summary_opts>();
    summary_request& r = o->request;
    auto* cmd = grp->add_subcommand(
        "summary", tr("issues by status, category, building and age; overdue issues; "
                      "resolution times; decisions; the roster headline"));
    date_filter_option(*cmd, "--since", r.since,
                       tr("start of the period (default: the first day of --until's month)"));
    date_filter_option(*cmd, "--until", r.until,
                       tr("end of the period, included (default: today)"));
    place_filter_option(*cmd, "--compound", r.compound,
                        tr("only issues and roster of this compound"));
    place_filter_option(*cmd, "--building", r.building,
                        tr("only issues and roster of this building (\"12\", \"幸福里/12\")"));
    format_option(*cmd, o->format, {{"text", "json", "csv", "markdown", "html"}, "text"});
    cmd->add_option("--top", r.overdue_limit, tr("how many overdue issues to list"))
        ->default_str("10");
    cmd->add_option("--fail-on", o->gates,
                    tr("a gate, METRIC[FILTER] OP NUMBER; exit 1 when it holds (repeatable)"));
    cmd->add_option("-o,--output", o->output, tr("write to this file instead of stdout"));
    cmd->footer(
        tr("Metrics for --fail-on: open, overdue, open_over_30_days, open_over_90_days "
           "[category, severity, priority, status]; opened, resolved, median_days_to_resolve, "
           "p90_days_to_resolve [category, severity]; decisions [outcome]; proposals_open. "
           "See docs/summary-metrics.md.\n"
           "Examples:\n"
           "  gov report summary --since 2026-11-01 --until 2026-11-30\n"
           "  gov report summary --format markdown --fail-on 'overdue[安全隐患] > 0' "
           "--fail-on 'median_days_to_resolve > 14' >> \"$GITHUB_STEP_SUMMARY\"\n"
           "  gov report summary --format html -o summary.html"));
    cmd->callback([o, &s] {
        auto format = parse_summary_format(o->format);
        // Gates are checked before any work, so a typo costs nothing.
        std::vector<gate> gates;
        for (const auto& text : o->gates) gates.push_back(parse_gate(text, s.cfg().issues));
        summary sum = load_summary(s.ctx(), o->request);
        std::vector<gate_result> results;
        for (const auto& g : gates) results.push_back(evaluate_gate(sum, g));
        std::string text = render_summary(sum, format, results);
        s.emit(text, o->output);
        std::vector<std::string> tripped;
        for (const auto& res : results)
            if (res.tripped) tripped.push_back(describe(res));
        if (!tripped.empty())
            throw check_failed(fmt::format(fmt::runtime(tr("{} of {} gates tripped")),
                                           tripped.size(), results.size()),
                               tripped);
    });
}

}  // namespace gov::cli
