#pragma once
/// \file
/// The SQLite file that holds a community's records. Opening it checks that
/// it is a gov database of a schema level this binary understands and brings
/// an older one up to date; a newer one is refused untouched. All SQL lives
/// behind this and the record-kind modules: no SQLite type is public.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace gov {

namespace detail {
class store_impl;
}

/// Process-wide, for applications whose only use of SQLite is gov: turns
/// off SQLite's memory statistics, which take a mutex on every allocation
/// SQLite makes (a few per cent of a bulk import) and which gov never reads.
/// Call before anything in the process opens an SQLite database; returns
/// false, changing nothing, when SQLite is already initialised.
bool disable_sqlite_memory_statistics() noexcept;

struct store_options {
    /// How long to wait for another writer before failing with storage_error.
    std::chrono::milliseconds busy_timeout{5000};
    /// For create() only: the schema level to make the new database at, 0
    /// for the latest. An older level (1 … latest) is for loading records
    /// that an older gov exported (records_export.hpp), after which
    /// migrate() brings the database up to date.
    int schema_level = 0;
};

/// An open gov database. Move-only; closes on destruction. One thread at a
/// time may use it (the connection takes no lock of its own); several
/// threads or processes may each open their own.
class store {
  public:
    /// Creates a new database file (mode 0600) at the latest schema level,
    /// or at options.schema_level. Throws conflict when the file exists,
    /// usage_error for a schema level this binary does not have,
    /// storage_error on I/O failure.
    static store create(const std::filesystem::path& file, const store_options& options = {});

    /// Opens an existing database, migrating it forward when it is older.
    /// Throws storage_error when the file is missing, not a gov database, or
    /// newer than this binary (naming both schema levels).
    static store open(const std::filesystem::path& file, const store_options& options = {});

    store(store&&) noexcept;
    store& operator=(store&&) noexcept;
    ~store();

    const std::filesystem::path& path() const;

    /// The schema level of the open file (PRAGMA user_version).
    int schema_version() const;

    /// Brings the database to the latest schema level, as open() does; for
    /// one created at an older level.
    void migrate();

    /// The schema level this binary writes.
    static int latest_schema_version();

    /// SQLite's integrity check: empty when the file is sound, else its findings.
    std::vector<std::string> integrity_check();

    /// Copies the database to `destination` through SQLite's online backup,
    /// consistent while other processes write. The copy is mode 0600.
    /// Throws conflict when the destination exists.
    void backup(const std::filesystem::path& destination);

    /// For libgov's own modules.
    detail::store_impl& impl() { return *m_impl; }

  private:
    explicit store(std::unique_ptr<detail::store_impl> impl);
    std::unique_ptr<detail::store_impl> m_impl;
};

}  // namespace gov
