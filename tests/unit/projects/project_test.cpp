#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "gov/issues/issue.hpp"
#include "gov/projects/project.hpp"
#include "gov/values/error.hpp"
#include "issue_test_fixture.hpp"

using namespace gov;
using test::issue_community;

namespace {

project_draft draft(std::string title) {
    project_draft d;
    d.title = std::move(title);
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
    auto updates = t.count("SELECT count(*) FROM project_update");
    auto rows = t.count(
        "SELECT (SELECT count(*) FROM project) + (SELECT count(*) FROM project_funding) + "
        "(SELECT count(*) FROM project_milestone) + (SELECT count(*) FROM project_deliverable) + "
        "(SELECT count(*) FROM project_link) + (SELECT count(*) FROM project_partner)");
    auto state = t.count(
        "SELECT coalesce(sum(length(status) + coalesce(manual_progress, 0) + length(updated_at)), "
        "0) FROM project");
    try {
        f();
        FAIL("expected an error");
    } catch (const E& e) {
        std::string all = e.what();
        for (const auto& d : e.details()) all += "\n" + d;
        for (const auto& p : parts) CHECK_THAT(all, Catch::Contains(p));
    }
    CHECK(t.events() == events);
    CHECK(t.count("SELECT count(*) FROM project_update") == updates);
    CHECK(t.count(
              "SELECT (SELECT count(*) FROM project) + (SELECT count(*) FROM project_funding) + "
              "(SELECT count(*) FROM project_milestone) + (SELECT count(*) FROM "
              "project_deliverable) + (SELECT count(*) FROM project_link) + (SELECT count(*) FROM "
              "project_partner)") == rows);
    CHECK(t.count("SELECT coalesce(sum(length(status) + coalesce(manual_progress, 0) + "
                  "length(updated_at)), 0) FROM project") == state);
}

project_changes set_progress(std::optional<int> percent, std::string reason) {
    project_changes c;
    c.progress = manual_progress{percent, std::move(reason)};
    return c;
}

project_summary summary_of(issue_community& t, std::int64_t id) {
    return get_project(t.c(), id).summary;
}

}  // namespace

TEST_CASE("project: a new project is planned, with its lead, partners and origins", "[project]") {
    issue_community t;
    issue_draft i;
    i.title = "健身器材老化";
    i.category = "设施维修";
    std::int64_t issue = add_issue(t.c(), i);
    auto d = draft(" 更新小区健身器材 ");
    d.lead = "物业公司";
    d.partners = {"业委会"};
    d.budget_fen = parse_money("36000");
    d.start = parse_date("2026-10-01");
    d.due = parse_date("2026-12-31");
    d.targets = {{"健身器材", 6}};
    d.issues = {issue};
    std::int64_t id = create_project(t.c(), d);
    CHECK(id == 1);
    CHECK(last_action(t) == "project.add");
    auto p = last_payload(t);
    CHECK(p["title"] == "更新小区健身器材");
    CHECK(p["budget_fen"] == 3600000);
    CHECK(p["origins"] == nlohmann::json::parse(R"([{"kind":"issue","id":1}])"));
    project_record r = get_project(t.c(), id);
    CHECK(r.summary.title == "更新小区健身器材");
    CHECK(r.summary.status == project_status::planned);
    CHECK(r.summary.lead == "物业公司");
    CHECK(r.lead_party_id == 1);
    CHECK(r.partners == std::vector<std::string>{"业委会"});
    REQUIRE(r.links.size() == 1);
    CHECK(r.links[0].kind == project_link_kind::issue);
    CHECK(r.links[0].origin);
    CHECK(r.links[0].title == "健身器材老化");
    CHECK(r.links[0].status == "open");
    REQUIRE(r.updates.size() == 1);
    CHECK(r.updates[0].kind == "created");
    CHECK(format_date(r.updates[0].on) == "2026-11-27");  // 17:00 local on the fixed clock
    CHECK(r.next_statuses == std::vector<project_status>{project_status::active,
                                                         project_status::blocked,
                                                         project_status::cancelled});
}

TEST_CASE("project: bad drafts are refused and write nothing", "[project]") {
    issue_community t;
    refused<input_error>(t, [&] { create_project(t.c(), draft("  ")); }, {"title"});
    auto d = draft("x");
    d.start = parse_date("2026-12-01");
    d.due = parse_date("2026-11-01");
    refused<input_error>(t, [&] { create_project(t.c(), d); },
                         {"due: 2026-11-01 is before the start (2026-12-01)"});
    d = draft("x");
    d.lead = "街道办";
    refused<not_found>(t, [&] { create_project(t.c(), d); },
                       {"lead: \"街道办\" is neither a party nor a resident", "业委会, 物业公司"});
    d = draft("x");
    d.partners = {"共建单位A"};
    refused<not_found>(t, [&] { create_project(t.c(), d); }, {"partner: no party \"共建单位A\""});
    d = draft("x");
    d.issues = {42};
    refused<not_found>(t, [&] { create_project(t.c(), d); }, {"no issue #42"});
    d = draft("x");
    d.targets = {{"健身器材", 0}};
    refused<input_error>(t, [&] { create_project(t.c(), d); }, {"target", "at least 1"});
    d.targets = {{"健身器材", 2}, {"健身器材", 3}};
    refused<input_error>(t, [&] { create_project(t.c(), d); }, {"named twice"});
    d = draft("x");
    d.status = project_status::done;
    refused<input_error>(t, [&] { create_project(t.c(), d); }, {"planned or active"});
    d = draft("x");
    d.budget_fen = -1;
    refused<input_error>(t, [&] { create_project(t.c(), d); }, {"budget"});
    CHECK(t.count("SELECT count(*) FROM project") == 0);
}

TEST_CASE("project: the lifecycle, and refused transitions name the allowed ones", "[project]") {
    issue_community t;
    std::int64_t id = create_project(t.c(), draft("楼道灯改造"));
    refused<conflict>(t, [&] { set_project_status(t.c(), id, project_status::done); },
                      {"project #1 is planned; it cannot become done (it may become: active, "
                       "blocked, cancelled)"});
    refused<input_error>(t, [&] { set_project_status(t.c(), id, project_status::blocked); },
                         {"reason: say why the project is blocked"});
    refused<usage_error>(t,
                         [&] { set_project_status(t.c(), id, project_status::active, "", true); },
                         {"--resolve-origin"});
    auto r = set_project_status(t.c(), id, project_status::active);
    CHECK(r.from == project_status::planned);
    CHECK(r.to == project_status::active);
    CHECK(last_action(t) == "project.status");
    CHECK(last_payload(t)["to"] == "active");
    set_project_status(t.c(), id, project_status::blocked, "等待资金到位");
    CHECK(get_project(t.c(), id).status_reason == "等待资金到位");
    refused<conflict>(t, [&] { set_project_status(t.c(), id, project_status::done); },
                      {"it may become: active, cancelled"});
    set_project_status(t.c(), id, project_status::active);
    CHECK(get_project(t.c(), id).status_reason.empty());
    set_project_status(t.c(), id, project_status::done);
    auto rec = get_project(t.c(), id);
    CHECK(rec.summary.status == project_status::done);
    CHECK(format_date(*rec.completed_on) == "2026-11-27");
    CHECK(rec.next_statuses.empty());
    refused<conflict>(t, [&] { set_project_status(t.c(), id, project_status::active); },
                      {"project #1 is done, which is final; it cannot become active"});
    refused<not_found>(t, [&] { set_project_status(t.c(), 9, project_status::active); },
                       {"no project #9"});
    CHECK(t.count("SELECT count(*) FROM project_update WHERE kind = 'status'") == 4);
}

TEST_CASE("project: completing with resolve_origin resolves the origin issues", "[project]") {
    issue_community t;
    issue_draft i;
    i.category = "设施维修";
    i.title = "健身器材老化";
    std::int64_t a = add_issue(t.c(), i);
    i.title = "缺少健身步道";
    std::int64_t b = add_issue(t.c(), i);
    i.title = "无关的问题";
    std::int64_t unrelated = add_issue(t.c(), i);
    transition_issue(t.c(), b, "resolved", "已处理");
    auto d = draft("更新健身器材");
    d.issues = {a, b};
    std::int64_t id = create_project(t.c(), d);
    set_project_status(t.c(), id, project_status::active);
    auto r = set_project_status(t.c(), id, project_status::done, "", true);
    CHECK(r.resolved_issues == std::vector<std::int64_t>{a});
    CHECK(r.already_done_issues == std::vector<std::int64_t>{b});
    CHECK(get_issue(t.c(), a).status == "resolved");
    CHECK(get_issue(t.c(), a).resolution == "completed by project #1 更新健身器材");
    CHECK(get_issue(t.c(), b).resolution == "已处理");
    CHECK(get_issue(t.c(), unrelated).status == "open");
    CHECK(last_action(t) == "issue.transition");
}

TEST_CASE("project: an origin issue the workflow cannot resolve refuses the completion",
          "[project]") {
    issue_community t([](config& c) {
        c.issues.transitions["open"] = {"in_progress"};  // must be worked on first
    });
    issue_draft i;
    i.category = "设施维修";
    i.title = "健身器材老化";
    std::int64_t a = add_issue(t.c(), i);
    auto d = draft("更新健身器材");
    d.issues = {a};
    d.status = project_status::active;
    std::int64_t id = create_project(t.c(), d);
    refused<conflict>(t, [&] { set_project_status(t.c(), id, project_status::done, "", true); },
                      {"issue #1 is open", "project #1 was not completed"});
    CHECK(get_project(t.c(), id).summary.status == project_status::active);
    // Without --resolve-origin the project completes and the issue stays.
    set_project_status(t.c(), id, project_status::done);
    CHECK(get_issue(t.c(), a).status == "open");
}

TEST_CASE("project: funding is exact and gaps are flagged", "[project]") {
    issue_community t;
    t.sql("INSERT INTO party(id, name, kind) VALUES (3, '共建单位A', 'co_building_unit')");
    auto d = draft("健身器材");
    d.budget_fen = parse_money("0.30");
    std::int64_t id = create_project(t.c(), d);
    auto s = summary_of(t, id);
    CHECK(s.funded_fen == 0);
    CHECK(s.gap_fen == 30);
    CHECK(s.funding_gap);
    CHECK(fund_project(t.c(), id, {"共建单位A", parse_money("0.10"), {}, ""}) == 10);
    CHECK(last_action(t) == "project.fund");
    CHECK(last_payload(t)["amount_fen"] == 10);
    CHECK(fund_project(t.c(), id, {"#3", parse_money("0.20"), parse_date("2026-11-01"), "首期"}) ==
          30);
    s = summary_of(t, id);
    CHECK(s.funded_fen == 30);
    CHECK(format_money(s.funded_fen) == "0.30");
    CHECK(s.gap_fen == 0);
    CHECK_FALSE(s.funding_gap);
    fund_project(t.c(), id, {"物业公司", 5, {}, ""});
    s = summary_of(t, id);
    CHECK(s.gap_fen == -5);  // funded beyond the budget: no gap
    CHECK_FALSE(s.funding_gap);
    auto rec = get_project(t.c(), id);
    REQUIRE(rec.funding.size() == 3);
    CHECK(format_date(rec.funding[0].on) == "2026-11-01");  // by date
    CHECK(rec.funding[0].note == "首期");
    refused<input_error>(t, [&] { fund_project(t.c(), id, {"共建单位A", 0, {}, ""}); }, {"amount"});
    refused<not_found>(t,
                       [&] {
                           fund_project(t.c(), id, {"共建单位B", 100, {}, ""});
                       },
                       {"from: no party \"共建单位B\""});
    refused<input_error>(
        t,
        [&] {
            fund_project(t.c(), id, {"共建单位A", 100, parse_date("2026-11-28"), ""});
        },
        {"date: 2026-11-28 is after today (2026-11-27)"});
    refused<not_found>(t,
                       [&] {
                           fund_project(t.c(), 7, {"共建单位A", 100, {}, ""});
                       },
                       {"no project #7"});

    std::int64_t no_budget = create_project(t.c(), draft("无预算"));
    CHECK_FALSE(summary_of(t, no_budget).gap_fen);
    CHECK_FALSE(summary_of(t, no_budget).funding_gap);
    auto cancelled = draft("取消的");
    cancelled.budget_fen = 100;
    std::int64_t c = create_project(t.c(), cancelled);
    CHECK(summary_of(t, c).funding_gap);
    set_project_status(t.c(), c, project_status::cancelled, "不再需要");
    CHECK_FALSE(summary_of(t, c).funding_gap);
    CHECK(summary_of(t, c).gap_fen == 100);

    project_filter f;
    f.funding_gap = true;
    CHECK(list_projects(t.c(), f).empty());
}

TEST_CASE("project: overdue milestones against the fixed clock", "[project]") {
    issue_community t;  // today is 2026-11-27 in the community
    auto d = draft("楼道灯改造");
    d.due = parse_date("2026-11-26");
    std::int64_t id = create_project(t.c(), d);
    CHECK(add_milestone(t.c(), id, "方案确定", parse_date("2026-11-20")) == 1);
    CHECK(last_action(t) == "project.milestone");
    CHECK(add_milestone(t.c(), id, "采购", parse_date("2026-11-27")) == 2);
    CHECK(add_milestone(t.c(), id, "安装", parse_date("2026-11-10")) == 3);
    CHECK(add_milestone(t.c(), id, "验收", std::nullopt) == 4);
    complete_milestone(t.c(), id, "安装", parse_date("2026-11-09"));
    auto s = summary_of(t, id);
    CHECK(s.overdue);  // due 2026-11-26, today 2026-11-27
    REQUIRE(s.overdue_milestones.size() == 1);
    CHECK(s.overdue_milestones[0].number == 1);
    CHECK(s.overdue_milestones[0].title == "方案确定");
    t.clk.set("2026-11-27T16:00:00Z");  // 00:00 on 11-28 locally: 采购 is overdue now
    s = summary_of(t, id);
    REQUIRE(s.overdue_milestones.size() == 2);
    CHECK(s.overdue_milestones[1].number == 2);

    project_filter f;
    f.overdue = true;
    CHECK(list_projects(t.c(), f).size() == 1);
    complete_milestone(t.c(), id, "1");
    complete_milestone(t.c(), id, "#2");
    set_project_status(t.c(), id, project_status::active);
    set_project_status(t.c(), id, project_status::done);
    s = summary_of(t, id);
    CHECK_FALSE(s.overdue);
    CHECK(s.overdue_milestones.empty());
    CHECK(list_projects(t.c(), f).empty());

    refused<conflict>(t, [&] { complete_milestone(t.c(), id, "安装"); },
                      {"milestone 3 of project #1 (安装) was already done on 2026-11-09"});
    refused<not_found>(t, [&] { complete_milestone(t.c(), id, "9"); },
                       {"no milestone \"9\"", "1 方案确定, 2 采购, 3 安装, 4 验收"});
    refused<input_error>(t,
                         [&] { complete_milestone(t.c(), id, "验收", parse_date("2026-12-01")); },
                         {"after today"});
    refused<input_error>(t, [&] { add_milestone(t.c(), id, " ", std::nullopt); }, {"title"});
}

TEST_CASE("project: progress is derived by the configured rule, or set by hand", "[project]") {
    for (const char* rule : {"milestones", "deliverables"}) {
        DYNAMIC_SECTION(rule) {
            issue_community t([&](config& c) { c.projects.progress = rule; });
            auto d = draft("健身器材");
            d.targets = {{"健身器材", 6}, {"长椅", 2}};
            std::int64_t id = create_project(t.c(), d);
            auto s = summary_of(t, id);
            if (std::string(rule) == "milestones") {
                CHECK(s.progress == std::nullopt);  // no milestones yet
                CHECK(s.source == progress_source::none);
            } else {
                CHECK(s.progress == 0);
                CHECK(s.source == progress_source::deliverables);
            }
            add_milestone(t.c(), id, "方案", std::nullopt);
            add_milestone(t.c(), id, "采购", std::nullopt);
            add_milestone(t.c(), id, "安装", std::nullopt);
            complete_milestone(t.c(), id, "方案");
            CHECK(deliver(t.c(), id, {"健身器材", 4, false, {}}) == 4);
            CHECK(last_action(t) == "project.deliver");
            CHECK(deliver(t.c(), id, {"长椅", 2, false, {}}) == 2);
            s = summary_of(t, id);
            CHECK(s.target_items == 8);
            CHECK(s.delivered_items == 6);
            if (std::string(rule) == "milestones") {
                CHECK(s.rule == progress_rule::milestones);
                CHECK(s.progress == 33);
                CHECK(s.source == progress_source::milestones);
            } else {
                CHECK(s.rule == progress_rule::deliverables);
                CHECK(s.progress == 75);  // 6 of 8 items
                CHECK(s.source == progress_source::deliverables);
            }
            auto derived = s.progress;

            refused<input_error>(t, [&] { update_project(t.c(), id, set_progress(40, "")); },
                                 {"needs a reason"});
            refused<input_error>(t, [&] { update_project(t.c(), id, set_progress(101, "x")); },
                                 {"101 is not a percent from 0 to 100"});
            auto ch = update_project(t.c(), id, set_progress(40, "施工队估计"));
            REQUIRE(ch.size() == 1);
            CHECK(ch[0].to == "40% (manual: 施工队估计)");
            s = summary_of(t, id);
            CHECK(s.progress == 40);
            CHECK(s.source == progress_source::manual);
            CHECK(s.manual_reason == "施工队估计");
            CHECK(s.derived_progress == derived);  // both kept, never mixed
            CHECK(update_project(t.c(), id, set_progress(40, "施工队估计")).empty());
            update_project(t.c(), id, set_progress(std::nullopt, "按规则"));
            s = summary_of(t, id);
            CHECK(s.progress == derived);
            CHECK(s.source != progress_source::manual);
            CHECK(t.count("SELECT count(*) FROM project_update WHERE kind = 'progress'") == 2);
        }
    }
}

TEST_CASE("project: deliveries add up, correct, and name the deliverables", "[project]") {
    issue_community t;
    auto d = draft("健身器材");
    d.targets = {{"健身器材", 6}};
    std::int64_t id = create_project(t.c(), d);
    CHECK(deliver(t.c(), id, {"健身器材", 4, false, {}}) == 4);
    CHECK(deliver(t.c(), id, {"健身器材", 3, false, {}}) ==
          7);  // beyond target: kept, capped in progress
    CHECK(summary_of(t, id).progress == 100);
    CHECK(deliver(t.c(), id, {"健身器材", 5, true, {}}) == 5);
    CHECK(last_payload(t)["before"] == 7);
    CHECK(summary_of(t, id).progress == 83);
    refused<input_error>(t,
                         [&] {
                             deliver(t.c(), id, {"长椅", 1, false, {}});
                         },
                         {"item: \"长椅\" is not one of: 健身器材", "--target"});
    refused<input_error>(t,
                         [&] {
                             deliver(t.c(), id, {"健身器材", 0, false, {}});
                         },
                         {"at least 1"});
    refused<input_error>(t,
                         [&] {
                             deliver(t.c(), id, {"健身器材", -1, true, {}});
                         },
                         {"must not be negative"});
    CHECK(deliver(t.c(), id, {"长椅", 1, false, 4}) == 1);
    auto rec = get_project(t.c(), id);
    REQUIRE(rec.deliverables.size() == 2);
    CHECK(rec.deliverables[1].name == "长椅");
    CHECK(rec.deliverables[1].target == 4);
    CHECK(summary_of(t, id).progress == 60);  // 5 + 1 of 10
}

TEST_CASE("project: updates, notes, links and the changes made", "[project]") {
    issue_community t;
    issue_draft i;
    i.category = "设施维修";
    i.title = "路灯不亮";
    std::int64_t issue = add_issue(t.c(), i);
    std::int64_t id = create_project(t.c(), draft("路灯"));
    CHECK(link_project(t.c(), id, project_link_kind::issue, issue));
    CHECK(last_action(t) == "project.link");
    auto events = t.events();
    CHECK_FALSE(link_project(t.c(), id, project_link_kind::issue, issue));
    CHECK(t.events() == events);
    refused<not_found>(t, [&] { link_project(t.c(), id, project_link_kind::proposal, 3); },
                       {"no proposal #3"});
    refused<not_found>(t, [&] { link_project(t.c(), id, project_link_kind::meeting, 4); },
                       {"no meeting #4"});
    project_filter by_issue;
    by_issue.issue = issue;
    CHECK(list_projects(t.c(), by_issue).size() == 1);

    add_project_note(t.c(), id, "已联系供电所", parse_date("2026-11-20"));
    CHECK(last_action(t) == "project.note");
    refused<input_error>(t, [&] { add_project_note(t.c(), id, " "); }, {"text"});

    project_changes c;
    c.budget_fen = parse_money("1500.50");
    c.lead = "张小三";  // a resident by unique name
    c.add_partners = {"物业公司"};
    c.due = parse_date("2026-12-31");
    auto ch = update_project(t.c(), id, c);
    REQUIRE(ch.size() == 4);
    CHECK(ch[0].field == "lead");
    CHECK(ch[0].to == "张小三");
    CHECK(ch[1].field == "budget");
    CHECK(ch[1].to == "1500.50");
    CHECK(ch[2].field == "due");
    CHECK(ch[3].field == "partners");
    CHECK(last_action(t) == "project.update");
    CHECK(update_project(t.c(), id, c).empty());

    auto since = project_updates_since(t.c(), *parse_date("2026-11-21"));
    for (const auto& u : since) CHECK(format_date(u.on) >= "2026-11-21");
    CHECK(since.size() == 3);  // created, link, update (the note is dated 11-20)
    CHECK(project_updates_since(t.c(), *parse_date("2026-11-01"), id).size() == 4);
    CHECK_THROWS_AS(project_updates_since(t.c(), *parse_date("2026-11-01"), 9), not_found);

    auto masked = get_project(t.c(), id);
    CHECK(masked.lead_phone == "138****0001");
    events = t.events();
    auto shown = get_project(t.c(), id, true);
    CHECK(shown.lead_phone == "13800000001");
    CHECK(t.events() == events + 1);
    CHECK(last_action(t) == "pii.reveal");
}
