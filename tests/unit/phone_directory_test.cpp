#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "gov/store.hpp"
#include "migrations.hpp"
#include "phone_directory.hpp"
#include "store_impl.hpp"
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
    db.exec("BEGIN");
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
    db.exec("COMMIT");
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
