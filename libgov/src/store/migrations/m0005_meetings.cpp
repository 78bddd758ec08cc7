// Migration 5: meetings — the monthly building-leaders' meeting, the
// four-in-one joint meeting, owners' assemblies and ad hoc meetings; who
// came, the agenda, the minutes of each item and the action items that
// became issues. The meeting types, their templates and quorum rules live in
// gov.toml ([meetings]); the schema stores type and section names as text.
// Triggers back up the library: the minutes of a held meeting never change.
// Shipped: never edit this text; a change to the schema is a new level.
#include "store/migrations/steps.hpp"

namespace gov::detail::migration {

// One SQL text, as long as the level's schema: it is run as a whole and read
// as a whole, statement after statement, so it is not cut into functions.
const char* m0005_meetings() {
    return R"sql(
-- A recurring series made by `gov meeting schedule`: its rule as given.
CREATE TABLE meeting_series (
    id         INTEGER PRIMARY KEY,
    type       TEXT NOT NULL,
    rule       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

-- A meeting. `type` is a [meetings.types] key. Times are UTC
-- "YYYY-MM-DDTHH:MM:SSZ". Status moves planned → held (when the minutes are
-- closed, which freezes them) or planned → cancelled. `agenda_fixed_at` is
-- set when the agenda was stored item by item (on the first move, minutes or
-- close); until then the agenda is assembled from the records each time.
CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY,
    type            TEXT NOT NULL CHECK (type <> ''),
    title           TEXT NOT NULL CHECK (title <> ''),
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    chair           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'planned'
                    CHECK (status IN ('planned', 'held', 'cancelled')),
    series_id       INTEGER REFERENCES meeting_series(id),
    agenda_fixed_at TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    closed_at       TEXT,
    cancelled_at    TEXT,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    CHECK (ends_at > starts_at),
    CHECK ((status = 'held') = (closed_at IS NOT NULL)),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
) STRICT;
CREATE INDEX meeting_type_start ON meeting(type, starts_at);
CREATE INDEX meeting_start ON meeting(starts_at);

-- Who was there: a resident, or a party (community office, 业委会, 物业, …)
-- with the name of whoever came for it. `proxy_id` is a resident attending
-- on the attendee's behalf.
CREATE TABLE meeting_attendance (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meeting(id),
    resident_id    INTEGER REFERENCES resident(id),
    party_id       INTEGER REFERENCES party(id),
    representative TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
    proxy_id       INTEGER REFERENCES resident(id),
    CHECK ((resident_id IS NULL) <> (party_id IS NULL)),
    UNIQUE (meeting_id, resident_id),
    UNIQUE (meeting_id, party_id)
) STRICT;

-- An agenda item: an issue, a proposal or a project (`ref_id`; a plain
-- integer because projects come in a later migration), or free text. In an
-- agenda not yet fixed, rows are the adjustments to the assembled agenda:
-- items added by hand, and `hidden` rows naming records taken off it.
-- `section` is a template section key; `position` orders the items.
CREATE TABLE agenda_item (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER NOT NULL REFERENCES meeting(id),
    position         INTEGER NOT NULL,
    section          TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('issue', 'proposal', 'project', 'text')),
    ref_id           INTEGER,
    text             TEXT NOT NULL DEFAULT '',
    time_box_min     INTEGER CHECK (time_box_min IS NULL OR time_box_min > 0),
    presenter        TEXT NOT NULL DEFAULT '',
    hidden           INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    notes            TEXT NOT NULL DEFAULT '',
    decision         TEXT NOT NULL DEFAULT '',
    vote_proposal_id INTEGER REFERENCES proposal(id),
    CHECK ((kind = 'text') = (ref_id IS NULL)),
    CHECK (kind <> 'text' OR text <> '')
) STRICT;
CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, position);

-- Action items: issues made from a meeting's minutes, followed up by the
-- next meeting of its type until done.
CREATE TABLE meeting_action (
    issue_id       INTEGER PRIMARY KEY REFERENCES issue(id),
    meeting_id     INTEGER NOT NULL REFERENCES meeting(id),
    agenda_item_id INTEGER REFERENCES agenda_item(id)
) STRICT;
CREATE INDEX meeting_action_meeting ON meeting_action(meeting_id);

CREATE TRIGGER meeting_final BEFORE UPDATE ON meeting
WHEN OLD.status IN ('held', 'cancelled')
BEGIN SELECT RAISE(ABORT, 'a held or cancelled meeting cannot change'); END;
CREATE TRIGGER meeting_no_delete BEFORE DELETE ON meeting
BEGIN SELECT RAISE(ABORT, 'meetings are never deleted; cancel them'); END;

CREATE TRIGGER agenda_item_frozen_insert BEFORE INSERT ON agenda_item
WHEN (SELECT status FROM meeting WHERE id = NEW.meeting_id) IS NOT 'planned'
BEGIN SELECT RAISE(ABORT, 'the minutes of a held meeting are frozen'); END;
CREATE TRIGGER agenda_item_frozen_update BEFORE UPDATE ON agenda_item
WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) IS NOT 'planned'
BEGIN SELECT RAISE(ABORT, 'the minutes of a held meeting are frozen'); END;
CREATE TRIGGER agenda_item_frozen_delete BEFORE DELETE ON agenda_item
WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) IS NOT 'planned'
BEGIN SELECT RAISE(ABORT, 'the minutes of a held meeting are frozen'); END;

CREATE TRIGGER meeting_attendance_frozen_insert BEFORE INSERT ON meeting_attendance
WHEN (SELECT status FROM meeting WHERE id = NEW.meeting_id) IS NOT 'planned'
BEGIN SELECT RAISE(ABORT, 'the minutes of a held meeting are frozen'); END;
CREATE TRIGGER meeting_attendance_frozen_update BEFORE UPDATE ON meeting_attendance
WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) IS NOT 'planned'
BEGIN SELECT RAISE(ABORT, 'the minutes of a held meeting are frozen'); END;
CREATE TRIGGER meeting_attendance_frozen_delete BEFORE DELETE ON meeting_attendance
WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) IS NOT 'planned'
BEGIN SELECT RAISE(ABORT, 'the minutes of a held meeting are frozen'); END;

CREATE TRIGGER meeting_action_frozen_insert BEFORE INSERT ON meeting_action
WHEN (SELECT status FROM meeting WHERE id = NEW.meeting_id) IS NOT 'planned'
BEGIN SELECT RAISE(ABORT, 'the minutes of a held meeting are frozen'); END;
CREATE TRIGGER meeting_action_no_change BEFORE UPDATE ON meeting_action
BEGIN SELECT RAISE(ABORT, 'action items are never changed'); END;
CREATE TRIGGER meeting_action_no_delete BEFORE DELETE ON meeting_action
BEGIN SELECT RAISE(ABORT, 'action items are never deleted'); END;
)sql";
}

}  // namespace gov::detail::migration
