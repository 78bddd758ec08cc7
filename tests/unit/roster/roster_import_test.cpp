#include <catch2/catch.hpp>

#include <sstream>

#include <fmt/format.h>

#include "bulk/interface.hpp"
#include "gov/roster/roster_import.hpp"
#include "gov/store/config.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "roster/roster_row.hpp"
#include "store/interface.hpp"
#include "temp_dir.hpp"

using namespace gov;

namespace {

const std::string header =
    "姓名,性别,出生年份,小区,楼栋,单元,房号,电话,身份,建筑面积,是否党员,是否楼长,入住日期,备注\n";
const fixed_clock clock_now{*parse_timestamp("2026-11-27T09:00:00Z")};

// Reads the first data row of `csv` and checks it.
std::vector<roster_problem> problems_of(const std::string& row, roster_config cfg = {}) {
    std::istringstream in(header + row + "\n");
    csv_reader reader(in, "t.csv");
    csv_record rec;
    reader.next(rec);
    auto layout = detail::map_roster_header(rec, cfg, "t.csv");
    reader.next(rec);
    detail::roster_row r;
    std::vector<roster_problem> problems;
    detail::read_roster_row(rec, layout, cfg, *parse_date("2026-11-27"), r, problems);
    return problems;
}

struct community {
    test::temp_dir dir;
    community() { init_community(dir.path(), "t", clock_now, "tester"); }
    context open() { return open_context(load_config(dir / "gov.toml"), clock_now, "tester"); }
    roster_import_result import(const std::string& rows, bool sync = false) {
        auto file = dir.write("r.csv", header + rows);
        auto ctx = open();
        roster_import_options o;
        o.file = file;
        o.sync = sync;
        auto r = import_roster(ctx, o);
        // The import writes with foreign keys unchecked (bulk_settings.hpp):
        // every reference it made must still hold, and the setting be back.
        auto& db = ctx.db().impl().db();
        CHECK(db.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
        CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
        // A first roster is written through a rollback journal
        // (bulk_settings.hpp); the log is back after, whatever happened.
        CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
        CHECK_FALSE(std::filesystem::exists(dir / "gov.db-journal"));
        // A first roster drops the triggers that keep the stored phone
        // directory honest (roster_bulk.hpp): they are back. And an import
        // that changed the roster leaves a directory that means what the
        // residents say.
        CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                            "tbl_name = 'resident'")
                  .getInt() == 3);
        if (r.committed) {
            auto stored = detail::phone_directory::stored(db);
            REQUIRE(stored);
            SQLite::Statement q(db,
                                "SELECT phone, (SELECT id FROM resident r WHERE r.phone = "
                                "p.phone AND active = 1 ORDER BY birth_year IS NULL, "
                                "birth_year, id LIMIT 1) FROM (SELECT DISTINCT phone FROM "
                                "resident WHERE phone <> '') p");
            while (q.executeStep()) {
                INFO(q.getColumn(0).getString());
                auto found = stored->find(q.getColumn(0).getString());
                if (q.getColumn(1).isNull())
                    CHECK_FALSE(found);
                else
                    CHECK(found == q.getColumn(1).getInt64());
            }
        }
        return r;
    }
    std::string query(const std::string& sql) {
        auto ctx = open();
        return ctx.db().impl().db().execAndGet(sql).getString();
    }
};

}  // namespace

TEST_CASE("roster row: a good row has no problems", "[roster_import]") {
    CHECK(problems_of("王建国,男,1965,幸福里,1,1,101,13800000001,业主,88.50,是,是,2005-06-01,")
              .empty());
    CHECK(problems_of("王建国,,,幸福里,1,1,101,,业主,,,,,").empty());
}

TEST_CASE("roster row: each field is checked and every problem named", "[roster_import]") {
    auto p = problems_of("王建国,X,1850,幸福里,1,1,101,12345,房东,0,maybe,也许,2027-01-01,");
    REQUIRE(p.size() == 8);
    CHECK(p[0].column == "身份");
    CHECK(p[1].column == "性别");
    CHECK(p[2].column == "出生年份");
    CHECK(p[3].column == "电话");
    CHECK(p[4].reason == "must be more than 0");
    CHECK(p[5].column == "是否党员");
    CHECK(p[6].column == "是否楼长");
    CHECK(p[7].reason == "2027-01-01 is in the future");
}

TEST_CASE("roster row: configured roles and header names are honoured", "[roster_import]") {
    roster_config cfg;
    cfg.roles = {"业主", "房东"};
    CHECK(problems_of("甲,男,1965,幸福里,1,1,101,,房东,,,,,", cfg).empty());
    cfg.columns["name"] = "户主姓名";
    std::istringstream in("户主姓名,小区,楼栋,单元,房号,身份\n甲,幸福里,1,1,101,业主\n");
    csv_reader reader(in, "t.csv");
    csv_record rec;
    reader.next(rec);
    auto layout = detail::map_roster_header(rec, cfg, "t.csv");
    CHECK(layout.has(detail::f_name));
    CHECK_FALSE(layout.has(detail::f_phone));
}

TEST_CASE("roster import: a parent and child sharing name and phone are two people",
          "[roster_import]") {
    community c;
    auto r = c.import(
        "赵鹏,男,1993,幸福里,5,3,1703,18065569761,业主,146.98,是,否,2023-10-25,\n"
        "赵鹏,男,2022,幸福里,5,3,1703,18065569761,家属,146.98,否,否,2023-10-25,\n");
    CHECK(r.added == 2);
    CHECK(r.invalid == 0);
    auto again = c.import(
        "赵鹏,男,1993,幸福里,5,3,1703,18065569761,业主,146.98,是,否,2023-10-25,\n"
        "赵鹏,男,2022,幸福里,5,3,1703,18065569761,家属,146.98,否,否,2023-10-25,\n");
    CHECK(again.unchanged == 2);
    CHECK_FALSE(again.committed);
}

TEST_CASE("roster import: a tenant found in another room has moved, and is not a new person",
          "[roster_import]") {
    community c;
    c.import("陈明,男,1980,幸福里,1,2,201,13900000003,租户,64.00,否,否,2024-09-01,\n");
    auto r = c.import("陈明,男,1980,幸福里,1,3,301,13900000003,租户,70.00,否,否,2025-09-01,\n");
    CHECK(r.added == 0);
    CHECK(r.updated == 1);
    CHECK(c.query("SELECT count(*) FROM resident") == "1");
    CHECK(c.query("SELECT h.room FROM resident r JOIN household h ON h.id = r.household_id") ==
          "301");
}

TEST_CASE("roster import: an owner of two rooms is one owner with two residences",
          "[roster_import]") {
    community c;
    c.import(
        "王建国,男,1965,幸福里,1,1,101,13800000001,业主,88.50,否,否,,\n"
        "王建国,男,1965,幸福里,1,2,202,13800000001,业主,90.25,否,否,,\n");
    CHECK(c.query("SELECT count(*) FROM owner") == "1");
    CHECK(c.query("SELECT count(*) FROM resident WHERE owner_id IS NOT NULL") == "2");
}

TEST_CASE("owner directory: finds every owner it read or was given, by exact ident",
          "[roster_import]") {
    community c;
    auto ctx = c.open();
    auto& db = ctx.db().impl().db();
    db.exec("INSERT INTO owner(id, ident, name) VALUES (7, '13800000001|王建国', '王建国')");
    detail::owner_directory d(db);
    CHECK(d.find("13800000001|王建国") == 7);
    CHECK_FALSE(d.find("13800000001|王建"));
    CHECK_FALSE(d.find(""));
    // Enough to grow the table several times.
    for (int i = 0; i < 5000; ++i) d.add(fmt::format("room:{}|甲", i), 100 + i);
    CHECK(d.size() == 5001);
    for (int i = 0; i < 5000; ++i) REQUIRE(d.find(fmt::format("room:{}|甲", i)) == 100 + i);
    CHECK(d.find("13800000001|王建国") == 7);
    CHECK_FALSE(d.find("room:5000|甲"));
    CHECK_THROWS_AS(d.add("room:1|甲", 1), internal_error);
}

TEST_CASE("roster import: owners are matched past the point the directory is read",
          "[roster_import]") {
    // More owners than are searched in the index one by one: the second
    // import reads them into the directory part-way and must still find
    // each, and the owner of a second room too.
    community c;
    std::string rows, again;
    for (int i = 0; i < 5000; ++i)
        rows += fmt::format("业主{},男,1965,幸福里,1,1,{},138{:08},业主,88.50,否,否,,\n", i,
                            1000 + i, i);
    c.import(rows);
    again = rows + "业主4999,男,1965,幸福里,2,1,101,13800004999,业主,60.00,否,否,,\n" +
            "业主5000,男,1965,幸福里,2,1,102,,业主,60.00,否,否,,\n";
    auto r = c.import(again);
    CHECK(r.added == 2);
    CHECK(r.unchanged == 5000);
    CHECK(c.query("SELECT count(*) FROM owner") == "5001");
    CHECK(c.query("SELECT count(DISTINCT owner_id) FROM resident") == "5001");
    CHECK(c.query("SELECT count(*) FROM resident WHERE owner_id = (SELECT id FROM owner WHERE "
                  "ident = '13800004999|业主4999')") == "2");
}

TEST_CASE("roster import: a room met again, in its new unit or after it, is the same household",
          "[roster_import]") {
    community c;
    auto r = c.import(
        "甲,男,1965,幸福里,1,1,101,13800000001,业主,88.50,否,否,,\n"
        "乙,男,1965,幸福里,1,1,102,13800000002,业主,70.00,否,否,,\n"
        "丙,女,1966,幸福里,1,1,101,13800000003,家属,88.50,否,否,,\n"
        "丁,男,1965,幸福里,1,2,101,13800000004,业主,60.00,否,否,,\n"
        "戊,女,1990,幸福里,1,1,102,13800000005,家属,70.00,否,否,,\n"
        "甲,男,1965,幸福里,1,1,101,13800000001,业主,88.50,否,否,,\n");
    CHECK(r.added == 5);
    CHECK(r.invalid == 1);                                    // the repeat of 甲
    CHECK(c.query("SELECT count(*) FROM household") == "0");  // not committed: a row was invalid
    r = c.import(
        "甲,男,1965,幸福里,1,1,101,13800000001,业主,88.50,否,否,,\n"
        "乙,男,1965,幸福里,1,1,102,13800000002,业主,70.00,否,否,,\n"
        "丙,女,1966,幸福里,1,1,101,13800000003,家属,88.50,否,否,,\n"
        "丁,男,1965,幸福里,1,2,101,13800000004,业主,60.00,否,否,,\n"
        "戊,女,1990,幸福里,1,1,102,13800000005,家属,70.00,否,否,,\n");
    CHECK(r.added == 5);
    CHECK(c.query("SELECT count(*) FROM household") == "3");
    // Into an empty roster the indexes are made at the end, or (the one by
    // household, for the rooms met again) part-way: all of them, once.
    CHECK(c.query("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE "
                  "type = 'index' AND tbl_name IN ('resident', 'owner') AND sql IS NOT NULL "
                  "ORDER BY name)") ==
          "owner_ident resident_household resident_owner resident_phone");
    CHECK(c.query("SELECT group_concat(n, ',') FROM (SELECT count(*) AS n FROM resident "
                  "GROUP BY household_id ORDER BY household_id)") == "2,2,1");
}

TEST_CASE("roster import: sync moves out only residents of the covered buildings",
          "[roster_import]") {
    community c;
    c.import(
        "甲,男,1965,幸福里,1,1,101,13800000001,业主,88.50,否,否,,\n"
        "乙,男,1965,幸福里,1,1,102,13800000002,业主,88.50,否,是,,\n"
        "丙,男,1965,幸福里,2,1,101,13800000003,业主,88.50,否,否,,\n");
    auto r = c.import("甲,男,1965,幸福里,1,1,101,13800000001,业主,88.50,否,否,,\n", true);
    CHECK(r.moved_out == 1);
    REQUIRE(r.moved_out_examples.size() == 1);
    CHECK(r.moved_out_examples[0].name == "乙");
    CHECK(c.query(
              "SELECT group_concat(name || active || ifnull(moved_out, '-'), ' ') FROM resident") ==
          "甲1- 乙02026-11-27 丙1-");
    // A leader who moved out leads no more.
    CHECK(c.query("SELECT count(*) FROM building WHERE leader_id IS NOT NULL") == "0");
}

TEST_CASE("roster import: rows of one room must agree on its area", "[roster_import]") {
    community c;
    auto r = c.import(
        "甲,男,1965,幸福里,1,1,101,13800000001,业主,88.50,否,否,,\n"
        "乙,女,1966,幸福里,1,1,101,13800000002,家属,88.05,否,否,,\n");
    CHECK(r.invalid == 1);
    CHECK_FALSE(r.committed);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 3);
    CHECK(r.problems[0].reason == "88.05 differs from 88.50 given for the same room on line 2");
    CHECK(c.query("SELECT count(*) FROM resident") == "0");
}

TEST_CASE("roster import: a remark marked against formulas on export is read back as written",
          "[roster_import]") {
    community c;
    c.import("甲,男,1965,幸福里,1,1,101,,业主,,,,,'=1+1\n");
    CHECK(c.query("SELECT remark FROM resident") == "=1+1");
}

TEST_CASE("roster import: file-level problems throw and change nothing", "[roster_import]") {
    community c;
    auto ctx = c.open();
    roster_import_options o;
    o.file = c.dir / "missing.csv";
    CHECK_THROWS_AS(import_roster(ctx, o), input_error);
    o.file = c.dir.write("h.csv", "姓名,小区\n");
    CHECK_THROWS_WITH(import_roster(ctx, o), Catch::Contains("missing required column"));
}

TEST_CASE("roster row: dates as spreadsheets write them, phones they spoil", "[roster_import]") {
    CHECK(problems_of("甲,男,1965,幸福里,1,1,101,,业主,,,,2005年6月1日,").empty());
    CHECK(problems_of("甲,男,1965,幸福里,1,1,101,,业主,,,,２００５／６／１,").empty());
    auto p = problems_of("甲,男,1965,幸福里,1,1,101,1.38E+10,业主,,,,,");
    REQUIRE(p.size() == 1);
    CHECK(p[0].column == "电话");
    CHECK_THAT(p[0].reason, Catch::StartsWith("\"1.38E+10\": Excel turned the phone into a "
                                              "number in scientific notation"));
    p = problems_of("甲,男,1965,幸福里,1,1,101,137****6768,业主,,,,,");
    REQUIRE(p.size() == 1);
    CHECK(p[0].reason ==
          "this phone is masked (137****6768), as gov roster export writes it without "
          "--reveal-pii: import an export made with --reveal-pii, or the original file");
}

TEST_CASE("roster import: columns gov does not read are warned about, or refused when strict",
          "[roster_import]") {
    community c;
    auto file =
        c.dir.write("x.csv", "姓名,小区,楼栋,单元,房号,身份,楼层\n甲,幸福里,1,1,101,业主,3\n");
    auto ctx = c.open();
    roster_import_options o;
    o.file = file;
    o.dry_run = true;
    auto r = import_roster(ctx, o);
    CHECK(r.warnings ==
          std::vector<std::string>{fmt::format(
              "{}:1: column 7 (G) \"楼层\" is not a roster column; ignored", file.string())});
    o.strict = true;
    o.dry_run = false;
    CHECK_THROWS_WITH(import_roster(ctx, o),
                      Catch::EndsWith("1 column(s) that gov does not read; nothing was imported "
                                      "(--strict)"));
    CHECK(c.query("SELECT count(*) FROM resident") == "0");
    o.file =
        c.dir.write("u.csv", "姓名,小区,楼栋,单元,房号,身份,面积(㎡)\n甲,幸福里,1,1,101,业主,3\n");
    o.strict = false;
    CHECK_THROWS_WITH(import_roster(ctx, o),
                      Catch::EndsWith("u.csv:1: column 7 (G) \"面积(㎡)\" looks like 建筑面积 "
                                      "with a unit: rename the column to 建筑面积"));
    CHECK(c.query("SELECT count(*) FROM resident") == "0");
}

TEST_CASE(
    "roster import: a directory that cannot be stored is said, not swallowed; the memory "
    "hook runs once after the commit",
    "[roster_import]") {
    community c;
    {
        auto ctx = c.open();
        ctx.db().impl().db().exec(
            "CREATE TRIGGER refuse_directory BEFORE INSERT ON phone_directory "
            "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
    }
    auto file = c.dir.write("r.csv", header +
                                         "张三,男,1980,幸福里,1,1,101,13800000001,业主,88.50,否,"
                                         "否,2020-01-01,\n");
    auto ctx = c.open();
    roster_import_options o;
    o.file = file;
    int freed = 0;
    bool committed_before_hook = false;
    o.memory_freed = [&] {
        ++freed;
        // The roster is in by now: another connection sees it.
        committed_before_hook = c.query("SELECT count(*) FROM resident") == "1";
    };
    auto r = import_roster(ctx, o);
    CHECK(r.committed);
    CHECK(freed == 1);
    CHECK(committed_before_hook);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("the phone directory for issue imports was not stored") !=
          std::string::npos);
    CHECK(r.warnings[0].find("refused for the test") != std::string::npos);
    CHECK(c.query("SELECT count(*) FROM resident") == "1");
}
