#include "gov/store/store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <SQLiteCpp/Backup.h>
#include <fmt/format.h>

#include "gov/values/i18n.hpp"
#include "store/interface.hpp"
#include "store/migrations.hpp"

namespace gov {
namespace fs = std::filesystem;

namespace detail {

// A store belongs to one thread at a time (gov/store.hpp), so SQLite's
// per-call connection mutex only costs time: a listing makes a dozen calls a
// row.
store_impl::store_impl(const fs::path& file, int flags)
    : m_path(file), m_db(file.string(), flags | SQLite::OPEN_NOMUTEX) {}

read_snapshot::read_snapshot(SQLite::Database& db) : m_db(db) {
    if (sqlite3_get_autocommit(db.getHandle()) == 0) return;
    db.exec("BEGIN DEFERRED");
    m_began = true;
}

read_snapshot::~read_snapshot() {
    // Nothing was written: ending it cannot lose anything, and ROLLBACK
    // cannot fail for want of a lock as a COMMIT may.
    if (m_began) sqlite3_exec(m_db.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void refuse_database_file(const fs::path& database, const fs::path& input) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ec;
        if (fs::equivalent(input, database.string() + suffix, ec))
            throw input_error(fmt::format(
                fmt::runtime(tr("{}: that is the database itself, not a file to import")),
                input.string()));
    }
}

void rethrow_sqlite(const SQLite::Exception& e, const fs::path& file) {
    switch (e.getErrorCode() & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw storage_error(fmt::format(
                fmt::runtime(tr("{}: the database is busy (another gov is writing); try again")),
                file.string()));
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw storage_error(fmt::format(fmt::runtime(tr("{}: the database is damaged: {}")),
                                            file.string(), e.what()));
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
            throw storage_error(fmt::format(fmt::runtime(tr("{}: cannot use the database: {}")),
                                            file.string(), e.what()));
        default:
            throw internal_error(fmt::format("{}: SQLite: {}", file.string(), e.what()));
    }
}

std::optional<std::string> set_journal_mode(SQLite::Database& db, const char* mode) {
    try {
        return db.execAndGet(fmt::format("PRAGMA journal_mode = {}", mode)).getString();
    } catch (const SQLite::Exception& e) {
        if ((e.getErrorCode() & 0xff) != SQLITE_BUSY) throw;
        return std::nullopt;
    }
}

}  // namespace detail

namespace {

// Creates an empty file readable by its owner only: it will hold personal
// data, and SQLite gives its -wal and -shm files the same mode.
void create_private_file(const fs::path& file) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            throw conflict(fmt::format(
                fmt::runtime(tr("{}: already exists; refusing to overwrite it")), file.string()));
        throw storage_error(fmt::format(fmt::runtime(tr("{}: cannot create: {}")), file.string(),
                                        std::strerror(errno)));
    }
    ::close(fd);
}

void configure(SQLite::Database& db, const store_options& options) {
    db.setBusyTimeout(static_cast<int>(options.busy_timeout.count()));
    db.exec("PRAGMA foreign_keys = ON");
    // A bulk import in another process may be writing through a rollback
    // journal (bulk_settings.hpp); the log cannot come back until it ends,
    // so until then this connection uses the journal too, synced fully.
    const bool wal = detail::set_journal_mode(db, "wal").has_value();
    db.exec(wal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL");
}

}  // namespace

bool disable_sqlite_memory_statistics() noexcept {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

store::store(std::unique_ptr<detail::store_impl> impl) : m_impl(std::move(impl)) {}
store::store(store&&) noexcept = default;
store& store::operator=(store&&) noexcept = default;
store::~store() = default;

const fs::path& store::path() const {
    return m_impl->path();
}

int store::latest_schema_version() {
    return detail::latest_migration();
}

store store::create(const fs::path& file, const store_options& options) {
    const int level = options.schema_level == 0 ? detail::latest_migration() : options.schema_level;
    if (level < 1 || level > detail::latest_migration())
        throw usage_error(fmt::format(fmt::runtime(tr("schema level {} is not one of 1 to {}")),
                                      options.schema_level, detail::latest_migration()));
    create_private_file(file);
    try {
        return detail::guard_sqlite(file, [&] {
            auto impl = std::make_unique<detail::store_impl>(file, SQLite::OPEN_READWRITE);
            auto& db = impl->db();
            // 16 KiB pages, not SQLite's 4 KiB: gov's work is scans and bulk
            // writes of tables of a million rows, and each page costs a read
            // call and a cache entry. Measured at 1M residents / 200k issues:
            // roster import -7 %, issue import -7 %, the overdue listing -20 %;
            // a one-issue look-up +3 ms. Only a new, empty file takes it.
            db.exec("PRAGMA page_size = 16384");
            db.exec(fmt::format("PRAGMA application_id = {}", detail::application_id));
            configure(db, options);
            detail::migrate(db, level);
            return store(std::move(impl));
        });
    } catch (...) {
        std::error_code ec;
        fs::remove(file, ec);  // a half-made database is worse than none
        throw;
    }
}

store store::open(const fs::path& file, const store_options& options) {
    if (!fs::exists(file))
        throw storage_error(fmt::format(
            fmt::runtime(tr("{}: no such database; `gov init` creates one")), file.string()));
    // The file is not read here but through SQLite: opening and closing
    // a file of the database in this process would drop every POSIX lock
    // the process holds on it, those of a store open on it already too.
    auto not_sqlite = [&] {
        return storage_error(fmt::format(
            fmt::runtime(tr("{}: not a gov database (not an SQLite file)")), file.string()));
    };
    std::error_code ec;
    if (fs::file_size(file, ec) == 0 && !ec) throw not_sqlite();  // SQLite would take it
    return detail::guard_sqlite(file, [&] {
        auto impl = std::make_unique<detail::store_impl>(file, SQLite::OPEN_READWRITE);
        auto& db = impl->db();
        db.setBusyTimeout(static_cast<int>(options.busy_timeout.count()));
        // Look before touching anything: switching to WAL writes to the file.
        int app = 0;
        try {
            app = db.execAndGet("PRAGMA application_id").getInt();
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() == SQLITE_NOTADB) throw not_sqlite();
            throw;
        }
        int level = db.execAndGet("PRAGMA user_version").getInt();
        if (app != detail::application_id)
            throw storage_error(fmt::format(
                fmt::runtime(tr("{}: not a gov database (an SQLite file of another application)")),
                file.string()));
        if (level > detail::latest_migration())
            throw storage_error(fmt::format(
                fmt::runtime(tr("{}: the database is at schema level {}, newer than this gov "
                                "(which knows up to level {}); use a newer gov")),
                file.string(), level, detail::latest_migration()));
        configure(db, options);
        detail::migrate(db, detail::latest_migration());
        return store(std::move(impl));
    });
}

int store::schema_version() const {
    return detail::guard_sqlite(
        path(), [&] { return m_impl->db().execAndGet("PRAGMA user_version").getInt(); });
}

void store::migrate() {
    detail::guard_sqlite(path(),
                         [&] { detail::migrate(m_impl->db(), detail::latest_migration()); });
}

std::vector<std::string> store::integrity_check() {
    return detail::guard_sqlite(path(), [&] {
        std::vector<std::string> problems;
        SQLite::Statement q(m_impl->db(), "PRAGMA integrity_check");
        while (q.executeStep()) {
            std::string line = q.getColumn(0).getString();
            if (line != "ok") problems.push_back(line);
        }
        SQLite::Statement fk(m_impl->db(), "PRAGMA foreign_key_check");
        while (fk.executeStep())
            problems.push_back(fmt::format("foreign key violation in {} row {}",
                                           fk.getColumn(0).getString(),
                                           fk.getColumn(1).getInt64()));
        return problems;
    });
}

void store::backup(const fs::path& destination) {
    create_private_file(destination);
    try {
        detail::guard_sqlite(destination, [&] {
            SQLite::Database out(destination.string(), SQLite::OPEN_READWRITE);
            SQLite::Backup b(out, m_impl->db());
            // Copy in steps so writers elsewhere are not locked out for long;
            // SQLite restarts the copy when the source changes underneath.
            for (;;) {
                int rc = b.executeStep(256);
                if (rc == SQLITE_DONE) break;
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
            }
        });
    } catch (...) {
        std::error_code ec;
        fs::remove(destination, ec);
        throw;
    }
}

}  // namespace gov
