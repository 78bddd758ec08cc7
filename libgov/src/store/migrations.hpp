#pragma once
// The store's own: the numbered schema migrations embedded in the library
// (each level's SQL in libgov/src/store/migrations/, listed in migrations.cpp).

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/interface.hpp"

namespace gov::detail {

/// Applies migrations current+1 .. target, each in its own transaction that
/// also sets PRAGMA user_version, so a failure leaves the last good level.
void migrate(SQLite::Database& db, int target);

}  // namespace gov::detail
