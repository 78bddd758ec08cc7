// Gates: the parser (every form, and what is refused) and the evaluation of
// every metric on a hand-built summary, true and false.
#include <catch2/catch.hpp>

#include "gov/reports/gate.hpp"
#include "gov/store/config.hpp"
#include "gov/values/error.hpp"

namespace {

// Open: 安全隐患/大事/紧急/open overdue ×2 (age bucket 3), 噪音/小事/中/in_progress ×3
// (bucket 1). Opened 安全隐患/大事 ×4, 噪音/小事 ×1. Resolved 噪音/小事 in 2 days ×3 and
// in 20 days ×1, 安全隐患/大事 in 5 days ×1. One decision passed, one rejected.
gov::summary sample() {
    gov::summary s;
    s.open_issues = {{"安全隐患", "大事", "紧急", "open", true, 3, 2},
                     {"噪音", "小事", "中", "in_progress", false, 1, 3}};
    s.opened = {{"安全隐患", "大事", 4}, {"噪音", "小事", 1}};
    s.resolved = {{"噪音", "小事", 2, 3}, {"噪音", "小事", 20, 1}, {"安全隐患", "大事", 5, 1}};
    s.decisions = {{1, "P1", "a", "yes-no", "passed", {}},
                   {2, "P2", "b", "yes-no", "rejected", {}}};
    s.proposals_open = 2;
    // Overdue by its own date; by a milestone and short of money; short of money only; done.
    s.projects = {{1, "a", "active", 50, false, 1000, 0, 1000, true, 0, true},
                  {2, "b", "blocked", {}, false, 1000, 500, 500, true, 2, false},
                  {3, "c", "planned", 10, true, 1000, 0, 1000, true, 0, false},
                  {4, "d", "done", 100, false, {}, 0, {}, false, 0, false}};
    return s;
}

gov::gate_result check(std::string_view expr) {
    gov::config cfg;
    return gov::evaluate_gate(sample(), gov::parse_gate(expr, cfg.issues));
}

void refused(std::string_view expr, const std::string& says) {
    gov::config cfg;
    try {
        gov::parse_gate(expr, cfg.issues);
        FAIL("accepted: " << expr);
    } catch (const gov::usage_error& e) {
        CHECK_THAT(e.what(), Catch::Contains(says));
        REQUIRE_FALSE(e.details().empty());
        CHECK(e.details().front() == "metrics:");
        CHECK(e.details().size() == gov::gate_metrics().size() + 1);
    }
}

}  // namespace

TEST_CASE("gate: parsing every form", "[gate]") {
    gov::config cfg;
    auto g = gov::parse_gate("  overdue[安全隐患] > 0 ", cfg.issues);
    CHECK(g.text == "overdue[安全隐患] > 0");
    CHECK(g.metric == "overdue");
    REQUIRE(g.filter.size() == 1);
    CHECK(g.filter[0] == std::pair<std::string, std::string>{"category", "安全隐患"});
    CHECK(g.op == gov::gate_op::gt);
    CHECK(g.threshold == 0);

    g = gov::parse_gate("open[severity=难事]>5", cfg.issues);
    CHECK(g.filter[0] == std::pair<std::string, std::string>{"severity", "难事"});
    CHECK(g.threshold == 5);
    g = gov::parse_gate("open[category = 噪音, severity=小事, priority=中, status=open] >= 1",
                        cfg.issues);
    CHECK(g.filter.size() == 4);
    CHECK(g.op == gov::gate_op::ge);
    CHECK(gov::parse_gate("median_days_to_resolve <= 14", cfg.issues).op == gov::gate_op::le);
    CHECK(gov::parse_gate("opened < 3", cfg.issues).op == gov::gate_op::lt);
    CHECK(gov::parse_gate("proposals_open == 0", cfg.issues).op == gov::gate_op::eq);
    CHECK(gov::parse_gate("decisions[outcome=passed] != 1", cfg.issues).op == gov::gate_op::ne);
}

TEST_CASE("gate: malformed expressions are usage errors listing the metrics", "[gate]") {
    refused("", "does not start with a metric");
    refused("late > 0", "\"late\" is not a metric");
    refused("overdue", "expected one of > >= < <= == !=");
    refused("overdue >", "is not a whole number");
    refused("overdue > -1", "is not a whole number");
    refused("overdue > 1.5", "is not a whole number");
    refused("overdue > 3 days", "is not a whole number");
    refused("overdue => 3", "expected one of");
    refused("overdue[安全隐患 > 0", "no closing ']'");
    refused("overdue[] > 0", "empty part");
    refused("overdue[水电] > 0", "category \"水电\" is not one of: 安全隐患, 环境卫生");
    refused("open[severity=中事] > 0", "小事, 大事, 难事");
    refused("opened[status=open] > 0", "opened filters on category, severity, not \"status\"");
    refused("proposals_open[安全隐患] > 0", "proposals_open takes no filter");
    refused("decisions[outcome=won] > 0", "passed, rejected, quorum_not_met");
}

TEST_CASE("gate: open and overdue counts, filtered", "[gate]") {
    CHECK(check("open > 4").tripped);
    CHECK(check("open > 4").value == 5);
    CHECK(check("open > 4").by == 1);
    CHECK_FALSE(check("open > 5").tripped);
    CHECK(check("overdue > 0").value == 2);
    CHECK(check("overdue[安全隐患] > 0").tripped);
    CHECK_FALSE(check("overdue[噪音] > 0").tripped);
    CHECK(check("overdue[噪音] > 0").value == 0);
    CHECK(check("open[severity=小事] >= 3").tripped);
    CHECK(check("open[severity=小事] >= 3").by == 0);
    CHECK_FALSE(check("open[severity=小事] >= 4").tripped);
    CHECK(check("open[priority=紧急] == 2").tripped);
    CHECK_FALSE(check("open[priority=紧急] != 2").tripped);
    CHECK(check("open[status=in_progress] == 3").tripped);
    CHECK(check("open[category=噪音,status=open] == 0").tripped);
    CHECK(check("open_over_90_days > 1").value == 2);
    CHECK(check("open_over_90_days > 1").tripped);
    CHECK(check("open_over_30_days[噪音] == 0").tripped);
}

TEST_CASE("gate: period counts and resolution days", "[gate]") {
    CHECK(check("opened > 4").tripped);
    CHECK_FALSE(check("opened[噪音] > 1").tripped);
    CHECK(check("resolved == 5").tripped);
    CHECK(check("resolved[severity=大事] == 1").tripped);
    // 2 2 2 5 20: median rank 3 -> 2, p90 rank 5 -> 20
    CHECK(check("median_days_to_resolve > 1").value == 2);
    CHECK(check("median_days_to_resolve > 1").tripped);
    CHECK_FALSE(check("median_days_to_resolve > 2").tripped);
    CHECK(check("p90_days_to_resolve > 14").value == 20);
    CHECK(check("p90_days_to_resolve > 14").by == 6);
    CHECK(check("median_days_to_resolve[安全隐患] == 5").tripped);
    CHECK(check("p90_days_to_resolve[噪音] < 21").tripped);
    CHECK(check("p90_days_to_resolve[噪音] < 21").by == 1);
    CHECK_FALSE(check("p90_days_to_resolve[噪音] < 20").tripped);
    CHECK(check("median_days_to_resolve[噪音] <= 2").tripped);
}

TEST_CASE("gate: a metric without a value never trips", "[gate]") {
    auto r = check("median_days_to_resolve[环境卫生] > 0");
    CHECK_FALSE(r.value);
    CHECK_FALSE(r.tripped);
    CHECK(gov::describe(r) == "median_days_to_resolve[环境卫生] > 0: no value");
    CHECK_FALSE(check("median_days_to_resolve[环境卫生] < 1000").tripped);
}

TEST_CASE("gate: decisions and open proposals", "[gate]") {
    CHECK(check("decisions == 2").tripped);
    CHECK(check("decisions[outcome=passed] == 1").tripped);
    CHECK(check("decisions[outcome=quorum_not_met] == 0").tripped);
    CHECK(check("proposals_open > 1").tripped);
    CHECK_FALSE(check("proposals_open > 2").tripped);
}

TEST_CASE("gate: overdue projects and projects short of money", "[gate]") {
    CHECK(check("projects_overdue == 2").tripped);
    CHECK(check("projects_funding_gap == 3").tripped);
    CHECK_FALSE(check("projects_overdue > 2").tripped);
    CHECK(gov::metric_value(gov::summary{}, "projects_funding_gap") == 0);
    gov::config cfg;
    CHECK_THROWS_AS(gov::parse_gate("projects_overdue[category=噪音] > 0", cfg.issues),
                    gov::usage_error);
}

TEST_CASE("gate: a tripped gate says by how much", "[gate]") {
    CHECK(gov::describe(check("overdue[安全隐患] > 0")) ==
          "overdue[安全隐患] > 0: value 2, 2 past the threshold 0");
    CHECK(gov::describe(check("resolved == 5")) == "resolved == 5: value 5");
}

TEST_CASE("gate: metric_value refuses unknown metrics and keys", "[gate]") {
    CHECK_THROWS_AS(gov::metric_value(sample(), "late"), gov::usage_error);
    CHECK_THROWS_AS(gov::metric_value(sample(), "opened", {{"status", "open"}}), gov::usage_error);
    CHECK(gov::metric_value(sample(), "open") == 5);
}
