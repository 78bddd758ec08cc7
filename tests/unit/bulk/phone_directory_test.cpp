#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "bulk/phone_directory.hpp"
#include "gov/store/store.hpp"
#include "store/interface.hpp"
#include "store/migrations.hpp"
#include "temp_dir.hpp"

using gov::detail::phone_directory;

namespace {

// Residents sharing phones in every way the rules tell apart: birth year
// known or not, moved out, landlines that pack and one that does not.
void fill(SQLite::Database& db) {
    db.exec("PRAGMA foreign_keys = OFF");  // no households: only the phones matter here
    std::mt19937 random(11);
    std::uniform_int_distribution<int> phone(0, 2999), year(1940, 2020), coin(0, 3);
    SQLite::Statement insert(db,
                             "INSERT INTO resident(household_id, name, birth_year, phone, role, "
                             "active) VALUES (1, 'r', ?, ?, '居民', ?)");
    const bool own = sqlite3_get_autocommit(db.getHandle()) != 0;
    if (own) db.exec("BEGIN");
    for (int i = 0; i < 6000; ++i) {
        const int p = phone(random);
        std::string text = p % 50 == 0   ? fmt::format("0551-{:07}", p)
                           : p % 97 == 0 ? fmt::format("0551-{:08}-{:03}", p, p % 1000)
                                         : fmt::format("13{:09}", p * 7919);
        if (coin(random) == 0)
            insert.bind(1);  // unknown birth year
        else
            insert.bind(1, year(random));
        insert.bind(2, text);
        insert.bind(3, coin(random) == 0 ? 0 : 1);
        insert.exec();
        insert.reset();
    }
    if (own) db.exec("COMMIT");
}

// What each phone must mean, by the rules, straight from SQL.
std::vector<std::pair<std::string, std::int64_t>> expected(SQLite::Database& db) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    SQLite::Statement q(db,
                        "SELECT phone, (SELECT id FROM resident r WHERE r.phone = p.phone AND "
                        "active = 1 ORDER BY birth_year IS NULL, birth_year, id LIMIT 1) "
                        "FROM (SELECT DISTINCT phone FROM resident) p ORDER BY phone");
    while (q.executeStep())
        out.emplace_back(q.getColumn(0).getString(),
                         q.getColumn(1).isNull() ? -1 : q.getColumn(1).getInt64());
    return out;
}

void check_all(const phone_directory& d, SQLite::Database& db) {
    for (const auto& [phone, id] : expected(db)) {
        INFO(phone);
        auto found = d.find(phone);
        if (id < 0)
            CHECK_FALSE(found);  // everyone with it moved out
        else
            CHECK(found == id);
    }
    CHECK_FALSE(d.find("13999999999"));
    CHECK_FALSE(d.find(""));
}

}  // namespace

TEST_CASE("phone directory: one reader or two, every phone means the resident the rules pick",
          "[phone_directory]") {
    gov::test::temp_dir dir;
    gov::store s = gov::store::create(dir / "gov.db");
    auto& db = s.impl().db();
    fill(db);
    check_all(phone_directory(db), db);
    for (const char* pivot : {"13", "130000000000", "1310000000", "0551-0000500", "2"}) {
        INFO("pivot " << pivot);
        check_all(phone_directory(db, pivot), db);
    }
    // A pivot that is a phone: its residents are on the second reader's side.
    const auto phones = expected(db);
    const std::string middle = phones[phones.size() / 2].first;
    INFO("pivot " << middle);
    check_all(phone_directory(db, middle), db);
    // Inside a write transaction that has not touched the roster, as the
    // issue import builds it.
    db.exec("BEGIN IMMEDIATE");
    db.exec("INSERT INTO compound(name) VALUES ('x')");
    check_all(phone_directory(db, middle), db);
    db.exec("ROLLBACK");
}

TEST_CASE(
    "phone directory: without a second connection the reading thread's share is read "
    "on this one",
    "[phone_directory]") {
    // An in-memory database cannot be opened a second time: the second
    // reader fails and its phones are read after the first half.
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    gov::detail::migrate(db, gov::detail::latest_migration());
    fill(db);
    const auto phones = expected(db);
    check_all(phone_directory(db, phones[phones.size() / 2].first), db);
}

TEST_CASE("phone directory: one phone, none that pack, and phones outside the range",
          "[phone_directory]") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    gov::detail::migrate(db, gov::detail::latest_migration());
    db.exec("PRAGMA foreign_keys = OFF");
    auto add = [&](const char* phone, std::int64_t id) {
        db.exec(
            fmt::format("INSERT INTO resident(id, household_id, name, phone, role, active) "
                        "VALUES ({}, 1, 'r', '{}', '居民', 1)",
                        id, phone));
    };
    CHECK_FALSE(phone_directory(db).find("13800000001"));  // no phones at all
    add("0551-12345678-1234", 1);                          // too long to pack
    {
        phone_directory d(db);
        CHECK(d.find("0551-12345678-1234") == 1);
        CHECK_FALSE(d.find("13800000001"));
    }
    add("13800000005", 2);  // one packed phone: the smallest and the largest key
    {
        phone_directory d(db);
        CHECK(d.find("13800000005") == 2);
        CHECK_FALSE(d.find("13800000004"));
        CHECK_FALSE(d.find("13800000006"));
        CHECK_FALSE(d.find("1380000000"));
    }
    // Ids past 32 bits, and phones on either side of the stored ones.
    add("13900000000", 5000000000);
    add("13700000000", 3);
    phone_directory d(db, "13800000005");
    CHECK(d.find("13900000000") == 5000000000);
    CHECK(d.find("13700000000") == 3);
    CHECK(d.find("13800000005") == 2);
    CHECK_FALSE(d.find("13600000000"));
    CHECK_FALSE(d.find("19999999999"));
    CHECK_FALSE(d.find("13750000000"));
}

namespace {

bool is_stored(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM phone_directory").getInt() == 1;
}

}  // namespace

TEST_CASE("phone directory: stored and loaded, it means what the index means",
          "[phone_directory]") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    gov::detail::migrate(db, gov::detail::latest_migration());
    CHECK_FALSE(phone_directory::stored(db));  // none yet
    fill(db);
    // Odd entries too: a phone that does not pack, an id past 32 bits.
    db.exec(
        "INSERT INTO resident(id, household_id, name, phone, role, active) VALUES "
        "(5000000000, 1, 'r', '13811112222', '居民', 1), "
        "(5000000001, 1, 'r', '+86 138 1111 3333', '居民', 1)");
    phone_directory(db).store(db);
    REQUIRE(is_stored(db));
    auto loaded = phone_directory::stored(db);
    REQUIRE(loaded);
    check_all(*loaded, db);
    CHECK(loaded->find("13811112222") == 5000000000);
    CHECK(loaded->find("+86 138 1111 3333") == 5000000001);

    // Storing again replaces it; an empty roster stores an empty directory.
    phone_directory(db).store(db);
    CHECK(is_stored(db));
    db.exec("DELETE FROM resident");
    CHECK_FALSE(is_stored(db));  // the triggers
    phone_directory(db).store(db);
    auto empty = phone_directory::stored(db);
    REQUIRE(empty);
    CHECK_FALSE(empty->find("13811112222"));
}

TEST_CASE("phone directory: a stored one that does not hold together is not used",
          "[phone_directory]") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    gov::detail::migrate(db, gov::detail::latest_migration());
    fill(db);
    // A blob of the stored row, changed by `edit`.
    auto edit = [&](const char* column, const std::function<void(std::string&)>& change) {
        SQLite::Statement get(db, fmt::format("SELECT {} FROM phone_directory", column));
        REQUIRE(get.executeStep());
        std::string bytes(static_cast<const char*>(get.getColumn(0).getBlob()),
                          static_cast<std::size_t>(get.getColumn(0).getBytes()));
        get.reset();
        change(bytes);
        SQLite::Statement put(db, fmt::format("UPDATE phone_directory SET {} = ?", column));
        put.bind(1, bytes.data(), static_cast<int>(bytes.size()));
        put.exec();
    };
    const std::vector<std::pair<const char*, std::function<void()>>> damage = {
        {"another layout", [&] { db.exec("UPDATE phone_directory SET format = 2"); }},
        {"an entry cut short",
         [&] { edit("phones", [](std::string& b) { b.resize(b.size() - 4); }); }},
        {"two phones out of order",
         [&] {
             edit("phones", [](std::string& b) {
                 std::swap_ranges(b.begin(), b.begin() + 12, b.begin() + 12);
             });
         }},
        {"an odd phone cut short",
         [&] { edit("odd", [](std::string& b) { b = std::string("\1\0\0\0\5\0\0\0", 8); }); }},
        {"bytes after the odd phones", [&] { edit("odd", [](std::string& b) { b += '\0'; }); }},
    };
    for (const auto& [what, change] : damage) {
        INFO(what);
        phone_directory(db).store(db);
        REQUIRE(phone_directory::stored(db));
        change();
        CHECK_FALSE(phone_directory::stored(db));
    }
}

TEST_CASE("phone directory: every change that could alter it deletes the stored one",
          "[phone_directory]") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    gov::detail::migrate(db, gov::detail::latest_migration());
    db.exec("PRAGMA foreign_keys = OFF");
    db.exec(
        "INSERT INTO resident(id, household_id, name, birth_year, phone, role, active) VALUES "
        "(1, 1, 'a', 1970, '13800000001', '居民', 1), (2, 1, 'b', NULL, '13800000002', '居民', 1), "
        "(3, 1, 'c', 1980, '13800000003', '居民', 0), (4, 1, 'd', 1990, '', '居民', 1), "
        "(30, 1, 'e', 1980, '13800000030', '居民', 0), (40, 1, 'f', 1990, '', '居民', 1)");
    auto after = [&](const char* sql) {
        phone_directory(db).store(db);
        REQUIRE(is_stored(db));
        db.exec(sql);
        return is_stored(db);
    };
    // Kept: what cannot change which resident a phone means.
    CHECK(after("UPDATE resident SET name = 'x', remark = 'y' WHERE id = 1"));
    CHECK(after("UPDATE resident SET phone = '13800000001', birth_year = 1970 WHERE id = 1"));
    CHECK(after("UPDATE resident SET birth_year = 1960 WHERE id = 3"));  // moved out
    CHECK(after("UPDATE resident SET birth_year = 1960 WHERE id = 4"));  // no phone
    CHECK(after("DELETE FROM resident WHERE id = 30"));
    CHECK(after("DELETE FROM resident WHERE id = 40"));
    // Deleted: each of the others.
    CHECK_FALSE(
        after("INSERT INTO resident(id, household_id, name, role) VALUES (9, 1, 'n', "
              "'居民')"));  // any insert (INSERT OR REPLACE removes without a trigger)
    CHECK_FALSE(
        after("INSERT OR REPLACE INTO resident(id, household_id, name, role) VALUES "
              "(9, 1, 'n', '居民')"));
    CHECK_FALSE(after("UPDATE resident SET phone = '13800000009' WHERE id = 1"));
    CHECK_FALSE(after("UPDATE resident SET birth_year = NULL WHERE id = 1"));
    CHECK_FALSE(after("UPDATE resident SET birth_year = 1971 WHERE id = 2"));
    CHECK_FALSE(after("UPDATE resident SET active = 0 WHERE id = 1"));
    CHECK_FALSE(after("UPDATE resident SET active = 1 WHERE id = 3"));  // moves back in
    CHECK_FALSE(after("UPDATE resident SET phone = '13800000004' WHERE id = 4"));
    CHECK_FALSE(after("UPDATE resident SET id = 20 WHERE id = 2"));
    CHECK_FALSE(after("DELETE FROM resident WHERE id = 20"));
}

TEST_CASE("phone directory: stored if missing, in a transaction of its own", "[phone_directory]") {
    gov::test::temp_dir dir;
    gov::store s = gov::store::create(dir / "gov.db");
    auto& db = s.impl().db();
    fill(db);
    CHECK_FALSE(is_stored(db));
    CHECK(phone_directory::store_if_missing(db));
    REQUIRE(is_stored(db));
    CHECK(sqlite3_get_autocommit(db.getHandle()) != 0);  // committed
    auto loaded = phone_directory::stored(db);
    REQUIRE(loaded);
    check_all(*loaded, db);
    // Already there: left as it is (a changed format would show a rewrite).
    db.exec("UPDATE phone_directory SET format = 7");
    CHECK(phone_directory::store_if_missing(db));
    CHECK(db.execAndGet("SELECT format FROM phone_directory").getInt() == 7);
    db.exec("DELETE FROM phone_directory");
    // Another connection writing: not stored, and no wait for it (with an
    // hour's busy timeout, waiting would hang the test until ctest stops it).
    SQLite::Database other((dir / "gov.db").string(), SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    db.exec("PRAGMA busy_timeout = 3600000");
    CHECK_FALSE(phone_directory::store_if_missing(db));
    CHECK(db.execAndGet("PRAGMA busy_timeout").getInt() == 3600000);  // as it was
    other.exec("ROLLBACK");
    CHECK_FALSE(is_stored(db));
    CHECK(phone_directory::store_if_missing(db));
    CHECK(is_stored(db));
}
