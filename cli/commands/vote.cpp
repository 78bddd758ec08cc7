// gov vote cast | import
#include <fmt/format.h>

#include "commands.hpp"
#include "gov/text/encoding.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/voting/vote.hpp"
#include "progress.hpp"

namespace gov::cli {

namespace {

void register_cast(CLI::App& grp, session& s) {
    struct opts {
        std::string proposal, voter, proxy_for, choice, rank, channel = "paper";
        std::vector<std::string> approve;
    };
    auto o = std::make_shared<opts>();
    auto* cmd = grp.add_subcommand("cast", tr("record one ballot"));
    cmd->add_option("proposal", o->proposal, tr("the proposal: its code, id or #id"))->required();
    cmd->add_option("--voter", o->voter,
                    tr("who votes: a room (12-3-1502) or resident (phone, id, unique name), as "
                       "the electorate counts voters; with --proxy-for, the person casting"))
        ->required();
    auto* proxy =
        cmd->add_option("--proxy-for", o->proxy_for, tr("the voter a proxy casts this ballot for"));
    auto* choice = cmd->add_option("--choice", o->choice,
                                   tr("同意|反对|弃权 or yes|no|abstain; 无效|废票 "
                                      "(invalid|spoiled) for a ballot that does not count"));
    auto* approve = cmd->add_option("--approve", o->approve,
                                    tr("approval votes: the options approved, e.g. A,B"))
                        ->delimiter(',');
    auto* rank = cmd->add_option(
        "--rank", o->rank,
        tr("ranked votes: options best first, e.g. B,A,C; '=' ties options (schulze): B,A=C"));
    choice->excludes(approve)->excludes(rank);
    approve->excludes(rank);
    cmd->add_option("--channel", o->channel, tr("how it arrived: paper, meeting or online"))
        ->default_str("paper");
    cmd->footer(
        tr("Examples:\n  gov vote cast P2025-001 --voter 12-3-1502 --choice 同意\n"
           "  gov vote cast 4 --voter 13800001234 --rank B,A,C --channel meeting\n"
           "  gov vote cast P2025-001 --voter 13800001234 --proxy-for 12-3-1502 --choice 反对"));
    cmd->callback([o, proxy, choice, approve, rank, &s] {
        ballot_request req;
        req.proposal = o->proposal;
        req.voter = o->voter;
        if (proxy->count() > 0) req.proxy_for = o->proxy_for;
        if (choice->count() > 0) req.choice = o->choice;
        if (approve->count() > 0) req.approve = o->approve;
        if (rank->count() > 0) req.ranking = parse_ranking(o->rank);
        if (!req.choice && !req.approve && !req.ranking)
            throw usage_error(tr("give the ballot: --choice, --approve or --rank"));
        req.channel = parse_ballot_channel(o->channel);
        cast_result r = cast_ballot(s.ctx(), req);
        s.out() << fmt::format(fmt::runtime(r.replaced ? tr("replaced the ballot of {} on {}\n")
                                                       : tr("recorded the ballot of {} on {}\n")),
                               r.voter, r.proposal);
    });
}

void register_import(CLI::App& grp, session& s) {
    struct opts {
        std::vector<std::string> args;
        bool all = false, strict = false;
        std::string encoding = "auto", channel = "paper";
        ballot_import_request req;
    };
    auto o = std::make_shared<opts>();
    auto* cmd = grp.add_subcommand(
        "import",
        tr("import a file of paper ballots, all or nothing (PROPOSAL FILE, or --all FILE)"));
    cmd->add_option("args", o->args, tr("PROPOSAL FILE, or FILE with --all"))
        ->required()
        ->expected(1, 2);
    cmd->add_flag("--all", o->all,
                  tr("import the rows of every proposal named in the proposal column"));
    cmd->add_option("--encoding", o->encoding, tr("the file's encoding: auto, utf-8 or gb18030"))
        ->default_str("auto");
    cmd->add_option("--channel", o->channel, tr("how the ballots arrived: paper, meeting, online"))
        ->default_str("paper");
    cmd->add_option("--proposal-column", o->req.proposal_column,
                    tr("header of the proposal column (may be absent when PROPOSAL is given)"))
        ->default_str("提案编号");
    cmd->add_option("--voter-column", o->req.voter_column, tr("header of the voter column"))
        ->default_str("房号");
    cmd->add_option("--choice-column", o->req.choice_column, tr("header of the choice column"))
        ->default_str("意见");
    cmd->add_flag("--strict", o->strict,
                  tr("refuse a file with a column gov does not read (default: a warning)"));
    cmd->footer(
        tr("The file has a header row; by default 提案编号,房号,意见 with rooms as "
           "BUILDING-UNIT-ROOM\nand choices 同意/反对/弃权. Every problem is listed as "
           "file:line: column: reason, and then\nnothing is imported (exit 4).\n"
           "Examples:\n  gov vote import P2025-001 ballots.csv\n  gov vote import --all "
           "ballots.csv"));
    cmd->callback([o, &s] {
        ballot_import_request req = o->req;
        if (o->all) {
            if (o->args.size() != 1)
                throw usage_error(
                    tr("with --all, give only the FILE: the proposal column says "
                       "which proposal each row is for"));
            req.all = true;
            req.file = o->args[0];
        } else {
            if (o->args.size() != 2)
                throw usage_error(tr("give the PROPOSAL and the FILE (or --all FILE)"));
            req.proposal = o->args[0];
            req.file = o->args[1];
        }
        req.encoding = parse_encoding_name(o->encoding);
        req.channel = parse_ballot_channel(o->channel);
        req.strict = o->strict;
        auto& ctx = s.ctx();
        progress_meter progress(fmt::format(fmt::runtime(tr("reading {}")), req.file.string()),
                                progress_meter::unit::bytes);
        req.progress = progress.callback();
        ballot_import_result r = import_ballots(ctx, req);
        progress.done();
        for (const auto& w : r.warnings) s.err() << "gov: warning: " << w << "\n";
        if (r.proposals.empty())
            s.out() << fmt::format(fmt::runtime(tr("{}: no ballots in the file; nothing "
                                                   "imported\n")),
                                   req.file.filename().string());
        for (const auto& c : r.proposals)
            s.out() << fmt::format(
                fmt::runtime(tr("{}: imported {} ballot(s) ({} new, {} replacing earlier ones) "
                                "from {}\n")),
                c.proposal, c.added + c.replaced, c.added, c.replaced,
                req.file.filename().string());
        s.out() << fmt::format(fmt::runtime(tr("file sha256 {}\n")), r.sha256);
    });
}

}  // namespace

void register_vote(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("vote", tr("cast and import ballots on open proposals"));
    grp->require_subcommand(1);
    register_cast(*grp, s);
    register_import(*grp, s);
}

}  // namespace gov::cli
