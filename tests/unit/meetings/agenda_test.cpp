#include <catch2/catch.hpp>

#include "gov/meetings/agenda.hpp"
#include "gov/store/config.hpp"
#include "gov/values/date.hpp"
#include "store/interface.hpp"

namespace {

gov::timestamp at(const char* iso) {
    return *gov::parse_timestamp(iso);
}

gov::agenda_issue issue(std::int64_t id, const char* title, const char* building,
                        const char* created, const char* due, bool done = false) {
    gov::agenda_issue i;
    i.id = id;
    i.title = title;
    i.category = "设施维修";
    i.status = done ? "resolved" : "open";
    i.done = done;
    i.building = building;
    i.created_at = at(created);
    if (due) i.due = gov::parse_date(due);
    return i;
}

// A leaders' meeting on 2026-12-05 19:00 (+08:00); the last one was 2026-11-07.
gov::agenda_inputs inputs() {
    gov::agenda_inputs in;
    in.community = "测试社区";
    in.meeting = {7,
                  "leaders",
                  "楼长见面会",
                  "2026年12月楼长见面会",
                  at("2026-12-05T11:00:00Z"),
                  at("2026-12-05T12:30:00Z"),
                  "活动室",
                  "李书记",
                  "planned"};
    in.last_meeting_start = at("2026-11-07T11:00:00Z");
    in.today = *gov::parse_date("2026-11-27");
    in.meeting_day = *gov::parse_date("2026-12-05");
    in.generated_at = at("2026-11-27T09:00:00Z");
    return in;
}

std::vector<std::string> titles(const gov::agenda& a, const std::string& key) {
    std::vector<std::string> out;
    for (const auto& s : a.sections)
        if (s.key == key)
            for (const auto& e : s.items) out.push_back(e.title);
    return out;
}

const gov::meeting_type_config leaders = gov::detail::default_meeting_type("leaders");

}  // namespace

TEST_CASE("agenda: new issues since the last meeting, grouped by building", "[agenda]") {
    auto in = inputs();
    in.issues = {issue(1, "旧问题", "幸福里/1", "2026-11-01T00:00:00Z", "2026-12-20"),
                 issue(2, "楼道堆物", "幸福里/12", "2026-11-10T00:00:00Z", "2026-12-20"),
                 issue(3, "车棚漏雨", "幸福里/1", "2026-11-20T00:00:00Z", "2026-12-20"),
                 issue(4, "没有楼栋", "", "2026-11-08T00:00:00Z", "2026-12-20"),
                 issue(5, "已解决", "幸福里/1", "2026-11-21T00:00:00Z", "2026-12-20", true),
                 issue(6, "会后才提", "幸福里/1", "2026-12-06T00:00:00Z", "2026-12-20")};
    auto a = gov::assemble_agenda(in, leaders);
    CHECK(titles(a, "new") == std::vector<std::string>{"车棚漏雨", "楼道堆物", "没有楼栋"});
    for (const auto& s : a.sections)
        if (s.key == "new") {
            CHECK(s.items[0].group == "幸福里/1");
            CHECK(s.items[0].number == 1);
            CHECK(s.from == "19:00");  // follow-up is empty: it takes no time
            CHECK(s.to == "19:30");
        }
    // Without an earlier meeting, everything open raised before this one is new.
    in.last_meeting_start.reset();
    CHECK(gov::assemble_agenda(in, leaders).sections[1].items.size() == 4);
}

TEST_CASE("agenda: overdue as of today for a meeting ahead, each issue once", "[agenda]") {
    auto in = inputs();
    in.issues = {issue(1, "早已逾期", "幸福里/1", "2026-10-01T00:00:00Z", "2026-11-01"),
                 issue(2, "会前才逾期", "幸福里/1", "2026-10-01T00:00:00Z", "2026-12-01"),
                 issue(3, "新且逾期", "幸福里/1", "2026-11-20T00:00:00Z", "2026-11-25"),
                 issue(4, "逾期已解决", "幸福里/1", "2026-10-01T00:00:00Z", "2026-11-01", true)};
    auto a = gov::assemble_agenda(in, leaders);
    CHECK(titles(a, "overdue") == std::vector<std::string>{"早已逾期"});
    CHECK(titles(a, "new") == std::vector<std::string>{"新且逾期"});  // the first section wins
    // Rendered after the meeting's day, the reference is the meeting's day.
    in.today = *gov::parse_date("2026-12-10");
    CHECK(titles(gov::assemble_agenda(in, leaders), "overdue") ==
          std::vector<std::string>{"早已逾期", "会前才逾期"});
}

TEST_CASE("agenda: follow-up of earlier action items, decisions, items by hand", "[agenda]") {
    auto in = inputs();
    auto action = issue(1, "修电梯", "幸福里/1", "2026-11-07T12:00:00Z", "2026-12-20");
    action.action_of = 3;
    action.action_meeting_start = at("2026-11-07T11:00:00Z");
    auto later = issue(2, "本次会议的行动项", "", "2026-12-05T12:00:00Z", "2026-12-20");
    later.action_of = 7;
    later.action_meeting_start = at("2026-12-05T11:00:00Z");
    in.issues = {action, later,
                 issue(3, "拿掉的", "幸福里/1", "2026-11-10T00:00:00Z", "2026-12-20")};
    in.proposals = {{1, "P1", "加装电梯", "draft", 7},
                    {2, "", "别的会议的", "draft", 9},
                    {3, "", "正在投票", "open", std::nullopt},
                    {4, "", "撤回的", "withdrawn", 7}};
    gov::agenda_stored_item hidden;
    hidden.row = 1;
    hidden.section = "new";
    hidden.kind = "issue";
    hidden.ref = 3;
    hidden.hidden = true;
    gov::agenda_stored_item text;
    text.row = 2;
    text.position = 2;
    text.section = "other";
    text.kind = "text";
    text.text = "消防宣传";
    text.minutes = 10;
    in.stored = {hidden, text};
    auto a = gov::assemble_agenda(in, leaders);
    CHECK(titles(a, "follow-up") == std::vector<std::string>{"修电梯"});
    CHECK(titles(a, "new").empty());
    CHECK(titles(a, "decisions") == std::vector<std::string>{"P1 加装电梯", "正在投票"});
    CHECK(titles(a, "other") == std::vector<std::string>{"消防宣传"});
    CHECK(a.item_count() == 4);
    CHECK(a.sections.back().items.back().added);
    CHECK(a.sections.back().items.back().number == 4);
    // No projects at all: the projects section is left out.
    for (const auto& s : a.sections) CHECK(s.rule != "projects");
}

TEST_CASE("agenda: a fixed agenda is the stored list in its order", "[agenda]") {
    auto in = inputs();
    in.fixed = true;
    in.issues = {issue(1, "不在议程上的新问题", "幸福里/1", "2026-11-10T00:00:00Z", "2026-12-20"),
                 issue(2, "议程上的问题", "幸福里/1", "2026-11-10T00:00:00Z", "2026-12-20")};
    gov::agenda_stored_item b;
    b.row = 5;
    b.position = 1;
    b.section = "other";
    b.kind = "text";
    b.text = "先说这个";
    b.decision = "同意";
    gov::agenda_stored_item i;
    i.row = 6;
    i.position = 2;
    i.section = "new";
    i.kind = "issue";
    i.ref = 2;
    i.actions = {9};
    in.stored = {i, b};
    auto a = gov::assemble_agenda(in, leaders);
    CHECK(a.fixed);
    CHECK(titles(a, "new") == std::vector<std::string>{"议程上的问题"});
    CHECK(titles(a, "other") == std::vector<std::string>{"先说这个"});
    CHECK(a.item_count() == 2);
    CHECK(a.sections.back().items[0].decision == "同意");
}

TEST_CASE("agenda: renderers are pure and escape record text", "[agenda]") {
    auto in = inputs();
    in.issues = {issue(1, "<b>x</b> & *y* | z", "幸福里/1", "2026-11-10T00:00:00Z", "2026-12-20")};
    auto a = gov::assemble_agenda(in, leaders);
    std::string html = gov::render_agenda_html(a);
    CHECK(html.find("&lt;b&gt;x&lt;/b&gt; &amp; *y* | z") != std::string::npos);
    CHECK(html.find("<b>x</b>") == std::string::npos);
    CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
    std::string md = gov::render_agenda_markdown(a);
    CHECK(md.find("\\<b\\>x\\</b\\> & \\*y\\* \\| z") != std::string::npos);
    CHECK(gov::render_agenda_markdown(gov::assemble_agenda(in, leaders)) == md);
    std::string json = gov::render_agenda_json(a);
    CHECK(json.find("\"local_start\": \"2026-12-05 19:00\"") != std::string::npos);
}

TEST_CASE("agenda: active projects with updates since the last meeting", "[agenda]") {
    auto in = inputs();
    auto project = [](std::int64_t id, const char* title, bool active, const char* updated) {
        gov::agenda_project p;
        p.id = id;
        p.title = title;
        p.status = active ? "active" : "done";
        p.active = active;
        p.progress = "40%";
        if (updated) p.last_update = gov::parse_date(updated);
        return p;
    };
    in.projects = {project(1, "加装电梯", true, "2026-11-07"),  // the last meeting's day counts
                   project(2, "旧的", true, "2026-11-06"),
                   project(3, "已完成", false, "2026-11-20"),
                   project(4, "从未更新", true, nullptr)};
    auto a = gov::assemble_agenda(in, leaders);
    CHECK(titles(a, "projects") == std::vector<std::string>{"加装电梯"});
    for (const auto& s : a.sections)
        if (s.key == "projects") CHECK(s.items[0].detail == "active · 40%");
}
