#pragma once
// Edits a database file directly with SQLite, behind gov's back, the way a
// tamperer or another program would.

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace gov::test {

inline void sql_exec(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open");
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("sql failed: " + msg);
}

}  // namespace gov::test
