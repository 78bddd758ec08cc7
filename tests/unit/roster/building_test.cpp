#include <catch2/catch.hpp>

#include "gov/roster/building.hpp"
#include "gov/roster/resident.hpp"
#include "gov/values/error.hpp"
#include "roster_test_fixture.hpp"

using namespace gov;
using test::roster_community;

TEST_CASE("building: listed with leader and counts in natural order", "[building]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主");
    c.add("李四", "12-3-1502", "家属");
    c.add("王五", "12-1-201", "租户");
    c.add("赵六", "2-1-101", "业主");
    c.add("孙七", "阳光城/10-1-101", "业主");
    move_out_resident(c.c(), "王五");
    set_building_leader(c.c(), "12", "李四");

    auto bs = list_buildings(c.c());
    REQUIRE(bs.size() == 3);
    CHECK(bs[0].label() == "幸福里/2");
    CHECK(bs[1].label() == "幸福里/12");
    CHECK(bs[1].leader_id == 2);
    CHECK(bs[1].leader_name == "李四");
    CHECK(bs[1].units == 2);
    CHECK(bs[1].households == 2);
    CHECK(bs[1].residents == 2);  // 王五 moved out
    CHECK(!bs[0].leader_id);
    CHECK(bs[0].leader_name.empty());
    CHECK(bs[2].label() == "阳光城/10");

    auto only = list_buildings(c.c(), std::string("阳光城"));
    REQUIRE(only.size() == 1);
    CHECK(only[0].name == "10");
    CHECK_THROWS_AS(list_buildings(c.c(), std::string("明珠苑")), not_found);
}

TEST_CASE("building: one leader, replaced with an audit of from and to", "[building]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主");
    c.add("李四", "12-3-1501", "业主");
    auto first = set_building_leader(c.c(), "12", "张三");
    CHECK(first.changed);
    CHECK(!first.previous_id);
    CHECK(first.building == "幸福里/12");
    CHECK(c.last_event().payload ==
          R"({"building":"幸福里/12","from":null,"to":{"id":1,"name":"张三"}})");

    auto second = set_building_leader(c.c(), "幸福里/12", "#2");
    CHECK(second.changed);
    CHECK(second.previous_id == 1);
    CHECK(second.previous_name == "张三");
    CHECK(second.leader_id == 2);
    auto e = c.last_event();
    CHECK(e.action == "building.leader");
    CHECK(e.record_kind == "building");
    CHECK(e.record_id == "1");
    CHECK(e.payload ==
          R"({"building":"幸福里/12","from":{"id":1,"name":"张三"},"to":{"id":2,"name":"李四"}})");
    CHECK(c.count("SELECT leader_id FROM building") == 2);

    auto events = c.events();
    CHECK(!set_building_leader(c.c(), "12", "李四").changed);
    CHECK(c.events() == events);

    auto cleared = clear_building_leader(c.c(), "12");
    CHECK(cleared.changed);
    CHECK(cleared.previous_id == 2);
    CHECK(c.count("SELECT count(*) FROM building WHERE leader_id IS NULL") == 1);
    CHECK(!clear_building_leader(c.c(), "12").changed);
}

TEST_CASE("building: a leader must live in the building and not have moved out", "[building]") {
    roster_community c;
    c.add("张三", "12-3-1502", "业主");
    c.add("李四", "14-1-101", "业主");
    c.add("王五", "12-1-201", "租户");
    move_out_resident(c.c(), "王五");
    auto snap = c.snapshot();
    CHECK_THROWS_MATCHES(
        set_building_leader(c.c(), "12", "李四"), input_error,
        Catch::Message("resident #2 李四 lives in 幸福里/14-1-101, not in building 幸福里/12: a "
                       "building leader must live in the building"));
    CHECK_THROWS_MATCHES(
        set_building_leader(c.c(), "12", "3"), input_error,
        Catch::Message("resident #3 王五 has moved out and cannot lead a building"));
    CHECK_THROWS_AS(set_building_leader(c.c(), "99", "张三"), not_found);
    CHECK_THROWS_AS(set_building_leader(c.c(), "12", "赵六"), not_found);
    CHECK(c.snapshot() == snap);
}
