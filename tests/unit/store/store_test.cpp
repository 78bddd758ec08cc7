#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "bulk/bulk_settings.hpp"
#include "gov/store/store.hpp"
#include "gov/values/error.hpp"
#include "sqlite_raw.hpp"
#include "store/interface.hpp"
#include "store/migrations.hpp"
#include "temp_dir.hpp"

using namespace gov;
namespace fs = std::filesystem;

TEST_CASE(
    "store: a new database is at the latest level, WAL, 16 KiB pages, foreign keys on, mode 0600",
    "[store]") {
    test::temp_dir d;
    store s = store::create(d / "gov.db");
    CHECK(s.schema_version() == store::latest_schema_version());
    auto& db = s.impl().db();
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 1);  // NORMAL
    CHECK(db.execAndGet("PRAGMA application_id").getInt() == detail::application_id);
    CHECK(db.execAndGet("PRAGMA page_size").getInt() == 16384);
    struct stat st {};
    REQUIRE(::stat((d / "gov.db").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("store: create refuses an existing file", "[store]") {
    test::temp_dir d;
    d.write("gov.db", "precious");
    CHECK_THROWS_AS(store::create(d / "gov.db"), conflict);
    std::ifstream in(d / "gov.db");
    std::string content;
    in >> content;
    CHECK(content == "precious");
}

TEST_CASE("store: a database at each older level is upgraded on open", "[store]") {
    for (int level = 0; level < store::latest_schema_version(); ++level) {
        INFO("from level " << level);
        test::temp_dir d;
        {
            SQLite::Database db((d / "gov.db").string(),
                                SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            db.exec("PRAGMA application_id = " + std::to_string(detail::application_id));
            detail::migrate(db, level);
            REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == level);
        }
        store s = store::open(d / "gov.db");
        CHECK(s.schema_version() == store::latest_schema_version());
        CHECK(s.impl().db().tableExists("audit_event"));
        // Level 8: the phone index covers what an import's phone directory reads.
        CHECK(s.impl()
                  .db()
                  .execAndGet(
                      "SELECT group_concat(name, ',') FROM pragma_index_info('resident_phone')")
                  .getString() == "phone,active,birth_year");
    }
}

TEST_CASE(
    "store: level 7 rebuilds the owner table keeping its rows, their references and "
    "unique idents",
    "[store]") {
    test::temp_dir d;
    {
        SQLite::Database db((d / "gov.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA application_id = " + std::to_string(detail::application_id));
        detail::migrate(db, 6);
        db.exec(
            "INSERT INTO compound(id, name) VALUES (1, '幸福里');"
            "INSERT INTO building(id, compound_id, name) VALUES (1, 1, '1');"
            "INSERT INTO unit(id, building_id, name) VALUES (1, 1, '1');"
            "INSERT INTO household(id, unit_id, room) VALUES (1, 1, '101');"
            "INSERT INTO owner(id, ident, name, phone, is_developer) VALUES "
            "(5, '13800000001|甲', '甲', '13800000001', 0), (9, 'room:1|乙', '乙', '', 1);"
            "INSERT INTO resident(id, household_id, name, role, owner_id) VALUES "
            "(1, 1, '甲', '业主', 5), (2, 1, '乙', '业主', 9);");
    }
    store s = store::open(d / "gov.db");
    auto& db = s.impl().db();
    CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK(db.execAndGet("SELECT group_concat(id || ident || name || phone || is_developer, ' ') "
                        "FROM owner")
              .getString() == "513800000001|甲甲138000000010 9room:1|乙乙1");
    CHECK(db.execAndGet("SELECT group_concat(owner_id) FROM resident").getString() == "5,9");
    CHECK(db.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
    CHECK_THROWS(db.exec("INSERT INTO owner(ident, name) VALUES ('room:1|乙', '乙')"));
    CHECK_THROWS(db.exec("DELETE FROM owner WHERE id = 5"));  // still referenced
}

TEST_CASE("store: a database newer than the binary is refused untouched, naming both levels",
          "[store]") {
    test::temp_dir d;
    { store::create(d / "gov.db"); }
    int newer = store::latest_schema_version() + 1;
    test::sql_exec(d / "gov.db",
                   "PRAGMA journal_mode=DELETE; PRAGMA user_version = " + std::to_string(newer));
    auto before = std::filesystem::last_write_time(d / "gov.db");
    auto size = std::filesystem::file_size(d / "gov.db");
    CHECK_THROWS_WITH(
        store::open(d / "gov.db"),
        Catch::Contains("schema level " + std::to_string(newer)) &&
            Catch::Contains("up to level " + std::to_string(store::latest_schema_version())));
    CHECK(std::filesystem::last_write_time(d / "gov.db") == before);
    CHECK(std::filesystem::file_size(d / "gov.db") == size);
    CHECK_FALSE(std::filesystem::exists(d / "gov.db-wal"));
}

TEST_CASE("store: files that are not gov databases are refused clearly", "[store]") {
    test::temp_dir d;
    d.write("text.db", "hello, this is not a database at all");
    CHECK_THROWS_WITH(store::open(d / "text.db"),
                      Catch::Contains("not a gov database (not an SQLite file)"));
    d.write("empty.db", "");
    CHECK_THROWS_WITH(store::open(d / "empty.db"),
                      Catch::Contains("not a gov database (not an SQLite file)"));
    d.write("long.db", std::string(100000, 'x'));
    CHECK_THROWS_WITH(store::open(d / "long.db"),
                      Catch::Contains("not a gov database (not an SQLite file)"));
    CHECK(std::filesystem::file_size(d / "long.db") == 100000);
    CHECK_FALSE(std::filesystem::exists(d / "long.db-wal"));
    test::sql_exec(d / "other.db", "CREATE TABLE t(x)");
    CHECK_THROWS_WITH(store::open(d / "other.db"),
                      Catch::Contains("SQLite file of another application"));
    CHECK_THROWS_WITH(store::open(d / "missing.db"), Catch::Contains("no such database"));
    try {
        store::open(d / "text.db");
    } catch (const error& e) {
        CHECK(e.kind() == error_kind::storage);
    }
}

TEST_CASE("store: integrity check passes on a sound file", "[store]") {
    test::temp_dir d;
    store s = store::create(d / "gov.db");
    CHECK(s.integrity_check().empty());
}

TEST_CASE("store: backup makes a private, openable copy and refuses to overwrite", "[store]") {
    test::temp_dir d;
    store s = store::create(d / "gov.db");
    s.backup(d / "copy.db");
    struct stat st {};
    REQUIRE(::stat((d / "copy.db").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    store copy = store::open(d / "copy.db");
    CHECK(copy.schema_version() == store::latest_schema_version());
    CHECK_THROWS_AS(s.backup(d / "copy.db"), conflict);
}

TEST_CASE("store: a second writer waits, then fails with a storage error past the timeout",
          "[store]") {
    test::temp_dir d;
    { store::create(d / "gov.db"); }
    store a = store::open(d / "gov.db");
    store b = store::open(d / "gov.db", store_options{std::chrono::milliseconds{0}});
    a.impl().db().exec("BEGIN IMMEDIATE");
    try {
        detail::guard_sqlite(b.path(), [&] { b.impl().db().exec("BEGIN IMMEDIATE"); });
        FAIL("the second writer got in");
    } catch (const error& e) {
        CHECK(e.kind() == error_kind::storage);
        CHECK(std::string(e.what()).find("busy") != std::string::npos);
    }
    a.impl().db().exec("ROLLBACK");
}

TEST_CASE("store: a backup taken while another process writes is a consistent snapshot",
          "[store]") {
    test::temp_dir d;
    { store::create(d / "gov.db"); }
    store reader = store::open(d / "gov.db");
    // Another connection (as another gov process would) is in the middle of
    // a write when the backup runs: the copy holds only what was committed.
    SQLite::Database writer((d / "gov.db").string(), SQLite::OPEN_READWRITE);
    writer.exec("INSERT INTO compound(name) VALUES ('committed')");
    writer.exec("BEGIN IMMEDIATE");
    writer.exec("INSERT INTO compound(name) VALUES ('uncommitted')");
    reader.backup(d / "copy.db");
    writer.exec("COMMIT");
    store copy = store::open(d / "copy.db");
    CHECK(copy.impl().db().execAndGet("SELECT group_concat(name) FROM compound").getString() ==
          "committed");
}

TEST_CASE(
    "store: a bulk import writes through a rollback journal only when alone, and the "
    "log comes back after",
    "[store][bulk]") {
    test::temp_dir d;
    { store::create(d / "gov.db"); }
    store s = store::open(d / "gov.db");
    auto& db = s.impl().db();
    auto mode = [&] { return db.execAndGet("PRAGMA journal_mode").getString(); };
    {
        detail::bulk_journal off(db, false);
        CHECK_FALSE(off.active());
        CHECK(mode() == "wal");
    }
    {
        detail::bulk_journal journal(db, true);
        CHECK(journal.active());
        CHECK(mode() == "delete");
        CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL meanwhile
        db.exec("BEGIN IMMEDIATE");
        db.exec("INSERT INTO compound(name) VALUES ('bulk')");
        db.exec("COMMIT");
    }
    CHECK(mode() == "wal");
    CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 1);
    CHECK_FALSE(fs::exists(d / "gov.db-journal"));
    {
        // Another connection has the database open: the log stays (and the
        // busy timeout of 5 s is not waited for: the switch is tried once).
        store other = store::open(d / "gov.db");
        CHECK(other.impl().db().execAndGet("SELECT count(*) FROM compound").getInt() == 1);
        detail::bulk_journal journal(db, true);
        CHECK_FALSE(journal.active());
        CHECK(mode() == "wal");
        CHECK(db.execAndGet("PRAGMA busy_timeout").getInt() == 5000);
    }
}

TEST_CASE(
    "store: a database opened while a bulk import writes can be read, and is a log "
    "database again after",
    "[store][bulk]") {
    test::temp_dir d;
    { store::create(d / "gov.db"); }
    store importer = store::open(d / "gov.db");
    auto& db = importer.impl().db();
    db.exec("INSERT INTO compound(name) VALUES ('before')");
    {
        detail::bulk_journal journal(db, true);
        REQUIRE(journal.active());
        db.exec("BEGIN IMMEDIATE");
        db.exec("INSERT INTO compound(name) VALUES ('during')");
        // It cannot bring the log back while the import holds its lock.
        store reader = store::open(d / "gov.db");
        auto& r = reader.impl().db();
        CHECK(r.execAndGet("PRAGMA journal_mode").getString() == "delete");
        CHECK(r.execAndGet("PRAGMA synchronous").getInt() == 2);
        CHECK(r.execAndGet("SELECT group_concat(name) FROM compound").getString() == "before");
        db.exec("ROLLBACK");  // the import failed
    }
    CHECK(db.execAndGet("SELECT group_concat(name) FROM compound").getString() == "before");
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
    store later = store::open(d / "gov.db");
    CHECK(later.impl().db().execAndGet("PRAGMA journal_mode").getString() == "wal");
}

namespace {

// Whether another process holds a lock on the bytes SQLite locks a database
// file with (pending, reserved, shared: from 1 GiB on). Asked from a child
// process: a process never sees its own POSIX locks as in the way.
bool locked_by_another_process(const fs::path& file) {
    const pid_t child = ::fork();
    if (child == 0) {
        const int fd = ::open(file.c_str(), O_RDWR);
        struct flock l {};
        l.l_type = F_WRLCK;
        l.l_whence = SEEK_SET;
        l.l_start = 0x40000000;
        l.l_len = 512 + 2;
        const int rc = fd < 0 ? -1 : ::fcntl(fd, F_GETLK, &l);
        ::_exit(rc < 0 ? 2 : l.l_type == F_UNLCK ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) != 2);
    return WEXITSTATUS(status) == 1;
}

}  // namespace

// Closing any descriptor of a file drops all of the process's POSIX locks on
// it, SQLite's too; store::open once read the file's header itself, so a
// second store on a file left the first one unprotected (another process
// could then take the file from under it, e.g. switch it out of WAL).
TEST_CASE("store: opening a database again keeps the locks of the store open on it", "[store]") {
    test::temp_dir d;
    store first = store::create(d / "gov.db");
    REQUIRE(locked_by_another_process(d / "gov.db"));
    store second = store::open(d / "gov.db");
    CHECK(locked_by_another_process(d / "gov.db"));
    CHECK_THROWS(store::create(d / "gov.db"));
    CHECK(locked_by_another_process(d / "gov.db"));
}

TEST_CASE("store: a read snapshot keeps one state of the database until it ends", "[store]") {
    test::temp_dir d;
    store s = store::create(d / "gov.db");
    auto& db = s.impl().db();
    db.exec("CREATE TABLE t(x)");
    auto count = [&] { return db.execAndGet("SELECT count(*) FROM t").getInt64(); };
    SQLite::Database other((d / "gov.db").string(), SQLite::OPEN_READWRITE);
    {
        detail::read_snapshot snapshot(db);
        CHECK(count() == 0);
        other.exec("INSERT INTO t VALUES (1)");  // another connection commits meanwhile
        CHECK(count() == 0);
    }
    CHECK(count() == 1);
    CHECK(sqlite3_get_autocommit(db.getHandle()) == 1);
    // Inside a transaction already, that one is the snapshot; it is left open.
    db.exec("BEGIN");
    {
        detail::read_snapshot snapshot(db);
        CHECK(count() == 1);
    }
    CHECK(sqlite3_get_autocommit(db.getHandle()) == 0);
    db.exec("COMMIT");
}

TEST_CASE("store: the database and its companion files are refused as import input", "[store]") {
    test::temp_dir d;
    store s = store::create(d / "gov.db");
    s.impl().db().exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");  // the log exists now
    REQUIRE(fs::exists(d / "gov.db-wal"));
    fs::create_symlink(d / "gov.db", d / "link.csv");
    for (const char* name : {"gov.db", "gov.db-wal", "gov.db-shm", "link.csv"}) {
        INFO(name);
        CHECK_THROWS_AS(detail::refuse_database_file(d / "gov.db", d / name), input_error);
    }
    d.write("roster.csv", "姓名\n");
    CHECK_NOTHROW(detail::refuse_database_file(d / "gov.db", d / "roster.csv"));
    CHECK_NOTHROW(detail::refuse_database_file(d / "gov.db", d / "missing.csv"));
    CHECK(locked_by_another_process(d / "gov.db"));
}
