#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gov/values/error.hpp"
#include "gov/voting/tally_file.hpp"

using gov::rational;
using gov::tally_result;

namespace {

std::string data_path(const std::string& name) {
    return std::string(GOV_TEST_DATA_DIR) + "/tally/" + name;
}

tally_result run_file(const std::string& name) {
    std::ifstream in(data_path(name), std::ios::binary);
    REQUIRE(in);
    return gov::run_tally_file(in, name);
}

tally_result run_text(const std::string& json) {
    std::istringstream in(json);
    return gov::run_tally_file(in, "votes.json");
}

// A small yes-no file with the given ballots (and optionally other parts).
std::string yes_no_file(const std::string& ballots,
                        const std::string& voters = R"({"id": "a", "weight": "80.00"},
                                                       {"id": "b", "weight": "90.50"},
                                                       {"id": "c", "weight": 100})",
                        const std::string& rule = R"("civil-code-278")") {
    return R"({"method": "yes-no", "rule": )" + rule + R"(, "electorate": {"voters": [)" + voters +
           R"(]}, "ballots": [)" + ballots + "]}";
}

// True when no number anywhere in the document is a floating-point number.
bool all_numbers_exact(const nlohmann::json& j) {
    if (j.is_number_float()) return false;
    if (j.is_structured())
        for (const auto& item : j)
            if (!all_numbers_exact(item)) return false;
    return true;
}

}  // namespace

TEST_CASE("tally: a civil-code file with an owner of three units and the developer", "[tally]") {
    tally_result r = run_file("civil-code-major.json");
    CHECK(r.title == "筹集建筑物维修资金 Raise the building maintenance fund");
    CHECK(r.rule.name == "civil-code-278-major");
    CHECK(r.counts.entitled == gov::measured{13, 9, 134495});
    CHECK(r.counts.cast == gov::measured{12, 8, 126850});
    CHECK(r.counts.yes == gov::measured{9, 5, 95390});
    CHECK(r.counts.no == gov::measured{1, 1, 10230});
    CHECK(r.counts.abstain == gov::measured{1, 1, 10230});
    CHECK(r.counts.invalid == gov::measured{1, 1, 11000});
    REQUIRE(r.conditions.size() == 4);
    CHECK(r.conditions[2].ratio() == rational(9539, 12685));  // 75.2% of the area: met
    CHECK(r.conditions[2].met);
    CHECK(r.conditions[3].ratio() == rational(5, 8));  // 5 of 8 owners: not met
    CHECK_FALSE(r.conditions[3].met);
    CHECK(r.quorum_met);
    CHECK_FALSE(r.passed);
    CHECK(r.reason == "not passed: yes heads 5 of 8 cast (5/8) not ≥ 3/4");
}

TEST_CASE("tally: the Tennessee and Schulze example files", "[tally]") {
    tally_result irv = run_file("tennessee-irv.json");
    CHECK(irv.winners == std::vector<std::size_t>{3});
    CHECK(irv.options[3] == "Knoxville");
    CHECK(irv.rounds.size() == 3);
    tally_result schulze = run_file("schulze-wikipedia.json");
    CHECK(schulze.winners == std::vector<std::size_t>{4});
    CHECK(schulze.pairwise[0] == std::vector<std::int64_t>{0, 20, 26, 30, 22});
    CHECK(schulze.strongest_paths[4] == std::vector<std::int64_t>{25, 28, 28, 31, 0});
}

TEST_CASE("tally: an approval file with a preset, a choice limit and a spoiled ballot", "[tally]") {
    tally_result r = run_file("approval-property-company.json");
    CHECK(r.rule.name == "civil-code-278");
    CHECK(r.rule.max_choices == 1);
    CHECK(r.counts.cast.voters == 11);
    CHECK(r.counts.invalid.voters == 1);  // approved two companies
    CHECK(r.counts.spoiled.voters == 1);
    CHECK(r.option_totals[0] == gov::measured{7, 7, 58996});
    CHECK(r.winners == std::vector<std::size_t>{0});
    CHECK(r.passed);
    CHECK(r.reason ==
          "passed: Company A has the most approvals (7 votes): approval weight 589.96 of 951.69 "
          "cast (58996/95169) > 1/2 and approval heads 7 of 11 cast (7/11) > 1/2");
}

TEST_CASE("tally: files accept Chinese choices, integer weights and rule objects", "[tally]") {
    tally_result r = run_text(yes_no_file(R"({"voter": "a", "choice": "同意"},
                                              {"voter": "b", "choice": "反对"},
                                              {"voter": "c", "choice": "弃权"})",
                                          R"({"id": "a", "weight": "80.00"},
                                             {"id": "b", "weight": "90.5"},
                                             {"id": "c", "weight": 100})",
                                          R"({"name": "house rule", "headcount": "voter",
                                              "quorum": [{"measure": "weight", "counts": "valid",
                                                          "threshold": "0.5", "cmp": ">"}],
                                              "pass": [{"measure": "weight", "base": "yes+no",
                                                        "threshold": "1/2", "cmp": ">="}]})"));
    CHECK(r.rule.name == "house rule");
    CHECK(r.rule.quorum[0].threshold == rational(1, 2));
    CHECK(r.counts.yes.weight == 8000);
    CHECK(r.counts.no.weight == 9050);
    CHECK(r.counts.abstain.weight == 10000);
    CHECK(r.conditions[1].ratio() == rational(8000, 17050));
    CHECK_FALSE(r.passed);
}

TEST_CASE("tally: bad files are refused naming the file, the ballot and the field", "[tally]") {
    SECTION("an unknown voter") {
        CHECK_THROWS_WITH(run_text(yes_no_file(R"({"voter": "a", "choice": "yes"},
                                                  {"voter": "x", "choice": "no"})")),
                          "votes.json: ballots[1].voter: unknown voter \"x\"");
    }
    SECTION("a second ballot from one voter") {
        CHECK_THROWS_WITH(run_text(yes_no_file(R"({"voter": "a", "choice": "yes"},
                                                  {"voter": "b", "choice": "yes"},
                                                  {"voter": "a", "choice": "no"})")),
                          "votes.json: ballots[2].voter: second ballot from voter \"a\" (first: "
                          "ballots[0])");
    }
    SECTION("an unknown choice") {
        CHECK_THROWS_WITH(run_text(yes_no_file(R"({"voter": "a", "choice": "maybe"})")),
                          Catch::StartsWith("votes.json: ballots[0].choice: unknown value "
                                            "\"maybe\""));
    }
    SECTION("a weight with three decimals") {
        CHECK_THROWS_WITH(
            run_text(yes_no_file("", R"({"id": "a", "weight": "88.505"})")),
            "votes.json: electorate.voters[0].weight: \"88.505\" is not a valid amount: more "
            "than 2 decimal places");
    }
    SECTION("a fractional JSON number as weight") {
        CHECK_THROWS_WITH(run_text(yes_no_file("", R"({"id": "a", "weight": 0.1})")),
                          Catch::StartsWith("votes.json: electorate.voters[0].weight: write a "
                                            "weight with decimals as a string"));
    }
    SECTION("a negative weight") {
        CHECK_THROWS_WITH(run_text(yes_no_file("", R"({"id": "a", "weight": -5})")),
                          "votes.json: electorate.voters[0].weight: negative weights are not "
                          "allowed");
    }
    SECTION("weights for some voters only") {
        CHECK_THROWS_WITH(
            run_text(yes_no_file("", R"({"id": "a", "weight": "1"}, {"id": "b"})")),
            "votes.json: electorate.voters[1].weight: missing (other voters have weights: give "
            "every voter one)");
    }
    SECTION("a weight rule without weights") {
        CHECK_THROWS_WITH(run_text(yes_no_file("", R"({"id": "a"}, {"id": "b"})")),
                          "votes.json: rule: measures weight, but the electorate gives no voter "
                          "a weight");
    }
    SECTION("a voter listed twice") {
        CHECK_THROWS_WITH(
            run_text(yes_no_file("", R"({"id": "a", "weight": "1"}, {"id": "a", "weight": "1"})")),
            "votes.json: electorate.voters[1].id: voter \"a\" listed twice");
    }
    SECTION("a misspelt key") {
        CHECK_THROWS_WITH(run_text(yes_no_file(R"({"voter": "a", "chioce": "yes"})")),
                          "votes.json: ballots[0]: unknown key \"chioce\"");
    }
    SECTION("an unknown preset") {
        CHECK_THROWS_WITH(
            run_text(yes_no_file("", R"({"id": "a", "weight": "1"})", R"("civil-code")")),
            Catch::StartsWith("votes.json: rule: unknown rule preset "
                              "\"civil-code\""));
    }
    SECTION("a threshold written as a JSON fraction") {
        CHECK_THROWS_WITH(
            run_text(yes_no_file("", R"({"id": "a", "weight": "1"})",
                                 R"({"pass": [{"measure": "weight", "base": "cast",
                                              "threshold": 0.5, "cmp": ">"}]})")),
            Catch::StartsWith("votes.json: rule.pass[0].threshold: write a threshold as a string"));
    }
    SECTION("a yes-no vote without a rule") {
        CHECK_THROWS_WITH(run_text(R"({"method": "yes-no", "electorate": {"voters": []},
                                       "ballots": []})"),
                          Catch::StartsWith("votes.json: rule: missing"));
    }
    SECTION("broken JSON") {
        CHECK_THROWS_WITH(run_text(R"({"method": "yes-no",)"),
                          Catch::StartsWith("votes.json: invalid JSON: parse error at line 1"));
    }
    SECTION("an unknown option in a tied rank") {
        CHECK_THROWS_WITH(run_text(R"({"method": "schulze", "options": ["A", "B"],
                                       "electorate": {"voters": [{"id": "a"}]},
                                       "ballots": [{"voter": "a", "ranking": ["A", ["B", "Z"]]}]})"),
                          "votes.json: ballots[0].ranking[1][1]: unknown option \"Z\"");
    }
    SECTION("an approval ballot that says yes") {
        CHECK_THROWS_WITH(run_text(R"({"method": "approval", "options": ["A"],
                                       "electorate": {"voters": [{"id": "a"}]},
                                       "ballots": [{"voter": "a", "choice": "yes"}]})"),
                          Catch::StartsWith("votes.json: ballots[0].choice: an approval ballot"));
    }
    SECTION("the wrong kind of ballot") {
        CHECK_THROWS_WITH(run_text(R"({"method": "irv", "options": ["A"],
                                       "electorate": {"voters": [{"id": "a"}]},
                                       "ballots": [{"voter": "a", "approve": ["A"]}]})"),
                          "votes.json: ballots[0]: an irv ballot needs \"ranking\"");
    }
}

TEST_CASE("tally: results round-trip through JSON with exact numbers", "[tally]") {
    for (const char* name : {"civil-code-major.json", "tennessee-irv.json",
                             "schulze-wikipedia.json", "approval-property-company.json"}) {
        INFO(name);
        tally_result r = run_file(name);
        std::string json = gov::tally_result_json(r);
        CHECK(gov::parse_tally_result_json(json) == r);
        CHECK(gov::tally_result_json(gov::parse_tally_result_json(json)) == json);
        CHECK(all_numbers_exact(nlohmann::json::parse(json)));
    }
    tally_result r = run_file("civil-code-major.json");
    auto j = nlohmann::json::parse(gov::tally_result_json(r));
    CHECK(j["passed"] == false);
    CHECK(j["counts"]["entitled"]["weight"] == "1344.95");
    CHECK(j["counts"]["yes"]["heads"] == 5);
    CHECK(j["conditions"][0]["ratio"] == "25370/26899");
    CHECK(j["conditions"][2]["value"] == "953.90");
    CHECK(j["conditions"][2]["ratio"] == "9539/12685");
    CHECK(j["conditions"][3]["ratio"] == "5/8");
    CHECK(j["conditions"][3]["threshold"] == "3/4");
    CHECK(j["conditions"][3]["cmp"] == ">=");
    CHECK(j["rule"]["quorum"][0]["threshold"] == "2/3");

    auto irv = nlohmann::json::parse(gov::tally_result_json(run_file("tennessee-irv.json")));
    CHECK(irv["winners"] == nlohmann::json::array({"Knoxville"}));
    CHECK(irv["rounds"][1]["votes"] ==
          nlohmann::json({{"Memphis", 42}, {"Nashville", 26}, {"Knoxville", 32}}));
    CHECK(irv["rounds"][1]["eliminated"] == "Nashville");

    CHECK_THROWS_WITH(gov::parse_tally_result_json(R"({"method": "vote"})"),
                      "tally result: method: unknown value \"vote\"");
}

TEST_CASE("tally: the explanation shows exact fractions with rounded percentages", "[tally]") {
    std::string text = gov::explain(run_file("civil-code-major.json"));
    CHECK_THAT(text,
               Catch::Contains("Vote: 筹集建筑物维修资金 Raise the building maintenance fund"));
    CHECK_THAT(text, Catch::Contains("Rule: civil-code-278-major; heads counted by group."));
    CHECK_THAT(text, Catch::Contains("Participation: heads 8 of 9 = 8/9 (88.89%)"));
    CHECK_THAT(text, Catch::Contains("[NOT MET] pass: yes heads 5 of cast 8 = 5/8 (62.50%); "
                                     "required ≥ 3/4 (75.00%)"));
    CHECK_THAT(text, Catch::Contains("[met] pass: yes weight 953.90 of cast 1268.50 = "
                                     "9539/12685 (75.20%); required ≥ 3/4 (75.00%)"));
    CHECK_THAT(text, Catch::Contains("Outcome: NOT PASSED\nReason: not passed: yes heads 5 of 8"));

    std::string irv = gov::explain(run_file("tennessee-irv.json"));
    CHECK_THAT(irv, Catch::Contains("eliminated: Chattanooga"));
    CHECK_THAT(irv, Catch::Contains("elected: Knoxville"));
    CHECK_THAT(irv, Catch::Contains("     58       29/50 (58.00%)  Knoxville\n"));

    std::string schulze = gov::explain(run_file("schulze-wikipedia.json"));
    CHECK_THAT(schulze, Catch::Contains("1 = A, 2 = B, 3 = C, 4 = D, 5 = E"));
    CHECK_THAT(schulze, Catch::Contains("Winner: E"));
}

TEST_CASE("tally: a file with an owner whose units vote differently", "[tally]") {
    tally_result r = run_text(yes_no_file(R"({"voter": "a", "choice": "yes"},
                                             {"voter": "b", "choice": "no"},
                                             {"voter": "c", "choice": "yes"})",
                                          R"({"id": "a", "weight": "50", "group": "li"},
                                             {"id": "b", "weight": "60", "group": "li"},
                                             {"id": "c", "weight": "70"})"));
    CHECK(r.counts.mixed_heads == 1);
    CHECK(r.mixed_groups == std::vector<std::string>{"li"});
    CHECK(r.counts.yes == gov::measured{2, 1, 12000});
    CHECK(r.counts.valid.heads == 2);
    CHECK_FALSE(r.passed);
    CHECK(r.reason == "not passed: yes heads 1 of 2 cast (1/2) not > 1/2");
    CHECK_THAT(gov::explain(r), Catch::Contains("Mixed: 1 head(s) whose ballots differ count as "
                                                "participating and valid, toward no choice: li"));
    auto j = nlohmann::json::parse(gov::tally_result_json(r));
    CHECK(j["mixed_groups"] == nlohmann::json::array({"li"}));
    CHECK(j["counts"]["mixed_heads"] == 1);
}

TEST_CASE("tally: weight-counted rankings keep weights as decimal strings in JSON", "[tally]") {
    tally_result r = run_text(R"({"method": "schulze", "options": ["A", "B"],
        "rule": {"count_by": "weight", "quorum": [{"measure": "weight", "of": "cast",
                 "threshold": "1/2", "cmp": ">"}]},
        "electorate": {"voters": [{"id": "a", "weight": "0.10"}, {"id": "b", "weight": "0.20"},
                                  {"id": "c", "weight": "0.30"}]},
        "ballots": [{"voter": "a", "ranking": ["A"]}, {"voter": "b", "ranking": ["A", "B"]},
                    {"voter": "c", "ranking": [["A", "B"]]}]})");
    CHECK(r.pairwise[0][1] == 30);
    CHECK(r.winners == std::vector<std::size_t>{0});
    CHECK(r.passed);
    std::string json = gov::tally_result_json(r);
    CHECK(gov::parse_tally_result_json(json) == r);
    auto j = nlohmann::json::parse(json);
    CHECK(j["schulze"]["d"][0][1] == "0.30");
    CHECK(j["conditions"][0]["ratio"] == "1");
    CHECK(all_numbers_exact(j));
}
