#include <iostream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gov/issues/issue.hpp"
#include "gov/store/audit.hpp"
#include "gov/values/error.hpp"
#include "proposal_fixture.hpp"

using namespace gov;
using gov::test::vote_community;

namespace {

tally_result retally(const std::string& file_text) {
    std::istringstream in(file_text);
    return run_tally_file(in, "export.json");
}

}  // namespace

TEST_CASE("proposal: made as a draft with its rule, electorate and links", "[proposal]") {
    vote_community c;
    issue_draft d;
    d.title = "电梯维修";
    d.category = "设施维修";
    std::int64_t issue = add_issue(c.ctx(), d);
    proposal_request r;
    r.title = "筹集维修资金";
    r.text = "为2号楼电梯大修筹集维修资金。";
    r.code = "P2025-001";
    r.proposer = "13800000002";
    r.seconders = {"王五", "#7"};
    r.issues = {std::to_string(issue)};
    r.meeting = 3;
    r.rule = "civil-code-278-major";
    r.electorate.kind = electorate_kind::owners;
    r.closes_at = parse_timestamp("2026-12-10T18:00", std::chrono::hours(8));
    std::int64_t events = c.audit_events();
    auto id = create_proposal(c.ctx(), r);
    CHECK(c.audit_events() == events + 1);
    CHECK(c.count("SELECT count(*) FROM proposal_issue WHERE issue_id = " +
                  std::to_string(issue)) == 1);
    auto p = get_proposal(c.ctx(), "P2025-001");
    CHECK(p.id == id);
    CHECK(p.name() == "P2025-001");
    CHECK(p.status == proposal_status::draft);
    CHECK(p.rule_name == "civil-code-278-major");
    CHECK(p.rule_json == "\"civil-code-278-major\"");
    CHECK(p.electorate_text == "owners (by floor area)");
    CHECK(p.proposer == "李四 (1-1-201)");
    CHECK(p.seconders == std::vector<std::string>{"王五 (1-1-202)", "赵六 (2-1-101)"});
    CHECK(p.issue_ids == std::vector<std::int64_t>{issue});
    CHECK(p.meeting == 3);
    CHECK(p.closes_at == "2026-12-10T10:00:00Z");
    CHECK(p.voters == 0);
    CHECK(get_proposal(c.ctx(), "#1").id == id);
    CHECK(get_proposal(c.ctx(), "1").id == id);
    auto ev = list_audit(c.ctx().db(), {std::nullopt, "proposal", "1", std::nullopt});
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].action == "proposal.add");
    CHECK(nlohmann::json::parse(ev[0].payload)["rule"] == "civil-code-278-major");
}

TEST_CASE("proposal: default rules", "[proposal]") {
    vote_community c;
    auto rule_of = [&](std::int64_t id) {
        return get_proposal(c.ctx(), std::to_string(id)).rule_name;
    };
    CHECK(rule_of(c.propose(electorate_kind::owners)) == "civil-code-278");
    CHECK(rule_of(c.propose(electorate_kind::households)) == "simple-majority");
    proposal_request r;
    r.title = "选择";
    r.method = tally_method::schulze;
    r.options = {"A", "B"};
    r.electorate.kind = electorate_kind::residents;
    CHECK(rule_of(create_proposal(c.ctx(), r)) == "none");
}

TEST_CASE("proposal: refusals when making one", "[proposal]") {
    vote_community c;
    c.propose(electorate_kind::owners, "", "P1");
    std::string before = c.dump();
    proposal_request r;
    r.title = "x";
    r.electorate.kind = electorate_kind::owners;

    auto with = [&](auto change) {
        proposal_request q = r;
        change(q);
        return q;
    };
    CHECK_THROWS_AS(create_proposal(c.ctx(), with([](auto& q) { q.code = "P1"; })), conflict);
    CHECK_THROWS_AS(create_proposal(c.ctx(), with([](auto& q) { q.code = "12"; })), input_error);
    CHECK_THROWS_AS(create_proposal(c.ctx(), with([](auto& q) { q.title = "  "; })), input_error);
    CHECK_THROWS_WITH(create_proposal(c.ctx(), with([](auto& q) { q.rule = "three-quarters"; })),
                      Catch::Contains("\"three-quarters\""));
    CHECK_THROWS_WITH(create_proposal(c.ctx(), with([](auto& q) { q.rule = "{\"pass\": [}"; })),
                      Catch::StartsWith("rule: invalid JSON"));
    CHECK_THROWS_WITH(create_proposal(c.ctx(), with([](auto& q) {
                                          q.rule =
                                              R"({"pass": [{"measure": "headcount", "base": "cast",
                                         "threshold": "3/2", "cmp": ">"}]})";
                                      })),
                      "rule: rule.pass[0].threshold: threshold 3/2 is not between 0 and 1");
    CHECK_THROWS_WITH(create_proposal(c.ctx(), with([](auto& q) {
                                          q.electorate.kind = electorate_kind::households;
                                          q.rule = "civil-code-278";
                                      })),
                      "rule: \"civil-code-278\" measures floor area (weight), but an electorate "
                      "of households has no areas; use --electorate owners or a rule by heads");
    CHECK_THROWS_AS(create_proposal(c.ctx(), with([](auto& q) { q.options = {"A"}; })),
                    input_error);
    CHECK_THROWS_AS(create_proposal(c.ctx(), with([](auto& q) {
                                        q.method = tally_method::irv;
                                        q.options = {"A", "B"};
                                        q.rule = "simple-majority";
                                    })),
                    input_error);
    CHECK_THROWS_AS(create_proposal(c.ctx(), with([](auto& q) { q.proposer = "无名氏"; })),
                    not_found);
    CHECK_THROWS_AS(create_proposal(c.ctx(), with([](auto& q) { q.issues = {"99"}; })), not_found);
    CHECK_THROWS_AS(create_proposal(c.ctx(), with([](auto& q) {
                                        q.proposer = "李四";
                                        q.seconders = {"13800000002"};
                                    })),
                    input_error);
    CHECK_THROWS_AS(create_proposal(c.ctx(), with([](auto& q) {
                                        q.closes_at = parse_timestamp("2026-11-01T00:00:00Z");
                                    })),
                    usage_error);
    CHECK(c.dump() == before);
}

TEST_CASE("proposal: status moves draft → open → closed, or to withdrawn", "[proposal]") {
    vote_community c;
    auto id = std::to_string(c.propose(electorate_kind::owners));
    CHECK_THROWS_WITH(close_proposal(c.ctx(), id), "cannot close proposal #1: it is draft");
    CHECK_THROWS_WITH(tally_proposal(c.ctx(), id),
                      "proposal #1 is draft: there is nothing to tally");
    CHECK_THROWS_AS(export_ballots(c.ctx(), id, std::cout), conflict);
    auto p = open_proposal(c.ctx(), id);
    CHECK(p.status == proposal_status::open);
    CHECK(p.opened_at == "2026-11-27T09:00:00Z");
    CHECK(p.voters == 9);
    CHECK_THROWS_WITH(open_proposal(c.ctx(), id), "cannot open proposal #1: it is open");
    auto t = close_proposal(c.ctx(), id);
    CHECK(t.final);
    CHECK(t.proposal.status == proposal_status::closed);
    CHECK(t.proposal.outcome == proposal_outcome::quorum_not_met);
    CHECK_THROWS_WITH(withdraw_proposal(c.ctx(), id, "late"),
                      "cannot withdraw proposal #1: it is closed");
    CHECK_THROWS_AS(close_proposal(c.ctx(), id), conflict);
    CHECK_THROWS_AS(open_proposal(c.ctx(), id), conflict);

    auto other = std::to_string(c.propose(electorate_kind::owners));
    auto w = withdraw_proposal(c.ctx(), other, "提案人撤回");
    CHECK(w.status == proposal_status::withdrawn);
    CHECK(w.withdraw_reason == "提案人撤回");
    CHECK_THROWS_AS(withdraw_proposal(c.ctx(), other, ""), conflict);
    CHECK_THROWS_AS(open_proposal(c.ctx(), other), conflict);
    CHECK_THROWS_AS(tally_proposal(c.ctx(), other), conflict);

    auto opened = std::to_string(c.open(electorate_kind::owners));
    CHECK(withdraw_proposal(c.ctx(), opened, "").status == proposal_status::withdrawn);

    CHECK(list_proposals(c.ctx()).size() == 3);
    CHECK(list_proposals(c.ctx(), {proposal_status::withdrawn}).size() == 2);
    CHECK(list_proposals(c.ctx()).front().id == 3);  // newest first
    CHECK_THROWS_WITH(get_proposal(c.ctx(), "P9"),
                      "no proposal \"P9\"; recent proposals: #3, #2, #1");
}

TEST_CASE("proposal: the database refuses illegal status changes too", "[proposal]") {
    vote_community c;
    auto id = std::to_string(c.open(electorate_kind::owners));
    CHECK_THROWS(c.sql("UPDATE proposal SET status = 'draft' WHERE id = " + id));
    close_proposal(c.ctx(), id);
    CHECK_THROWS(c.sql("UPDATE proposal SET result = '{}' WHERE id = " + id));
    CHECK_THROWS(c.sql("UPDATE proposal SET outcome = 'passed' WHERE id = " + id));
    CHECK_THROWS(c.sql("DELETE FROM proposal WHERE id = " + id));
}

TEST_CASE("proposal: closing stores the result for good and sets the outcome", "[proposal]") {
    vote_community c;
    auto id = c.open(electorate_kind::owners, "civil-code-278-major", "P2025-001");
    for (const char* room : {"1-1-101", "1-1-102", "1-1-103", "1-1-201", "2-1-102", "2-1-103"})
        c.vote(id, room, "同意");
    c.vote(id, "1-1-202", "反对");
    c.vote(id, "3-1-101", "弃权");
    auto provisional = tally_proposal(c.ctx(), "P2025-001");
    CHECK_FALSE(provisional.final);
    std::int64_t events = c.audit_events();
    auto closed = close_proposal(c.ctx(), "P2025-001");
    CHECK(c.audit_events() == events + 1);
    CHECK(closed.result == provisional.result);
    CHECK(closed.proposal.outcome == proposal_outcome::rejected);
    CHECK(c.text("SELECT outcome FROM proposal WHERE id = 1") == "rejected");
    CHECK(c.text("SELECT result FROM proposal WHERE id = 1") == tally_result_json(closed.result));
    // Heads: 张三, 李四, developer yes; 王五 no; 孙八 abstains: 3 of 5 < 3/4.
    CHECK(closed.result.counts.yes.heads == 3);
    CHECK(closed.result.counts.cast.heads == 5);
    CHECK(closed.result.reason == "not passed: yes heads 3 of 5 cast (3/5) not ≥ 3/4");
    auto later = tally_proposal(c.ctx(), "P2025-001");
    CHECK(later.final);
    CHECK(later.result == closed.result);
    // A roster change after closing cannot reach the stored result.
    c.sql("UPDATE household SET area_centi = 1 WHERE id = 1");
    CHECK(tally_proposal(c.ctx(), "P2025-001").result == closed.result);
}

TEST_CASE("proposal: civil-code-278 — an owner with three rooms is one head and three areas",
          "[proposal]") {
    vote_community c;
    auto id = c.open(electorate_kind::owners, "civil-code-278");
    for (const char* room : {"1-1-101", "1-1-102", "1-1-103"}) c.vote(id, room, "同意");
    auto r = c.tally_of(id);
    CHECK(r.counts.yes == measured{3, 1, 8850 + 8850 + 12025});
    CHECK(r.counts.cast == measured{3, 1, 29725});
    CHECK(r.counts.entitled == measured{9, 6, 93975});
    CHECK_FALSE(r.quorum_met);

    // The owner splitting their rooms is one participating head toward no choice.
    c.vote(id, "1-1-103", "反对");
    r = c.tally_of(id);
    CHECK(r.counts.yes == measured{2, 0, 17700});
    CHECK(r.counts.no == measured{1, 0, 12025});
    CHECK(r.counts.mixed_heads == 1);
    CHECK(r.mixed_groups == std::vector<std::string>{"owner-1"});
}

TEST_CASE("proposal: the developer's unsold units are one head with their full area",
          "[proposal]") {
    vote_community c;
    auto id = c.open(electorate_kind::owners, "civil-code-278");
    c.vote(id, "2-1-102", "yes");
    c.vote(id, "2-1-103", "yes");
    auto r = c.tally_of(id);
    CHECK(r.counts.yes == measured{2, 1, 26000});
}

TEST_CASE("proposal: passing by head but failing by area, and the reverse", "[proposal]") {
    vote_community c;
    // Everyone takes part; 李四, 王五, 赵六, 孙八 (4 of 6 heads) say yes with
    // 382.50 of 939.75 m²; 张三 and the developer (2 heads, 557.25 m²) say no.
    auto id = c.open(electorate_kind::owners, "civil-code-278");
    for (const char* room : {"1-1-201", "1-1-202", "2-1-101", "3-1-101"}) c.vote(id, room, "同意");
    for (const char* room : {"1-1-101", "1-1-102", "1-1-103", "2-1-102", "2-1-103"})
        c.vote(id, room, "反对");
    auto r = c.tally_of(id);
    CHECK(r.quorum_met);
    CHECK_FALSE(r.passed);
    CHECK(r.reason == "not passed: yes weight 382.50 of 939.75 cast (510/1253) not > 1/2");

    auto rev = c.open(electorate_kind::owners, "civil-code-278");
    for (const char* room : {"1-1-201", "1-1-202", "2-1-101", "3-1-101"}) c.vote(rev, room, "反对");
    for (const char* room : {"1-1-101", "1-1-102", "1-1-103", "2-1-102", "2-1-103"})
        c.vote(rev, room, "同意");
    r = c.tally_of(rev);
    CHECK_FALSE(r.passed);
    CHECK(r.reason == "not passed: yes heads 2 of 6 cast (1/3) not > 1/2");
}

TEST_CASE("proposal: export-ballots re-tallies to the same result", "[proposal]") {
    vote_community c;
    auto id = c.open(electorate_kind::owners, "civil-code-278", "P2025-002");
    for (const char* room : {"1-1-101", "1-1-102", "1-1-201", "2-1-102", "2-1-103"})
        c.vote(id, room, "同意");
    c.vote(id, "1-1-103", "反对");  // 张三 mixed
    c.vote(id, "1-1-202", "无效");
    std::string file = c.exported(id);
    CHECK(file.find("\"id\": \"v1\", \"weight\": \"88.50\", \"group\": \"owner-1\"") !=
          std::string::npos);
    CHECK(file.find("1-1-101") == std::string::npos);  // pseudonymised
    CHECK(file.find("\"rule\": \"civil-code-278\"") != std::string::npos);
    auto live = c.tally_of(id);
    CHECK(retally(file) == live);
    CHECK(tally_result_json(retally(file)) == tally_result_json(live));

    std::int64_t events = c.audit_events();
    std::string revealed = c.exported(id, true);
    CHECK(c.audit_events() == events + 1);  // a reveal is recorded
    CHECK(revealed.find("{\"id\": \"1-1-101\", \"weight\": \"88.50\", \"group\": \"owner-1\"}") !=
          std::string::npos);
    CHECK(retally(revealed) == live);
    CHECK(c.audit_events() == events + 1);

    close_proposal(c.ctx(), "P2025-002");
    CHECK(retally(c.exported(id)) == tally_proposal(c.ctx(), "P2025-002").result);
}

TEST_CASE("proposal: a ranked vote through ballots, tally and export", "[proposal]") {
    vote_community c;
    proposal_request r;
    r.title = "选楼长代表";
    r.method = tally_method::irv;
    r.options = {"张三", "李四", "王五"};
    r.electorate.kind = electorate_kind::residents;
    auto id = create_proposal(c.ctx(), r);
    open_proposal(c.ctx(), std::to_string(id));
    auto rank = [&](const std::string& voter, std::vector<std::vector<std::string>> ranking) {
        ballot_request b;
        b.proposal = std::to_string(id);
        b.voter = voter;
        b.ranking = std::move(ranking);
        cast_ballot(c.ctx(), b);
    };
    rank("#1", {{"张三"}, {"李四"}});
    rank("李四", {{"李四"}});
    rank("王五", {{"王五"}, {"李四"}});
    rank("13800000004", {{"李四"}});
    rank("周九", {{"王五"}, {"李四"}});
    rank("孙八", {{"李四"}, {"张三"}});
    auto t = c.tally_of(id);
    CHECK(t.rounds.size() == 2);
    REQUIRE(t.winners.size() == 1);
    CHECK(t.options[t.winners[0]] == "李四");
    CHECK(t.passed);
    CHECK(retally(c.exported(id)) == t);
    CHECK(close_proposal(c.ctx(), std::to_string(id)).proposal.outcome == proposal_outcome::passed);
}
