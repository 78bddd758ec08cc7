// gov proposal new | list | show | open | close | withdraw | tally | export-ballots
#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "cells.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "gov/text/output_file.hpp"
#include "gov/values/date.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/voting/proposal.hpp"
#include "gov/voting/tally_file.hpp"

namespace gov::cli {

namespace {

cell opt_cell(const std::optional<std::string>& v) {
    return v ? cell(*v) : cell();
}

std::string issues_text(const std::vector<std::int64_t>& ids) {
    std::vector<std::string> names;
    for (auto id : ids) names.push_back(fmt::format("#{}", id));
    return joined(names, ", ");
}

std::string outcome_text(const proposal_info& p) {
    return p.outcome ? std::string(to_string(*p.outcome)) : std::string();
}

// Tables and Markdown, being for people, show the columns that tell proposals
// apart; JSON and CSV have every column.
table people_view(const table& full) {
    static const std::vector<std::string> keep = {
        "id", "code", "title", "status", "outcome", "rule", "voters", "ballots", "closes_at"};
    table t;
    std::vector<std::size_t> cols;
    for (std::size_t i = 0; i < full.columns.size(); ++i)
        if (std::find(keep.begin(), keep.end(), full.columns[i].key) != keep.end()) {
            cols.push_back(i);
            t.columns.push_back(full.columns[i]);
        }
    for (const auto& row : full.rows) {
        t.rows.emplace_back();
        for (auto i : cols) t.rows.back().push_back(row[i]);
    }
    return t;
}

table list_table(const std::vector<proposal_info>& ps) {
    table t;
    t.columns = {{"id", tr("Id"), align::right},
                 {"code", tr("Code")},
                 {"title", tr("Title")},
                 {"status", tr("Status")},
                 {"outcome", tr("Outcome")},
                 {"method", tr("Method")},
                 {"rule", tr("Rule")},
                 {"electorate", tr("Electorate")},
                 {"voters", tr("Voters"), align::right},
                 {"ballots", tr("Ballots"), align::right},
                 instant_column("opened_at", tr("Opened")),
                 instant_column("closes_at", tr("Closes")),
                 instant_column("closed_at", tr("Closed"))};
    for (const auto& p : ps) {
        std::string outcome = outcome_text(p);
        t.rows.push_back(
            {p.id, p.code.empty() ? cell() : cell(p.code), p.title,
             std::string(to_string(p.status)), outcome.empty() ? cell() : cell(outcome),
             std::string(to_string(p.method)), p.rule_name, p.electorate_text, p.voters, p.ballots,
             opt_cell(p.opened_at), opt_cell(p.closes_at), opt_cell(p.closed_at)});
    }
    return t;
}

// One proposal: every field, as one row for json/csv and as field/value
// lines for people.
void print_show(session& s, const proposal_info& p, output_format format) {
    std::string outcome = outcome_text(p);
    std::vector<record_field> fields = {
        {"id", tr("Id"), p.id},
        {"code", tr("Code"), p.code.empty() ? cell() : cell(p.code)},
        {"title", tr("Title"), p.title},
        {"text", tr("Text"), p.text},
        {"status", tr("Status"), std::string(to_string(p.status))},
        {"outcome", tr("Outcome"), outcome.empty() ? cell() : cell(outcome)},
        {"method", tr("Method"), std::string(to_string(p.method))},
        {"options", tr("Options"), joined(p.options, ", ")},
        {"rule", tr("Rule"), p.rule_name},
        {"rule_json", tr("Rule (JSON)"), p.rule_json},
        {"electorate", tr("Electorate"), p.electorate_text},
        {"revote", tr("Revote"), std::string(to_string(p.revote))},
        {"proposer", tr("Proposer"), p.proposer.empty() ? cell() : cell(p.proposer)},
        {"seconders", tr("Seconders"), joined(p.seconders, "; ")},
        {"issues", tr("Issues"), issues_text(p.issue_ids)},
        {"meeting", tr("Meeting"), p.meeting ? cell(*p.meeting) : cell()},
        {"created_at", tr("Created"), p.created_at},
        {"created_by", tr("Created by"), p.created_by},
        {"opened_at", tr("Opened"), opt_cell(p.opened_at)},
        {"closes_at", tr("Closes"), opt_cell(p.closes_at)},
        {"closed_at", tr("Closed"), opt_cell(p.closed_at)},
        {"withdrawn_at", tr("Withdrawn"), opt_cell(p.withdrawn_at)},
        {"withdraw_reason", tr("Withdrawn because"), p.withdraw_reason},
        {"voters", tr("Voters"), p.voters},
        {"ballots", tr("Ballots"), p.ballots},
    };
    s.print(record_table(s, fields, format), format);
}

void print_tally(session& s, const proposal_tally& t, const std::string& format) {
    if (format == "json") {
        s.out() << tally_result_json(t.result);
        return;
    }
    const proposal_info& p = t.proposal;
    if (t.final)
        s.out() << fmt::format(fmt::runtime(tr("Final result of proposal {}, closed at {}: {}\n")),
                               p.name(), s.local_time(p.closed_at.value_or("?")), outcome_text(p));
    else
        s.out() << fmt::format(
            fmt::runtime(tr("Provisional tally of proposal {} (open; {} of {} voters have voted)"
                            "\n")),
            p.name(), p.ballots, p.voters);
    s.out() << tr("Electorate: ") << p.electorate_text << "\n\n" << explain(t.result);
}

void register_new(CLI::App& grp, session& s) {
    struct opts {
        proposal_request req;
        std::string proposer, method = "yes-no", electorate, list, encoding = "auto", closes,
                              revote = "replace", rule_file;
        std::int64_t meeting = 0;
    };
    auto o = std::make_shared<opts>();
    auto* cmd = grp.add_subcommand("new", tr("make a draft proposal"));
    cmd->add_option("--title", o->req.title, tr("what is being decided"))->required();
    cmd->add_option("--text", o->req.text, tr("the full text of the proposal"));
    cmd->add_option("--code", o->req.code,
                    tr("a unique code, e.g. P2025-001 (paper ballots name it)"));
    cmd->add_option("--proposer", o->proposer, tr("the resident proposing (phone, id or name)"));
    cmd->add_option("--seconder", o->req.seconders, tr("a resident seconding; repeat or A,B"))
        ->delimiter(',');
    cmd->add_option("--issue", o->req.issues, tr("an issue this answers (id); repeat or 3,7"))
        ->delimiter(',');
    auto* meeting = cmd->add_option("--meeting", o->meeting, tr("the deciding meeting's id"));
    cmd->add_option("--method", o->method, tr("yes-no, approval, irv or schulze"))
        ->default_str("yes-no");
    cmd->add_option("--option", o->req.options,
                    tr("an option of an approval, irv or schulze vote; repeat or A,B,C"))
        ->delimiter(',');
    auto* rule = cmd->add_option(
        "--rule", o->req.rule,
        tr("the decision rule: simple-majority, two-thirds, majority-of-members, civil-code-278, "
           "civil-code-278-major, or a JSON rule object (docs/tally-format.md)"));
    cmd->add_option("--rule-file", o->rule_file, tr("a JSON file holding the rule"))
        ->excludes(rule);
    cmd->add_option("--electorate", o->electorate,
                    tr("who votes: residents, households, owners, leaders or list"))
        ->required();
    cmd->add_option("--buildings", o->req.electorate.buildings,
                    tr("only these buildings, e.g. 12,13 or 幸福里/12"))
        ->delimiter(',');
    cmd->add_option("--compounds", o->req.electorate.compounds, tr("only these compounds"))
        ->delimiter(',');
    cmd->add_option("--list", o->list,
                    tr("--electorate list: a CSV with a 居民 (resident) or 房号 (room) column"));
    cmd->add_option("--encoding", o->encoding, tr("the list file's encoding: auto, utf-8, gb18030"))
        ->default_str("auto");
    cmd->add_option("--closes", o->closes, tr("deadline for ballots (local time or ISO-8601)"));
    cmd->add_option("--revote", o->revote,
                    tr("a second ballot from a voter: replace the first, or refuse it"))
        ->default_str("replace");
    cmd->footer(
        tr("Defaults: an owners' yes-no vote uses civil-code-278, any other yes-no vote "
           "simple-majority.\nExamples:\n"
           "  gov proposal new --code P2025-001 --title 更换物业公司 --electorate owners "
           "--rule civil-code-278\n"
           "  gov proposal new --title 选楼长代表 --method irv --option 张三,李四,王五 "
           "--electorate households --buildings 12"));
    cmd->callback([o, meeting, &s] {
        proposal_request req = o->req;
        if (!o->proposer.empty()) req.proposer = o->proposer;
        if (meeting->count() > 0) req.meeting = o->meeting;
        req.method = parse_tally_method(o->method);
        req.electorate.kind = parse_electorate_kind(o->electorate);
        req.electorate.list_file = o->list;
        req.electorate.list_encoding = parse_encoding_name(o->encoding);
        req.closes_at = optional_time_option(s, "--closes", o->closes);
        req.revote = parse_revote_policy(o->revote);
        if (!o->rule_file.empty()) {
            std::ifstream in(o->rule_file, std::ios::binary);
            if (!in)
                throw input_error(
                    fmt::format(fmt::runtime(tr("{}: cannot read the rule file")), o->rule_file));
            req.rule.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        std::int64_t id = create_proposal(s.ctx(), req);
        proposal_info p = get_proposal(s.ctx(), std::to_string(id));
        s.out() << fmt::format(fmt::runtime(tr("made draft proposal {}{}: {}; rule {}; "
                                               "electorate: {}\n")),
                               p.name(), p.code.empty() ? "" : fmt::format(" (#{})", p.id), p.title,
                               p.rule_name, p.electorate_text);
    });
}

void register_reads(CLI::App& grp, session& s) {
    struct list_opts {
        std::string status, format = "table";
    };
    auto lo = std::make_shared<list_opts>();
    auto* list = grp.add_subcommand("list", tr("list proposals, newest first"));
    list->add_option("--status", lo->status, tr("only draft, open, closed or withdrawn ones"));
    format_option(*list, lo->format, listing_formats);
    list->footer(tr("Example: gov proposal list --status open --format json"));
    list->callback([lo, &s] {
        auto format = parse_output_format(lo->format);
        proposal_filter f;
        if (!lo->status.empty()) f.status = parse_proposal_status(lo->status);
        table t = list_table(list_proposals(s.ctx(), f));
        bool people = format == output_format::table || format == output_format::markdown;
        s.print(people ? people_view(t) : t, format);
    });

    struct show_opts {
        std::string ref, format = "table";
    };
    auto so = std::make_shared<show_opts>();
    auto* show = grp.add_subcommand("show", tr("show one proposal"));
    show->add_option("proposal", so->ref, tr("its code, id or #id"))->required();
    format_option(*show, so->format, listing_formats);
    show->footer(tr("Example: gov proposal show P2025-001"));
    show->callback([so, &s] {
        auto format = parse_output_format(so->format);
        print_show(s, get_proposal(s.ctx(), so->ref), format);
    });

    struct tally_opts {
        std::string ref, format = "text";
    };
    auto to = std::make_shared<tally_opts>();
    auto* tally = grp.add_subcommand(
        "tally", tr("count the ballots: by head and by area, every condition, the outcome"));
    tally->add_option("proposal", to->ref, tr("its code, id or #id"))->required();
    format_option(*tally, to->format, result_formats);
    tally->footer(
        tr("An open proposal is counted now (provisional); a closed one shows its stored "
           "result.\nExample: gov proposal tally P2025-001 --format json"));
    tally->callback([to, &s] {
        const std::string& format = to->format;
        print_tally(s, tally_proposal(s.ctx(), to->ref), format);
    });
}

void register_steps(CLI::App& grp, session& s) {
    struct open_opts {
        std::string ref, closes;
    };
    auto oo = std::make_shared<open_opts>();
    auto* open = grp.add_subcommand(
        "open", tr("open a draft for ballots, freezing its electorate from the roster now"));
    open->add_option("proposal", oo->ref, tr("its code, id or #id"))->required();
    open->add_option("--closes", oo->closes, tr("deadline for ballots (local time or ISO-8601)"));
    open->footer(tr("Example: gov proposal open P2025-001 --closes 2026-12-10T18:00"));
    open->callback([oo, &s] {
        proposal_info p =
            open_proposal(s.ctx(), oo->ref, optional_time_option(s, "--closes", oo->closes));
        s.out() << fmt::format(fmt::runtime(tr("opened proposal {}: {} voter(s), {}{}\n")),
                               p.name(), p.voters, p.electorate_text,
                               p.closes_at ? fmt::format(fmt::runtime(tr("; ballots until {}")),
                                                         s.local_time(*p.closes_at))
                                           : std::string());
    });

    struct close_opts {
        std::string ref, format = "text";
    };
    auto co = std::make_shared<close_opts>();
    auto* close = grp.add_subcommand(
        "close", tr("close an open proposal: tally it and store the result for good"));
    close->add_option("proposal", co->ref, tr("its code, id or #id"))->required();
    format_option(*close, co->format, result_formats);
    close->footer(tr("Example: gov proposal close P2025-001"));
    close->callback([co, &s] {
        const std::string& format = co->format;
        print_tally(s, close_proposal(s.ctx(), co->ref), format);
    });

    struct withdraw_opts {
        std::string ref, reason;
    };
    auto wo = std::make_shared<withdraw_opts>();
    auto* withdraw =
        grp.add_subcommand("withdraw", tr("withdraw a draft or open proposal (never counted)"));
    withdraw->add_option("proposal", wo->ref, tr("its code, id or #id"))->required();
    withdraw->add_option("--reason", wo->reason, tr("why it is withdrawn"));
    withdraw->footer(tr("Example: gov proposal withdraw P2025-001 --reason 提案人撤回"));
    withdraw->callback([wo, &s] {
        proposal_info p = withdraw_proposal(s.ctx(), wo->ref, wo->reason);
        s.out() << fmt::format(fmt::runtime(tr("withdrew proposal {}\n")), p.name());
    });

    struct export_opts {
        std::string ref, output;
        bool reveal = false;
    };
    auto eo = std::make_shared<export_opts>();
    auto* exp = grp.add_subcommand(
        "export-ballots", tr("write the vote file `gov tally` re-checks (voters pseudonymised)"));
    exp->add_option("proposal", eo->ref, tr("its code, id or #id"))->required();
    exp->add_option("-o,--output", eo->output,
                    tr("write to FILE (must not exist) instead of stdout"));
    exp->add_flag(
        "--reveal-pii", eo->reveal,
        tr("name voters by room or name instead of v1, v2, … (recorded in the audit log)"));
    exp->footer(
        tr("Example: gov proposal export-ballots P2025-001 -o P2025-001.json && gov tally "
           "P2025-001.json"));
    exp->callback([eo, &s] {
        ballot_export_options opts;
        opts.reveal_pii = eo->reveal;
        if (eo->output.empty()) {
            export_ballots(s.ctx(), eo->ref, s.out(), opts);
            return;
        }
        // Resolve the proposal before creating the file, so a typo leaves no empty file.
        proposal_info p = get_proposal(s.ctx(), eo->ref);
        private_output_file out(eo->output);
        export_ballots(s.ctx(), std::to_string(p.id), out.stream(), opts);
        out.commit();
    });
}

}  // namespace

void register_proposal(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("proposal",
                                   tr("proposals put to a vote: make, open, tally, close, export"));
    grp->require_subcommand(1);
    register_new(*grp, s);
    register_reads(*grp, s);
    register_steps(*grp, s);
}

}  // namespace gov::cli
