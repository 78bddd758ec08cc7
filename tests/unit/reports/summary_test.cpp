// Summaries: every figure against values computed by hand on the community of
// tests/data/summary/community.sql (see the comments there).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "gov/reports/summary.hpp"
#include "gov/reports/summary_render.hpp"
#include "gov/store/audit.hpp"
#include "gov/store/config.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "store/interface.hpp"
#include "temp_dir.hpp"

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct summary_community {
    gov::test::temp_dir dir;
    gov::fixed_clock clk{*gov::parse_timestamp("2026-11-27T09:00:00Z")};
    std::optional<gov::context> ctx;
    summary_community() {
        gov::init_community(dir.path(), "测试社区", clk, "tester");
        ctx.emplace(gov::open_context(gov::load_config(dir / "gov.toml"), clk, "tester"));
        ctx->db().impl().db().exec(read_text(GOV_TEST_DATA_DIR "/summary/community.sql"));
    }
    gov::context& c() { return *ctx; }
};

std::int64_t status_count(const gov::summary& s, const std::string& status,
                          const std::string& category) {
    for (const auto& g : s.by_status_category)
        if (g.status == status && g.category == category) return g.count;
    return 0;
}

const gov::named_count& named(const std::vector<gov::named_count>& list, const std::string& n) {
    for (const auto& c : list)
        if (c.name == n) return c;
    FAIL("no " << n);
    throw 0;
}

}  // namespace

TEST_CASE("summary: nearest rank on whole days", "[summary]") {
    using gov::nearest_rank;
    CHECK_FALSE(nearest_rank({}, 50));
    CHECK_FALSE(nearest_rank({{3, 0}}, 50));
    CHECK(nearest_rank({{7, 1}}, 50) == 7);
    CHECK(nearest_rank({{7, 1}}, 90) == 7);
    // 0 1 3 10 25: rank ceil(2.5) = 3 -> 3; ceil(4.5) = 5 -> 25
    CHECK(nearest_rank({{25, 1}, {0, 1}, {10, 1}, {1, 1}, {3, 1}}, 50) == 3);
    CHECK(nearest_rank({{25, 1}, {0, 1}, {10, 1}, {1, 1}, {3, 1}}, 90) == 25);
    // ten values 1..10: median rank 5 -> 5, p90 rank 9 -> 9
    std::vector<std::pair<std::int64_t, std::int64_t>> ten;
    for (int i = 1; i <= 10; ++i) ten.emplace_back(i, 1);
    CHECK(nearest_rank(ten, 50) == 5);
    CHECK(nearest_rank(ten, 90) == 9);
    CHECK(nearest_rank(ten, 100) == 10);
    // counts are multiplicities: 4 x 2 days, 1 x 30 days
    CHECK(nearest_rank({{2, 4}, {30, 1}}, 50) == 2);
    CHECK(nearest_rank({{2, 4}, {30, 1}}, 90) == 30);
}

TEST_CASE("summary: aging buckets are 0-7, 8-30, 31-90 and over 90 days", "[summary]") {
    CHECK(gov::aging_bucket(-2) == 0);
    CHECK(gov::aging_bucket(0) == 0);
    CHECK(gov::aging_bucket(7) == 0);
    CHECK(gov::aging_bucket(8) == 1);
    CHECK(gov::aging_bucket(30) == 1);
    CHECK(gov::aging_bucket(31) == 2);
    CHECK(gov::aging_bucket(90) == 2);
    CHECK(gov::aging_bucket(91) == 3);
}

TEST_CASE("summary: figures of the small community by hand", "[summary]") {
    summary_community sc;
    gov::summary s = gov::load_summary(sc.c());
    CHECK(gov::format_date(s.today) == "2026-11-27");
    CHECK(gov::format_date(s.since) == "2026-11-01");
    CHECK(gov::format_date(s.until) == "2026-11-27");
    CHECK(s.community == "测试社区");
    CHECK(s.scope.empty());
    CHECK(s.statuses ==
          std::vector<std::string>{"open", "in_progress", "resolved", "closed", "rejected"});

    auto t = gov::summary_figures(s);
    CHECK(t.issues == 11);
    CHECK(t.open == 4);
    CHECK(t.overdue == 3);
    CHECK(t.opened == 6);
    CHECK(t.resolved == 5);
    CHECK(t.median_days_to_resolve == 3);
    CHECK(t.p90_days_to_resolve == 25);
    CHECK(t.aging == std::array<std::int64_t, 4>{1, 1, 1, 1});

    CHECK(status_count(s, "open", "安全隐患") == 1);
    CHECK(status_count(s, "in_progress", "安全隐患") == 1);
    CHECK(status_count(s, "closed", "安全隐患") == 1);
    CHECK(status_count(s, "resolved", "设施维修") == 2);
    CHECK(status_count(s, "rejected", "邻里纠纷") == 1);
    CHECK(status_count(s, "open", "设施维修") == 0);

    auto& safety = named(t.by_category, "安全隐患");
    CHECK(safety.open == 2);
    CHECK(safety.overdue == 2);
    CHECK(safety.opened == 1);
    CHECK(safety.resolved == 1);
    auto& small = named(t.by_severity, "小事");
    CHECK(small.open == 1);
    CHECK(small.overdue == 0);
    CHECK(small.opened == 3);                    // #5, #7, #9
    CHECK(small.resolved == 3);                  // #5, #7, #11
    REQUIRE(t.by_severity.back().name.empty());  // unclassified last
    CHECK(t.by_severity.back().open == 1);

    REQUIRE(s.by_building.size() == 4);
    CHECK(s.by_building[0].building == "幸福里/1");
    CHECK(s.by_building[0].issues == 4);
    CHECK(s.by_building[0].open == 1);
    CHECK(s.by_building[0].overdue == 1);
    CHECK(s.by_building[1].building == "幸福里/12");
    CHECK(s.by_building[1].issues == 3);
    CHECK(s.by_building[2].building == "阳光苑/1");
    CHECK(s.by_building[2].overdue == 0);
    CHECK(s.by_building[3].building.empty());
    CHECK(s.by_building[3].overdue == 1);

    REQUIRE(s.overdue_list.size() == 3);
    CHECK(s.overdue_list[0].id == 2);
    CHECK(s.overdue_list[0].days_overdue == 115);
    CHECK(s.overdue_list[0].assignee == "李四");
    CHECK(s.overdue_list[0].building == "幸福里/12");
    CHECK(s.overdue_list[1].id == 4);
    CHECK(s.overdue_list[1].days_overdue == 9);
    CHECK(s.overdue_list[1].assignee.empty());
    CHECK(s.overdue_list[2].id == 1);
    CHECK(s.overdue_list[2].days_overdue == 4);
    CHECK(s.overdue_list[2].assignee == "物业公司");
    CHECK(s.overdue_total == 3);

    REQUIRE(s.months.size() == 12);
    CHECK(s.months.front().month == "2025-12");
    CHECK(s.months.back().month == "2026-11");
    CHECK(s.months[8].month == "2026-08");
    CHECK(s.months[8].opened == 1);
    CHECK(s.months[10].opened == 3);
    CHECK(s.months[10].resolved == 1);
    CHECK(s.months[11].opened == 6);
    CHECK(s.months[11].resolved == 5);

    REQUIRE(s.decisions.size() == 1);
    CHECK(s.decisions[0].code == "P2026-001");
    CHECK(s.decisions[0].outcome == "passed");
    CHECK(gov::format_date(s.decisions[0].closed) == "2026-11-10");
    CHECK(s.proposals_open == 1);

    CHECK(s.roster.households == 2);
    CHECK(s.roster.residents == 3);
    REQUIRE(s.roster.last_import);
    CHECK(gov::format_date(s.roster.last_import->on) == "2026-11-01");
    CHECK(s.roster.last_import->added == 3);
    CHECK(s.roster.last_import->moved_out == 1);
}

TEST_CASE("summary: the overdue list is cut to the top N, the total stays", "[summary]") {
    summary_community sc;
    gov::summary_request r;
    r.overdue_limit = 1;
    auto s = gov::load_summary(sc.c(), r);
    REQUIRE(s.overdue_list.size() == 1);
    CHECK(s.overdue_list[0].id == 2);
    CHECK(s.overdue_total == 3);
}

TEST_CASE("summary: a period moves opened, resolved and decisions", "[summary]") {
    summary_community sc;
    gov::summary_request r;
    r.since = gov::parse_date("2026-10-01");
    r.until = gov::parse_date("2026-10-31");
    auto s = gov::load_summary(sc.c(), r);
    auto t = gov::summary_figures(s);
    CHECK(t.opened == 3);    // #3, #6, #11 (local 10-31)
    CHECK(t.resolved == 1);  // #8: 09-01 -> 10-15 = 44 days (#11 is local 11-01)
    CHECK(t.median_days_to_resolve == 44);
    REQUIRE(s.decisions.size() == 1);
    CHECK(s.decisions[0].code == "P2026-002");
    CHECK(t.open == 4);  // open counts are as of today, whatever the period
    CHECK(s.months.back().month == "2026-10");
}

TEST_CASE("summary: a period without resolutions has no median", "[summary]") {
    summary_community sc;
    gov::summary_request r;
    r.since = gov::parse_date("2026-01-01");
    r.until = gov::parse_date("2026-01-31");
    auto t = gov::summary_figures(gov::load_summary(sc.c(), r));
    CHECK(t.resolved == 0);
    CHECK_FALSE(t.median_days_to_resolve);
    CHECK_FALSE(t.p90_days_to_resolve);
}

TEST_CASE("summary: since after until is a usage error", "[summary]") {
    summary_community sc;
    gov::summary_request r;
    r.since = gov::parse_date("2026-11-20");
    r.until = gov::parse_date("2026-11-10");
    CHECK_THROWS_AS(gov::load_summary(sc.c(), r), gov::usage_error);
}

TEST_CASE("summary: a building limits issues and the roster headline", "[summary]") {
    summary_community sc;
    gov::summary_request r;
    r.building = "12";
    auto s = gov::load_summary(sc.c(), r);
    auto t = gov::summary_figures(s);
    CHECK(s.scope == "幸福里/12");
    CHECK(t.issues == 3);  // #2, #7, #8
    CHECK(t.open == 1);
    CHECK(t.overdue == 1);
    CHECK(t.resolved == 1);  // #7
    CHECK(t.median_days_to_resolve == 0);
    CHECK(s.roster.households == 1);
    CHECK(s.roster.residents == 1);
    REQUIRE(s.by_building.size() == 1);
    CHECK(s.decisions.size() == 1);  // decisions are not limited to a place
}

TEST_CASE("summary: a compound limits issues to its buildings", "[summary]") {
    summary_community sc;
    gov::summary_request r;
    r.compound = "阳光苑";
    auto s = gov::load_summary(sc.c(), r);
    auto t = gov::summary_figures(s);
    CHECK(s.scope == "阳光苑");
    CHECK(t.issues == 3);  // #3, #9, #10
    CHECK(t.open == 1);
    CHECK(t.overdue == 0);
    CHECK(s.roster.households == 0);
    r.compound = "无此小区";
    CHECK_THROWS_AS(gov::load_summary(sc.c(), r), gov::not_found);
}

TEST_CASE("summary: loading changes nothing", "[summary]") {
    summary_community sc;
    auto before = gov::list_audit(sc.c().db()).size();
    gov::load_summary(sc.c());
    CHECK(gov::list_audit(sc.c().db()).size() == before);
}

TEST_CASE("summary: projects not cancelled, with money, progress and overdue", "[summary]") {
    summary_community sc;
    auto s = gov::load_summary(sc.c());
    REQUIRE(s.projects.size() == 3);  // #4 is cancelled
    const auto& fitness = s.projects[0];
    CHECK(fitness.id == 1);
    CHECK(fitness.status == "active");
    CHECK(fitness.progress == 66);  // 4 of 6 delivered, floored
    CHECK_FALSE(fitness.manual);
    CHECK(fitness.budget_fen == 3600000);
    CHECK(fitness.funded_fen == 1200000);
    CHECK(fitness.gap_fen == 2400000);
    CHECK(fitness.funding_gap);
    CHECK(fitness.overdue_milestones == 1);  // 安装 due 11-20; 验收 due 12-20 is not
    CHECK_FALSE(fitness.overdue);
    const auto& lift = s.projects[1];
    CHECK(lift.status == "planned");
    CHECK(lift.progress == 30);
    CHECK(lift.manual);
    CHECK_FALSE(lift.budget_fen);
    CHECK(lift.funded_fen == 0);
    CHECK_FALSE(lift.gap_fen);
    CHECK_FALSE(lift.funding_gap);
    CHECK(lift.overdue_milestones == 0);
    CHECK(lift.overdue);  // due 11-15
    const auto& lights = s.projects[2];
    CHECK(lights.status == "done");
    CHECK(lights.progress == 100);
    CHECK(lights.gap_fen == -100000);  // funded 6000.00 of 5000.00
    CHECK_FALSE(lights.funding_gap);
    CHECK(lights.overdue_milestones == 0);  // done: nothing overdue
    CHECK_FALSE(lights.overdue);

    auto p = gov::project_figures(s);
    CHECK(p.total == 3);
    CHECK(p.by_status == std::array<std::int64_t, 4>{1, 1, 0, 1});
    CHECK(p.funding_gap == 1);
    CHECK(p.overdue_milestones == 1);
    CHECK(p.overdue == 2);  // #1 by its milestone, #2 by its due date
}

TEST_CASE("summary: meetings held in the period and the next planned ones", "[summary]") {
    summary_community sc;
    auto s = gov::load_summary(sc.c());
    REQUIRE(s.meetings_held.size() == 1);
    CHECK(s.meetings_held[0].id == 1);
    CHECK(gov::format_date(s.meetings_held[0].day) == "2026-11-07");
    CHECK(s.meetings_held[0].time == "19:00");
    CHECK(s.meetings_held[0].type == "leaders");
    CHECK(s.meetings_held[0].present == 3);
    // #3 is today and still planned (as `next` counts it), #6 cancelled.
    REQUIRE(s.meetings_upcoming.size() == 3);
    CHECK(s.meetings_upcoming[0].id == 3);
    CHECK(s.meetings_upcoming[1].id == 4);
    CHECK(gov::format_date(s.meetings_upcoming[1].day) == "2026-12-05");
    CHECK(s.meetings_upcoming[2].id == 5);
    CHECK(s.meetings_upcoming[2].time == "09:00");

    gov::summary_request r;
    r.since = gov::parse_date("2026-10-01");
    r.until = gov::parse_date("2026-10-31");
    auto october = gov::load_summary(sc.c(), r);
    REQUIRE(october.meetings_held.size() == 1);
    CHECK(october.meetings_held[0].id == 2);
    CHECK(october.meetings_upcoming.size() == 3);  // as of today, whatever the period
}

TEST_CASE("summary: formats parse by name", "[summary]") {
    CHECK(gov::parse_summary_format("html") == gov::summary_format::html);
    CHECK(gov::parse_summary_format("markdown") == gov::summary_format::markdown);
    CHECK_THROWS_AS(gov::parse_summary_format("pdf"), gov::usage_error);
}

TEST_CASE("summary: renderers show the same figures", "[summary]") {
    summary_community sc;
    auto s = gov::load_summary(sc.c());
    std::string json = gov::render_summary(s, gov::summary_format::json);
    CHECK(json.find("\"median_days_to_resolve\": 3") != std::string::npos);
    CHECK(json.find("\"format\": \"gov-summary/1\"") != std::string::npos);
    std::string csv = gov::render_summary(s, gov::summary_format::csv);
    CHECK(csv.find("overview,overdue,value,3\r\n") != std::string::npos);
    CHECK(csv.find("by_status_category,安全隐患,in_progress,1\r\n") != std::string::npos);
    CHECK(csv.find("projects,1,gap,24000.00\r\n") != std::string::npos);
    CHECK(csv.find("project_totals,overdue,value,2\r\n") != std::string::npos);
    CHECK(csv.find("meetings_held,1,present,3\r\n") != std::string::npos);
    CHECK(json.find("\"projects_overdue\": 2") != std::string::npos);
    CHECK(json.find("\"gap_fen\": 2400000") != std::string::npos);
    std::string md = gov::render_summary(s, gov::summary_format::markdown);
    CHECK(md.rfind("# Status summary\n", 0) == 0);
    std::string html = gov::render_summary(s, gov::summary_format::html);
    CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("aria-label=\"Project progress\"") != std::string::npos);
    CHECK(html.find(">66%</text>") != std::string::npos);
    CHECK(html.find(">30% (manual)</text>") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("http") == std::string::npos);  // nothing fetched from elsewhere
}
