// Migration 9: the phone directory kept between imports
// (libgov/src/bulk/phone_directory.hpp): an issue import of 200,000 rows over
// 1M residents read the phone index for ~100 ms on two cores before its first
// row; loading this takes ~10 ms. It is derived from `resident` (not part of
// the records), so every change that could alter which resident a phone means
// deletes it, whoever makes the change: any insert (an INSERT OR REPLACE
// removes a row without a delete trigger), a delete or an update of id,
// phone, active or birth year of a resident who was or is in it. Whatever
// needs it next reads the index and stores it again. A first roster import
// drops these triggers and builds the directory once at the end
// (libgov/src/roster/roster_import.cpp).
// Shipped: never edit this text; a change to the schema is a new level.
#include "store/migrations/steps.hpp"

namespace gov::detail::migration {

const char* m0009_phone_directory() {
    return R"sql(
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
)sql";
}

}  // namespace gov::detail::migration
