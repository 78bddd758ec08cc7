// gov db check | backup FILE
#include <fmt/format.h>

#include "commands.hpp"
#include "gov/store/audit.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {

void register_db(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("db", tr("look after the database file"));
    grp->require_subcommand(1);

    grp->add_subcommand("check",
                        tr("SQLite integrity check plus audit verify (exit 1 on a problem)"))
        ->callback([&s] {
            auto& db = s.ctx().db();
            std::vector<std::string> problems = db.integrity_check();
            auto v = verify_audit(db);
            if (!v.intact)
                problems.push_back(fmt::format(fmt::runtime(tr("audit log broken at event {}: {}")),
                                               *v.first_bad_seq, v.problem));
            if (!problems.empty())
                throw check_failed(fmt::format(fmt::runtime(tr("{}: {} problem(s) found")),
                                               db.path().string(), problems.size()),
                                   problems);
            s.out() << fmt::format(fmt::runtime(tr("{}: ok (schema level {}, {} audit events)\n")),
                                   db.path().string(), db.schema_version(), v.events);
        });

    auto dest = std::make_shared<std::string>();
    auto* backup = grp->add_subcommand(
        "backup", tr("copy the database through SQLite's online backup (safe while others write)"));
    backup->add_option("file", *dest, tr("where to write the copy (must not exist)"))->required();
    backup->footer(tr("Example: gov db backup backups/gov-2026-11.db"));
    backup->callback([dest, &s] {
        s.ctx().db().backup(*dest);
        s.out() << fmt::format(fmt::runtime(tr("backed up to {}\n")), *dest);
    });
}

}  // namespace gov::cli
