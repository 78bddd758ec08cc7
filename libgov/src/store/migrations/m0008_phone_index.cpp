// Migration 8: the phone index also holds whether the resident is active and
// their birth year — all an import needs to know which resident a phone
// means (libgov/src/bulk/phone_directory.cpp) — so that it reads the index
// alone, in order, instead of the whole resident table and a sort: a quarter
// of an issue import at 200,000 rows over 1M residents. And no more
// issue_category_due: no query uses it (a category holds too large a share
// of the issues for an index to beat a scan, so listings and the summary
// scan), while every import paid to build it.
// Shipped: never edit this text; a change to the schema is a new level.
#include "store/migrations/steps.hpp"

namespace gov::detail::migration {

const char* m0008_phone_index() {
    return R"sql(
DROP INDEX resident_phone;
CREATE INDEX resident_phone ON resident(phone, active, birth_year) WHERE phone <> '';
DROP INDEX issue_category_due;
)sql";
}

}  // namespace gov::detail::migration
