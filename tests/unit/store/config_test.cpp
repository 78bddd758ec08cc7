#include <catch2/catch.hpp>

#include "gov/store/config.hpp"
#include "gov/values/error.hpp"
#include "temp_dir.hpp"

using namespace gov;

namespace {

// The message and every detail line of a config_error, joined.
std::string config_problems(std::string_view text) {
    try {
        parse_config(text, "/srv/c/gov.toml");
    } catch (const config_error& e) {
        std::string all = e.what();
        for (const auto& d : e.details()) all += "\n" + d;
        return all;
    }
    return "no error";
}

}  // namespace

TEST_CASE("config: the template that init writes is valid and complete", "[config]") {
    config c = parse_config(config_template("滨湖明珠社区"), "/srv/c/gov.toml");
    CHECK(c.name == "滨湖明珠社区");
    CHECK(c.utc_offset == std::chrono::minutes{480});
    CHECK(c.database == "/srv/c/gov.db");
    CHECK(c.busy_timeout == std::chrono::milliseconds{5000});
}

TEST_CASE("config: a name with quotes survives the template", "[config]") {
    config c = parse_config(config_template(R"(a "b" \c)"), "/x/gov.toml");
    CHECK(c.name == R"(a "b" \c)");
}

TEST_CASE("config: paths are relative to the file", "[config]") {
    config c =
        parse_config("[community]\nname='x'\n[database]\npath='data/g.db'\n", "/srv/c/gov.toml");
    CHECK(c.database == "/srv/c/data/g.db");
    config abs =
        parse_config("[community]\nname='x'\n[database]\npath='/var/g.db'\n", "/srv/c/gov.toml");
    CHECK(abs.database == "/var/g.db");
}

TEST_CASE("config: an unknown key names file, line, column and key path", "[config]") {
    CHECK(config_problems("[community]\nname = 'x'\ncolour = 'red'\n") ==
          "/srv/c/gov.toml:3:1: community.colour: unknown key");
}

TEST_CASE("config: an unknown section is reported", "[config]") {
    CHECK(config_problems("[community]\nname = 'x'\n[databse]\npath='a'\n") ==
          "/srv/c/gov.toml:3:2: databse: unknown section");
}

TEST_CASE("config: a wrong type is reported with what was expected", "[config]") {
    CHECK(config_problems("[community]\nname = 'x'\n[database]\nbusy_timeout_ms = '5s'\n") ==
          "/srv/c/gov.toml:4:19: database.busy_timeout_ms: expected integer, found string");
}

TEST_CASE("config: a bad value is reported", "[config]") {
    CHECK(config_problems("[community]\nname = 'x'\nutc_offset = '+8'\n") ==
          "/srv/c/gov.toml:3:14: community.utc_offset: \"+8\" is not a UTC offset like \"+08:00\"");
    CHECK(config_problems("[community]\nname = 'x'\n[database]\nbusy_timeout_ms = -1\n") ==
          "/srv/c/gov.toml:4:19: database.busy_timeout_ms: must be between 0 and 600000");
}

TEST_CASE("config: a missing required key is reported", "[config]") {
    CHECK(config_problems("[database]\npath = 'g.db'\n") ==
          "/srv/c/gov.toml:1:1: community.name: required key is missing");
}

TEST_CASE("config: every problem is reported, not only the first", "[config]") {
    std::string all = config_problems("[community]\nname = ''\nx = 1\n[database]\npath = 3\n");
    CHECK(all ==
          "/srv/c/gov.toml: 3 problems in the configuration\n"
          "/srv/c/gov.toml:2:8: community.name: must not be empty\n"
          "/srv/c/gov.toml:3:1: community.x: unknown key\n"
          "/srv/c/gov.toml:5:8: database.path: expected string, found integer");
}

TEST_CASE("config: a TOML syntax error names line and column", "[config]") {
    std::string msg = config_problems("[community]\nname = 'x\n");
    CHECK(msg.rfind("/srv/c/gov.toml:2:", 0) == 0);
}

TEST_CASE("config: find walks up from the current folder like git", "[config]") {
    test::temp_dir d;
    std::filesystem::create_directories(d / "a/b/c");
    d.write("a/gov.toml", "[community]\nname='x'\n");
    CHECK(find_config(std::nullopt, std::nullopt, d / "a/b/c") == d / "a/gov.toml");
    CHECK_THROWS_AS(find_config(std::nullopt, std::nullopt, d.path()), config_error);
}

TEST_CASE("config: --config wins over GOV_CONFIG, which wins over walking up", "[config]") {
    test::temp_dir d;
    auto one = d.write("one.toml", "");
    auto two = d.write("two.toml", "");
    d.write("gov.toml", "");
    CHECK(find_config(one, two.string(), d.path()) == one);
    CHECK(find_config(std::nullopt, two.string(), d.path()) == two);
    CHECK(find_config(std::nullopt, std::string{}, d.path()) == d / "gov.toml");
    CHECK_THROWS_WITH(find_config(d / "nope.toml", std::nullopt, d.path()),
                      Catch::Contains("nope.toml: no such configuration file (from --config)"));
}

TEST_CASE("config: show prints every effective key and reads back the same", "[config]") {
    config c = parse_config("[community]\nname='x'\n", "/srv/c/gov.toml");
    std::string shown = render_config(c);
    CHECK(shown.find("busy_timeout_ms = 5000") != std::string::npos);
    CHECK(shown.find("utc_offset = '+08:00'") != std::string::npos);
    config again = parse_config(shown, "/srv/c/gov.toml");
    CHECK(again.database == c.database);
    CHECK(again.name == c.name);
}

TEST_CASE("config: roster and issue sections take their defaults", "[config]") {
    config c = parse_config("[community]\nname='x'\n", "/srv/c/gov.toml");
    CHECK(c.roster.owner_role == "业主");
    CHECK(c.roster.columns.at("phone") == "电话");
    REQUIRE(c.issues.category("安全隐患"));
    CHECK(c.issues.category("安全隐患")->deadline_days == 3);
    CHECK(c.issues.is_status("in_progress"));
    CHECK(c.issues.is_done("rejected"));
    CHECK_FALSE(c.issues.is_done("open"));
}

TEST_CASE("config: roster and issue keys are validated", "[config]") {
    CHECK(config_problems("[community]\nname='x'\n[roster]\nroles = ['业主', '业主']\n") ==
          "/srv/c/gov.toml:4:16: roster.roles[1]: \"业主\" is listed twice");
    CHECK(config_problems("[community]\nname='x'\n[roster]\nowner_role = '房东'\n") ==
          "/srv/c/gov.toml:4:14: roster.owner_role: \"房东\" is not one of roster.roles");
    CHECK(config_problems("[community]\nname='x'\n[roster.columns]\nnmae = '姓名'\n") ==
          "/srv/c/gov.toml:4:1: roster.columns.nmae: unknown key");
    CHECK(config_problems(
              "[community]\nname='x'\n[issues]\ncategories = [{name='a', deadline_days=-1}]\n") ==
          "/srv/c/gov.toml:4:40: issues.categories[0].deadline_days: expected an integer between 0 "
          "and 3650");
    CHECK(config_problems(
              "[community]\nname='x'\n[issues.workflow.transitions]\nopen = ['shut']\n") ==
          "/srv/c/gov.toml:4:9: issues.workflow.transitions.open[0]: \"shut\" is not a status "
          "(statuses "
          "are the keys of this table)");
}

TEST_CASE("config: a configured workflow replaces the default one", "[config]") {
    config c = parse_config(
        "[community]\nname='x'\n[issues.workflow]\ninitial='new'\ndone=['done']\nresolution_"
        "required=[]\n"
        "[issues.workflow.transitions]\nnew=['done']\ndone=['new']\n",
        "/srv/c/gov.toml");
    CHECK(c.issues.initial_status == "new");
    CHECK(c.issues.transitions.size() == 2);
    CHECK_FALSE(c.issues.is_status("open"));
}
