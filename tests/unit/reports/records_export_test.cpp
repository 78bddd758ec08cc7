// Records as text: export → import → export is byte-identical; import is all
// or nothing, into an empty database only, and checks foreign keys and the
// audit chain.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "gov/issues/issue.hpp"
#include "gov/reports/records_export.hpp"
#include "gov/store/audit.hpp"
#include "gov/store/config.hpp"
#include "gov/store/context.hpp"
#include "gov/store/store.hpp"
#include "gov/values/error.hpp"
#include "store/interface.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every file of a folder, by name, with its bytes.
std::map<std::string, std::string> folder(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out[e.path().filename().string()] = read_text(e.path());
    return out;
}

struct records_community {
    gov::test::temp_dir dir;
    gov::fixed_clock clk{*gov::parse_timestamp("2026-11-27T09:00:00Z")};
    std::optional<gov::context> ctx;
    records_community() {
        gov::init_community(dir.path(), "测试社区", clk, "tester");
        ctx.emplace(gov::open_context(gov::load_config(dir / "gov.toml"), clk, "tester"));
        auto& db = ctx->db().impl().db();
        db.exec(read_text(GOV_TEST_DATA_DIR "/summary/community.sql"));
        // A closed vote with its frozen electorate and ballots: the triggers
        // accept this only in this order (draft → voters → open → ballots → closed).
        db.exec(R"sql(
INSERT INTO proposal(id, title, method, rule, electorate, status, created_at, created_by)
  VALUES (4, '加装电梯', 'yes-no', '"simple-majority"', '{"kind":"households"}', 'draft',
          '2026-11-01T01:00:00Z', 'tester');
INSERT INTO proposal_voter(proposal_id, seq, voter_id, label, weight, grp, group_key)
  VALUES (4, 0, 1, '1-1-101', 8850, 0, NULL), (4, 1, 2, '12-3-1502', 12000, 1, 'owner-2');
UPDATE proposal SET status = 'open', opened_at = '2026-11-02T01:00:00Z' WHERE id = 4;
INSERT INTO ballot(proposal_id, voter, choice, channel, at)
  VALUES (4, 0, 'yes', 'paper', '2026-11-03T01:00:00Z'), (4, 1, 'no', 'online', '2026-11-03T02:00:00Z');
UPDATE proposal SET status = 'closed', outcome = 'rejected', result = '{"x":1.5}',
  closed_at = '2026-11-05T01:00:00Z' WHERE id = 4;
)sql");
        gov::issue_draft d;
        d.title = "引号\"与\\反斜杠";
        d.description = "第一行\n第二行";
        d.category = "噪音";
        gov::add_issue(*ctx, d);
        gov::comment_issue(*ctx, 12, "已联系物业");
    }
    gov::context& c() { return *ctx; }
};

}  // namespace

TEST_CASE("records: export, import and export again are byte-identical", "[records_export]") {
    records_community rc;
    auto first = gov::export_records(rc.c().db(), rc.dir / "records");
    CHECK(first.schema_version == gov::store::latest_schema_version());
    auto files = folder(rc.dir / "records");
    CHECK(files.count("manifest.json") == 1);
    CHECK(files.count("issue.jsonl") == 1);
    CHECK(files.count("audit_event.jsonl") == 1);
    CHECK(files.size() == first.tables.size() + 1);

    gov::store fresh = gov::store::create(rc.dir / "copy.db");
    auto loaded = gov::import_records(fresh, rc.dir / "records");
    REQUIRE(loaded.tables.size() == first.tables.size());
    for (std::size_t i = 0; i < first.tables.size(); ++i) {
        CHECK(loaded.tables[i].table == first.tables[i].table);
        CHECK(loaded.tables[i].rows == first.tables[i].rows);
    }
    CHECK(gov::verify_audit(fresh).intact);
    CHECK(fresh.integrity_check().empty());
    gov::export_records(fresh, rc.dir / "again");
    CHECK(folder(rc.dir / "again") == files);
}

TEST_CASE("records: rows are typed, in declaration order, sorted by key", "[records_export]") {
    records_community rc;
    gov::export_records(rc.c().db(), rc.dir / "records");
    std::string compound = read_text(rc.dir / "records" / "compound.jsonl");
    CHECK(compound == "{\"id\":1,\"name\":\"幸福里\"}\n{\"id\":2,\"name\":\"阳光苑\"}\n");
    std::string household = read_text(rc.dir / "records" / "household.jsonl");
    CHECK(household.rfind("{\"id\":1,\"unit_id\":1,\"room\":\"101\",\"area_centi\":8850}\n", 0) ==
          0);
    std::string ballot = read_text(rc.dir / "records" / "ballot.jsonl");
    CHECK(ballot ==
          "{\"proposal_id\":4,\"voter\":0,\"choice\":\"yes\",\"approve\":null,\"ranking\":null,"
          "\"channel\":\"paper\",\"proxy_id\":null,\"at\":\"2026-11-03T01:00:00Z\"}\n"
          "{\"proposal_id\":4,\"voter\":1,\"choice\":\"no\",\"approve\":null,\"ranking\":null,"
          "\"channel\":\"online\",\"proxy_id\":null,\"at\":\"2026-11-03T02:00:00Z\"}\n");
    std::string manifest = read_text(rc.dir / "records" / "manifest.json");
    CHECK(manifest.find("\"format\": \"gov-records/1\"") != std::string::npos);
    CHECK(manifest.find("2026") == std::string::npos);  // nothing about when it ran
}

TEST_CASE("records: exporting again replaces an earlier export, not other folders",
          "[records_export]") {
    records_community rc;
    gov::export_records(rc.c().db(), rc.dir / "records");
    CHECK_NOTHROW(gov::export_records(rc.c().db(), rc.dir / "records"));
    fs::create_directories(rc.dir / "other");
    rc.dir.write("other/notes.txt", "mine");
    CHECK_THROWS_AS(gov::export_records(rc.c().db(), rc.dir / "other"), gov::conflict);
    CHECK(read_text(rc.dir / "other" / "notes.txt") == "mine");
}

TEST_CASE("records: import only into an empty database", "[records_export]") {
    records_community rc;
    gov::export_records(rc.c().db(), rc.dir / "records");
    auto before = gov::list_audit(rc.c().db()).size();
    CHECK_THROWS_AS(gov::import_records(rc.c().db(), rc.dir / "records"), gov::conflict);
    CHECK(gov::list_audit(rc.c().db()).size() == before);
}

TEST_CASE("records: a broken audit chain refuses the whole import", "[records_export]") {
    records_community rc;
    gov::export_records(rc.c().db(), rc.dir / "records");
    auto path = rc.dir / "records" / "audit_event.jsonl";
    std::string audit = read_text(path);
    auto at = audit.find("\"actor\":\"tester\"");
    REQUIRE(at != std::string::npos);
    audit.replace(at, 16, "\"actor\":\"mallory\"");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << audit;
    gov::store fresh = gov::store::create(rc.dir / "copy.db");
    try {
        gov::import_records(fresh, rc.dir / "records");
        FAIL("imported");
    } catch (const gov::input_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("audit log does not verify at event 1"));
    }
    CHECK(fresh.impl().db().execAndGet("SELECT count(*) FROM issue").getInt64() == 0);
    CHECK(fresh.impl().db().execAndGet("SELECT count(*) FROM audit_event").getInt64() == 0);
}

TEST_CASE("records: a foreign key pointing nowhere refuses the import", "[records_export]") {
    records_community rc;
    gov::export_records(rc.c().db(), rc.dir / "records");
    rc.dir.write("records/compound.jsonl", "{\"id\":1,\"name\":\"幸福里\"}\n");  // 阳光苑 gone
    auto manifest = read_text(rc.dir / "records" / "manifest.json");
    // keep the manifest's row count in step so the foreign key check is what fails
    auto pos = manifest.find("\"table\": \"compound\"");
    REQUIRE(pos != std::string::npos);
    auto rows = manifest.find("\"rows\": 2", pos);
    manifest.replace(rows, 9, "\"rows\": 1");
    rc.dir.write("records/manifest.json", manifest);
    gov::store fresh = gov::store::create(rc.dir / "copy.db");
    try {
        gov::import_records(fresh, rc.dir / "records");
        FAIL("imported");
    } catch (const gov::input_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("foreign keys point nowhere"));
        REQUIRE_FALSE(e.details().empty());
        CHECK_THAT(e.details()[0], Catch::Contains("building.jsonl"));
    }
    CHECK(fresh.impl().db().execAndGet("SELECT count(*) FROM building").getInt64() == 0);
}

TEST_CASE("records: malformed rows are named by file and line", "[records_export]") {
    records_community rc;
    gov::export_records(rc.c().db(), rc.dir / "records");
    auto check_refused = [&](const std::string& content, const std::string& says) {
        rc.dir.write("records/compound.jsonl", content);
        gov::store fresh = gov::store::create(rc.dir / "copy.db");
        try {
            gov::import_records(fresh, rc.dir / "records");
            FAIL("imported");
        } catch (const gov::input_error& e) {
            CHECK_THAT(e.what(), Catch::Contains(says));
        }
        fs::remove(rc.dir / "copy.db");
        fs::remove(rc.dir / "copy.db-wal");
        fs::remove(rc.dir / "copy.db-shm");
    };
    check_refused("{\"id\":1,\"name\":\"a\"}\n{oops\n", "compound.jsonl:2: not valid JSON");
    check_refused("{\"id\":1}\n", "compound.jsonl:1: column \"name\" is missing");
    check_refused("{\"id\":1,\"name\":\"a\",\"x\":2}\n",
                  "compound.jsonl:1: table compound has no column \"x\"");
    check_refused("{\"id\":\"one\",\"name\":\"a\"}\n", "compound.jsonl:1:");
    check_refused("{\"id\":1,\"name\":\"a\"}\n", "holds 1 rows; the manifest says 2");
}

TEST_CASE("records: a manifest of another schema level is refused", "[records_export]") {
    records_community rc;
    gov::export_records(rc.c().db(), rc.dir / "records");
    auto manifest = read_text(rc.dir / "records" / "manifest.json");
    auto pos = manifest.find("\"schema_version\": ");
    REQUIRE(pos != std::string::npos);
    manifest.replace(pos, 19, "\"schema_version\": 1");
    rc.dir.write("records/manifest.json", manifest);
    gov::store fresh = gov::store::create(rc.dir / "copy.db");
    CHECK_THROWS_WITH(gov::import_records(fresh, rc.dir / "records"),
                      Catch::Contains("the records are at schema level 1"));
    CHECK_THROWS_WITH(gov::import_records(fresh, rc.dir / "nothing"),
                      Catch::Contains("manifest.json: cannot read it"));
}

TEST_CASE("records: records an older gov exported load at their level and are brought up to date",
          "[records_export]") {
    records_community rc;
    gov::export_records(rc.c().db(), rc.dir / "records");
    const auto files = folder(rc.dir / "records");
    const int latest = gov::store::latest_schema_version();
    const std::string current = "\"schema_version\": " + std::to_string(latest);
    // Levels 6 to 8 differ in indexes only, so the same rows stand for
    // records exported at an older level.
    for (int level : {latest - 2, latest - 1}) {
        INFO("level " << level);
        const fs::path old = rc.dir / ("older" + std::to_string(level));
        fs::create_directories(old);
        for (const auto& [name, text] : files) rc.dir.write((old.filename() / name).string(), text);
        auto manifest = files.at("manifest.json");
        REQUIRE(manifest.find(current) != std::string::npos);
        manifest.replace(manifest.find(current), current.size(),
                         "\"schema_version\": " + std::to_string(level));
        rc.dir.write((old.filename() / "manifest.json").string(), manifest);
        CHECK(gov::records_schema_level(old) == level);

        gov::store_options at_their_level;
        at_their_level.schema_level = level;
        const fs::path copy = rc.dir / ("copy" + std::to_string(level) + ".db");
        gov::store fresh = gov::store::create(copy, at_their_level);
        CHECK(fresh.schema_version() == level);
        // Not into this gov's level: it says where they go.
        gov::store newest = gov::store::create(rc.dir / ("new" + std::to_string(level) + ".db"));
        CHECK_THROWS_WITH(gov::import_records(newest, old),
                          Catch::Contains("records go into a database made at their level"));

        auto loaded = gov::import_records(fresh, old);
        CHECK(loaded.schema_version == level);
        fresh.migrate();
        CHECK(fresh.schema_version() == latest);
        auto& db = fresh.impl().db();
        CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'issue_category_due'")
                  .getInt() == 0);  // dropped at level 8
        CHECK(gov::verify_audit(fresh).intact);
        CHECK(fresh.integrity_check().empty());
        const fs::path again = rc.dir / ("again" + std::to_string(level));
        gov::export_records(fresh, again);
        CHECK(folder(again) == files);
    }

    gov::store_options unknown;
    unknown.schema_level = latest + 1;
    CHECK_THROWS_AS(gov::store::create(rc.dir / "future.db", unknown), gov::usage_error);
    CHECK_FALSE(fs::exists(rc.dir / "future.db"));
    auto manifest = files.at("manifest.json");
    manifest.replace(manifest.find(current), current.size(),
                     "\"schema_version\": " + std::to_string(latest + 1));
    rc.dir.write("records/manifest.json", manifest);
    gov::store empty = gov::store::create(rc.dir / "empty.db");
    CHECK_THROWS_WITH(gov::import_records(empty, rc.dir / "records"),
                      Catch::Contains("newer than this gov"));
}

TEST_CASE("records: export and import report progress every progress_rows rows",
          "[records_export]") {
    records_community rc;
    rc.c().db().impl().db().exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9000) "
        "INSERT INTO roster_import(at, file, sha256, rows, added, updated, unchanged, "
        "moved_out, invalid) SELECT '2026-11-01T00:00:00Z', 'r' || i || '.csv', 'x', 1, 1, 0, "
        "0, 0, 0 FROM n");
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    gov::records_options options;
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
        calls.emplace_back(done, total);
    };
    auto exported = gov::export_records(rc.c().db(), rc.dir / "records", options);
    std::uint64_t rows = 0;
    for (const auto& t : exported.tables) rows += static_cast<std::uint64_t>(t.rows);
    REQUIRE(calls.size() == rows / gov::progress_rows);
    for (std::size_t i = 0; i < calls.size(); ++i)
        CHECK(calls[i] ==
              std::pair<std::uint64_t, std::uint64_t>{(i + 1) * gov::progress_rows, rows});
    calls.clear();
    gov::store fresh = gov::store::create(rc.dir / "copy.db");
    gov::import_records(fresh, rc.dir / "records", options);
    REQUIRE(calls.size() == rows / gov::progress_rows);
    CHECK(calls.back().second == rows);
}
