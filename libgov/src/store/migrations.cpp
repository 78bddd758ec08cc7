#include "store/migrations.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "gov/values/error.hpp"

namespace gov::detail {
namespace {

// Forward-only. Never edit a migration that has shipped: add a new one.
// Record modules keep their schema text in libgov/src/schema_<module>.cpp and
// are listed here in the order their migrations were made.
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
        // 2: the roster — compounds, buildings, units, households, residents and
        // owners; partner parties and organisation units; roster imports.
        R"sql(
CREATE TABLE compound (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE building (
    id          INTEGER PRIMARY KEY,
    compound_id INTEGER NOT NULL REFERENCES compound(id),
    name        TEXT NOT NULL,                    -- 楼栋 as written, e.g. "12"
    leader_id   INTEGER REFERENCES resident(id),  -- 楼长: at most one per building
    UNIQUE (compound_id, name)
) STRICT;
CREATE INDEX building_name ON building(name);

CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    building_id INTEGER NOT NULL REFERENCES building(id),
    name        TEXT NOT NULL,                    -- 单元, e.g. "3"
    UNIQUE (building_id, name)
) STRICT;

-- A household is a room (房号) and whoever lives in it or owns it.
CREATE TABLE household (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    room       TEXT NOT NULL,                     -- 房号, e.g. "1502"
    area_centi INTEGER CHECK (area_centi IS NULL OR area_centi > 0),  -- floor area, 0.01 m²
    UNIQUE (unit_id, room)
) STRICT;

-- One owner is one person however many rooms they own: votes count one head
-- per owner and the area of each room. `ident` is "phone|name", or
-- "room:<household id>|name" for an owner recorded without a phone.
CREATE TABLE owner (
    id           INTEGER PRIMARY KEY,
    ident        TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    phone        TEXT NOT NULL DEFAULT '',
    is_developer INTEGER NOT NULL DEFAULT 0 CHECK (is_developer IN (0, 1))
) STRICT;

CREATE TABLE resident (
    id               INTEGER PRIMARY KEY,
    household_id     INTEGER NOT NULL REFERENCES household(id),
    name             TEXT NOT NULL,
    gender           TEXT NOT NULL DEFAULT '',    -- 男, 女 or unknown ''
    birth_year       INTEGER,
    phone            TEXT NOT NULL DEFAULT '',
    role             TEXT NOT NULL,               -- one of [roster] roles
    party_member     INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0, 1)),
    volunteer        INTEGER NOT NULL DEFAULT 0 CHECK (volunteer IN (0, 1)),
    committee_member INTEGER NOT NULL DEFAULT 0 CHECK (committee_member IN (0, 1)),
    moved_in         TEXT,                        -- YYYY-MM-DD
    moved_out        TEXT,                        -- YYYY-MM-DD, set when no longer living here
    remark           TEXT NOT NULL DEFAULT '',
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    owner_id         INTEGER REFERENCES owner(id)
) STRICT;
CREATE INDEX resident_household ON resident(household_id, name);
CREATE INDEX resident_phone ON resident(phone) WHERE phone <> '';
CREATE INDEX resident_owner ON resident(owner_id) WHERE owner_id IS NOT NULL;

-- Partner parties: the community office itself, the owners' committee
-- (业委会), property management (物业), social organisations and co-building
-- units (共建单位). Issues are assigned to them; projects are funded by them.
CREATE TABLE party (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    kind    TEXT NOT NULL CHECK (kind IN ('community', 'owners_committee', 'property_management',
                                          'social_organisation', 'co_building_unit', 'other')),
    contact TEXT NOT NULL DEFAULT '',
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- The party organisation: community party committee → compound branch →
-- building group → party-member household (党员中心户), which looks after
-- the households listed in org_unit_household.
CREATE TABLE org_unit (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES org_unit(id),
    kind         TEXT NOT NULL CHECK (kind IN ('party_committee', 'compound_branch',
                                               'building_group', 'party_household')),
    name         TEXT NOT NULL,
    compound_id  INTEGER REFERENCES compound(id),
    building_id  INTEGER REFERENCES building(id),
    household_id INTEGER REFERENCES household(id),
    UNIQUE (parent_id, name)
) STRICT;

CREATE TABLE org_unit_household (
    org_unit_id  INTEGER NOT NULL REFERENCES org_unit(id),
    household_id INTEGER NOT NULL REFERENCES household(id),
    PRIMARY KEY (org_unit_id, household_id)
) STRICT, WITHOUT ROWID;

-- One row per roster import that changed the database, for "changes since
-- the last import" in summaries.
CREATE TABLE roster_import (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    file      TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    rows      INTEGER NOT NULL,
    added     INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    moved_out INTEGER NOT NULL,
    invalid   INTEGER NOT NULL
) STRICT;
)sql",
        // 3: issues, their tags, comments and history (schema_issues.cpp).
        schema_issues(),
        // 4: proposals, frozen electorates and ballots (schema_proposals.cpp).
        schema_proposals(),
        // 5: meetings, attendance, agendas, minutes, action items (schema_meetings.cpp).
        schema_meetings(),
        // 6: projects, partners, funding, milestones, deliverables, links and updates
        // (schema_projects.cpp).
        schema_projects(),
        // 7: owner idents unique through a named index rather than a
        // constraint, so that an import into an empty roster can drop it and
        // build it once, sorted, at the end (roster_import.cpp): inserting a
        // quarter of a million random keys one by one was a fifth of a 1M-row
        // import. SQLite cannot drop a constraint, so the table is rebuilt
        // (its columns and ids unchanged; migrate() runs this with foreign
        // keys off and checks them before committing).
        R"sql(
-- One owner is one person however many rooms they own: votes count one head
-- per owner and the area of each room. `ident` is "phone|name", or
-- "room:<household id>|name" for an owner recorded without a phone.
CREATE TABLE owner_rebuilt (
    id           INTEGER PRIMARY KEY,
    ident        TEXT NOT NULL,
    name         TEXT NOT NULL,
    phone        TEXT NOT NULL DEFAULT '',
    is_developer INTEGER NOT NULL DEFAULT 0 CHECK (is_developer IN (0, 1))
) STRICT;
INSERT INTO owner_rebuilt(id, ident, name, phone, is_developer)
    SELECT id, ident, name, phone, is_developer FROM owner;
DROP TABLE owner;
ALTER TABLE owner_rebuilt RENAME TO owner;
CREATE UNIQUE INDEX owner_ident ON owner(ident);
)sql",
        // 8: the phone index also holds whether the resident is active and
        // their birth year — all an import needs to know which resident a
        // phone means (phone_directory.cpp) — so that it reads the index
        // alone, in order, instead of the whole resident table and a sort:
        // a quarter of an issue import at 200,000 rows over 1M residents.
        // And no more issue_category_due: no query uses it (a category holds
        // too large a share of the issues for an index to beat a scan, so
        // listings and the summary scan), while every import paid to build it.
        R"sql(
DROP INDEX resident_phone;
CREATE INDEX resident_phone ON resident(phone, active, birth_year) WHERE phone <> '';
DROP INDEX issue_category_due;
)sql",
        // 9: the phone directory kept between imports (phone_directory.hpp):
        // an issue import of 200,000 rows over 1M residents read the phone
        // index for ~100 ms on two cores before its first row; loading this
        // takes ~10 ms. It is derived from `resident` (not part of the
        // records), so every change that could alter which resident a phone
        // means deletes it, whoever makes the change: any insert (an INSERT
        // OR REPLACE removes a row without a delete trigger), a delete or an
        // update of id, phone, active or birth year of a resident who was or
        // is in it. Whatever needs it next reads the index and stores it
        // again. A first roster import drops these triggers and builds the
        // directory once at the end (roster_bulk.cpp).
        R"sql(
CREATE TABLE phone_directory (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    format INTEGER NOT NULL,     -- layout of the blobs (phone_directory_store.cpp)
    phones BLOB NOT NULL,
    odd    BLOB NOT NULL
) STRICT;
CREATE TRIGGER resident_insert_phone_directory AFTER INSERT ON resident
BEGIN DELETE FROM phone_directory; END;
CREATE TRIGGER resident_delete_phone_directory AFTER DELETE ON resident
WHEN OLD.phone <> '' AND OLD.active = 1
BEGIN DELETE FROM phone_directory; END;
CREATE TRIGGER resident_update_phone_directory
AFTER UPDATE OF id, phone, active, birth_year ON resident
WHEN (OLD.phone <> '' AND OLD.active = 1 OR NEW.phone <> '' AND NEW.active = 1)
 AND (OLD.id IS NOT NEW.id OR OLD.phone IS NOT NEW.phone OR OLD.active IS NOT NEW.active
      OR OLD.birth_year IS NOT NEW.birth_year)
BEGIN DELETE FROM phone_directory; END;
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
