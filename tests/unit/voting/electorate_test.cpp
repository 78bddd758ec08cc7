#include <catch2/catch.hpp>

#include "gov/values/error.hpp"
#include "gov/voting/electorate.hpp"
#include "proposal_fixture.hpp"

using namespace gov;
using gov::test::vote_community;

namespace {

std::vector<std::string> labels(const std::vector<electorate_member>& members) {
    std::vector<std::string> out;
    for (const auto& m : members) out.push_back(m.label);
    return out;
}

std::int64_t total_weight(const std::vector<electorate_member>& members) {
    std::int64_t w = 0;
    for (const auto& m : members) w += m.weight;
    return w;
}

std::vector<electorate_member> frozen(vote_community& c, std::int64_t id) {
    return list_electorate(c.ctx(), std::to_string(id));
}

}  // namespace

TEST_CASE("electorate: owners are owned rooms weighted by area, grouped by owner", "[electorate]") {
    vote_community c;
    auto id = c.open(electorate_kind::owners);
    auto m = frozen(c, id);
    CHECK(labels(m) == std::vector<std::string>{"1-1-101", "1-1-102", "1-1-103", "1-1-201",
                                                "1-1-202", "2-1-101", "2-1-102", "2-1-103",
                                                "3-1-101"});
    CHECK(total_weight(m) == 93975);
    CHECK(m[0].weight == 8850);
    CHECK(m[2].weight == 12025);
    CHECK(m[0].voter_key == "household:1");
    // 张三's three rooms are one owner; the developer's unsold units one head.
    CHECK(m[0].group == "owner-1");
    CHECK(m[1].group == "owner-1");
    CHECK(m[2].group == "owner-1");
    CHECK(m[3].group == "owner-2");
    CHECK(m[6].group == "developer");
    CHECK(m[7].group == "developer");
    auto r = c.tally_of(id);
    CHECK(r.counts.entitled == measured{9, 6, 93975});
    CHECK(r.rule.name == "civil-code-278");  // the default for an owners' yes-no vote
}

TEST_CASE("electorate: adult residents, one per person, unknown birth year counts as adult",
          "[electorate]") {
    vote_community c;
    auto m = frozen(c, c.open(electorate_kind::residents));
    // 张三 has three rows but is one person; 李小四 (2015) and 吴十 (2009) are
    // minors in 2026, 周九 (2008) turns 18 this year; 钱七's birth year is
    // unknown; the developer is not a person.
    CHECK(labels(m) == std::vector<std::string>{
                           "张三 (1-1-101)", "李四 (1-1-201)", "王五 (1-1-202)", "赵六 (2-1-101)",
                           "钱七 (2-1-201)", "孙八 (3-1-101)", "周九 (1-1-202)"});
    CHECK(m[0].voter_key == "resident:1");
    CHECK(m[0].weight == 100);
    CHECK(m[0].group == "resident:1");
}

TEST_CASE("electorate: adulthood is judged on the day the proposal opens", "[electorate]") {
    vote_community c;
    c.clk.set("2027-01-02T09:00:00Z");  // 吴十 (2009) is counted an adult from 2027
    auto m = frozen(c, c.open(electorate_kind::residents));
    CHECK(m.size() == 8);
    CHECK(m.back().label == "吴十 (1-1-202)");
}

TEST_CASE("electorate: one vote per household someone lives in", "[electorate]") {
    vote_community c;
    auto m = frozen(c, c.open(electorate_kind::households));
    // The developer's unsold units have nobody living in them.
    CHECK(labels(m) == std::vector<std::string>{"1-1-101", "1-1-102", "1-1-103", "1-1-201",
                                                "1-1-202", "2-1-101", "2-1-201", "3-1-101"});
    CHECK(total_weight(m) == 800);
}

TEST_CASE("electorate: building leaders, limited to buildings or compounds", "[electorate]") {
    vote_community c;
    CHECK(labels(frozen(c, c.open(electorate_kind::leaders))) ==
          std::vector<std::string>{"赵六 (2-1-101)", "孙八 (3-1-101)"});

    proposal_request r;
    r.title = "楼长会";
    r.electorate.kind = electorate_kind::leaders;
    r.electorate.buildings = {"3"};
    auto id = create_proposal(c.ctx(), r);
    CHECK(get_proposal(c.ctx(), std::to_string(id)).electorate_text ==
          "building leaders in 和平苑/3");
    open_proposal(c.ctx(), std::to_string(id));
    CHECK(labels(frozen(c, id)) == std::vector<std::string>{"孙八 (3-1-101)"});
}

TEST_CASE("electorate: buildings and compounds add up", "[electorate]") {
    vote_community c;
    proposal_request r;
    r.title = "范围";
    r.electorate.kind = electorate_kind::owners;
    r.electorate.buildings = {"1"};
    r.electorate.compounds = {"和平苑"};
    auto id = create_proposal(c.ctx(), r);
    open_proposal(c.ctx(), std::to_string(id));
    CHECK(labels(frozen(c, id)) == std::vector<std::string>{"1-1-101", "1-1-102", "1-1-103",
                                                            "1-1-201", "1-1-202", "3-1-101"});

    r.electorate.buildings = {"9"};
    r.electorate.compounds = {};
    CHECK_THROWS_AS(create_proposal(c.ctx(), r), not_found);
    r.electorate.buildings = {};
    r.electorate.compounds = {"无名小区"};
    CHECK_THROWS_WITH(create_proposal(c.ctx(), r),
                      "no compound \"无名小区\"; compounds are: 和平苑, 幸福里");
}

TEST_CASE("electorate: an explicit list of residents or rooms", "[electorate]") {
    vote_community c;
    proposal_request r;
    r.title = "委员会";
    r.electorate.kind = electorate_kind::list;
    r.electorate.list_file = c.dir.write("committee.csv", "居民,备注\n#4,\n13800000003,\n孙八,\n");
    auto id = create_proposal(c.ctx(), r);
    auto p = get_proposal(c.ctx(), std::to_string(id));
    CHECK(p.electorate_text == "list of 3 residents (committee.csv)");
    CHECK(p.electorate.list_sha256.size() == 64);
    open_proposal(c.ctx(), std::to_string(id));
    CHECK(labels(frozen(c, id)) ==
          std::vector<std::string>{"李四 (1-1-201)", "王五 (1-1-202)", "孙八 (3-1-101)"});

    // Rooms, also as a roster-style file with separate building and unit columns.
    r.electorate.list_file =
        c.dir.write("rooms.csv", "小区,楼栋,单元,房号\n幸福里,2,1,101\n和平苑,3,1,101\n");
    id = create_proposal(c.ctx(), r);
    open_proposal(c.ctx(), std::to_string(id));
    CHECK(labels(frozen(c, id)) == std::vector<std::string>{"2-1-101", "3-1-101"});
}

TEST_CASE("electorate: a bad list file is reported row by row and makes nothing", "[electorate]") {
    vote_community c;
    std::string before = c.dump();
    proposal_request r;
    r.title = "委员会";
    r.electorate.kind = electorate_kind::list;
    r.electorate.list_file =
        c.dir.write("rooms.csv", "房号\n1-1-101\n9-9-9\n1-1-101\n\"\"\n1-1-999\n");
    try {
        create_proposal(c.ctx(), r);
        FAIL("no error");
    } catch (const input_error& e) {
        CHECK(std::string(e.what()) == "rooms.csv: 4 problem(s) in the list; no proposal was made");
        CHECK(
            e.details() ==
            std::vector<std::string>{
                "rooms.csv:3: 房号: no building \"9\"; buildings are: 和平苑/3, 幸福里/1, 幸福里/2",
                "rooms.csv:4: 房号: \"1-1-101\" is listed twice (first: line 2)",
                "rooms.csv:5: 房号: empty", "rooms.csv:6: 房号: no room 1-1-999"});
    }
    CHECK(c.dump() == before);

    r.electorate.list_file = c.dir.write("both.csv", "居民,房号\n1,1-1-101\n");
    CHECK_THROWS_AS(create_proposal(c.ctx(), r), input_error);
    r.electorate.list_file = c.dir / "missing.csv";
    CHECK_THROWS_AS(create_proposal(c.ctx(), r), input_error);
    r.electorate.list_file.clear();
    CHECK_THROWS_AS(create_proposal(c.ctx(), r), usage_error);
}

TEST_CASE("electorate: frozen when the proposal opens", "[electorate]") {
    vote_community c;
    auto draft = c.propose(electorate_kind::owners);
    CHECK_THROWS_AS(list_electorate(c.ctx(), std::to_string(draft)), conflict);
    // Changes before opening count...
    c.sql("UPDATE household SET area_centi = 9000 WHERE id = 1");
    open_proposal(c.ctx(), std::to_string(draft));
    auto at_open = frozen(c, draft);
    CHECK(at_open[0].weight == 9000);
    auto tally_at_open = c.tally_of(draft);
    // ...changes after it do not: a sale, a move, a corrected area, a new room.
    c.sql(
        "UPDATE household SET area_centi = 5000 WHERE id = 2;"
        "UPDATE resident SET active = 0, moved_out = '2026-11-28' WHERE id = 4;"
        "UPDATE resident SET owner_id = 2 WHERE id = 3;"
        "INSERT INTO household(id, unit_id, room, area_centi) VALUES (11, 1, '301', 9999);"
        "INSERT INTO resident(id, household_id, name, role, owner_id) "
        "VALUES (20, 11, '新业主', '业主', 3);");
    auto later = frozen(c, draft);
    CHECK(labels(later) == labels(at_open));
    CHECK(total_weight(later) == total_weight(at_open));
    CHECK(later[2].group == "owner-1");
    CHECK(c.tally_of(draft) == tally_at_open);
    // The moved-out owner may still vote: the electorate was fixed when voting began.
    CHECK(c.vote(draft, "1-1-201", "同意").voter == "1-1-201");
    // And the database refuses to edit a frozen electorate.
    CHECK_THROWS(
        c.sql("UPDATE proposal_voter SET weight = 1 WHERE proposal_id = " + std::to_string(draft)));
    CHECK_THROWS(c.sql("DELETE FROM proposal_voter WHERE proposal_id = " + std::to_string(draft)));
    CHECK_THROWS(c.sql("INSERT INTO proposal_voter VALUES (" + std::to_string(draft) +
                       ", 99, 'household:11', 'x', 1, 0, 'x')"));
}

TEST_CASE("electorate: an owned room without a floor area stops an owners' vote opening",
          "[electorate]") {
    vote_community c;
    c.sql("UPDATE household SET area_centi = NULL WHERE id IN (2, 6)");
    auto id = c.propose(electorate_kind::owners);
    CHECK_THROWS_WITH(open_proposal(c.ctx(), std::to_string(id)),
                      "2 owned room(s) have no floor area, which an owners' vote weighs: "
                      "1-1-102, 2-1-101; record their 建筑面积 in the roster first");
    CHECK(get_proposal(c.ctx(), std::to_string(id)).status == proposal_status::draft);
    CHECK(c.count("SELECT count(*) FROM proposal_voter") == 0);
    // A households' vote does not weigh area, so it opens.
    CHECK_NOTHROW(c.open(electorate_kind::households));
}

TEST_CASE("electorate: an empty electorate does not open", "[electorate]") {
    vote_community c;
    c.sql("UPDATE building SET leader_id = NULL");
    auto id = c.propose(electorate_kind::leaders);
    CHECK_THROWS_WITH(open_proposal(c.ctx(), std::to_string(id)),
                      "the electorate (building leaders) is empty: nobody in the roster "
                      "qualifies");
}

TEST_CASE("electorate: rooms of a building name two compounds share carry the compound",
          "[electorate]") {
    vote_community c;
    c.sql("UPDATE building SET name = '1' WHERE id = 3");
    auto m = frozen(c, c.open(electorate_kind::households));
    CHECK(m.front().label == "幸福里/1-1-101");
    CHECK(m.back().label == "和平苑/1-1-101");
}

TEST_CASE("electorate: kinds by name", "[electorate]") {
    CHECK(parse_electorate_kind("owners") == electorate_kind::owners);
    CHECK(to_string(electorate_kind::leaders) == "leaders");
    CHECK_THROWS_WITH(parse_electorate_kind("everyone"),
                      "unknown electorate \"everyone\"; use residents, households, owners, "
                      "leaders or list");
}
