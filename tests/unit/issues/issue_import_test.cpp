#include <catch2/catch.hpp>

#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "gov/issues/issue.hpp"
#include "gov/issues/issue_import.hpp"
#include "gov/text/sha256.hpp"
#include "gov/values/error.hpp"
#include "issue_test_fixture.hpp"

using namespace gov;
using test::import_problems;
using test::issue_community;

namespace {

const char* header = "标题,类别,楼栋,提出人电话,状态,优先级,创建日期,解决日期\r\n";

issue_import_result import(issue_community& t, const std::string& name, const std::string& text,
                           bool dry_run = false) {
    issue_import_options o;
    o.file = t.dir.write(name, text);
    o.dry_run = dry_run;
    return import_issues(t.c(), o);
}

std::string export_text(issue_community& t, issue_file_format format, bool reveal = true) {
    std::ostringstream out;
    issue_export_options o;
    o.format = format;
    o.reveal_pii = reveal;
    export_issues(t.c(), out, o);
    return out.str();
}

// What an issue is, without what a new database numbers differently.
std::string essence(const issue_record& r) {
    return fmt::format(
        "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", r.title, r.description, r.category,
        r.severity, r.priority, r.status, r.building, r.unit, r.room, r.household_id.value_or(0),
        r.raised_by, r.assignee, r.due ? format_date(*r.due) : "-", r.due_explicit, r.resolution,
        format_date(local_date(r.created_at, std::chrono::hours(8))),
        r.resolved_at ? format_date(local_date(*r.resolved_at, std::chrono::hours(8))) : "-",
        fmt::join(r.tags, ","));
}

}  // namespace

TEST_CASE("issue import: the columns of the bench file", "[issue][import]") {
    issue_community t;
    auto events = t.events();
    std::string text = std::string(header) +
                       "12号楼2单元楼道灯不亮,设施维修,12,13800000002,resolved,中,2022-03-06,"
                       "2022-03-08\r\n"
                       "12号楼外墙瓷砖脱落,安全隐患,幸福里/12,13800000001,closed,低,2025-03-02,"
                       "2025-03-10\r\n"
                       "广场舞音响过大,噪音,阳光苑/1,,open,紧急,2024-06-15,\r\n";
    auto r = import(t, "issues.csv", text);
    CHECK(r.problems.empty());
    CHECK(r.committed);
    CHECK(r.rows == 3);
    CHECK(r.imported == 3);
    CHECK(r.first_id == 1);
    CHECK(r.last_id == 3);
    CHECK(r.format == "csv");
    CHECK(r.encoding == "utf-8");
    CHECK(r.sha256 == sha256_hex(text));

    issue_record a = get_issue(t.c(), 1);
    CHECK(a.status == "resolved");
    CHECK(a.building == "幸福里/12");
    CHECK(a.raised_by == "李四");
    CHECK(format_timestamp(a.created_at) == "2022-03-05T16:00:00Z");  // local midnight
    CHECK(format_timestamp(*a.resolved_at) == "2022-03-07T16:00:00Z");
    CHECK_FALSE(a.closed_at);
    CHECK(a.due == parse_date("2022-03-13"));  // 设施维修: 7 days
    CHECK(a.created_by == "tester");
    CHECK(a.history.empty());
    issue_record b = get_issue(t.c(), 2);
    CHECK(b.raised_by == "张三");  // the phone is shared with his son: the earliest born
    CHECK(b.closed_at == b.resolved_at);
    CHECK(format_timestamp(b.updated_at) == "2025-03-09T16:00:00Z");
    issue_record c = get_issue(t.c(), 3);
    CHECK(c.building == "阳光苑/1");
    CHECK(c.priority == "紧急");
    CHECK(c.overdue);

    REQUIRE(t.events() == events + 1);
    auto e = list_audit(t.c().db()).back();
    CHECK(e.action == "issue.import");
    auto p = nlohmann::json::parse(e.payload);
    CHECK(p["file"] == "issues.csv");
    CHECK(p["sha256"] == r.sha256);
    CHECK(p["rows"] == 3);
    CHECK(p["imported"] == 3);
    CHECK(p["first_id"] == 1);
    CHECK(p["last_id"] == 3);
}

TEST_CASE("issue import: every bad line is reported and nothing is written", "[issue][import]") {
    issue_community t;
    auto events = t.events();
    std::string text = std::string(header) +
                       "好的一行,噪音,12,13800000002,open,中,2026-11-01,\r\n"             // 2
                       "停水,水电,12,13800000002,open,中,2026-11-01,\r\n"                 // 3
                       ",噪音,99,13800000009,opened,特急,2026-13-01,\r\n"                 // 4
                       "楼道灯,设施维修,1,1380000,resolved,中,2026-11-05,2026-11-01\r\n"  // 5
                       "车位,停车管理,12,13800000004,open,中,2026-11-01,2026-11-02\r\n"   // 6
                       "少一列,噪音,12,13800000002,open,中,2026-11-01\r\n";               // 7
    auto r = import(t, "bad.csv", text);
    CHECK_FALSE(r.committed);
    CHECK(r.rows == 6);
    CHECK(r.invalid == 5);
    CHECK(r.imported == 0);
    CHECK(import_problems(r) ==
          std::vector<std::string>{
              "bad.csv:3: 类别: \"水电\" is not one of: 安全隐患, 环境卫生, 设施维修, 噪音, "
              "停车管理, 邻里纠纷, 绿化, 其他",
              "bad.csv:4: 标题: an issue needs a title",
              "bad.csv:4: 状态: \"opened\" is not one of: closed, in_progress, open, rejected, "
              "resolved",
              "bad.csv:4: 优先级: \"特急\" is not one of: 紧急, 高, 中, 低",
              "bad.csv:4: 楼栋: no building \"99\"; buildings are: 幸福里/1, 幸福里/12, 阳光苑/1",
              "bad.csv:4: 提出人电话: no active resident has the phone 138****0009",
              "bad.csv:4: 创建日期: \"2026-13-01\" is not a date like 2026-11-27",
              "bad.csv:5: 楼栋: building \"1\" is ambiguous; name it with its compound: "
              "幸福里/1, 阳光苑/1",
              "bad.csv:5: 提出人电话: \"1380000\" is not a phone number",
              "bad.csv:5: 解决日期: 2026-11-01 is before the issue was created (2026-11-05)",
              "bad.csv:6: 提出人电话: no active resident has the phone 138****0004",
              "bad.csv:6: 解决日期: given for an issue that is open, not done (resolved, closed, "
              "rejected)",
              "bad.csv:7: 7 fields, but the header has 8",
          });
    CHECK(t.count("SELECT count(*) FROM issue") == 0);
    CHECK(t.events() == events);
}

TEST_CASE("issue import: a dry run checks every row and writes nothing", "[issue][import]") {
    issue_community t;
    auto events = t.events();
    std::string text =
        std::string(header) + "a,噪音,12,,open,中,2026-11-01,\r\n" + "b,噪音,12,,,,,\r\n";
    auto r = import(t, "ok.csv", text, true);
    CHECK(r.problems.empty());
    CHECK(r.rows == 2);
    CHECK_FALSE(r.committed);
    CHECK(t.count("SELECT count(*) FROM issue") == 0);
    CHECK(t.events() == events);
    // Blank status, priority and created take the defaults and now.
    r = import(t, "ok.csv", text);
    CHECK(r.committed);
    issue_record b = get_issue(t.c(), 2);
    CHECK(b.status == "open");
    CHECK(b.priority == "中");
    CHECK(format_timestamp(b.created_at) == "2026-11-27T09:00:00Z");
}

TEST_CASE("issue import: the same file twice is refused unless asked", "[issue][import]") {
    issue_community t;
    std::string text = std::string(header) + "a,噪音,12,,open,中,2026-11-01,\r\n";
    import(t, "a.csv", text);
    auto events = t.events();
    CHECK_THROWS_AS(import(t, "copy.csv", text), conflict);
    CHECK_THROWS_AS(import(t, "copy.csv", text, true), conflict);
    CHECK(t.events() == events);
    issue_import_options o;
    o.file = t.dir / "copy.csv";
    o.allow_reimport = true;
    CHECK(import_issues(t.c(), o).imported == 1);
    CHECK(t.count("SELECT count(*) FROM issue") == 2);
}

TEST_CASE("issue import: file-level problems", "[issue][import]") {
    issue_community t;
    CHECK_THROWS_WITH(import(t, "no-category.csv", "标题,楼栋\r\na,12\r\n"),
                      Catch::Contains("类别"));
    CHECK_THROWS_AS(import(t, "empty.csv", ""), input_error);
    issue_import_options o;
    o.file = t.dir / "missing.csv";
    CHECK_THROWS_AS(import_issues(t.c(), o), input_error);
    o.format = "xlsx";
    CHECK_THROWS_AS(import_issues(t.c(), o), usage_error);
    // A header-only file imports nothing and records nothing.
    auto events = t.events();
    auto r = import(t, "header.csv", header);
    CHECK(r.rows == 0);
    CHECK_FALSE(r.committed);
    CHECK(t.events() == events);
}

TEST_CASE("issue import: configured header names, and the field names", "[issue][import]") {
    issue_community t([](config& cfg) {
        cfg.issues.columns["title"] = "事项";
        cfg.issues.columns["category"] = "分类";
    });
    auto r = import(t, "mine.csv",
                    "序号,事项,分类,building,tags,description,due,severity\n"
                    "1,电梯故障,设施维修,12,\"痛点、难点\",三天没修好,2026-12-24,大事\n");
    REQUIRE(r.problems.empty());
    CHECK(r.ignored_columns == std::vector<std::string>{"序号"});
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(
        r.warnings[0],
        Catch::EndsWith("mine.csv:1: column 1 (A) \"序号\" is not an issue column; ignored"));
    issue_record i = get_issue(t.c(), 1);
    CHECK(i.title == "电梯故障");
    CHECK(i.tags == std::vector<std::string>{"痛点", "难点"});
    CHECK(i.description == "三天没修好");
    CHECK(i.due == parse_date("2026-12-24"));
    CHECK(i.due_explicit);
    CHECK(i.severity == "大事");
    CHECK_THROWS_AS(import(t, "old.csv", "标题,类别\na,噪音\n"), input_error);
}

TEST_CASE("issue import: JSON Lines with the field names as keys", "[issue][import]") {
    issue_community t;
    std::string text =
        "{\"title\": \"渗水\", \"category\": \"设施维修\", \"room\": \"12-3-1502\", "
        "\"raised_by_phone\": \"13800000002\", \"assignee\": \"物业公司\", \"tags\": [\"痛点\"], "
        "\"status\": \"resolved\", \"created\": \"2026-11-01\", \"resolved\": "
        "\"2026-11-02T10:00:00+08:00\", \"resolution\": \"已修\"}\n"
        "\n"
        "{\"title\": \"噪音\", \"category\": \"噪音\", \"building\": 12, \"assignee\": \"李四\"}\n";
    auto r = import(t, "issues.jsonl", text);
    REQUIRE(r.problems.empty());
    CHECK(r.format == "jsonl");
    CHECK(r.rows == 2);
    issue_record a = get_issue(t.c(), 1);
    CHECK(a.building == "幸福里/12");
    CHECK(a.unit == "3");
    CHECK(a.room == "1502");
    CHECK(a.household_id == 2);
    CHECK(a.assignee == "物业公司");
    CHECK(a.resolution == "已修");
    CHECK(format_timestamp(*a.resolved_at) == "2026-11-02T02:00:00Z");
    issue_record b = get_issue(t.c(), 2);
    CHECK(b.building == "幸福里/12");
    CHECK(b.assignee_type == assignee_kind::resident);

    r = import(t, "bad.jsonl",
               "{\"title\": \"a\", \"category\": \"噪音\", \"colour\": \"red\"}\n"
               "[1, 2]\n"
               "{\"title\": \"a\", \"category\": \"噪音\", \"tags\": [1]}\n"
               "{\"title\": true, \"category\": \"噪音\"}\n"
               "{\"title\": \"a\", \"category\": \"噪音\", \"assignee\": \"街道办\"}\n");
    CHECK(import_problems(r) ==
          std::vector<std::string>{
              "bad.jsonl:1: colour: unknown key; keys are: title, category, building, "
              "raised_by_phone, status, priority, created, resolved, severity, description, "
              "assignee, due, tags, room, resolution",
              "bad.jsonl:2: not a JSON object",
              "bad.jsonl:3: tags: expected an array of strings",
              "bad.jsonl:4: title: expected a string",
              "bad.jsonl:5: assignee: \"街道办\" is neither a party nor a resident",
          });
    CHECK(t.count("SELECT count(*) FROM issue") == 2);
}

TEST_CASE("issue export: what is exported imports again as the same issues",
          "[issue][import][export]") {
    issue_community from;
    auto d = [](std::string title, std::string category) {
        issue_draft x;
        x.title = std::move(title);
        x.category = std::move(category);
        return x;
    };
    auto a = d("=SUM(A1) 电梯故障, \"急\"", "设施维修");
    a.building = "12";
    a.unit = "3";
    a.room = "1502";
    a.raised_by = "李四";
    a.assignee = "物业公司";
    a.severity = "大事";
    a.tags = {"痛点", "难点"};
    a.description = "第一行\n第二行";
    add_issue(from.c(), a);
    auto b = d("广场舞", "噪音");
    b.room = "中心广场";
    b.due = parse_date("2026-12-31");
    b.assignee = "13800000002";
    b.priority = "低";
    add_issue(from.c(), b);
    auto c = d("消防栓", "安全隐患");
    c.building = "阳光苑/1";
    add_issue(from.c(), c);
    from.clk.set("2026-11-29T09:00:00Z");
    transition_issue(from.c(), 3, "resolved", "已补水");
    transition_issue(from.c(), 3, "closed");

    for (auto format : {issue_file_format::csv, issue_file_format::jsonl}) {
        issue_community to;
        std::string text = export_text(from, format);
        auto r = import(to, format == issue_file_format::csv ? "x.csv" : "x.jsonl", text);
        INFO(text);
        REQUIRE(import_problems(r).empty());
        REQUIRE(r.imported == 3);
        for (std::int64_t id = 1; id <= 3; ++id)
            CHECK(essence(get_issue(to.c(), id)) == essence(get_issue(from.c(), id)));
        CHECK(export_text(to, format) == text);
    }
}

TEST_CASE("issue export: phones are masked unless revealed, and a reveal is audited",
          "[issue][export]") {
    issue_community t;
    issue_draft d;
    d.title = "x";
    d.category = "噪音";
    d.raised_by = "李四";
    add_issue(t.c(), d);
    auto events = t.events();
    std::string masked = export_text(t, issue_file_format::csv, false);
    CHECK(masked ==
          "\xEF\xBB\xBF标题,类别,楼栋,提出人电话,状态,优先级,创建日期,解决日期,严重程度,描述,"
          "责任方,截止日期,标签,房号,处理结果\r\n"
          "x,噪音,,138****0002,open,中,2026-11-27,,,,,,,,\r\n");
    CHECK(t.events() == events);
    std::string json = export_text(t, issue_file_format::jsonl, true);
    CHECK(json ==
          "{\"title\":\"x\",\"category\":\"噪音\",\"building\":\"\",\"raised_by_phone\":"
          "\"13800000002\",\"status\":\"open\",\"priority\":\"中\",\"created\":\"2026-11-27\","
          "\"resolved\":\"\",\"severity\":\"\",\"description\":\"\",\"assignee\":\"\",\"due\":"
          "\"\",\"tags\":[],\"room\":\"\",\"resolution\":\"\"}\n");
    CHECK(t.events() == events + 1);
    CHECK(list_audit(t.c().db()).back().action == "pii.reveal");
}

TEST_CASE("issue import: a large file rebuilds the indexes it set aside",
          "[issue][import][large]") {
    issue_community t;
    auto indexes = [&] {
        return t.count(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'issue' "
            "AND sql IS NOT NULL");
    };
    auto stored = indexes();
    REQUIRE(stored >= 1);
    // 25,000 rows of ~150 bytes: large enough for the import to drop the
    // issue indexes while it inserts.
    std::string text = "标题,类别,楼栋,提出人电话,状态,优先级,创建日期,解决日期,描述\n";
    const std::string filler(100, 'x');
    for (int i = 0; i < 25000; ++i)
        text += fmt::format("第{}件,{},{},13800000002,{},中,2026-11-01,,{}\n", i,
                            i % 2 ? "噪音" : "安全隐患", i % 3 ? "12" : "幸福里/1",
                            i % 5 ? "open" : "in_progress", filler);
    std::string broken = text + "坏的一行,水电,12,,open,中,2026-11-01,,x\n";
    auto journal_mode = [&] {
        return t.c().db().impl().db().execAndGet("PRAGMA journal_mode").getString();
    };
    auto r = import(t, "broken.csv", broken);
    CHECK(r.invalid == 1);
    CHECK(indexes() == stored);      // rolled back with everything else
    CHECK(journal_mode() == "wal");  // a bulk import's rollback journal ended with it
    CHECK(t.count("SELECT count(*) FROM issue") == 0);

    r = import(t, "large.csv", text);
    REQUIRE(r.committed);
    CHECK(r.imported == 25000);
    CHECK(indexes() == stored);
    CHECK(journal_mode() == "wal");
    CHECK(t.count("PRAGMA integrity_check = 1") == 0);  // "ok" reads as 0
    issue_filter f;
    f.statuses = {"in_progress"};
    f.building = "12";
    CHECK(list_issues(t.c(), f).size() == 3333);
    f = {};
    f.overdue = true;
    f.categories = {"安全隐患"};
    CHECK(list_issues(t.c(), f).size() == 12500);
}

TEST_CASE("issue import: a large file finds raisers by the same rules as a small one",
          "[issue][import][large]") {
    issue_community t;
    // Shared phones: a known birth year before an unknown one, then the
    // lower id, and never a moved-out resident (孙十, the earliest born);
    // a landline with an extension (too long to pack).
    t.sql(R"sql(
INSERT INTO resident(id, household_id, name, birth_year, phone, role, active) VALUES
  (5, 1, '钱五', NULL, '13900000005', '家属', 1),
  (6, 1, '钱六', 1990, '13900000005', '家属', 1),
  (7, 2, '孙七', NULL, '13900000007', '租户', 1),
  (8, 2, '孙八', NULL, '13900000007', '租户', 1),
  (9, 2, '周九', 1975, '0551-12345678-123', '业主', 1),
  (10, 2, '孙十', 1950, '13900000007', '租户', 0),
  (11, 2, '吴十一', 1980, '0551-1234567', '业主', 1);
)sql");
    // A landline with a dash among the mobiles: '-' sorts before the digits.
    const char* phones[] = {"13800000001", "13800000002",       "13900000005",
                            "13900000007", "0551-12345678-123", "0551-1234567"};
    // Long titles make a file large enough (by its size) for the import
    // to read the directory after a few rows, not after a batch.
    std::string title = "第{}件";
    auto file = [&](int rows) {
        std::string text = header;
        for (int i = 0; i < rows; ++i)
            text += fmt::format(fmt::runtime(title + ",噪音,12,{},open,中,2026-11-01,\n"), i,
                                phones[i % 6]);
        return text;
    };
    auto raisers = [&] {
        std::vector<std::int64_t> out;
        SQLite::Statement q(t.c().db().impl().db(),
                            "SELECT raised_by FROM issue ORDER BY id LIMIT 6");
        while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
        return out;
    };
    const std::vector<std::int64_t> expected = {1, 2, 6, 7, 9, 11};

    auto small = import(t, "small.csv", file(6));
    REQUIRE(small.committed);
    CHECK(raisers() == expected);
    t.sql("DELETE FROM issue");

    // More rows than one batch: the importer reads the whole directory.
    // Rows read after it exists are looked up on the reading thread, the
    // ones before on the importer's: the same rules all through. It stores
    // the directory it read (none was stored: the residents above were
    // added after the roster); a large file loads that one (the second
    // round), or reads and stores one if there is none (the third).
    const auto stored = [&] { return t.count("SELECT count(*) FROM phone_directory"); };
    CHECK(stored() == 0);
    for (int round : {1, 2, 3}) {
        const bool long_titles = round > 1;
        INFO("round " << round);
        if (long_titles) title = "第{}件：" + std::string(150, round == 2 ? 'x' : 'y');
        CHECK(stored() == (round == 2 ? 1 : 0));
        const std::string text = file(15000);
        CHECK((text.size() >= 20000 * 128) == long_titles);  // see is_large() in issue_import.cpp
        auto large = import(t, "large.csv", text);
        REQUIRE(large.committed);
        CHECK(large.imported == 15000);
        CHECK(raisers() == expected);
        for (std::int64_t id : expected)
            CHECK(t.count(fmt::format("SELECT count(*) FROM issue WHERE raised_by = {}", id)) ==
                  2500);
        CHECK(t.count("SELECT count(*) FROM issue WHERE raised_by = 6 AND id > 14000") == 167);
        CHECK(t.count("SELECT count(*) FROM issue WHERE building_id = 2") == 15000);  // "12"
        // Every title its own line's: texts are inserted from where the
        // reading thread left them, before it reuses the place.
        CHECK(t.count("SELECT count(*) FROM issue WHERE title LIKE '第' || (id - 1) || '件%'") ==
              15000);
        CHECK(stored() == 1);
        t.sql("DELETE FROM issue");
        if (round == 2) t.sql("DELETE FROM phone_directory");
    }

    // What a large file loads is the stored directory as it is: altered by
    // hand so that every phone that packs means resident 7, the raisers
    // follow it. (The triggers keep it right; this shows it is the one used.)
    {
        auto& db = t.c().db().impl().db();
        SQLite::Statement get(db, "SELECT phones FROM phone_directory");
        REQUIRE(get.executeStep());
        std::string stored_phones(static_cast<const char*>(get.getColumn(0).getBlob()),
                                  static_cast<std::size_t>(get.getColumn(0).getBytes()));
        get.reset();
        for (std::size_t at = 8; at < stored_phones.size(); at += 12)  // [key 8 bytes][id 4 bytes]
            stored_phones.replace(at, 4, std::string("\7\0\0\0", 4));
        SQLite::Statement alter(db, "UPDATE phone_directory SET phones = ?");
        alter.bind(1, stored_phones.data(), static_cast<int>(stored_phones.size()));
        alter.exec();
        // Into an empty table (a bulk import), and into one holding more
        // issues than the file (written as any import; large all the same).
        for (bool bulk : {true, false}) {
            INFO("bulk " << bulk);
            if (!bulk)
                t.sql(
                    "INSERT INTO issue(id, title, category, priority, status, created_at, "
                    "created_by, updated_at) VALUES (100000, 'x', '噪音', '中', 'open', "
                    "'2026-11-01T00:00:00Z', 't', '2026-11-01T00:00:00Z')");
            title = "第{}件：" + std::string(150, bulk ? 'z' : 'w');
            REQUIRE(import(t, bulk ? "altered.csv" : "altered2.csv", file(15000)).committed);
            SQLite::Statement q(db,
                                "SELECT raised_by FROM issue WHERE id <> 100000 ORDER BY id "
                                "LIMIT 6");
            std::vector<std::int64_t> got;
            while (q.executeStep()) got.push_back(q.getColumn(0).getInt64());
            CHECK(got == std::vector<std::int64_t>{7, 7, 7, 7, 9, 7});
            t.sql("DELETE FROM issue");
        }
        t.sql("DELETE FROM phone_directory");
    }

    // A moved-out resident's phone is no one's, at any size.
    std::string broken = file(15000) + "迟到的,噪音,12,13800000004,open,中,2026-11-01,\n";
    auto r = import(t, "broken.csv", broken);
    CHECK_FALSE(r.committed);
    CHECK(import_problems(r) ==
          std::vector<std::string>{"broken.csv:15002: 提出人电话: no active resident has the phone "
                                   "138****0004"});
    CHECK(t.count("SELECT count(*) FROM issue") == 0);
}

// The reader takes each line apart as the parser goes; these are the rules
// of reading it as a whole object, which it must keep: a later duplicate key
// replaces an earlier one, problems come in the order of their keys, nested
// values are refused whole, and anything but one object is not a line.
TEST_CASE("issue import: JSON Lines, key by key", "[issue][import]") {
    issue_community t;
    const std::string keys =
        "unknown key; keys are: title, category, building, raised_by_phone, status, priority, "
        "created, resolved, severity, description, assignee, due, tags, room, resolution";
    auto r =
        import(t, "odd.jsonl",
               "{\"title\":\"b\",\"category\":\"噪音\",\"zeta\":1,\"alpha\":{\"x\":[2]}}\n"
               "{\"title\":\"d\",\"category\":\"噪音\",\"tags\":[\"x\",1,\"y\"]}\n"
               "{\"title\":\"f\",\"category\":\"噪音\",\"tags\":[[\"x\"]]}\n"
               "{\"title\":{\"n\":1},\"category\":\"噪音\"}\n"
               "{\"title\":[\"t\"],\"category\":\"噪音\"}\n"
               "{\"title\":1.5,\"category\":\"噪音\"}\n"
               "{\"title\":null,\"category\":\"噪音\"}\n"
               "{\"title\":\"j\",\"category\":\"噪音\"} trailing\n"
               "\"str\"\n"
               "{\"title\":\"l\",\"category\":\"噪音\",\"tags\":{\"a\":\"b\"}}\n"
               "{\"title\":\"q\",\"category\":\"噪音\",\"tags\":[null]}\n"
               "{\"title\":\"s\",\"category\":\"噪音\",\"severity\":{\"a\":[1,{\"b\":null}]}}\n"
               "{\"title\":\"t\",\"category\":\"噪音\",\"zz\":1,\"zz\":\"x\",\"aa\":null}\n"
               "{\"title\":\"u\",\"category\":\"噪音\",\"tags\":[\"a\",false,\"c\"]}\n"
               "{\"title\":\"\xff\",\"category\":\"噪音\"}\n"
               "{\"title\":\"v\",\"category\":\"噪音\"}{\"title\":\"w\"}\n");
    CHECK(import_problems(r) == std::vector<std::string>{
                                    "odd.jsonl:1: alpha: " + keys,
                                    "odd.jsonl:1: zeta: " + keys,
                                    "odd.jsonl:2: tags: expected an array of strings",
                                    "odd.jsonl:3: tags: expected an array of strings",
                                    "odd.jsonl:4: title: expected a string",
                                    "odd.jsonl:5: title: expected a string",
                                    "odd.jsonl:6: title: expected a string",
                                    "odd.jsonl:7: title: an issue needs a title",
                                    "odd.jsonl:8: not a JSON object",
                                    "odd.jsonl:9: not a JSON object",
                                    "odd.jsonl:10: tags: expected a string or an array of strings",
                                    "odd.jsonl:11: tags: expected an array of strings",
                                    "odd.jsonl:12: severity: expected a string",
                                    "odd.jsonl:13: aa: " + keys,
                                    "odd.jsonl:13: zz: " + keys,
                                    "odd.jsonl:14: tags: expected an array of strings",
                                    "odd.jsonl:15: not valid UTF-8 (JSON Lines files are UTF-8)",
                                    "odd.jsonl:16: not a JSON object",
                                });

    r = import(t, "fine.jsonl",
               "{\"title\":\"c\",\"category\":\"噪音\",\"title\":\"c2\",\"building\":12}\n"
               "{\"title\":\"o\",\"category\":\"噪音\",\"tags\":[1],\"tags\":[\"ok\",\"ok2\"]}\n"
               "{\"title\":\"n\",\"category\":\"噪音\",\"tags\":[\"z\"],\"tags\":\"w\"}\n"
               "{ \"title\" : \"r\\u00e9 \\\"q\\\" \\\\\" , \"category\" : \"噪音\", "
               "\"description\":\"a\\nb\", \"status\":null, \"tags\":null}\n");
    REQUIRE(r.problems.empty());
    CHECK(get_issue(t.c(), 1).title == "c2");
    CHECK(get_issue(t.c(), 1).building == "幸福里/12");
    CHECK(get_issue(t.c(), 2).tags == std::vector<std::string>{"ok", "ok2"});
    CHECK(get_issue(t.c(), 3).tags == std::vector<std::string>{"w"});
    issue_record d = get_issue(t.c(), 4);
    CHECK(d.title == "ré \"q\" \\");
    CHECK(d.description == "a\nb");
    CHECK(d.status == "open");
    CHECK(d.tags.empty());
}
