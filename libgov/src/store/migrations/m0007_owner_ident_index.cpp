// Migration 7: owner idents unique through a named index rather than a
// constraint, so that an import into an empty roster can drop it and build
// it once, sorted, at the end (libgov/src/roster/roster_import.cpp):
// inserting a quarter of a million random keys one by one was a fifth of a
// 1M-row import. SQLite cannot drop a constraint, so the table is rebuilt
// (its columns and ids unchanged; migrate() runs this with foreign keys off
// and checks them before committing).
// Shipped: never edit this text; a change to the schema is a new level.
#include "store/migrations/steps.hpp"

namespace gov::detail::migration {

const char* m0007_owner_ident_index() {
    return R"sql(
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
)sql";
}

}  // namespace gov::detail::migration
