#pragma once
// Private to libgov: which tables records export and import cover, and their
// columns, read from the schema itself so that tables added by any later
// migration are covered without change.

#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

struct record_table {
    std::string name;
    std::vector<std::string> columns;      ///< in declaration order
    std::vector<std::string> primary_key;  ///< in key order; empty: ordered by rowid
};

/// Every ordinary table in name order, except sqlite_* tables, virtual tables
/// and their shadow tables ("<virtual>_…"), and phone_directory (derived
/// from `resident`: phone_directory.hpp).
std::vector<record_table> record_tables(SQLite::Database& db);

/// `name` quoted as an SQL identifier.
std::string quote_identifier(const std::string& name);

/// " ORDER BY <primary key columns>", or " ORDER BY rowid".
std::string order_by_key(const record_table& t);

/// The name of the manifest file in an export folder, and its format tag.
inline constexpr const char* manifest_file = "manifest.json";
inline constexpr const char* records_format = "gov-records/1";

}  // namespace gov::detail
