#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "gov/issues/issue.hpp"
#include "gov/values/error.hpp"
#include "issue_test_fixture.hpp"

using namespace gov;
using test::issue_community;

namespace {

issue_draft draft(std::string title, std::string category = "环境卫生") {
    issue_draft d;
    d.title = std::move(title);
    d.category = std::move(category);
    return d;
}

std::string last_action(issue_community& t) {
    return list_audit(t.c().db()).back().action;
}

nlohmann::json last_payload(issue_community& t) {
    return nlohmann::json::parse(list_audit(t.c().db()).back().payload);
}

// Runs f, which must throw E whose message contains every one of `parts`,
// and checks that nothing was written.
template <class E, class F>
void refused(issue_community& t, F&& f, std::vector<std::string> parts) {
    auto events = t.events();
    auto history = t.count("SELECT count(*) FROM issue_history");
    auto issues = t.count("SELECT count(*) FROM issue");
    try {
        f();
        FAIL("expected an error");
    } catch (const E& e) {
        std::string all = e.what();
        for (const auto& d : e.details()) all += "\n" + d;
        for (const auto& p : parts) CHECK_THAT(all, Catch::Contains(p));
    }
    CHECK(t.events() == events);
    CHECK(t.count("SELECT count(*) FROM issue_history") == history);
    CHECK(t.count("SELECT count(*) FROM issue") == issues);
}

}  // namespace

TEST_CASE("issue: a new issue is open, due after its category's deadline", "[issue]") {
    issue_community t;
    auto d = draft("  1号楼外墙瓷砖脱落 ", "安全隐患");
    d.building = "幸福里/1";
    d.severity = "大事";
    d.tags = {"痛点", " 难点", "痛点", ""};
    d.description = "有砸人风险";
    std::int64_t id = add_issue(t.c(), d);
    CHECK(id == 1);
    issue_record r = get_issue(t.c(), id);
    CHECK(r.title == "1号楼外墙瓷砖脱落");
    CHECK(r.status == "open");
    CHECK(r.priority == "中");
    CHECK(r.severity == "大事");
    CHECK(r.category == "安全隐患");
    CHECK(r.building == "幸福里/1");
    CHECK(r.due == parse_date("2026-11-30"));  // today 2026-11-27 + 3 days
    CHECK_FALSE(r.due_explicit);
    CHECK_FALSE(r.overdue);
    CHECK(r.tags == std::vector<std::string>{"痛点", "难点"});
    CHECK(r.created_by == "tester");
    CHECK(format_timestamp(r.created_at) == "2026-11-27T09:00:00Z");
    CHECK(r.next_statuses == std::vector<std::string>{"in_progress", "resolved", "rejected"});
    CHECK(r.history.empty());
    CHECK(last_action(t) == "issue.add");
    auto p = last_payload(t);
    CHECK(p["title"] == "1号楼外墙瓷砖脱落");
    CHECK(p["due"] == "2026-11-30");
    CHECK(p["building"] == "幸福里/1");
    CHECK(p["tags"] == nlohmann::json::array({"痛点", "难点"}));
}

TEST_CASE("issue: the due date uses the community's local date", "[issue]") {
    issue_community t;
    t.clk.set("2026-11-27T17:30:00Z");  // already 2026-11-28 01:30 at +08:00
    std::int64_t id = add_issue(t.c(), draft("楼道堆放杂物"));
    CHECK(get_issue(t.c(), id).due == parse_date("2026-12-05"));  // 11-28 + 7
}

TEST_CASE("issue: a given due date is kept, also when the category changes", "[issue]") {
    issue_community t;
    auto d = draft("楼道灯不亮", "设施维修");
    d.due = parse_date("2026-12-01");
    std::int64_t given = add_issue(t.c(), d);
    std::int64_t derived = add_issue(t.c(), draft("楼道灯又不亮", "设施维修"));
    issue_changes c;
    c.category = "安全隐患";
    update_issue(t.c(), given, c);
    auto changes = update_issue(t.c(), derived, c);
    CHECK(get_issue(t.c(), given).due == parse_date("2026-12-01"));
    CHECK(get_issue(t.c(), given).due_explicit);
    CHECK(get_issue(t.c(), derived).due == parse_date("2026-11-30"));
    REQUIRE(changes.size() == 2);
    CHECK(changes[1].field == "due");
    CHECK(changes[1].from == "2026-12-04");
    CHECK(changes[1].to == "2026-11-30");
}

TEST_CASE("issue: unknown names are input errors listing the valid choices", "[issue]") {
    issue_community t;
    add_issue(t.c(), draft("first"));
    refused<input_error>(t, [&] { add_issue(t.c(), draft("x", "水电")); },
                         {"category", "\"水电\"", "安全隐患, 环境卫生, 设施维修"});
    refused<input_error>(t, [&] { add_issue(t.c(), draft("x", "")); }, {"category", "安全隐患"});
    refused<input_error>(t, [&] { add_issue(t.c(), draft("", "噪音")); }, {"title"});
    auto bad_severity = draft("x");
    bad_severity.severity = "中事";
    refused<input_error>(t, [&] { add_issue(t.c(), bad_severity); },
                         {"severity", "小事, 大事, 难事"});
    auto bad_priority = draft("x");
    bad_priority.priority = "特急";
    refused<input_error>(t, [&] { add_issue(t.c(), bad_priority); },
                         {"priority", "紧急, 高, 中, 低"});
    refused<input_error>(t, [&] { transition_issue(t.c(), 1, "done"); },
                         {"status", "\"done\"", "closed, in_progress, open, rejected, resolved"});
    auto bad_tag = draft("x");
    bad_tag.tags = {"痛点,难点"};
    refused<input_error>(t, [&] { add_issue(t.c(), bad_tag); }, {"tag", "separator"});
    refused<not_found>(t, [&] { transition_issue(t.c(), 99, "resolved", "x"); }, {"no issue #99"});
}

TEST_CASE("issue: buildings, units and rooms resolve to the roster", "[issue]") {
    issue_community t;
    auto d = draft("电梯故障", "设施维修");
    d.building = "12";
    d.unit = "3";
    d.room = "1502";
    issue_record r = get_issue(t.c(), add_issue(t.c(), d));
    CHECK(r.building == "幸福里/12");
    CHECK(r.unit == "3");
    CHECK(r.household_id == 2);

    auto by_room = draft("渗水");
    by_room.room = "12-3-1502";
    r = get_issue(t.c(), add_issue(t.c(), by_room));
    CHECK(r.building == "幸福里/12");
    CHECK(r.unit == "3");
    CHECK(r.room == "1502");
    CHECK(r.household_id == 2);

    auto place = draft("广场舞音响过大", "噪音");
    place.room = "中心广场";
    r = get_issue(t.c(), add_issue(t.c(), place));
    CHECK(r.room == "中心广场");
    CHECK_FALSE(r.household_id);
    CHECK_FALSE(r.building_id);

    auto ambiguous = draft("x");
    ambiguous.building = "1";
    refused<input_error>(t, [&] { add_issue(t.c(), ambiguous); },
                         {"building", "ambiguous", "幸福里/1", "阳光苑/1"});
    auto unknown = draft("x");
    unknown.building = "99";
    refused<input_error>(t, [&] { add_issue(t.c(), unknown); },
                         {"building", "\"99\"", "幸福里/12"});
    auto bad_unit = draft("x");
    bad_unit.building = "12";
    bad_unit.unit = "9";
    refused<input_error>(t, [&] { add_issue(t.c(), bad_unit); }, {"unit", "\"9\"", "3"});
}

TEST_CASE("issue: raised by a resident; assigned to a party, else a resident", "[issue]") {
    issue_community t;
    auto d = draft("噪音扰民", "噪音");
    d.raised_by = "13800000002";
    d.assignee = "物业公司";
    issue_record r = get_issue(t.c(), add_issue(t.c(), d));
    CHECK(r.raised_by == "李四");
    CHECK(r.raised_by_phone == "138****0002");
    CHECK(r.assignee == "物业公司");
    CHECK(r.assignee_type == assignee_kind::party);

    CHECK(assign_issue(t.c(), 1, "李四").at(0).to == "李四 #2");
    r = get_issue(t.c(), 1);
    CHECK(r.assignee_type == assignee_kind::resident);
    CHECK(r.assignee_id == 2);
    CHECK(last_action(t) == "issue.assign");
    assign_issue(t.c(), 1, "#2");
    CHECK(get_issue(t.c(), 1).assignee == "业委会");
    assign_issue(t.c(), 1, "");
    CHECK(get_issue(t.c(), 1).assignee_type == assignee_kind::none);

    refused<input_error>(t, [&] { assign_issue(t.c(), 1, "街道办"); },
                         {"neither a party nor a resident", "as a party", "物业公司",
                          "as a resident", "no active resident 街道办"});
    refused<input_error>(t, [&] { assign_issue(t.c(), 1, "#7"); }, {"assignee", "#7"});
    auto shared = draft("x");
    shared.raised_by = "13800000001";  // 张三 and his son share it
    refused<input_error>(t, [&] { add_issue(t.c(), shared); }, {"raised by", "2 active"});
    auto moved_out = draft("x");
    moved_out.raised_by = "13800000004";
    refused<input_error>(t, [&] { add_issue(t.c(), moved_out); }, {"raised by", "no active"});
}

TEST_CASE("issue: every transition of the default workflow", "[issue][workflow]") {
    issue_community t;
    std::int64_t id = add_issue(t.c(), draft("x"));
    const auto& transitions = t.c().cfg().issues.transitions;
    int allowed = 0, refusals = 0;
    for (const auto& [from, next] : transitions) {
        for (const auto& [to, unused] : transitions) {
            t.sql("UPDATE issue SET status = '" + from + "' WHERE id = 1");
            bool ok = std::find(next.begin(), next.end(), to) != next.end();
            INFO(from << " → " << to);
            std::optional<std::string> resolution;
            if (t.c().cfg().issues.is_done(to)) resolution = "处理完毕";
            if (ok) {
                auto changes = transition_issue(t.c(), id, to, resolution);
                CHECK(get_issue(t.c(), id).status == to);
                CHECK(changes.at(0).field == "status");
                CHECK(last_action(t) == "issue.transition");
                ++allowed;
            } else {
                refused<conflict>(t, [&] { transition_issue(t.c(), id, to, resolution); },
                                  {"issue #1 is " + from, "cannot become " + to});
                ++refusals;
            }
        }
    }
    CHECK(allowed == 10);
    CHECK(refusals == 15);
}

TEST_CASE("issue: a refused transition names the allowed next statuses", "[issue][workflow]") {
    issue_community t;
    add_issue(t.c(), draft("x"));
    refused<conflict>(t, [&] { run_issue_command(t.c(), 1, "close"); },
                      {"issue #1 is open: it cannot become closed; from open it may become: "
                       "in_progress, resolved, rejected"});
    refused<conflict>(t, [&] { run_issue_command(t.c(), 1, "reopen"); }, {"cannot become open"});
}

TEST_CASE("issue: resolving needs a resolution text", "[issue][workflow]") {
    issue_community t;
    add_issue(t.c(), draft("x"));
    refused<input_error>(t, [&] { run_issue_command(t.c(), 1, "resolve"); },
                         {"resolution", "cannot become resolved without a resolution"});
    refused<input_error>(t, [&] { transition_issue(t.c(), 1, "resolved", "   "); },
                         {"without a resolution"});
    auto changes = run_issue_command(t.c(), 1, "resolve", "已清运");
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].field == "status");
    CHECK(changes[1].field == "resolved_at");
    CHECK(changes[1].to == "2026-11-27T09:00:00Z");
    CHECK(changes[2].field == "resolution");
    issue_record r = get_issue(t.c(), 1);
    CHECK(r.resolution == "已清运");
    CHECK(format_timestamp(*r.resolved_at) == "2026-11-27T09:00:00Z");
    CHECK_FALSE(r.closed_at);
    auto p = last_payload(t);
    CHECK(p["changes"]["status"]["from"] == "open");
    CHECK(p["changes"]["status"]["to"] == "resolved");
    CHECK(p["changes"]["resolution"]["to"] == "已清运");
    issue_changes fix;
    fix.resolution = "已清运，并加装了垃圾桶";
    CHECK(update_issue(t.c(), 1, fix).at(0).field == "resolution");
    CHECK(get_issue(t.c(), 1).resolution == "已清运，并加装了垃圾桶");
    add_issue(t.c(), draft("y"));
    refused<input_error>(t, [&] { update_issue(t.c(), 2, fix); },
                         {"resolution", "issue #2 is open"});
    refused<input_error>(t, [&] { transition_issue(t.c(), 2, "in_progress", "x"); },
                         {"resolution", "not done"});
}

TEST_CASE("issue: reopening clears resolved and closed times; the history keeps them",
          "[issue][workflow]") {
    issue_community t;
    add_issue(t.c(), draft("x"));
    run_issue_command(t.c(), 1, "resolve", "已清运");
    t.clk.set("2026-11-28T09:00:00Z");
    run_issue_command(t.c(), 1, "close");
    issue_record r = get_issue(t.c(), 1);
    CHECK(format_timestamp(*r.closed_at) == "2026-11-28T09:00:00Z");
    CHECK(r.resolution == "已清运");
    t.clk.set("2026-11-29T09:00:00Z");
    run_issue_command(t.c(), 1, "reopen");
    r = get_issue(t.c(), 1);
    CHECK(r.status == "open");
    CHECK_FALSE(r.resolved_at);
    CHECK_FALSE(r.closed_at);
    CHECK(r.resolution.empty());
    std::vector<std::string> fields;
    for (const auto& h : r.history)
        fields.push_back(h.field + ":" + h.from.value_or("-") + ">" + h.to.value_or("-"));
    CHECK(fields ==
          std::vector<std::string>{"status:open>resolved", "resolved_at:->2026-11-27T09:00:00Z",
                                   "resolution:->已清运", "status:resolved>closed",
                                   "closed_at:->2026-11-28T09:00:00Z", "status:closed>open",
                                   "resolved_at:2026-11-27T09:00:00Z>-",
                                   "closed_at:2026-11-28T09:00:00Z>-", "resolution:已清运>-"});
    CHECK(format_timestamp(r.history.back().at) == "2026-11-29T09:00:00Z");
    CHECK(r.history.back().actor == "tester");
}

TEST_CASE("issue: rejecting keeps a reason and records closed_at", "[issue][workflow]") {
    issue_community t;
    add_issue(t.c(), draft("x"));
    run_issue_command(t.c(), 1, "reject", "重复，见 #40");
    issue_record r = get_issue(t.c(), 1);
    CHECK(r.status == "rejected");
    CHECK(r.resolution == "重复，见 #40");
    CHECK(r.closed_at);
    CHECK_FALSE(r.resolved_at);
}

TEST_CASE("issue: a configured workflow replaces the default one", "[issue][workflow]") {
    issue_community t([](config& cfg) {
        cfg.issues.initial_status = "new";
        cfg.issues.transitions = {{"new", {"triaged", "dropped"}},
                                  {"triaged", {"done"}},
                                  {"done", {}},
                                  {"dropped", {"new"}}};
        cfg.issues.done_statuses = {"done", "dropped"};
        cfg.issues.resolution_required = {};
        cfg.issues.priorities = {"P1", "P2"};
        cfg.issues.default_priority = "P2";
        cfg.issues.categories = {{"水电", 1}};
    });
    std::int64_t id = add_issue(t.c(), draft("停水", "水电"));
    issue_record r = get_issue(t.c(), id);
    CHECK(r.status == "new");
    CHECK(r.priority == "P2");
    CHECK(r.due == parse_date("2026-11-28"));
    refused<conflict>(t, [&] { transition_issue(t.c(), id, "done"); },
                      {"from new it may become: triaged, dropped"});
    transition_issue(t.c(), id, "triaged");
    transition_issue(t.c(), id, "done");  // no resolution required here
    r = get_issue(t.c(), id);
    CHECK(r.closed_at);
    CHECK(r.next_statuses.empty());
    refused<conflict>(t, [&] { transition_issue(t.c(), id, "new"); },
                      {"from done it may become: (nothing)"});
    for (const char* cmd : {"resolve", "close", "reopen", "reject"})
        refused<conflict>(t, [&] { run_issue_command(t.c(), id, cmd, "x"); },
                          {"which this workflow does not have", "done, dropped, new, triaged"});
    refused<input_error>(t, [&] { add_issue(t.c(), draft("x", "环境卫生")); },
                         {"category", "水电"});
}

TEST_CASE("issue: an update is one audit event and a history row per field", "[issue]") {
    issue_community t;
    auto d = draft("楼道堆放杂物");
    d.tags = {"痛点"};
    add_issue(t.c(), d);
    auto before = t.events();
    t.clk.set("2026-11-28T01:00:00Z");
    issue_changes c;
    c.title = "3单元楼道堆放杂物";
    c.priority = "高";
    c.building = "12";
    c.unit = "3";
    c.raised_by = "李四";
    c.add_tags = {"堵点"};
    c.remove_tags = {"痛点"};
    c.status = "in_progress";
    auto changes = update_issue(t.c(), 1, c);
    CHECK(t.events() == before + 1);
    CHECK(last_action(t) == "issue.update");
    std::vector<std::string> fields;
    for (const auto& ch : changes) fields.push_back(ch.field);
    CHECK(fields == std::vector<std::string>{"title", "priority", "building", "unit", "raised_by",
                                             "tags", "status"});
    issue_record r = get_issue(t.c(), 1);
    CHECK(r.history.size() == 7);
    CHECK(r.tags == std::vector<std::string>{"堵点"});
    CHECK(r.raised_by == "李四");
    CHECK(format_timestamp(r.updated_at) == "2026-11-28T01:00:00Z");
    auto p = last_payload(t);
    CHECK(p["changes"]["tags"]["from"] == "痛点");
    CHECK(p["changes"]["tags"]["to"] == "堵点");
    CHECK(p["changes"]["building"]["to"] == "幸福里/12");

    // Moving to another building without a unit clears the unit.
    issue_changes move;
    move.building = "阳光苑/1";
    changes = update_issue(t.c(), 1, move);
    REQUIRE(changes.size() == 2);
    CHECK(changes[1].field == "unit");
    CHECK(changes[1].from == "3");
    CHECK_FALSE(changes[1].to);

    // Clearing optional fields with empty text.
    issue_changes clear;
    clear.building = "";
    clear.raised_by = "";
    update_issue(t.c(), 1, clear);
    r = get_issue(t.c(), 1);
    CHECK_FALSE(r.building_id);
    CHECK_FALSE(r.raised_by_id);
}

TEST_CASE("issue: an update that changes nothing writes nothing", "[issue]") {
    issue_community t;
    add_issue(t.c(), draft("x"));
    auto before = t.events();
    issue_changes c;
    c.title = "x";
    c.category = "环境卫生";
    c.severity = "";
    CHECK(update_issue(t.c(), 1, c).empty());
    CHECK(t.events() == before);
    CHECK(assign_issue(t.c(), 1, "").empty());
    CHECK(t.events() == before);
}

TEST_CASE("issue: comments are kept in order and audited", "[issue]") {
    issue_community t;
    add_issue(t.c(), draft("x"));
    CHECK(comment_issue(t.c(), 1, "物业已派人查看") == 1);
    t.clk.set("2026-11-28T02:00:00Z");
    CHECK(comment_issue(t.c(), 1, "  已约好周五维修\n下午三点 ") == 2);
    CHECK(last_action(t) == "issue.comment");
    CHECK(last_payload(t)["comment_id"] == 2);
    issue_record r = get_issue(t.c(), 1);
    REQUIRE(r.comments.size() == 2);
    CHECK(r.comments[1].text == "已约好周五维修\n下午三点");
    CHECK(format_timestamp(r.comments[1].at) == "2026-11-28T02:00:00Z");
    CHECK(format_timestamp(r.updated_at) == "2026-11-28T02:00:00Z");
    refused<input_error>(t, [&] { comment_issue(t.c(), 1, "   "); }, {"comment"});
    refused<not_found>(t, [&] { comment_issue(t.c(), 5, "x"); }, {"no issue #5"});
}

TEST_CASE("issue: overdue is past the due date and not done", "[issue]") {
    issue_community t;
    add_issue(t.c(), draft("x", "安全隐患"));  // due 2026-11-30
    t.clk.set("2026-11-30T15:00:00Z");         // 2026-11-30 23:00 local: still due today
    CHECK_FALSE(get_issue(t.c(), 1).overdue);
    t.clk.set("2026-11-30T16:00:00Z");  // 2026-12-01 local
    CHECK(get_issue(t.c(), 1).overdue);
    transition_issue(t.c(), 1, "resolved", "done");
    CHECK_FALSE(get_issue(t.c(), 1).overdue);
}

TEST_CASE("issue: show masks the phone unless revealed; a reveal is audited", "[issue]") {
    issue_community t;
    auto d = draft("x");
    d.raised_by = "李四";
    add_issue(t.c(), d);
    auto before = t.events();
    CHECK(get_issue(t.c(), 1).raised_by_phone == "138****0002");
    CHECK(t.events() == before);
    CHECK(get_issue(t.c(), 1, true).raised_by_phone == "13800000002");
    CHECK(t.events() == before + 1);
    auto e = list_audit(t.c().db()).back();
    CHECK(e.action == "pii.reveal");
    CHECK(e.record_id == "2");
}

TEST_CASE("issue: periods like 30d, 2w, 6m and 1y", "[issue]") {
    CHECK(parse_period("30d")->count == 30);
    CHECK(parse_period("2w")->of == period::unit::week);
    CHECK(parse_period("6m")->of == period::unit::month);
    CHECK(parse_period("1y")->of == period::unit::year);
    CHECK(parse_period("3天")->of == period::unit::day);
    CHECK_FALSE(parse_period("30"));
    CHECK_FALSE(parse_period("d"));
    CHECK_FALSE(parse_period("-3d"));
    CHECK_FALSE(parse_period("3x"));
    date d = *parse_date("2026-03-31");
    CHECK(subtract_period(d, *parse_period("30d")) == parse_date("2026-03-01"));
    CHECK(subtract_period(d, *parse_period("2w")) == parse_date("2026-03-17"));
    CHECK(subtract_period(d, *parse_period("1m")) == parse_date("2026-02-28"));
    CHECK(subtract_period(d, *parse_period("13m")) == parse_date("2025-02-28"));
    CHECK(subtract_period(*parse_date("2028-02-29"), *parse_period("1y")) ==
          parse_date("2027-02-28"));
}
