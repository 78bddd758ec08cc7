#pragma once
// Private to libgov: the numbered schema migrations embedded in the library.

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

// Record modules that add tables declare their schema text here, one
// function per migration, defined in libgov/src/schema_<module>.cpp.

/// Migration 3: issues, tags, comments, history.
const char* schema_issues();

/// Migration 4: proposals, frozen electorates, ballots.
const char* schema_proposals();

/// Migration 5: meetings, attendance, agenda items and minutes, action items.
const char* schema_meetings();

/// Migration 6: projects, partners, funding, milestones, deliverables, links, updates.
const char* schema_projects();

/// The highest schema level this binary knows.
int latest_migration();

/// Applies migrations current+1 .. target, each in its own transaction that
/// also sets PRAGMA user_version, so a failure leaves the last good level.
void migrate(SQLite::Database& db, int target);

}  // namespace gov::detail
