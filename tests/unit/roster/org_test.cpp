#include <catch2/catch.hpp>

#include "gov/roster/org.hpp"
#include "gov/values/error.hpp"
#include "roster_test_fixture.hpp"

using namespace gov;
using test::roster_community;

namespace {

// 幸福里 (buildings 12 and 14) and 阳光城 (building 2), a few rooms.
void seed(roster_community& c) {
    c.add("张三", "12-3-1502", "业主");
    c.add("李四", "12-3-1501", "业主");
    c.add("王五", "12-3-1601", "租户");
    c.add("赵六", "14-1-101", "业主");
    c.add("孙七", "阳光城/2-1-101", "业主");
}

org_form form(std::string name, std::string kind, std::string parent = "",
              std::string compound = "", std::string building = "", std::string household = "") {
    return {std::move(name),     std::move(kind),     std::move(parent),
            std::move(compound), std::move(building), std::move(household)};
}

}  // namespace

TEST_CASE("org: the units form a tree listed depth first", "[org]") {
    roster_community c;
    seed(c);
    auto root = add_org_unit(c.c(), form("滨湖社区党委", "party_committee"));
    CHECK(root.depth == 0);
    CHECK(c.last_event().action == "org.add");
    auto branch = add_org_unit(c.c(), form("幸福里党支部", "compound_branch", "1", "幸福里"));
    CHECK(branch.compound == "幸福里");
    CHECK(branch.depth == 1);
    add_org_unit(c.c(), form("阳光城党支部", "compound_branch", "#1", "阳光城"));
    auto group = add_org_unit(c.c(), form("12栋党小组", "building_group", "2", "", "12"));
    CHECK(group.building == "幸福里/12");
    CHECK(group.compound == "幸福里");  // from its building
    auto home = add_org_unit(c.c(), form("张三家", "party_household", "4", "", "", "12-3-1502"));
    CHECK(home.household == "幸福里/12-3-1502");
    CHECK(home.building == "幸福里/12");
    CHECK(home.depth == 3);
    CHECK(
        c.last_event().payload ==
        R"({"building":"幸福里/12","compound":"幸福里","household":"幸福里/12-3-1502","kind":"party_household","name":"张三家","parent_id":4})");

    auto units = list_org_units(c.c());
    std::vector<std::string> tree;
    for (const auto& u : units) tree.push_back(std::to_string(u.depth) + " " + u.name);
    CHECK(tree == std::vector<std::string>{"0 滨湖社区党委", "1 幸福里党支部", "2 12栋党小组",
                                           "3 张三家", "1 阳光城党支部"});
}

TEST_CASE("org: each kind sits below a higher one, for places that fit", "[org]") {
    roster_community c;
    seed(c);
    add_org_unit(c.c(), form("党委", "party_committee"));
    add_org_unit(c.c(), form("幸福里党支部", "compound_branch", "1", "幸福里"));
    add_org_unit(c.c(), form("12栋党小组", "building_group", "2", "", "12"));
    auto snap = c.snapshot();
    auto refused = [&](const org_form& f, const std::string& message) {
        CHECK_THROWS_MATCHES(add_org_unit(c.c(), f), input_error, Catch::Message(message));
    };
    refused(form("", "party_committee"), "name: required");
    refused(form("x", "cell"),
            "kind: \"cell\" is not one of party_committee, compound_branch, building_group, "
            "party_household");
    refused(form("x", "party_committee", "1"),
            "parent: a party committee is the top of the tree and has no parent");
    refused(form("x", "compound_branch"),
            "parent: required for a compound_branch (the id of the unit above it, see the "
            "organisation list)");
    refused(form("x", "compound_branch", "one"), "parent: \"one\" is not a unit id like 3");
    refused(form("x", "compound_branch", "3"),
            "parent: #3 is a building_group; a compound_branch goes under one of "
            "party_committee");
    refused(form("x", "party_household", "3"),
            "household: required for a party_household (its room, e.g. 12-3-1502)");
    refused(form("x", "compound_branch", "1", "", "12"),
            "building: a compound_branch is not for one building");
    refused(form("x", "building_group", "2", "", "阳光城/2"),
            "compound: the parent #2 is for compound \"幸福里\"");
    refused(form("x", "party_household", "3", "", "", "14-1-101"),
            "building: the parent #3 is for building 幸福里/12");
    refused(form("x", "building_group", "2", "阳光城", "幸福里/12"),
            "building: 幸福里/12 is not in compound \"阳光城\"");
    CHECK_THROWS_AS(add_org_unit(c.c(), form("x", "compound_branch", "9")), not_found);
    CHECK_THROWS_AS(add_org_unit(c.c(), form("x", "compound_branch", "1", "明珠苑")), not_found);
    CHECK_THROWS_MATCHES(
        add_org_unit(c.c(), form("12栋党小组", "building_group", "2", "", "12")), conflict,
        Catch::Message("organisation unit \"12栋党小组\" already exists there (#3)"));
    CHECK_THROWS_AS(add_org_unit(c.c(), form("党委", "party_committee")), conflict);
    CHECK(c.snapshot() == snap);
}

TEST_CASE("org: a party-member household looks after households", "[org]") {
    roster_community c;
    seed(c);
    add_org_unit(c.c(), form("党委", "party_committee"));
    add_org_unit(c.c(), form("幸福里党支部", "compound_branch", "1", "幸福里"));
    add_org_unit(c.c(), form("12栋党小组", "building_group", "2", "", "12"));
    add_org_unit(c.c(), form("张三家", "party_household", "3", "", "", "12-3-1502"));
    add_org_unit(c.c(), form("李四家", "party_household", "3", "", "", "12-3-1501"));

    auto a = assign_households(c.c(), 4, {"12-3-1601", "12-3-1501"});
    CHECK(a.added == std::vector<std::string>{"幸福里/12-3-1601", "幸福里/12-3-1501"});
    CHECK(a.already.empty());
    CHECK(c.last_event().action == "org.assign");
    CHECK(c.last_event().payload ==
          R"({"added":["幸福里/12-3-1601","幸福里/12-3-1501"],"name":"张三家"})");

    auto events = c.events();
    auto again = assign_households(c.c(), 4, {"12-3-1601"});
    CHECK(again.added.empty());
    CHECK(again.already == std::vector<std::string>{"幸福里/12-3-1601"});
    CHECK(c.events() == events);

    auto snap = c.snapshot();
    CHECK_THROWS_MATCHES(assign_households(c.c(), 5, {"14-1-101", "12-3-1601"}), conflict,
                         Catch::Message("幸福里/12-3-1601 is already looked after by #4 张三家"));
    CHECK_THROWS_MATCHES(assign_households(c.c(), 3, {"14-1-101"}), input_error,
                         Catch::Message("#3 12栋党小组 is a building_group: only a "
                                        "party_household (党员中心户) looks after households"));
    CHECK_THROWS_AS(assign_households(c.c(), 4, {"12-3-9999"}), not_found);
    CHECK_THROWS_AS(assign_households(c.c(), 42, {"14-1-101"}), not_found);
    CHECK_THROWS_AS(assign_households(c.c(), 4, {}), input_error);
    CHECK(c.snapshot() == snap);

    auto units = list_org_units(c.c());
    REQUIRE(units.size() == 5);
    CHECK(units[3].name == "张三家");
    CHECK(units[3].looks_after == std::vector<std::string>{"幸福里/12-3-1501", "幸福里/12-3-1601"});
}
