// gov export DIR | gov import DIR: every record as JSON Lines text for
// version control, and a database rebuilt from it.
#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "gov/reports/records_export.hpp"
#include "gov/store/audit.hpp"
#include "gov/store/context.hpp"
#include "gov/store/store.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "progress.hpp"

namespace gov::cli {
namespace {

std::int64_t total_rows(const records_result& r) {
    std::int64_t n = 0;
    for (const auto& t : r.tables) n += t.rows;
    return n;
}

void add_export(CLI::App& app, session& s) {
    auto dir = std::make_shared<std::string>();
    auto* exp = app.add_subcommand(
        "export", tr("write every record as sorted JSON Lines text, one file per table"));
    exp->add_option("DIR", *dir, tr("folder to write (missing, empty or an earlier export)"))
        ->required();
    exp->footer(
        tr("The folder gets manifest.json and <table>.jsonl for every table; nothing in it "
           "depends on when the export ran, so it diffs well in git.\n"
           "Example: gov export records && git add records"));
    exp->callback([dir, &s] {
        auto& ctx = s.ctx();
        progress_meter progress(fmt::format(fmt::runtime(tr("writing {}")), *dir),
                                progress_meter::unit::rows);
        records_options options;
        options.progress = progress.callback();
        records_result r = export_records(ctx.db(), *dir, options);
        progress.done();
        s.out() << fmt::format(fmt::runtime(tr("exported {} tables, {} rows to {}\n")),
                               r.tables.size(), total_rows(r), *dir);
    });
}

void add_import(CLI::App& app, session& s) {
    auto from = std::make_shared<std::string>();
    auto* imp = app.add_subcommand("import",
                                   tr("rebuild the database from a folder written by gov export"));
    imp->add_option("DIR", *from, tr("folder written by gov export"))->required();
    imp->footer(
        tr("Creates the database named in gov.toml, or fills one that gov init made with "
           "nothing recorded since (the records bring their own community.init); all or "
           "nothing: foreign keys and the audit chain are checked before anything is kept.\n"
           "Example: gov import records && gov report summary"));
    imp->callback([from, &s] {
        const config& cfg = s.cfg();
        store_options options;
        options.busy_timeout = cfg.busy_timeout;
        progress_meter progress(fmt::format(fmt::runtime(tr("reading {}")), *from),
                                progress_meter::unit::rows);
        records_options records;
        records.progress = progress.callback();
        records_restored done = restore_records(cfg.database, *from, options, records);
        progress.done();
        const records_result& r = done.records;
        s.out() << fmt::format(
            fmt::runtime(tr("imported {} tables, {} rows into {}; audit log intact: {} events\n")),
            r.tables.size(), total_rows(r), cfg.database.string(), done.audit_events);
        if (r.schema_version < store::latest_schema_version())
            s.out() << fmt::format(
                fmt::runtime(
                    tr("the records were at schema level {}; the database is now at {}\n")),
                r.schema_version, store::latest_schema_version());
    });
}

}  // namespace

void register_export(CLI::App& app, session& s) {
    add_export(app, s);
    add_import(app, s);
}

}  // namespace gov::cli
