#include <catch2/catch.hpp>

#include "gov/issues/issue.hpp"
#include "gov/meetings/agenda.hpp"
#include "gov/meetings/meeting.hpp"
#include "gov/meetings/meeting_attendance.hpp"
#include "gov/meetings/meeting_minutes.hpp"
#include "gov/values/error.hpp"
#include "issue_test_fixture.hpp"

using gov::test::issue_community;

namespace {

// The issue test community, plus building leaders (张三 of building 1, 李四
// of building 12) and the community office as a party.
struct meeting_community : issue_community {
    meeting_community() {
        sql("UPDATE building SET leader_id = 1 WHERE id = 1;"
            "UPDATE building SET leader_id = 2 WHERE id = 2;"
            "INSERT INTO party(id, name, kind) VALUES (3, '社区居委会', 'community');");
    }
    std::int64_t meeting(const std::string& type, const std::string& day) {
        gov::meeting_draft d;
        d.type = type;
        d.day = gov::parse_date(day);
        return gov::add_meeting(c(), d);
    }
    std::int64_t issue(const std::string& title, const std::string& building = "") {
        gov::issue_draft d;
        d.title = title;
        d.category = "设施维修";
        d.building = building;
        return gov::add_issue(c(), d);
    }
};

std::vector<std::string> titles(const gov::agenda& a, const std::string& section) {
    std::vector<std::string> out;
    for (const auto& s : a.sections)
        if (s.key == section)
            for (const auto& e : s.items) out.push_back(e.title);
    return out;
}

}  // namespace

TEST_CASE("meeting: a new meeting takes its type's defaults", "[meeting]") {
    meeting_community t;
    auto id = t.meeting("leaders", "2026-12-05");
    auto m = gov::get_meeting(t.c(), id);
    CHECK(m.title == "2026年12月楼长见面会");
    CHECK(gov::format_timestamp(m.starts_at) == "2026-12-05T11:00:00Z");  // 19:00 at +08:00
    CHECK(gov::format_timestamp(m.ends_at) == "2026-12-05T12:30:00Z");    // 90 minutes
    CHECK(m.place == "社区党群服务中心");
    CHECK(m.status == gov::meeting_status::planned);
    CHECK(t.count("SELECT count(*) FROM audit_event WHERE action = 'meeting.add'") == 1);
}

TEST_CASE("meeting: an unknown type lists the configured ones", "[meeting]") {
    meeting_community t;
    try {
        t.meeting("weekly", "2026-12-05");
        FAIL("accepted");
    } catch (const gov::input_error& e) {
        CHECK(std::string(e.what()) ==
              "type: \"weekly\" is not one of: adhoc, assembly, joint, leaders");
    }
    CHECK(t.count("SELECT count(*) FROM meeting") == 0);
}

TEST_CASE("meeting: a series meets on the rule's day of each month", "[meeting]") {
    meeting_community t;
    gov::schedule_request r;
    r.type = "leaders";
    r.from = *gov::parse_year_month("2027-01");
    r.count = 3;
    r.rule = "first saturday 19:30";
    auto ids = gov::schedule_meetings(t.c(), r);
    REQUIRE(ids.size() == 3);
    CHECK(gov::format_timestamp(gov::get_meeting(t.c(), ids[0]).starts_at) ==
          "2027-01-02T11:30:00Z");
    CHECK(gov::format_timestamp(gov::get_meeting(t.c(), ids[1]).starts_at) ==
          "2027-02-06T11:30:00Z");
    CHECK(gov::format_timestamp(gov::get_meeting(t.c(), ids[2]).starts_at) ==
          "2027-03-06T11:30:00Z");
    CHECK(gov::get_meeting(t.c(), ids[2]).series_id == gov::get_meeting(t.c(), ids[0]).series_id);
    CHECK(t.count("SELECT count(*) FROM audit_event WHERE action = 'meeting.schedule'") == 1);
}

TEST_CASE("meeting: recurrence rules in English and Chinese", "[meeting]") {
    using namespace std::chrono;
    auto r = gov::parse_recurrence("第一个星期六 19:00");
    CHECK(r.ordinal == 1);
    CHECK(r.weekday == Saturday);
    CHECK(r.minute_of_day == 19 * 60);
    auto last = gov::parse_recurrence("Last Fri");
    CHECK(last.ordinal == -1);
    CHECK(!last.minute_of_day);
    CHECK(gov::format_date(gov::recurrence_day(last, year{2026} / February)) == "2026-02-27");
    CHECK(gov::format_date(gov::recurrence_day(gov::parse_recurrence("最后一个周日"),
                                               year{2026} / May)) == "2026-05-31");
    CHECK_THROWS_AS(gov::parse_recurrence("every saturday"), gov::input_error);
    CHECK_THROWS_AS(gov::parse_recurrence("first saturday 25:00"), gov::input_error);
}

TEST_CASE("meeting: closing twice is a conflict and the minutes stay frozen", "[meeting]") {
    meeting_community t;
    auto id = t.meeting("leaders", "2026-11-28");
    gov::close_meeting(t.c(), id);
    CHECK(gov::get_meeting(t.c(), id).status == gov::meeting_status::held);
    auto events = t.events();
    CHECK_THROWS_AS(gov::close_meeting(t.c(), id), gov::conflict);
    gov::attendance_request a;
    a.present = {"张三"};
    CHECK_THROWS_AS(gov::record_attendance(t.c(), id, a), gov::conflict);
    CHECK_THROWS_AS(gov::cancel_meeting(t.c(), id, ""), gov::conflict);
    CHECK(t.events() == events);
    // The database refuses too, whoever writes to it.
    CHECK_THROWS(t.sql("UPDATE meeting SET title = 'x' WHERE id = " + std::to_string(id)));
}

TEST_CASE("meeting: attendance of unknown people is refused and changes nothing", "[meeting]") {
    meeting_community t;
    auto id = t.meeting("leaders", "2026-11-28");
    auto events = t.events();
    gov::attendance_request a;
    a.present = {"张三", "王二麻子"};
    try {
        gov::record_attendance(t.c(), id, a);
        FAIL("accepted");
    } catch (const gov::input_error& e) {
        CHECK(std::string(e.what()).find("--present") == 0);
        CHECK(std::string(e.what()).find("王二麻子") != std::string::npos);
    }
    gov::attendance_request p;
    p.parties = {{"不存在的物业", "王经理"}};
    CHECK_THROWS_AS(gov::record_attendance(t.c(), id, p), gov::input_error);
    gov::attendance_request twice;
    twice.present = {"张三"};
    twice.absent = {"13800000001"};  // 张三's phone… shared with 张小三: ambiguous or twice
    CHECK_THROWS_AS(gov::record_attendance(t.c(), id, twice), gov::input_error);
    CHECK(t.count("SELECT count(*) FROM meeting_attendance") == 0);
    CHECK(t.events() == events);
}

TEST_CASE("meeting: the leaders' meeting needs more than half of the leaders", "[meeting]") {
    meeting_community t;
    auto id = t.meeting("leaders", "2026-11-28");
    gov::attendance_request one;
    one.present = {"张三"};
    one.absent = {"李四"};
    auto r = gov::record_attendance(t.c(), id, one);
    CHECK_FALSE(r.quorum.met);  // 1 of 2 is half, not more
    CHECK(r.quorum.explanation == "1 of 2 building leaders present (more than half needed)");
    gov::attendance_request proxy;
    proxy.proxies = {{"李四", "张小三"}};
    r = gov::record_attendance(t.c(), id, proxy);
    CHECK(r.quorum.met);  // 李四 is represented
    REQUIRE(r.people.size() == 2);
    CHECK(r.people[1].proxy == "张小三");
}

TEST_CASE("meeting: quorum rules are exact", "[meeting]") {
    gov::meeting_type_config leaders;
    leaders.quorum = "leaders-majority";
    gov::quorum_facts f;
    f.leaders_total = 7;
    f.leaders_present = 3;
    CHECK_FALSE(gov::check_quorum(leaders, f).met);
    f.leaders_present = 4;
    CHECK(gov::check_quorum(leaders, f).met);
    f.leaders_total = 0;
    f.leaders_present = 0;
    CHECK_FALSE(gov::check_quorum(leaders, f).met);

    gov::meeting_type_config joint;
    joint.quorum = "all-parties";
    joint.parties = {"community", "owners_committee", "property_management", "residents"};
    gov::quorum_facts j;
    j.party_kinds_present = {"community", "property_management"};
    auto r = gov::check_quorum(joint, j);
    CHECK_FALSE(r.met);
    CHECK(r.missing == std::vector<std::string>{"owners_committee", "residents"});
    CHECK(r.explanation == "not present: owners_committee, residents");
    j.party_kinds_present.push_back("owners_committee");
    j.residents_present = 1;
    CHECK(gov::check_quorum(joint, j).met);
}

TEST_CASE("meeting: the joint meeting needs all four parties", "[meeting]") {
    meeting_community t;
    auto id = t.meeting("joint", "2026-11-28");
    gov::attendance_request a;
    a.parties = {{"社区居委会", "李书记"}, {"物业公司", "王经理"}};
    a.present = {"张三"};
    auto r = gov::record_attendance(t.c(), id, a);
    CHECK_FALSE(r.quorum.met);
    CHECK(r.quorum.missing == std::vector<std::string>{"owners_committee"});
    gov::attendance_request more;
    more.parties = {{"业委会", "陈主任"}};
    CHECK(gov::record_attendance(t.c(), id, more).quorum.met);
}

TEST_CASE("meeting: unfinished action items are carried to the next meeting of the type",
          "[meeting]") {
    meeting_community t;
    auto first = t.meeting("leaders", "2026-11-28");
    gov::agenda_item_request text;
    text.text = "电梯维修";
    CHECK(gov::add_agenda_item(t.c(), first, text) == 1);
    gov::minutes_entry e;
    e.item = 1;
    e.decision = "物业两周内修复";
    e.action = gov::action_request{"修复3号楼电梯", "物业公司", gov::parse_date("2026-12-10"), ""};
    auto res = gov::record_minutes(t.c(), first, e);
    REQUIRE(res.action_issue);
    auto issue = gov::get_issue(t.c(), *res.action_issue);
    CHECK(issue.raised_at_meeting == first);
    CHECK(issue.assignee == "物业公司");
    CHECK(issue.category == "其他");
    gov::close_meeting(t.c(), first);

    auto second = t.meeting("leaders", "2026-12-05");
    auto third = t.meeting("leaders", "2027-01-02");
    auto joint = t.meeting("joint", "2026-12-06");
    CHECK(titles(gov::build_agenda(t.c(), second), "follow-up") ==
          std::vector<std::string>{"修复3号楼电梯"});
    // Not done at the second meeting: still followed up at the third.
    CHECK(titles(gov::build_agenda(t.c(), third), "follow-up") ==
          std::vector<std::string>{"修复3号楼电梯"});
    // Another type's meeting does not follow it up; nor does the meeting that made it.
    CHECK(titles(gov::build_agenda(t.c(), joint), "follow-up").empty());
    gov::transition_issue(t.c(), *res.action_issue, "resolved", "已修复");
    CHECK(titles(gov::build_agenda(t.c(), third), "follow-up").empty());
}

TEST_CASE("meeting: an action item the issue rules refuse changes nothing", "[meeting]") {
    meeting_community t;
    auto id = t.meeting("leaders", "2026-11-28");
    gov::agenda_item_request text;
    text.text = "电梯";
    gov::add_agenda_item(t.c(), id, text);
    auto events = t.events();
    gov::minutes_entry e;
    e.item = 1;
    e.note = "讨论";
    e.action = gov::action_request{"修电梯", "没有这个单位", std::nullopt, ""};
    CHECK_THROWS_AS(gov::record_minutes(t.c(), id, e), gov::input_error);
    CHECK(t.events() == events);
    CHECK(t.count("SELECT count(*) FROM issue") == 0);
    CHECK(t.count("SELECT count(*) FROM agenda_item WHERE notes <> ''") == 0);
    CHECK_FALSE(gov::get_meeting(t.c(), id).agenda_fixed);
    e.item = 9;
    e.action.reset();
    CHECK_THROWS_WITH(gov::record_minutes(t.c(), id, e),
                      "item: 9 is not on the agenda of meeting #1 (items 1 to 1)");
}

TEST_CASE("meeting: items added, moved and removed keep their numbers straight", "[meeting]") {
    meeting_community t;
    auto a = t.issue("楼道堆物", "12");
    auto b = t.issue("车棚漏雨", "幸福里/1");
    auto id = t.meeting("leaders", "2026-11-28");
    auto ag = gov::build_agenda(t.c(), id);
    CHECK(titles(ag, "new") == std::vector<std::string>{"车棚漏雨", "楼道堆物"});  // by building
    gov::agenda_item_request text;
    text.text = "垃圾分类宣传";
    CHECK(gov::add_agenda_item(t.c(), id, text) == 3);
    gov::agenda_item_request dup;
    dup.kind = "issue";
    dup.ref = a;
    CHECK_THROWS_AS(gov::add_agenda_item(t.c(), id, dup), gov::input_error);
    gov::remove_agenda_item(t.c(), id, 1);  // 车棚漏雨 off the live agenda
    ag = gov::build_agenda(t.c(), id);
    CHECK(titles(ag, "new") == std::vector<std::string>{"楼道堆物"});
    CHECK(ag.item_count() == 2);
    gov::move_agenda_item(t.c(), id, 2, 1);  // fixes the agenda
    ag = gov::build_agenda(t.c(), id);
    CHECK(ag.fixed);
    CHECK(titles(ag, "new") == std::vector<std::string>{"垃圾分类宣传", "楼道堆物"});
    // A fixed agenda does not take new issues by itself; by hand it does.
    auto c = t.issue("路灯不亮", "12");
    CHECK(gov::build_agenda(t.c(), id).item_count() == 2);
    gov::put_issue_on_agenda(t.c(), c, id);
    gov::put_issue_on_agenda(t.c(), c, id);  // already there: nothing
    CHECK(titles(gov::build_agenda(t.c(), id), "other") == std::vector<std::string>{"路灯不亮"});
    (void)b;
    CHECK_THROWS_AS(gov::move_agenda_item(t.c(), id, 1, 7), gov::input_error);
}

TEST_CASE("meeting: [meetings] types override the built-in keys they name", "[meeting]") {
    auto cfg = gov::parse_config(R"(
[community]
name = "x"
[meetings.types.leaders]
start = "19:30"
sections = [{ key = "other", title = "议题", minutes = 30, rule = "other" }]
[meetings.types.weekly]
name = "周例会"
quorum = "none"
)",
                                 "gov.toml");
    const auto* leaders = cfg.meetings.type("leaders");
    REQUIRE(leaders);
    CHECK(leaders->start == "19:30");
    CHECK(leaders->quorum == "leaders-majority");  // kept
    CHECK(leaders->sections.size() == 1);
    REQUIRE(cfg.meetings.type("weekly"));
    CHECK(cfg.meetings.type("weekly")->name == "周例会");
    CHECK(cfg.meetings.type("joint")->parties.size() == 4);
}

TEST_CASE("meeting: a bad [meetings] key names its place and the choices", "[meeting]") {
    try {
        gov::parse_config(R"([community]
name = "x"
[meetings.types.leaders]
quorum = "most"
sections = [{ key = "a", title = "A", rule = "everything" }]
)",
                          "gov.toml");
        FAIL("accepted");
    } catch (const gov::config_error& e) {
        std::string all = e.what();
        for (const auto& d : e.details()) all += "\n" + d;
        CHECK(all.find("gov.toml:4:10: meetings.types.leaders.quorum: \"most\" is not one of: "
                       "none, all-parties, leaders-majority") != std::string::npos);
        CHECK(all.find("meetings.types.leaders.sections[0].rule: \"everything\" is not one of: "
                       "follow-up, new, overdue, decisions, projects, other") != std::string::npos);
    }
    CHECK_THROWS_AS(
        gov::parse_config("[community]\nname = \"x\"\n[meetings]\ndefault_type = \"weekly\"\n",
                          "gov.toml"),
        gov::config_error);
    CHECK_THROWS_AS(
        gov::parse_config("[community]\nname = \"x\"\n[meetings.types.adhoc]\ntitle = \"{when}\"\n",
                          "gov.toml"),
        gov::config_error);
}

TEST_CASE("meeting: a month is read in the forms a date is", "[meeting]") {
    using namespace std::chrono;
    for (const char* text :
         {"2027-01", "2027-1", "2027/1", "2027.01", "2027年1月", "２０２７年１月"}) {
        INFO(text);
        auto ym = gov::parse_year_month(text);
        REQUIRE(ym);
        CHECK(*ym == year{2027} / January);
    }
    for (const char* text : {"2027", "2027-13", "2027-01-05", "2027/1.1", "27-01", "1899-12", "",
                             "2027年1月1", "2027年1", "２０２７年１月１"})
        CHECK_FALSE(gov::parse_year_month(text));
}
