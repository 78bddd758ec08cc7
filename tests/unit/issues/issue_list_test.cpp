#include <catch2/catch.hpp>

#include "gov/issues/issue.hpp"
#include "gov/values/error.hpp"
#include "issue_test_fixture.hpp"

using namespace gov;
using test::issue_community;

namespace {

// Eight issues made over four weeks, so every filter has something to tell
// apart. Today is 2026-11-27 (local).
//   #  made        category  sev   prio  building  raised  assignee  tags       status
//   1  2026-10-30  安全隐患  大事  紧急  幸福里/12  李四    物业公司  痛点,难点  open (due 11-02:
//   overdue) 2  2026-11-06  环境卫生  小事  中    幸福里/12  -       业委会    痛点 in_progress
//   (due 11-13: overdue) 3  2026-11-13  设施维修  -     高    幸福里/1   李四    -         -
//   resolved (due 11-20) 4  2026-11-20  安全隐患  难事  低    阳光苑/1   -       李四      难点
//   open (due 11-23: overdue) 5  2026-11-25  噪音      -     中    -          张三    物业公司  -
//   open (due 12-02) 6  2026-11-26  安全隐患  大事  高    幸福里/12  -       -         - closed
//   (due 11-29) 7  2026-11-27  停车管理  -     中    幸福里/12  李四    -         堵点       open
//   (due 12-11) 8  2026-11-27  其他      -     低    -          -       -         - rejected (due
//   12-11)
struct listed_community : issue_community {
    listed_community() {
        struct row {
            const char* made;
            const char* title;
            const char* category;
            const char* severity;
            const char* priority;
            const char* building;
            const char* raised_by;
            const char* assignee;
            std::vector<std::string> tags;
        };
        const row rows[] = {
            {"2026-10-30T02:00:00Z",
             "外墙瓷砖脱落",
             "安全隐患",
             "大事",
             "紧急",
             "12",
             "李四",
             "物业公司",
             {"痛点", "难点"}},
            {"2026-11-06T02:00:00Z",
             "垃圾桶满溢 100%",
             "环境卫生",
             "小事",
             "中",
             "12",
             "",
             "业委会",
             {"痛点"}},
            {"2026-11-13T02:00:00Z", "电梯故障", "设施维修", "", "高", "幸福里/1", "李四", "", {}},
            {"2026-11-20T02:00:00Z",
             "电动车楼道充电",
             "安全隐患",
             "难事",
             "低",
             "阳光苑/1",
             "",
             "李四",
             {"难点"}},
            {"2026-11-25T02:00:00Z", "广场舞音响过大", "噪音", "", "中", "", "#1", "物业公司", {}},
            {"2026-11-26T02:00:00Z", "消防栓无水", "安全隐患", "大事", "高", "12", "", "", {}},
            {"2026-11-27T02:00:00Z",
             "消防通道被占用",
             "停车管理",
             "",
             "中",
             "12",
             "李四",
             "",
             {"堵点"}},
            {"2026-11-27T03:00:00Z", "其他事情", "其他", "", "低", "", "", "", {}},
        };
        for (const auto& r : rows) {
            clk.set(r.made);
            issue_draft d;
            d.title = r.title;
            d.category = r.category;
            d.severity = r.severity;
            d.priority = r.priority;
            d.building = r.building;
            d.raised_by = r.raised_by;
            d.assignee = r.assignee;
            d.tags = r.tags;
            add_issue(c(), d);
        }
        clk.set("2026-11-14T02:00:00Z");
        transition_issue(c(), 2, "in_progress");
        transition_issue(c(), 3, "resolved", "已修复");
        clk.set("2026-11-27T04:00:00Z");
        comment_issue(c(), 5, "音响声音太大，晚上十点还在跳");
        transition_issue(c(), 6, "resolved", "已补水");
        transition_issue(c(), 6, "closed");
        transition_issue(c(), 8, "rejected");
        clk.set("2026-11-27T09:00:00Z");
    }

    std::vector<std::int64_t> ids(const issue_filter& f) {
        std::vector<std::int64_t> out;
        for (const auto& s : list_issues(c(), f)) out.push_back(s.id);
        return out;
    }
};

using ids = std::vector<std::int64_t>;

}  // namespace

TEST_CASE("issue list: no filter lists every issue by number", "[issue][list]") {
    listed_community t;
    auto all = list_issues(t.c(), {});
    REQUIRE(all.size() == 8);
    const issue_summary& first = all[0];
    CHECK(first.title == "外墙瓷砖脱落");
    CHECK(first.building == "幸福里/12");
    CHECK(first.raised_by == "李四");
    CHECK(first.assignee == "物业公司");
    CHECK(first.tags == std::vector<std::string>{"痛点", "难点"});
    CHECK(first.due == parse_date("2026-11-02"));
    CHECK(first.overdue);
    CHECK(first.created == parse_date("2026-10-30"));
    CHECK(all[3].assignee == "李四");
    CHECK(all[4].raised_by == "张三");
    CHECK(all[4].building.empty());
}

TEST_CASE(
    "issue list: for_each_issue streams the same issues; a brief listing leaves out raisers, rooms "
    "and times",
    "[issue][list]") {
    listed_community t;
    issue_filter f;
    f.fields = gov::issue_fields::without_people_and_times;
    std::vector<issue_summary> streamed;
    for_each_issue(t.c(), f, [&](issue_summary&& s) { streamed.push_back(std::move(s)); });
    auto listed = list_issues(t.c(), {});
    REQUIRE(streamed.size() == listed.size());
    for (std::size_t k = 0; k < listed.size(); ++k) {
        CAPTURE(k);
        CHECK(streamed[k].id == listed[k].id);
        CHECK(streamed[k].title == listed[k].title);
        CHECK(streamed[k].building == listed[k].building);
        CHECK(streamed[k].assignee == listed[k].assignee);
        CHECK(streamed[k].tags == listed[k].tags);
        CHECK(streamed[k].due == listed[k].due);
        CHECK(streamed[k].overdue == listed[k].overdue);
        CHECK(streamed[k].raised_by.empty());
        CHECK(streamed[k].room.empty());
        CHECK(streamed[k].created == date{});
        CHECK(streamed[k].updated_at == timestamp{});
    }
    CHECK(listed[0].raised_by == "李四");
    CHECK(listed[0].created != date{});
    // The filter on the raiser still applies without their names.
    f.raised_by = "李四";
    std::vector<std::int64_t> ids;
    for_each_issue(t.c(), f, [&](issue_summary&& s) { ids.push_back(s.id); });
    CHECK(ids == t.ids([] {
        issue_filter g;
        g.raised_by = "李四";
        return g;
    }()));
    // An exception from the visitor stops the listing and passes on.
    int seen = 0;
    CHECK_THROWS_AS(for_each_issue(t.c(), {},
                                   [&](issue_summary&&) {
                                       if (++seen == 2) throw std::runtime_error("enough");
                                   }),
                    std::runtime_error);
    CHECK(seen == 2);
}

TEST_CASE("issue list: each filter on its own", "[issue][list]") {
    listed_community t;
    issue_filter f;
    f.statuses = {"open"};
    CHECK(t.ids(f) == ids{1, 4, 5, 7});
    f = {};
    f.statuses = {"open", "in_progress"};
    CHECK(t.ids(f) == ids{1, 2, 4, 5, 7});
    f = {};
    f.categories = {"安全隐患"};
    CHECK(t.ids(f) == ids{1, 4, 6});
    f = {};
    f.severities = {"大事"};
    CHECK(t.ids(f) == ids{1, 6});
    f = {};
    f.priorities = {"中", "低"};
    CHECK(t.ids(f) == ids{2, 4, 5, 7, 8});
    f = {};
    f.building = "12";
    CHECK(t.ids(f) == ids{1, 2, 6, 7});
    f = {};
    f.building = "阳光苑/1";
    CHECK(t.ids(f) == ids{4});
    f = {};
    f.assignee = "物业公司";
    CHECK(t.ids(f) == ids{1, 5});
    f = {};
    f.assignee = "13800000002";
    CHECK(t.ids(f) == ids{4});
    f = {};
    f.assignee = "";
    CHECK(t.ids(f) == ids{3, 6, 7, 8});
    f = {};
    f.raised_by = "李四";
    CHECK(t.ids(f) == ids{1, 3, 7});
    f = {};
    f.tags = {"痛点"};
    CHECK(t.ids(f) == ids{1, 2});
    f = {};
    f.tags = {"痛点", "难点"};  // all of them
    CHECK(t.ids(f) == ids{1});
    f = {};
    f.overdue = true;
    CHECK(t.ids(f) == ids{1, 2, 4});
    f = {};
    f.due_before = parse_date("2026-11-20");  // strictly before
    CHECK(t.ids(f) == ids{1, 2});
    f = {};
    f.older_than = parse_period("2w");  // made before 2026-11-13
    CHECK(t.ids(f) == ids{1, 2});
    f = {};
    f.older_than = parse_period("14d");
    CHECK(t.ids(f) == ids{1, 2});
    f = {};
    f.older_than = parse_period("1m");  // before 2026-10-27
    CHECK(t.ids(f).empty());
    f = {};
    f.since = parse_date("2026-11-26");
    CHECK(t.ids(f) == ids{6, 7, 8});
    f = {};
    f.until = parse_date("2026-11-13");  // inclusive
    CHECK(t.ids(f) == ids{1, 2, 3});
    f = {};
    f.search = "消防";
    CHECK(t.ids(f) == ids{6, 7});
    f = {};
    f.search = "十点";  // in a comment
    CHECK(t.ids(f) == ids{5});
    f = {};
    f.search = "100%";  // LIKE wildcards are plain text
    CHECK(t.ids(f) == ids{2});
    f = {};
    f.search = "0%";
    CHECK(t.ids(f) == ids{2});
    f = {};
    f.search = "_";
    CHECK(t.ids(f).empty());
}

TEST_CASE("issue list: filters combine with AND", "[issue][list]") {
    listed_community t;
    issue_filter f;
    f.statuses = {"open"};
    f.building = "12";
    CHECK(t.ids(f) == ids{1, 7});
    f = {};
    f.overdue = true;
    f.categories = {"安全隐患"};
    CHECK(t.ids(f) == ids{1, 4});
    f.building = "12";
    CHECK(t.ids(f) == ids{1});
    f = {};
    f.since = parse_date("2026-11-01");
    f.until = parse_date("2026-11-25");
    f.tags = {"难点"};
    CHECK(t.ids(f) == ids{4});
    f = {};
    f.raised_by = "李四";
    f.statuses = {"open"};
    f.search = "消防";
    CHECK(t.ids(f) == ids{7});
    f = {};
    f.overdue = true;
    f.assignee = "物业公司";
    f.older_than = parse_period("3w");
    CHECK(t.ids(f) == ids{1});
}

TEST_CASE("issue list: overdue follows the clock and the done statuses", "[issue][list]") {
    listed_community t;
    issue_filter f;
    f.overdue = true;
    t.clk.set("2027-01-01T00:00:00Z");
    CHECK(t.ids(f) == ids{1, 2, 4, 5, 7});  // not 3 (resolved), 6 (closed), 8 (rejected)
    t.clk.set("2026-11-02T00:00:00Z");
    CHECK(t.ids(f).empty());            // #1 is due on 2026-11-02: not yet overdue
    t.clk.set("2026-11-02T16:00:00Z");  // 2026-11-03 at +08:00
    CHECK(t.ids(f) == ids{1});
}

TEST_CASE("issue list: sorting and limits", "[issue][list]") {
    listed_community t;
    issue_filter f;
    f.sort = issue_sort::priority;
    CHECK(t.ids(f) == ids{1, 3, 6, 2, 5, 7, 4, 8});
    f.reverse = true;
    CHECK(t.ids(f) == ids{8, 4, 7, 5, 2, 6, 3, 1});
    f = {};
    f.sort = issue_sort::due;
    CHECK(t.ids(f) == ids{1, 2, 3, 4, 6, 5, 7, 8});
    f.limit = 3;
    CHECK(t.ids(f) == ids{1, 2, 3});
    f = {};
    f.sort = issue_sort::status;
    CHECK(t.ids(f) == ids{6, 2, 1, 4, 5, 7, 8, 3});
    f = {};
    f.sort = issue_sort::updated;  // most recent first
    CHECK(t.ids(f) == ids{8, 6, 5, 7, 4, 3, 2, 1});
    f = {};
    f.sort = issue_sort::created;
    f.reverse = true;
    f.limit = 2;
    CHECK(t.ids(f) == ids{8, 7});
    f.limit = 0;
    CHECK(t.ids(f).empty());
    CHECK(parse_issue_sort("due") == issue_sort::due);
    CHECK_THROWS_AS(parse_issue_sort("title"), usage_error);
}

TEST_CASE("issue list: unknown names and references are input errors", "[issue][list]") {
    listed_community t;
    auto message = [&](const issue_filter& f) {
        try {
            list_issues(t.c(), f);
        } catch (const input_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    issue_filter f;
    f.statuses = {"opened"};
    CHECK(message(f) ==
          "status: \"opened\" is not one of: closed, in_progress, open, rejected, "
          "resolved");
    f = {};
    f.categories = {"水电"};
    CHECK_THAT(message(f), Catch::StartsWith("category: \"水电\" is not one of: 安全隐患"));
    f = {};
    f.severities = {"x"};
    CHECK_THAT(message(f), Catch::Contains("小事, 大事, 难事"));
    f = {};
    f.priorities = {"x"};
    CHECK_THAT(message(f), Catch::Contains("紧急, 高, 中, 低"));
    f = {};
    f.building = "99";
    CHECK_THAT(message(f), Catch::StartsWith("building: no building \"99\""));
    f = {};
    f.raised_by = "王二";
    CHECK_THAT(message(f), Catch::Contains("no active resident 王二"));
    f = {};
    f.assignee = "街道办";
    CHECK_THAT(message(f), Catch::Contains("neither a party nor a resident"));
}
