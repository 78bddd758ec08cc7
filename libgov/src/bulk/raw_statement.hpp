#pragma once
// Private to libgov: a statement used through SQLite's own API, for loops
// that run a million times (SQLiteCpp makes an object per column read, each
// holding a shared pointer to its statement).

#include <sqlite3.h>

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

class raw_statement {
  public:
    raw_statement(SQLite::Database& db, const char* sql) : m_db(db) {
        int rc = sqlite3_prepare_v2(db.getHandle(), sql, -1, &m_stmt, nullptr);
        if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
    }
    ~raw_statement() { sqlite3_finalize(m_stmt); }
    raw_statement(const raw_statement&) = delete;
    raw_statement& operator=(const raw_statement&) = delete;
    sqlite3_stmt* get() const { return m_stmt; }

    /// One step: true for a row, false at the end; throws on an error.
    bool step() {
        int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw SQLite::Exception(m_db.getHandle(), rc);
    }

  private:
    SQLite::Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

}  // namespace gov::detail
