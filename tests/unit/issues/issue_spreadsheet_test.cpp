// Issue files as spreadsheets make them: dates in the forms people type,
// phones a spreadsheet spoiled, columns gov does not read; and the export
// written for a spreadsheet.
#include <catch2/catch.hpp>

#include <sstream>

#include <fmt/format.h>

#include "gov/issues/issue.hpp"
#include "gov/issues/issue_import.hpp"
#include "gov/values/error.hpp"
#include "issue_test_fixture.hpp"

using namespace gov;
using test::import_problems;
using test::issue_community;

namespace {

const char* header = "标题,类别,楼栋,提出人电话,状态,优先级,创建日期,解决日期\r\n";

issue_import_result import(issue_community& t, const std::string& name, const std::string& text) {
    issue_import_options o;
    o.file = t.dir.write(name, text);
    return import_issues(t.c(), o);
}

}  // namespace

TEST_CASE("issue import: dates and phones as spreadsheets write them; unknown columns",
          "[issue][import]") {
    issue_community t;
    auto r = import(t, "sheet.csv",
                    std::string(header) +
                        "灯,设施维修,,1.38E+10,open,中,2026年10月6日,\r\n"
                        "门,设施维修,,138****0002,open,中,２０２６／１０／６,\r\n");
    CHECK(import_problems(r) ==
          std::vector<std::string>{
              "sheet.csv:2: 提出人电话: \"1.38E+10\": Excel turned the phone into a number in "
              "scientific notation, which loses its last digits: format the column as Text and "
              "export again",
              "sheet.csv:3: 提出人电话: this phone is masked (138****0002), as gov issue export "
              "writes it without --reveal-pii: import an export made with --reveal-pii, or the "
              "original file"});
    r = import(t, "dates.csv",
               std::string(header) + "灯,设施维修,,,resolved,中,2026年10月6日,2026年10月8号\r\n");
    REQUIRE(r.problems.empty());
    issue_record i = get_issue(t.c(), r.first_id);
    CHECK(format_timestamp(i.created_at) == "2026-10-05T16:00:00Z");

    // A column gov does not read: a warning, or with strict an error.
    issue_import_options o;
    o.file = t.dir.write("extra.csv", "标题,类别,电话\n灯,设施维修,13800000002\n");
    o.dry_run = true;
    r = import_issues(t.c(), o);
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0], Catch::EndsWith("extra.csv:1: column 3 (C) \"电话\" is not an "
                                              "issue column; ignored (did you mean 提出人电话?)"));
    o.strict = true;
    CHECK_THROWS_WITH(import_issues(t.c(), o),
                      Catch::EndsWith("1 column(s) that gov does not read; nothing was imported "
                                      "(--strict)"));
    o.file = t.dir.write("unit.csv", "标题,类别,创建日期(年月日)\n灯,设施维修,2026-10-06\n");
    CHECK_THROWS_WITH(import_issues(t.c(), o),
                      Catch::Contains("\"创建日期(年月日)\" looks like 创建日期 with a note"));
}

TEST_CASE("issue export: a byte order mark unless asked not to, and progress", "[issue][import]") {
    issue_community t;
    for (int k = 0; k < 5; ++k)
        import(t, fmt::format("i{}.csv", k), fmt::format("标题,类别\n灯{},设施维修\n", k));
    std::ostringstream with, without;
    issue_export_options o;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    o.progress = [&](std::uint64_t done, std::uint64_t total) { calls.emplace_back(done, total); };
    CHECK(export_issues(t.c(), with, o) == 5);
    CHECK(with.str().starts_with("\xEF\xBB\xBF标题,"));
    CHECK(calls.empty());  // every progress_rows issues only
    o.bom = false;
    export_issues(t.c(), without, o);
    CHECK(without.str() == with.str().substr(3));
}
