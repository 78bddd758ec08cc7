// gov roster import FILE [--dry-run] [--sync] [--skip-invalid] [--errors FILE] …
#include <fstream>

#include <fmt/format.h>

#include "commands.hpp"
#include "dates.hpp"
#include "gov/roster/roster_import.hpp"
#include "gov/text/csv_writer.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "huge_pages.hpp"
#include "progress.hpp"

namespace gov::cli {
namespace {

struct import_opts {
    std::string file, encoding, errors, moved_out_on, format = "text";
    bool dry_run = false, skip_invalid = false, sync = false, strict = false, no_bom = false;
    std::size_t examples = 5;
};

void write_errors(const std::string& path, const roster_import_result& r, bool bom) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw usage_error(fmt::format(fmt::runtime(tr("--errors: cannot write {}")), path));
    if (bom) out << byte_order_mark;
    csv_writer w(out);
    w.write_row({"file", "line", "column", "reason"});
    for (const auto& p : r.problems)
        w.write_row({r.file, std::to_string(p.line), p.column, p.reason});
}

std::string summary(const roster_import_result& r) {
    return fmt::format(
        fmt::runtime(
            tr("{}: {} rows: {} new, {} updated, {} unchanged, {} moved out, {} invalid ({})")),
        r.file, r.rows, r.added, r.updated, r.unchanged, r.moved_out, r.invalid, r.encoding);
}

void print_examples(std::ostream& out, const char* title, const std::vector<roster_example>& v) {
    if (v.empty()) return;
    out << "  " << title << ":\n";
    for (const auto& e : v) {
        std::string where =
            e.line ? fmt::format("line {}", e.line) : std::string(tr("not in the file"));
        out << fmt::format("    {}: {} {}{}\n", where, e.name, e.room,
                           e.detail.empty() ? "" : " (" + e.detail + ")");
    }
}

}  // namespace

void register_roster_import(CLI::App& app, session& s) {
    CLI::App* roster = nullptr;
    try {
        roster = app.get_subcommand("roster");
    } catch (const CLI::OptionNotFound&) {
        roster = app.add_subcommand("roster", tr("the resident roster"));
        roster->require_subcommand(1);
    }
    auto o = std::make_shared<import_opts>();
    auto* cmd = roster->add_subcommand(
        "import", tr("check a roster CSV and merge it with the stored roster"));
    cmd->add_option("file", o->file, tr("the roster CSV (UTF-8 with or without BOM, or GB18030)"))
        ->required();
    cmd->add_option("--encoding", o->encoding,
                    tr("auto, utf-8 or gb18030 (default: [roster] encoding)"));
    cmd->add_flag("--dry-run", o->dry_run, tr("show what would happen; write nothing"));
    cmd->add_flag("--skip-invalid", o->skip_invalid,
                  tr("import the valid rows and report the others"));
    cmd->add_flag("--sync", o->sync,
                  tr("mark residents of the covered buildings missing from the file as moved out"));
    cmd->add_option("--moved-out-on", o->moved_out_on,
                    tr("the moved-out date --sync records (default: today)"));
    cmd->add_option("--errors", o->errors,
                    tr("also write the problems as CSV to this file (for Excel)"));
    cmd->add_flag("--no-bom", o->no_bom,
                  tr("write the --errors CSV without the UTF-8 byte order mark (for scripts)"));
    cmd->add_flag("--strict", o->strict,
                  tr("refuse a file with a column gov does not read (default: a warning)"));
    cmd->add_option("--examples", o->examples,
                    tr("rows of each kind shown by --dry-run (default 5)"));
    format_option(*cmd, o->format, result_formats);
    cmd->footer(
        tr("Examples:\n  gov roster import 2026秋季花名册.csv --dry-run\n"
           "  gov roster import roster.csv --sync --errors problems.csv"));
    cmd->callback([o, &s] {
        roster_import_options opts;
        opts.file = o->file;
        opts.encoding = o->encoding;
        opts.dry_run = o->dry_run;
        opts.skip_invalid = o->skip_invalid;
        opts.sync = o->sync;
        opts.examples = o->examples;
        opts.strict = o->strict;
        opts.moved_out_on = optional_date_option("--moved-out-on", o->moved_out_on);
        auto& ctx = s.ctx();
        progress_meter progress(fmt::format(fmt::runtime(tr("reading {}")), o->file),
                                progress_meter::unit::bytes);
        opts.progress = progress.callback();
        opts.memory_freed = return_free_memory;  // the tool's memory policy, not the library's
        roster_import_result r = import_roster(ctx, opts);
        progress.done();
        for (const auto& w : r.warnings) s.err() << "gov: warning: " << w << "\n";
        if (!o->errors.empty()) write_errors(o->errors, r, !o->no_bom);
        bool refused = r.invalid > 0 && !o->skip_invalid;
        if (o->format == "json") {
            s.out() << render_json(r);
        } else {
            if (o->dry_run) s.out() << tr("dry run: nothing was written") << "\n";
            s.out() << summary(r) << "\n";
            if (o->dry_run) {
                print_examples(s.out(), tr("new"), r.new_examples);
                print_examples(s.out(), tr("updated"), r.updated_examples);
                print_examples(s.out(), tr("moving out"), r.moved_out_examples);
                print_examples(s.out(), tr("unchanged"), r.unchanged_examples);
            } else if (!refused && !r.committed) {
                s.out() << tr("nothing to change") << "\n";
            }
        }
        auto messages = problem_messages(r);
        if (refused)
            throw input_error(
                fmt::format(fmt::runtime(tr("{}: {} invalid rows; nothing was imported "
                                            "(fix them, or use --skip-invalid)")),
                            r.file, r.invalid),
                messages);
        for (const auto& m : messages) s.err() << "gov: warning: " << m << "\n";
    });
}

}  // namespace gov::cli
