#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <sstream>

#include <fmt/format.h>

#include "gov/roster/building.hpp"
#include "gov/roster/roster.hpp"
#include "gov/roster/roster_import.hpp"
#include "gov/values/error.hpp"
#include "roster_test_fixture.hpp"

using namespace gov;
using test::roster_community;

namespace {

// 幸福里: building 2 and 12 (natural order puts 2 first), 阳光城: building 2.
// 张三 owns 12-3-1502 and 14-1-101 (one owner); 12-1-202 is an empty room.
void seed(roster_community& c) {
    c.add("张三", "12-3-1502", "业主", "13812345678", "88.50");
    c.add("李四", "12-3-1502", "家属", "13900001111");
    c.add("王五", "12-1-201", "租户", "", "60");
    c.add("张三", "14-1-101", "业主", "13812345678", "120");
    c.add("赵六", "2-1-101", "陪读家庭", "0551-62345678");
    c.add("孙七", "阳光城/2-1-101", "业主", "13700000000", "95.25");
    c.add("周八", "12-1-202", "租户");
    resident_changes party;
    party.party_member = "是";
    party.remark = "退休教师, 热心";
    update_resident(c.c(), "2", party);
    move_out_resident(c.c(), "周八", "2026-10-01");
    set_building_leader(c.c(), "幸福里/12", "王五");
}

std::vector<std::string> names(const std::vector<resident>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(fmt::format("{}@{}", r.name, r.household_label()));
    return out;
}

std::vector<std::string> listed(roster_community& c, const roster_filter& f) {
    return names(list_roster(c.c(), f));
}

}  // namespace

TEST_CASE("roster: lists in natural room order", "[roster]") {
    roster_community c;
    seed(c);
    CHECK(listed(c, {}) == std::vector<std::string>{"赵六@幸福里/2-1-101", "王五@幸福里/12-1-201",
                                                    "周八@幸福里/12-1-202", "张三@幸福里/12-3-1502",
                                                    "李四@幸福里/12-3-1502", "张三@幸福里/14-1-101",
                                                    "孙七@阳光城/2-1-101"});
    auto all = list_roster(c.c());
    CHECK(all[1].building_leader);
    CHECK(all[3].area_centi == 8850);
    CHECK(all[3].phone == "13812345678");  // the library never masks; callers do
}

TEST_CASE("roster: filters combine with AND", "[roster]") {
    roster_community c;
    seed(c);
    roster_filter f;
    f.compound = "阳光城";
    CHECK(listed(c, f) == std::vector<std::string>{"孙七@阳光城/2-1-101"});
    f = {};
    f.building = "12";
    f.which = roster_filter::status::active;
    CHECK(listed(c, f) == std::vector<std::string>{"王五@幸福里/12-1-201", "张三@幸福里/12-3-1502",
                                                   "李四@幸福里/12-3-1502"});
    f.unit = "1";
    CHECK(listed(c, f) == std::vector<std::string>{"王五@幸福里/12-1-201"});
    f = {};
    f.compound = "幸福里";
    f.building = "2";  // a bare name within the compound, though 阳光城 has a 2 too
    CHECK(listed(c, f) == std::vector<std::string>{"赵六@幸福里/2-1-101"});
    f = {};
    f.which = roster_filter::status::moved_out;
    CHECK(listed(c, f) == std::vector<std::string>{"周八@幸福里/12-1-202"});
    f = {};
    f.role = "业主";
    f.compound = "幸福里";
    CHECK(listed(c, f) ==
          std::vector<std::string>{"张三@幸福里/12-3-1502", "张三@幸福里/14-1-101"});
    f = {};
    f.party_members_only = true;
    CHECK(listed(c, f) == std::vector<std::string>{"李四@幸福里/12-3-1502"});
    f = {};
    f.leaders_only = true;
    CHECK(listed(c, f) == std::vector<std::string>{"王五@幸福里/12-1-201"});
    f = {};
    f.limit = 2;
    CHECK(listed(c, f).size() == 2);
}

TEST_CASE("roster: search looks in names, remarks and phone digits", "[roster]") {
    roster_community c;
    seed(c);
    roster_filter f;
    f.search = "张";
    CHECK(listed(c, f).size() == 2);
    f.search = "热心";
    CHECK(listed(c, f) == std::vector<std::string>{"李四@幸福里/12-3-1502"});
    f.search = "139 0000";  // digits as people type them
    CHECK(listed(c, f) == std::vector<std::string>{"李四@幸福里/12-3-1502"});
    f.search = "62345678";
    CHECK(listed(c, f) == std::vector<std::string>{"赵六@幸福里/2-1-101"});
    f.search = "%";  // no wildcards
    CHECK(listed(c, f).empty());
}

TEST_CASE("roster: unknown places and roles are named", "[roster]") {
    roster_community c;
    seed(c);
    roster_filter f;
    f.compound = "明珠苑";
    CHECK_THROWS_MATCHES(list_roster(c.c(), f), not_found,
                         Catch::Message("no compound \"明珠苑\"; compounds are: 幸福里, 阳光城"));
    f = {};
    f.building = "2";
    CHECK_THROWS_AS(list_roster(c.c(), f), input_error);  // 2 is in both compounds
    f = {};
    f.role = "老板";
    CHECK_THROWS_MATCHES(
        list_roster(c.c(), f), usage_error,
        Catch::Message("--role: \"老板\" is not one of 业主, 家属, 租户, 陪读家庭"));
    f = {};
    f.limit = -1;
    CHECK_THROWS_AS(list_roster(c.c(), f), usage_error);
}

TEST_CASE("roster: show gives household, leader, owner and the owner's other rooms", "[roster]") {
    roster_community c;
    seed(c);
    auto d = show_resident(c.c(), "1");
    CHECK(d.person.name == "张三");
    REQUIRE(d.household_members.size() == 1);
    CHECK(d.household_members[0].name == "李四");
    CHECK(d.leader_id == 3);
    CHECK(d.leader_name == "王五");
    REQUIRE(d.owner);
    CHECK(d.owner->name == "张三");
    CHECK(d.owner->phone == "13812345678");
    REQUIRE(d.other_rooms.size() == 1);
    CHECK(d.other_rooms[0].household == "幸福里/14-1-101");
    CHECK(d.other_rooms[0].area_centi == 12000);

    auto t = show_resident(c.c(), "13900001111");
    CHECK(!t.owner);
    CHECK(t.other_rooms.empty());
    CHECK_THROWS_AS(show_resident(c.c(), "#42"), not_found);
}

TEST_CASE("roster: stats per building and in total, one head per owner", "[roster]") {
    roster_community c;
    seed(c);
    auto st = roster_stats(c.c());
    REQUIRE(st.buildings.size() == 4);
    CHECK(st.buildings[0].building == "2");
    CHECK(st.buildings[0].compound == "幸福里");
    const auto& b12 = st.buildings[1].counts;
    CHECK(st.buildings[1].building == "12");
    CHECK(b12.households == 3);
    CHECK(b12.empty_households == 1);  // 12-1-202: its only resident moved out
    CHECK(b12.residents == 3);
    CHECK(b12.owners == 1);
    CHECK(b12.role("业主") == 1);
    CHECK(b12.role("家属") == 1);
    CHECK(b12.role("租户") == 1);
    CHECK(b12.role("陪读家庭") == 0);
    CHECK(b12.party_members == 1);
    CHECK(b12.area_centi == 14850);
    CHECK(st.buildings[2].counts.owners == 1);

    const auto& t = st.total;
    CHECK(t.households == 6);
    CHECK(t.empty_households == 1);
    CHECK(t.residents == 6);
    CHECK(t.owners == 2);  // 张三 (two rooms, two buildings) and 孙七
    CHECK(t.by_role == std::vector<std::pair<std::string, std::int64_t>>{
                           {"业主", 3}, {"家属", 1}, {"租户", 1}, {"陪读家庭", 1}});
    CHECK(t.party_members == 1);
    CHECK(t.area_centi == 36375);

    roster_scope scope;
    scope.compound = "阳光城";
    auto y = roster_stats(c.c(), scope);
    REQUIRE(y.buildings.size() == 1);
    CHECK(y.total.residents == 1);
    CHECK(y.total.owners == 1);

    auto totals = roster_totals(c.c());
    CHECK(totals.residents == 6);
    CHECK(totals.owners == 2);
}

TEST_CASE("roster: stats count configured roles only", "[roster]") {
    roster_community c([](config& cfg) { cfg.roster.roles = {"业主", "租户"}; });
    c.add("张三", "1-1-101", "业主");
    c.add("李四", "1-1-101", "租户");
    auto t = roster_totals(c.c());
    CHECK(t.by_role == std::vector<std::pair<std::string, std::int64_t>>{{"业主", 1}, {"租户", 1}});
    CHECK(t.role("家属") == 0);
}

TEST_CASE("roster: a reveal of personal data is audited", "[roster]") {
    roster_community c;
    record_pii_reveal(c.c(), "roster list", 12);
    auto e = c.last_event();
    CHECK(e.action == "pii.reveal");
    CHECK(e.record_kind == "resident");
    CHECK(e.record_id.empty());
    CHECK(e.payload == R"({"command":"roster list","records":12})");
    record_pii_reveal(c.c(), "roster show", 1, "7");
    CHECK(c.last_event().record_id == "7");
}

TEST_CASE("roster: CSV export writes the import's columns, masked by default", "[roster]") {
    roster_community c;
    seed(c);
    resident_changes formula;
    formula.remark = "=HYPERLINK(\"http://x\")";
    update_resident(c.c(), "3", formula);
    auto events = c.events();
    std::ostringstream out;
    roster_export_request req;
    auto r = export_roster(c.c(), req, out);
    CHECK(r.residents == 6);
    CHECK(r.fields.size() == 14);
    CHECK(c.events() == events);  // nothing revealed, nothing recorded
    // A byte order mark first, so a spreadsheet reads the UTF-8 as such.
    CHECK(out.str() ==
          "\xEF\xBB\xBF"
          "姓名,性别,出生年份,小区,楼栋,单元,房号,电话,身份,建筑面积,是否党员,是否楼长,入住日期,"
          "备注\r\n"
          "赵六,,,幸福里,2,1,101,0551-****5678,陪读家庭,,否,否,,\r\n"
          "王五,,,幸福里,12,1,201,,租户,60.00,否,是,,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
          "张三,,,幸福里,12,3,1502,138****5678,业主,88.50,否,否,,\r\n"
          "李四,,,幸福里,12,3,1502,139****1111,家属,88.50,是,否,,\"退休教师, 热心\"\r\n"
          "张三,,,幸福里,14,1,101,138****5678,业主,120.00,否,否,,\r\n"
          "孙七,,,阳光城,2,1,101,137****0000,业主,95.25,否,否,,\r\n");
}

TEST_CASE("roster: a CSV export without a byte order mark, and its progress", "[roster]") {
    roster_community c;
    seed(c);
    roster_export_request req;
    std::ostringstream with, without, json;
    export_roster(c.c(), req, with);
    req.bom = false;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    req.progress = [&](std::uint64_t done, std::uint64_t total) {
        calls.emplace_back(done, total);
    };
    export_roster(c.c(), req, without);
    CHECK(without.str() == with.str().substr(3));
    CHECK(calls.empty());  // every progress_rows residents only
    req.bom = true;
    req.format = roster_export_format::json;
    export_roster(c.c(), req, json);
    CHECK(json.str().starts_with("["));  // JSON is not for spreadsheets
}

TEST_CASE("roster: optional columns appear when a resident has a value there", "[roster]") {
    roster_community c([](config& cfg) { cfg.roster.columns["name"] = "住户姓名"; });
    seed(c);
    resident_changes v;
    v.volunteer = "是";
    update_resident(c.c(), "1", v);
    std::ostringstream out;
    roster_export_request req;
    req.include_moved_out = true;
    req.scope.building = "12";
    req.scope.compound = "幸福里";
    req.reveal_pii = true;
    auto r = export_roster(c.c(), req, out);
    CHECK(r.residents == 4);
    CHECK(r.fields.back() == "moved_out");
    CHECK(out.str() ==
          "\xEF\xBB\xBF"
          "住户姓名,性别,出生年份,小区,楼栋,单元,房号,电话,身份,建筑面积,是否党员,是否楼长,入住日"
          "期,备注,是否志愿者,迁出日期\r\n"
          "王五,,,幸福里,12,1,201,,租户,60.00,否,是,,,否,\r\n"
          "周八,,,幸福里,12,1,202,,租户,,否,否,,,否,2026-10-01\r\n"
          "张三,,,幸福里,12,3,1502,13812345678,业主,88.50,否,否,,,是,\r\n"
          "李四,,,幸福里,12,3,1502,13900001111,家属,88.50,是,否,,\"退休教师, 热心\",否,\r\n");
    auto e = c.last_event();
    CHECK(e.action == "pii.reveal");
    CHECK(e.payload == R"({"command":"roster export","records":4})");
}

TEST_CASE("roster: JSON export has every field, typed", "[roster]") {
    roster_community c;
    resident_form f;
    f.name = "张三";
    f.room = "12-3-1502";
    f.compound = "幸福里";
    f.role = "业主";
    f.phone = "13812345678";
    f.area = "88.5";
    f.birth_year = "1970";
    f.moved_in = "2020-09-01";
    add_resident(c.c(), f);
    std::ostringstream out;
    roster_export_request req;
    req.format = roster_export_format::json;
    export_roster(c.c(), req, out);
    CHECK(
        out.str() ==
        "[\n  "
        R"({"name":"张三","gender":"","birth_year":1970,"compound":"幸福里","building":"12","unit":"3","room":"1502","phone":"138****5678","role":"业主","area":"88.50","party_member":false,"building_leader":false,"moved_in":"2020-09-01","remark":"","volunteer":false,"committee_member":false,"moved_out":null})"
        "\n]\n");
    std::ostringstream none;
    req.scope.building = "#99";
    CHECK_THROWS_AS(export_roster(c.c(), req, none), not_found);
    roster_community empty;
    std::ostringstream nothing;
    req.scope = {};
    export_roster(empty.c(), req, nothing);
    CHECK(nothing.str() == "[]\n");
}

TEST_CASE("roster: an export file is new and private", "[roster]") {
    roster_community c;
    seed(c);
    auto file = c.dir / "out.csv";
    roster_export_request req;
    req.reveal_pii = true;
    CHECK(export_roster_file(c.c(), req, file).residents == 6);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto events = c.events();
    CHECK_THROWS_AS(export_roster_file(c.c(), req, file), conflict);
    CHECK(c.events() == events);  // refused before anything was revealed
    CHECK_THROWS_AS(export_roster_file(c.c(), req, c.dir / "no" / "such.csv"), storage_error);
}

TEST_CASE("roster: export → import round-trips", "[roster]") {
    roster_community c;
    seed(c);
    resident_changes formula;
    formula.remark = "=1+1";
    update_resident(c.c(), "3", formula);
    auto file = c.dir / "roster.csv";
    roster_export_request req;
    req.reveal_pii = true;
    export_roster_file(c.c(), req, file);

    // Into the same community: every row is unchanged.
    auto snap = c.snapshot();
    roster_import_options o;
    o.file = file;
    auto same = import_roster(c.c(), o);
    CHECK(same.rows == 6);
    CHECK(same.unchanged == 6);
    CHECK(same.invalid == 0);
    CHECK(!same.committed);
    CHECK(c.snapshot() == snap);

    // Into a new one: the same export comes back, byte for byte.
    roster_community fresh;
    auto made = import_roster(fresh.c(), o);
    CHECK(made.added == 6);
    std::ostringstream a, b;
    req.reveal_pii = true;
    export_roster(c.c(), req, a);
    export_roster(fresh.c(), req, b);
    CHECK(b.str() == a.str());
    CHECK(list_roster(fresh.c())[1].remark == "=1+1");
}
