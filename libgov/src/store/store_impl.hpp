#pragma once
// Private to libgov: the SQLite connection behind gov::store, and the helpers
// every record module uses to write (an IMMEDIATE transaction that carries its
// audit event) and to turn SQLite failures into gov errors.

#include <filesystem>
#include <optional>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "gov/values/error.hpp"

namespace gov::detail {

class store_impl {
  public:
    store_impl(const std::filesystem::path& file, int flags);
    SQLite::Database& db() { return m_db; }
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
    SQLite::Database m_db;
};

/// Sets the connection's journal mode ("wal", "delete"): the mode it is in
/// after, or nullopt when another connection's lock stopped the change
/// (SQLITE_BUSY; SQLite does not wait for it). Other failures throw.
std::optional<std::string> set_journal_mode(SQLite::Database& db, const char* mode);

/// Throws the gov error that fits a SQLite failure: busy, locked, corrupt,
/// I/O and full are storage errors; anything else is a bug (internal).
[[noreturn]] void rethrow_sqlite(const SQLite::Exception& e, const std::filesystem::path& file);

/// Runs f, turning SQLite exceptions into gov errors.
template <class F>
auto guard_sqlite(const std::filesystem::path& file, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, file);
    }
}

/// One state of the database for every statement of a read. Between two
/// statements another process may commit (a bulk import, most often), and a
/// command that lists the buildings with one statement and counts their
/// residents with the next would mix two rosters. Begins a deferred
/// transaction unless one is open (which then is the snapshot already) and
/// ends it when it goes. For functions that only read: a write inside
/// would fail to begin its own transaction, and be rolled back here.
class read_snapshot {
  public:
    explicit read_snapshot(SQLite::Database& db);
    ~read_snapshot();
    read_snapshot(const read_snapshot&) = delete;
    read_snapshot& operator=(const read_snapshot&) = delete;

  private:
    SQLite::Database& m_db;
    bool m_began = false;
};

/// Throws input_error when `input`, a file an import is about to read, is
/// the database at `database` or one of its companion files (-wal, -shm,
/// -journal): reading it would open and close a descriptor of the file,
/// and closing one drops every POSIX lock the process holds on it —
/// SQLite's too, while the import's transaction holds them.
void refuse_database_file(const std::filesystem::path& database,
                          const std::filesystem::path& input);

/// The gov application id ("GOVD") in the SQLite header, so gov can tell its
/// own files from other SQLite files.
inline constexpr int application_id = 0x474F5644;

}  // namespace gov::detail
