#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "gov/roster/building.hpp"
#include "gov/roster/resident.hpp"
#include "gov/values/error.hpp"
#include "roster/interface.hpp"
#include "roster_test_fixture.hpp"

using namespace gov;
using test::roster_community;

namespace {

std::vector<std::string> actions_since(roster_community& c, std::size_t first) {
    std::vector<std::string> out;
    auto events = list_audit(c.c().db());
    for (std::size_t i = first; i < events.size(); ++i) out.push_back(events[i].action);
    return out;
}

}  // namespace

TEST_CASE("resident: adding creates compound, building, unit and room once", "[resident]") {
    roster_community c;
    auto before = c.events();
    auto a = c.add("张三", "12-3-1502", "业主", "13812345678", "88.5");
    CHECK(a.id == 1);
    CHECK(a.household == "幸福里/12-3-1502");
    CHECK(a.created == std::vector<std::string>{"compound 幸福里", "building 幸福里/12",
                                                "unit 幸福里/12-3", "room 幸福里/12-3-1502"});
    CHECK(actions_since(c, before) == std::vector<std::string>{"compound.add", "building.add",
                                                               "unit.add", "household.add",
                                                               "owner.add", "resident.add"});
    CHECK(c.count("SELECT area_centi FROM household") == 8850);

    auto b = c.add("李四", "12-3-1502", "家属");
    CHECK(b.created.empty());
    CHECK(b.household_id == a.household_id);
    CHECK(!b.owner_id);
    CHECK(c.last_event().action == "resident.add");
    CHECK(
        c.last_event().payload ==
        R"({"birth_year":null,"committee_member":false,"gender":null,"household":"幸福里/12-3-1502","moved_in":null,"name":"李四","owner_id":null,"party_member":false,"phone":null,"remark":null,"role":"家属","volunteer":false})");

    // A known building needs no compound; "COMPOUND/BUILDING" names one directly.
    resident_form f;
    f.name = "王五";
    f.room = "12-1-201";
    f.role = "租户";
    CHECK(add_resident(c.c(), f).created ==
          std::vector<std::string>{"unit 幸福里/12-1", "room 幸福里/12-1-201"});
    f.name = "赵六";
    f.room = "阳光城/2-1-101";
    CHECK(add_resident(c.c(), f).household == "阳光城/2-1-101");
}

TEST_CASE("resident: a new building needs its compound, and nothing is written without it",
          "[resident]") {
    roster_community c;
    auto snap = c.snapshot();
    resident_form f;
    f.name = "张三";
    f.room = "12-3-1502";
    f.role = "业主";
    CHECK_THROWS_MATCHES(add_resident(c.c(), f), not_found,
                         Catch::Message("no building \"12\"; buildings are: (none); to add a new "
                                        "building, give its compound (--compound)"));
    f.room = "幸福里/12-3-1502";
    f.compound = "阳光城";
    CHECK_THROWS_AS(add_resident(c.c(), f), input_error);
    CHECK(c.snapshot() == snap);
}

TEST_CASE("resident: every invalid field is reported at once", "[resident]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主");
    auto snap = c.snapshot();
    resident_form f;
    f.room = "12-3";
    f.phone = "12345";
    f.gender = "x";
    f.birth_year = "1800";
    f.role = "老板";
    f.area = "88.505";
    f.party_member = "maybe";
    f.volunteer = "是";
    f.moved_in = "2026-02-30";
    try {
        add_resident(c.c(), f);
        FAIL("no error");
    } catch (const input_error& e) {
        CHECK(std::string(e.what()) == "9 problems with the resident");
        CHECK(e.details() ==
              std::vector<std::string>{
                  "name: required",
                  "room: \"12-3\" is not a room; write it as BUILDING-UNIT-ROOM, e.g. 12-3-1502",
                  "phone: \"12345\" is not an 11-digit mobile or a landline number",
                  "gender: \"x\" is not one of 男, 女 (or M, F)",
                  "birth_year: \"1800\" is not a year from 1900 to 2026",
                  "role: \"老板\" is not one of 业主, 家属, 租户, 陪读家庭 (roster.roles)",
                  "area: \"88.505\" is not a floor area in m² above 0 with at most 2 decimals",
                  "party_member: \"maybe\" is not yes or no (是/否, yes/no, Y/N, 1/0)",
                  "moved_in: \"2026-02-30\" is not a real date like 2026-09-01"});
    }
    f = {};
    f.name = "李四";
    f.room = "12-3-1502";
    f.role = "家属";
    f.area = "0";
    CHECK_THROWS_MATCHES(
        add_resident(c.c(), f), input_error,
        Catch::Message("area: \"0\" is not a floor area in m² above 0 with at most 2 decimals"));
    CHECK(c.snapshot() == snap);
}

TEST_CASE("resident: accepted values are normalised as the import does", "[resident]") {
    roster_community c;
    resident_form f;
    f.name = "  张三 ";
    f.room = "12-3-1502";
    f.compound = "幸福里";
    f.role = "业主";
    f.gender = "F";
    f.birth_year = "1975";
    f.phone = "0551-62345678";
    f.party_member = "Y";
    f.committee_member = "1";
    f.moved_in = "2020/9/1";
    f.area = "100";
    add_resident(c.c(), f);
    auto r = find_resident(c.c(), "1");
    CHECK(r.name == "张三");
    CHECK(r.gender == "女");
    CHECK(r.birth_year == 1975);
    CHECK(r.phone == "0551-62345678");
    CHECK(r.party_member);
    CHECK(!r.volunteer);
    CHECK(r.committee_member);
    CHECK(format_date(*r.moved_in) == "2020-09-01");
    CHECK(r.area_centi == 10000);
    CHECK(r.active);
    CHECK(r.household_label() == "幸福里/12-3-1502");
}

TEST_CASE("resident: one person owning two rooms is one owner", "[resident]") {
    roster_community c;
    auto a = c.add("张三", "12-3-1502", "业主", "13812345678");
    auto b = c.add("张三", "14-1-101", "业主", "13812345678");
    REQUIRE(a.owner_id);
    CHECK(b.owner_id == a.owner_id);
    CHECK(c.count("SELECT count(*) FROM owner") == 1);
    CHECK(c.text("SELECT ident FROM owner") == "13812345678|张三");
    // Without a phone the room tells owners apart: two owners.
    auto d = c.add("王五", "12-1-201", "业主");
    auto e = c.add("王五", "14-1-102", "业主");
    CHECK(d.owner_id != e.owner_id);
    CHECK(c.text(fmt::format("SELECT ident FROM owner WHERE id = {}", *d.owner_id)) ==
          fmt::format("room:{}|王五", d.household_id));
    // Family members and tenants are not owners.
    CHECK(!c.add("李四", "12-3-1502", "家属", "13812345678").owner_id);
}

TEST_CASE("resident: the same person twice in a room is a conflict", "[resident]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主");
    auto snap = c.snapshot();
    CHECK_THROWS_MATCHES(c.add("张三", "12-3-1502", "家属"), conflict,
                         Catch::Message("张三 already lives in 幸福里/12-3-1502 (resident #1, same "
                                        "phone and birth year)"));
    CHECK(c.snapshot() == snap);
    // Told apart by phone (or birth year), as the import tells them apart.
    CHECK(c.add("张三", "12-3-1502", "家属", "13812345678").id == 2);
    // Someone who moved out no longer counts.
    move_out_resident(c.c(), "1", "2026-10-01");
    CHECK(c.add("张三", "12-3-1502", "家属").id == 3);
}

TEST_CASE("resident: a moved-in date in the future is refused", "[resident]") {
    roster_community c;
    resident_form f;
    f.name = "张三";
    f.room = "12-3-1502";
    f.compound = "幸福里";
    f.role = "业主";
    f.moved_in = "2026-11-28";
    CHECK_THROWS_MATCHES(
        add_resident(c.c(), f), input_error,
        Catch::Message("moved_in: \"2026-11-28\" is in the future (today is 2026-11-27)"));
    f.moved_in = "2026-11-27";
    CHECK(add_resident(c.c(), f).id == 1);
}

TEST_CASE("resident: update records each change from → to, phones masked", "[resident]") {
    roster_community c;
    c.add("张三", "12-3-1502", "家属", "13812345678", "88.50");
    resident_changes ch;
    ch.phone = "13900001111";
    ch.remark = "换了号码";
    ch.party_member = "是";
    ch.area = "90";
    auto u = update_resident(c.c(), "13812345678", ch);
    CHECK(u.id == 1);
    CHECK(u.changed == std::vector<std::string>{"phone", "party_member", "remark", "area"});
    auto events = list_audit(c.c().db());
    REQUIRE(events.size() >= 2);
    CHECK(events[events.size() - 2].action == "household.update");
    CHECK(events[events.size() - 2].payload ==
          R"({"area":{"from":"88.50","to":"90.00"},"household":"幸福里/12-3-1502"})");
    CHECK(events.back().action == "resident.update");
    CHECK(
        events.back().payload ==
        R"({"household":"幸福里/12-3-1502","party_member":{"from":false,"to":true},"phone":{"from":"138****5678","to":"139****1111"},"remark":{"from":null,"to":"换了号码"}})");
    auto r = find_resident(c.c(), "1");
    CHECK(r.phone == "13900001111");
    CHECK(r.remark == "换了号码");
    CHECK(r.area_centi == 9000);

    // The same values again change nothing and write nothing.
    auto n = c.events();
    CHECK(update_resident(c.c(), "1", ch).changed.empty());
    CHECK(c.events() == n);
    // An empty text clears an optional field.
    resident_changes clear;
    clear.phone = "";
    clear.remark = "";
    CHECK(update_resident(c.c(), "1", clear).changed ==
          std::vector<std::string>{"phone", "remark"});
    CHECK(find_resident(c.c(), "1").phone.empty());
}

TEST_CASE("resident: a refused update changes nothing", "[resident]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主", "13812345678");
    c.add("李四", "12-3-1502", "家属");
    auto snap = c.snapshot();
    resident_changes bad;
    bad.phone = "1234";
    bad.role = "";
    bad.name = "";
    try {
        update_resident(c.c(), "1", bad);
        FAIL("no error");
    } catch (const input_error& e) {
        CHECK(e.details().size() == 3);
    }
    resident_changes clash;
    clash.name = "李四";
    clash.phone = "";
    CHECK_THROWS_AS(update_resident(c.c(), "1", clash), conflict);
    resident_changes early;
    early.compound = "幸福里";
    CHECK_THROWS_MATCHES(update_resident(c.c(), "1", early), input_error,
                         Catch::Message("compound: only together with a new room"));
    CHECK_THROWS_AS(update_resident(c.c(), "#99", {}), not_found);
    CHECK(c.snapshot() == snap);
}

TEST_CASE("resident: the owner record follows name, phone and role", "[resident]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主", "13812345678");
    c.add("张三", "14-1-101", "业主", "13812345678");
    c.add("李四", "12-1-201", "租户", "13900001111");

    // The only user of an owner record takes it along: same owner, new ident.
    resident_changes rename;
    rename.name = "李四四";
    rename.role = "业主";
    update_resident(c.c(), "3", rename);
    auto owner = find_resident(c.c(), "3").owner_id;
    REQUIRE(owner);
    resident_changes phone;
    phone.phone = "13900002222";
    update_resident(c.c(), "3", phone);
    CHECK(find_resident(c.c(), "3").owner_id == owner);
    CHECK(c.text(fmt::format("SELECT ident FROM owner WHERE id = {}", *owner)) ==
          "13900002222|李四四");
    CHECK(c.last_event().action == "resident.update");

    // A shared owner record stays with the other room: a new one is made.
    resident_changes other;
    other.phone = "13700000000";
    update_resident(c.c(), "1", other);
    CHECK(find_resident(c.c(), "1").owner_id != find_resident(c.c(), "2").owner_id);
    CHECK(c.count("SELECT count(*) FROM owner") == 3);

    // Leaving the owner role unlinks.
    resident_changes tenant;
    tenant.role = "租户";
    update_resident(c.c(), "3", tenant);
    CHECK(!find_resident(c.c(), "3").owner_id);
}

TEST_CASE("resident: moving out keeps the record and ends a leader's term", "[resident]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主", "13812345678");
    resident_form f;
    f.name = "李四";
    f.room = "12-3-1501";
    f.role = "家属";
    f.moved_in = "2026-09-01";
    add_resident(c.c(), f);
    set_building_leader(c.c(), "12", "张三");

    auto snap = c.snapshot();
    CHECK_THROWS_MATCHES(move_out_resident(c.c(), "2", "2026-08-31"), input_error,
                         Catch::Message("moved_out: 2026-08-31 is before the day they moved in "
                                        "(2026-09-01)"));
    CHECK_THROWS_MATCHES(move_out_resident(c.c(), "2", "2026-11-28"), input_error,
                         Catch::Message("moved_out: 2026-11-28 is in the future (today is "
                                        "2026-11-27)"));
    CHECK_THROWS_AS(move_out_resident(c.c(), "2", "2026-13-01"), input_error);
    CHECK(c.snapshot() == snap);

    auto m = move_out_resident(c.c(), "张三");
    CHECK(format_date(m.moved_out) == "2026-11-27");
    CHECK(m.no_longer_leader_of == "幸福里/12");
    CHECK(c.count("SELECT count(*) FROM building WHERE leader_id IS NOT NULL") == 0);
    CHECK(
        c.last_event().payload ==
        R"({"household":"幸福里/12-3-1502","moved_out":"2026-11-27","name":"张三","no_longer_leader_of":"幸福里/12"})");
    auto r = find_resident(c.c(), "#1");
    CHECK(!r.active);
    CHECK(format_date(*r.moved_out) == "2026-11-27");
    CHECK(c.count("SELECT count(*) FROM resident") == 2);
    CHECK_THROWS_MATCHES(move_out_resident(c.c(), "1"), conflict,
                         Catch::Message("resident #1 张三 has already moved out (2026-11-27)"));
    // Moved out, they are no longer found by phone or name, only by id.
    CHECK_THROWS_AS(find_resident(c.c(), "13812345678"), not_found);
    CHECK_THROWS_AS(find_resident(c.c(), "张三"), not_found);
}

TEST_CASE("resident: moving to another building ends a leader's term", "[resident]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主");
    set_building_leader(c.c(), "12", "1");
    resident_changes move;
    move.room = "阳光城/2-1-101";
    move.area = "75.25";
    auto u = update_resident(c.c(), "1", move);
    CHECK(u.changed == std::vector<std::string>{"room"});
    CHECK(u.no_longer_leader_of == "幸福里/12");
    auto r = find_resident(c.c(), "1");
    CHECK(r.household_label() == "阳光城/2-1-101");
    CHECK(r.area_centi == 7525);  // the new room took the given area
    CHECK(!r.building_leader);
    // Without a phone the owner ident names the room, so the owner moved too.
    CHECK(c.text("SELECT ident FROM owner") == fmt::format("room:{}|张三", r.household_id));
}

TEST_CASE("resident: found by id, phone or a unique name", "[resident]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主", "13812345678");
    c.add("张三", "14-1-101", "业主", "13812345678");
    c.add("李四", "12-3-1502", "家属", "13900001111");
    CHECK(find_resident(c.c(), "3").name == "李四");
    CHECK(find_resident(c.c(), "#3").name == "李四");
    CHECK(find_resident(c.c(), "13900001111").id == 3);
    CHECK(find_resident(c.c(), "李四").id == 3);
    CHECK_THROWS_MATCHES(find_resident(c.c(), "张三"), input_error,
                         Catch::Message("\"张三\" names 2 active residents; use the id: #1 张三, "
                                        "#2 张三"));
    CHECK_THROWS_AS(find_resident(c.c(), "13812345678"), input_error);
    CHECK_THROWS_AS(find_resident(c.c(), "王五"), not_found);
}

TEST_CASE("resident: one person in two rooms is one person, but two records", "[resident]") {
    using gov::detail::resident_match;
    using gov::detail::resolve_resident;
    roster_community c;
    c.add("张三", "12-3-1502", "业主", "13812345678");
    c.add("张三", "14-1-101", "业主", "13812345678");
    c.add("张小三", "12-3-1502", "家属", "13812345678");
    c.add("李四", "14-1-101", "租户", "");
    c.add("李四", "12-3-1502", "家属", "");
    // Who raised an issue or came to a meeting: the same name and phone.
    CHECK(resolve_resident(c.db(), "张三", resident_match::person) == 1);
    // A record to update must be named exactly.
    CHECK_THROWS_AS(resolve_resident(c.db(), "张三"), input_error);
    // A phone shared by different people stays ambiguous, and so do
    // namesakes without a phone.
    CHECK_THROWS_AS(resolve_resident(c.db(), "13812345678", resident_match::person), input_error);
    CHECK_THROWS_AS(resolve_resident(c.db(), "李四", resident_match::person), input_error);
}
