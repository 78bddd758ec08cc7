#include <catch2/catch.hpp>

#include "gov/roster/party.hpp"
#include "gov/values/error.hpp"
#include "roster_test_fixture.hpp"

using namespace gov;
using test::roster_community;

TEST_CASE("party: added, audited and listed by kind and name", "[party]") {
    roster_community c;
    auto p = add_party(c.c(), {"幸福里业委会", "owners_committee", "王主任"});
    CHECK(p.id == 1);
    CHECK(p.active);
    CHECK(c.last_event().action == "party.add");
    CHECK(c.last_event().payload ==
          R"({"contact":"王主任","kind":"owners_committee","name":"幸福里业委会"})");
    add_party(c.c(), {"安居物业", "property_management", ""});
    add_party(c.c(), {"滨湖社区居委会", "community", ""});
    add_party(c.c(), {"爱心志愿者协会", "social_organisation", ""});
    add_party(c.c(), {"区供电公司", "co_building_unit", ""});

    std::vector<std::string> names;
    for (const auto& q : list_parties(c.c())) names.push_back(q.kind + ":" + q.name);
    CHECK(names == std::vector<std::string>{
                       "community:滨湖社区居委会", "owners_committee:幸福里业委会",
                       "property_management:安居物业", "social_organisation:爱心志愿者协会",
                       "co_building_unit:区供电公司"});
    auto pm = list_parties(c.c(), "property_management");
    REQUIRE(pm.size() == 1);
    CHECK(pm[0].name == "安居物业");
    CHECK_THROWS_AS(list_parties(c.c(), "bank"), usage_error);
    CHECK(find_party(c.c(), "安居物业").id == 2);
    CHECK(find_party(c.c(), "#3").name == "滨湖社区居委会");
    CHECK_THROWS_AS(find_party(c.c(), "物业"), not_found);
}

TEST_CASE("party: names are unique and kinds are checked", "[party]") {
    roster_community c;
    add_party(c.c(), {"安居物业", "property_management", ""});
    auto snap = c.snapshot();
    CHECK_THROWS_MATCHES(add_party(c.c(), {"安居物业", "other", ""}), conflict,
                         Catch::Message("party \"安居物业\" already exists (#1)"));
    CHECK_THROWS_MATCHES(
        add_party(c.c(), {"X", "bank", ""}), input_error,
        Catch::Message("kind: \"bank\" is not one of community, owners_committee, "
                       "property_management, social_organisation, co_building_unit, other"));
    try {
        add_party(c.c(), {" ", "", ""});
        FAIL("no error");
    } catch (const input_error& e) {
        CHECK(e.details().size() == 2);
    }
    CHECK(c.snapshot() == snap);
}
