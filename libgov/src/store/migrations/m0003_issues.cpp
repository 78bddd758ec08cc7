// Migration 3: issue tracking — issues, their tags, comments and the history
// of every change. The rules (categories, deadlines, the status workflow) live
// in gov.toml, so the schema stores the names as text and checks nothing the
// configuration may change; see libgov/src/issues/ for the rules.
// Shipped: never edit this text; a change to the schema is a new level.
#include "store/migrations/steps.hpp"

namespace gov::detail::migration {

const char* m0003_issues() {
    return R"sql(
-- One thing a resident raised. Category, severity, priority and status are
-- stored as the configured names (gov.toml may rename or add them later;
-- stored issues keep what they were given). Times are UTC
-- "YYYY-MM-DDTHH:MM:SSZ"; `due` is a local calendar date "YYYY-MM-DD".
CREATE TABLE issue (
    id                   INTEGER PRIMARY KEY,
    title                TEXT NOT NULL CHECK (title <> ''),
    description          TEXT NOT NULL DEFAULT '',
    category             TEXT NOT NULL,
    severity             TEXT NOT NULL DEFAULT '',        -- '' = not classified
    priority             TEXT NOT NULL,
    status               TEXT NOT NULL,
    building_id          INTEGER REFERENCES building(id),
    unit_id              INTEGER REFERENCES unit(id),
    household_id         INTEGER REFERENCES household(id),  -- when `room` names a stored room
    room                 TEXT NOT NULL DEFAULT '',        -- room or place, as given
    raised_by            INTEGER REFERENCES resident(id),
    -- The meeting where it was raised. A plain integer for now: meetings come
    -- in a later migration, which cannot add a foreign key to this column
    -- (SQLite has no ALTER … ADD CONSTRAINT), so the meeting module checks it.
    raised_at_meeting    INTEGER,
    assignee_party_id    INTEGER REFERENCES party(id),
    assignee_resident_id INTEGER REFERENCES resident(id),
    due                  TEXT,
    due_explicit         INTEGER NOT NULL DEFAULT 0 CHECK (due_explicit IN (0, 1)),
    resolution           TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    resolved_at          TEXT,
    closed_at            TEXT,
    CHECK (assignee_party_id IS NULL OR assignee_resident_id IS NULL)
) STRICT;
-- `issue list --status S --building B` and `--overdue --category C`. Other
-- filters scan (200k issues in tens of milliseconds); every index slows bulk
-- imports, so there are no more than these.
CREATE INDEX issue_building_status ON issue(building_id, status);
CREATE INDEX issue_category_due ON issue(category, due);

CREATE TABLE issue_tag (
    issue_id INTEGER NOT NULL REFERENCES issue(id),
    tag      TEXT NOT NULL CHECK (tag <> ''),
    PRIMARY KEY (issue_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX issue_tag_tag ON issue_tag(tag);

CREATE TABLE issue_comment (
    id       INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issue(id),
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    body     TEXT NOT NULL CHECK (body <> '')
) STRICT;
CREATE INDEX issue_comment_issue ON issue_comment(issue_id);

-- Every change to an issue after it was made, one row per field, values as
-- people read them at the time (names, not ids): who, when, from, to.
CREATE TABLE issue_history (
    id         INTEGER PRIMARY KEY,
    issue_id   INTEGER NOT NULL REFERENCES issue(id),
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    field      TEXT NOT NULL,
    from_value TEXT,
    to_value   TEXT
) STRICT;
CREATE INDEX issue_history_issue ON issue_history(issue_id);
)sql";
}

}  // namespace gov::detail::migration
