// Migration 1: the foundation every gov database has before any record —
// `meta` (key/value facts about the file, such as the chain head) and the
// audit log, hash-chained so that `gov audit verify` finds any edit, and
// append-only through triggers so that gov itself can never rewrite it.
// Shipped: never edit this text; a change to the schema is a new level.
#include "store/migrations/steps.hpp"

namespace gov::detail::migration {

const char* m0001_foundation() {
    return R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE audit_event (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    payload     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_event_record ON audit_event(record_kind, record_id);
CREATE INDEX audit_event_at ON audit_event(at);

-- Append-only: gov never changes or removes an event. Someone who drops these
-- triggers to edit the file is still caught by `gov audit verify`.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
)sql";
}

}  // namespace gov::detail::migration
