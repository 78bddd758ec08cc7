#include "store/migrations.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "store/migrations/steps.hpp"

namespace gov::detail {
namespace {

// Forward-only: level N is entry N-1, and a database at level N has run
// entries 0 .. N-1. Each level's SQL is in its own file,
// libgov/src/store/migrations/m<NNNN>_<what>.cpp, with why it was made; a
// shipped one is never edited (databases in use ran it as it was), so a
// change to the schema is a new file and a new entry at the end.
const std::vector<const char*>& migrations() {
    using namespace migration;
    static const std::vector<const char*> m = {
        m0001_foundation(),         // level 1
        m0002_roster(),             // level 2
        m0003_issues(),             // level 3
        m0004_proposals(),          // level 4
        m0005_meetings(),           // level 5
        m0006_projects(),           // level 6
        m0007_owner_ident_index(),  // level 7
        m0008_phone_index(),        // level 8
        m0009_phone_directory(),    // level 9
    };
    return m;
}

}  // namespace

int latest_migration() {
    return static_cast<int>(migrations().size());
}

void migrate(SQLite::Database& db, int target) {
    int current = db.execAndGet("PRAGMA user_version").getInt();
    if (current >= target) return;
    // A migration that rebuilds a table drops the old one, which foreign keys
    // referring to it forbid; SQLite's procedure for it (lang_altertable.html,
    // "other kinds of table schema changes") turns them off around the
    // transaction and checks every reference before committing. The pragma
    // is a no-op inside a transaction, so it is set here, outside.
    const bool foreign_keys = db.execAndGet("PRAGMA foreign_keys").getInt() != 0;
    if (foreign_keys) db.exec("PRAGMA foreign_keys = OFF");
    try {
        for (int level = current + 1; level <= target; ++level) {
            SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
            db.exec(migrations().at(static_cast<std::size_t>(level - 1)));
            SQLite::Statement check(db, "PRAGMA foreign_key_check");
            if (check.executeStep())
                throw internal_error(fmt::format(
                    "migration {} leaves a row of {} referring to a missing row of {}", level,
                    check.getColumn(0).getString(), check.getColumn(2).getString()));
            db.exec(fmt::format("PRAGMA user_version = {}", level));
            tx.commit();
        }
    } catch (...) {
        if (foreign_keys) db.exec("PRAGMA foreign_keys = ON");
        throw;
    }
    if (foreign_keys) db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace gov::detail
