#pragma once
// Private to libgov's store: the schema migrations, one file per level under
// libgov/src/store/migrations/, each returning that level's SQL exactly as it
// shipped. migrations.cpp puts them in order; nothing else includes this.

namespace gov::detail::migration {

/// Level 1: metadata and the hash-chained audit log.
const char* m0001_foundation();

/// Level 2: the roster, partner parties, the party organisation, roster imports.
const char* m0002_roster();

/// Level 3: issues, tags, comments, history.
const char* m0003_issues();

/// Level 4: proposals, frozen electorates, ballots.
const char* m0004_proposals();

/// Level 5: meetings, attendance, agenda items and minutes, action items.
const char* m0005_meetings();

/// Level 6: projects, partners, funding, milestones, deliverables, links, updates.
const char* m0006_projects();

/// Level 7: owner idents unique through a named index (the owner table rebuilt).
const char* m0007_owner_ident_index();

/// Level 8: the phone index covers active and birth year; issue_category_due dropped.
const char* m0008_phone_index();

/// Level 9: the phone directory kept between imports, and its triggers.
const char* m0009_phone_directory();

}  // namespace gov::detail::migration
