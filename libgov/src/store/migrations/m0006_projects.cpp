// Migration 6: projects — the practical projects for residents, with their
// partners, funding, milestones, deliverables, links to where they came from
// and were discussed, and their dated updates. Money is integer fen; dates
// people set are local "YYYY-MM-DD"; times are UTC "YYYY-MM-DDTHH:MM:SSZ".
// The rules (status workflow, progress rule) live in libgov/src/projects/
// and gov.toml; the schema checks only what can never change.
// Shipped: never edit this text; a change to the schema is a new level.
#include "store/migrations/steps.hpp"

namespace gov::detail::migration {

// One SQL text, as long as the level's schema: it is run as a whole and read
// as a whole, statement after statement, so it is not cut into functions.
const char* m0006_projects() {
    return R"sql(
CREATE TABLE project (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL CHECK (title <> ''),
    description      TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL
                     CHECK (status IN ('planned', 'active', 'blocked', 'done', 'cancelled')),
    status_reason    TEXT NOT NULL DEFAULT '',       -- why blocked or cancelled
    lead_party_id    INTEGER REFERENCES party(id),
    lead_resident_id INTEGER REFERENCES resident(id),
    budget_fen       INTEGER CHECK (budget_fen IS NULL OR budget_fen >= 0),
    start_date       TEXT,
    due_date         TEXT,
    completed_on     TEXT,                            -- local date it became done
    -- Progress set by hand (0–100) with its reason; NULL = derived by the rule.
    manual_progress  INTEGER CHECK (manual_progress IS NULL OR manual_progress BETWEEN 0 AND 100),
    manual_reason    TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (lead_party_id IS NULL OR lead_resident_id IS NULL),
    CHECK (manual_progress IS NULL OR manual_reason <> '')
) STRICT;
CREATE INDEX project_status ON project(status);

CREATE TABLE project_partner (
    project_id INTEGER NOT NULL REFERENCES project(id),
    party_id   INTEGER NOT NULL REFERENCES party(id),
    PRIMARY KEY (project_id, party_id)
) STRICT, WITHOUT ROWID;

-- Money received, one row per payment or pledge honoured.
CREATE TABLE project_funding (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id),
    party_id   INTEGER NOT NULL REFERENCES party(id),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    funded_on  TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX project_funding_project ON project_funding(project_id);

-- Milestones are numbered within their project (1, 2, …) so people can name them.
CREATE TABLE project_milestone (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id),
    number     INTEGER NOT NULL CHECK (number > 0),
    title      TEXT NOT NULL CHECK (title <> ''),
    due        TEXT,
    done_on    TEXT,
    UNIQUE (project_id, number)
) STRICT;

CREATE TABLE project_deliverable (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id),
    name       TEXT NOT NULL CHECK (name <> ''),
    target     INTEGER NOT NULL CHECK (target > 0),
    delivered  INTEGER NOT NULL DEFAULT 0 CHECK (delivered >= 0),
    UNIQUE (project_id, name)
) STRICT;

-- Where a project came from (origin = 1: issues, proposals, meeting
-- decisions) and the meetings where it was discussed (origin = 0).
CREATE TABLE project_link (
    project_id  INTEGER NOT NULL REFERENCES project(id),
    kind        TEXT NOT NULL CHECK (kind IN ('issue', 'proposal', 'meeting')),
    target_id   INTEGER NOT NULL,
    origin      INTEGER NOT NULL CHECK (origin IN (0, 1)),
    issue_id    INTEGER REFERENCES issue(id)    CHECK ((kind = 'issue') = (issue_id IS NOT NULL)),
    proposal_id INTEGER REFERENCES proposal(id) CHECK ((kind = 'proposal') = (proposal_id IS NOT NULL)),
    meeting_id  INTEGER REFERENCES meeting(id)  CHECK ((kind = 'meeting') = (meeting_id IS NOT NULL)),
    PRIMARY KEY (project_id, kind, target_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX project_link_issue ON project_link(issue_id) WHERE issue_id IS NOT NULL;
CREATE INDEX project_link_meeting ON project_link(meeting_id) WHERE meeting_id IS NOT NULL;

-- The dated history of a project: notes people write, and a line for every
-- change. `on_date` is the local date it is about; `at` when it was written.
CREATE TABLE project_update (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id),
    on_date    TEXT NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('created', 'note', 'status', 'progress', 'milestone',
                                             'delivery', 'funding', 'link', 'update')),
    text       TEXT NOT NULL CHECK (text <> '')
) STRICT;
CREATE INDEX project_update_project ON project_update(project_id, on_date);
CREATE INDEX project_update_on ON project_update(on_date);
)sql";
}

}  // namespace gov::detail::migration
