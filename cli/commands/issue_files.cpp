// gov issue import FILE | export
#include <optional>

#include <fmt/format.h>

#include "commands.hpp"
#include "gov/issues/issue_import.hpp"
#include "gov/text/output_file.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issue_commands.hpp"
#include "progress.hpp"

namespace gov::cli {

namespace {

void add_issue_import(CLI::App& grp, session& s) {
    struct import_opts {
        std::string file, file_format, encoding, format = "text";  // format: --report
        bool dry_run = false, again = false, strict = false;
    };
    auto o = std::make_shared<import_opts>();
    auto* cmd = grp.add_subcommand("import",
                                   tr("add issues from a CSV or JSON Lines file, all or nothing"));
    cmd->add_option("file", o->file, tr("the file (.csv, or .jsonl for JSON Lines)"))->required();
    format_option(*cmd, o->file_format,
                  {.words = {"csv", "jsonl"},
                   .default_word = "",
                   .help = tr("the file's format: csv or jsonl (default: by its extension)"),
                   .name = "--format",
                   .reads = true});
    cmd->add_option("--encoding", o->encoding, tr("CSV: auto, utf-8 or gb18030"))
        ->default_str("auto");
    cmd->add_flag("--dry-run", o->dry_run, tr("check every row; write nothing"));
    cmd->add_flag("--again", o->again, tr("import a file that was imported before"));
    cmd->add_flag("--strict", o->strict,
                  tr("CSV: refuse a file with a column gov does not read (default: a "
                     "warning)"));
    format_option(*cmd, o->format,
                  {.words = {"text", "json"},
                   .default_word = "text",
                   .help = tr("text or json: how to report the result"),
                   .name = "--report",
                   .reads = false});
    cmd->footer(
        tr("CSV headers come from [issues.columns]; by default\n"
           "标题,类别,楼栋,提出人电话,状态,优先级,创建日期,解决日期 (+ optional columns).\n"
           "Examples: gov issue import issues.csv --dry-run\n"
           "          gov issue import issues.jsonl"));
    cmd->callback([o, &s] {
        bool json = o->format == "json";
        issue_import_options opts;
        opts.file = o->file;
        opts.format = o->file_format;
        opts.encoding = o->encoding;
        opts.dry_run = o->dry_run;
        opts.allow_reimport = o->again;
        opts.strict = o->strict;
        auto& ctx = s.ctx();
        progress_meter progress(fmt::format(fmt::runtime(tr("reading {}")), o->file),
                                progress_meter::unit::bytes);
        opts.progress = progress.callback();
        issue_import_result r = import_issues(ctx, opts);
        progress.done();
        for (const auto& w : r.warnings) s.err() << "gov: warning: " << w << "\n";
        if (json) {
            s.out() << render_json(r);
        } else if (r.problems.empty()) {
            if (o->dry_run)
                s.out() << fmt::format(
                    fmt::runtime(tr("{}: {} rows, all valid ({} {}); dry run: nothing was "
                                    "written\n")),
                    r.file, r.rows, r.format, r.encoding);
            else if (r.committed)
                s.out() << fmt::format(
                    fmt::runtime(tr("{}: {} rows: imported issues #{} to #{} ({} {})\n")), r.file,
                    r.rows, r.first_id, r.last_id, r.format, r.encoding);
            else
                s.out() << fmt::format(fmt::runtime(tr("{}: no rows; nothing imported\n")), r.file);
        }
        if (!r.problems.empty())
            throw input_error(
                fmt::format(fmt::runtime(tr("{}: {} of {} rows are invalid; nothing was "
                                            "imported")),
                            r.file, r.invalid, r.rows),
                problem_messages(r));
    });
}

void add_issue_export(CLI::App& grp, session& s) {
    struct export_opts {
        std::string format = "csv", output;
        bool reveal = false, no_bom = false;
    };
    auto o = std::make_shared<export_opts>();
    auto* cmd = grp.add_subcommand("export",
                                   tr("write every issue in the columns `gov issue import` reads"));
    format_option(*cmd, o->format, {{"csv", "jsonl"}, "csv"});
    cmd->add_option("-o,--output", o->output,
                    tr("write to this new file (mode 0600) instead of stdout"));
    cmd->add_flag("--reveal-pii", o->reveal,
                  tr("write phones unmasked, so the file imports again (audited)"));
    cmd->add_flag("--no-bom", o->no_bom,
                  tr("CSV without the UTF-8 byte order mark spreadsheets need (for scripts)"));
    cmd->footer(tr("Example: gov issue export --reveal-pii -o issues-2026-11.csv"));
    cmd->callback([o, &s] {
        issue_export_options opts;
        opts.format = o->format == "jsonl" ? issue_file_format::jsonl : issue_file_format::csv;
        opts.reveal_pii = o->reveal;
        opts.bom = !o->no_bom;
        auto& ctx = s.ctx();
        // The file first: an existing one is refused before anything is revealed.
        std::optional<private_output_file> file;
        if (!o->output.empty()) file.emplace(o->output);
        // Not over the rows themselves, when they go to the terminal.
        progress_meter progress(tr("writing issues"), progress_meter::unit::rows,
                                file.has_value() || !s.out_is_terminal());
        opts.progress = progress.callback();
        std::uint64_t n = export_issues(ctx, file ? file->stream() : s.out(), opts);
        progress.done();
        if (file) {
            file->commit();
            s.out() << fmt::format(fmt::runtime(tr("exported {} issues to {}\n")), n, o->output);
        }
    });
}

}  // namespace

void register_issue_files(CLI::App& grp, session& s) {
    add_issue_import(grp, s);
    add_issue_export(grp, s);
}

}  // namespace gov::cli
