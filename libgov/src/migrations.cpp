#include "migrations.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

namespace gov::detail {
namespace {

// Forward-only. Never edit a migration that has shipped: add a new one.
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> m = {
        // 1: metadata and the hash-chained audit log.
        R"sql(
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
)sql",
    };
    return m;
}

}  // namespace

int latest_migration() {
    return static_cast<int>(migrations().size());
}

void migrate(SQLite::Database& db, int target) {
    int current = db.execAndGet("PRAGMA user_version").getInt();
    for (int level = current + 1; level <= target; ++level) {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        db.exec(migrations().at(static_cast<std::size_t>(level - 1)));
        db.exec(fmt::format("PRAGMA user_version = {}", level));
        tx.commit();
    }
}

}  // namespace gov::detail
