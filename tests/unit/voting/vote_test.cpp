#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gov/store/audit.hpp"
#include "gov/text/sha256.hpp"
#include "gov/values/error.hpp"
#include "proposal_fixture.hpp"

using namespace gov;
using gov::test::vote_community;

namespace {

ballot_import_request import_of(const std::filesystem::path& file, const std::string& proposal) {
    ballot_import_request r;
    r.file = file;
    r.proposal = proposal;
    r.all = proposal.empty();
    return r;
}

std::vector<std::string> import_problems(vote_community& c, const ballot_import_request& r) {
    try {
        import_ballots(c.ctx(), r);
    } catch (const input_error& e) {
        return e.details();
    }
    return {};
}

}  // namespace

TEST_CASE("vote: choices as people write them", "[vote]") {
    CHECK(parse_ballot_choice("同意") == "yes");
    CHECK(parse_ballot_choice(" 赞成 ") == "yes");
    CHECK(parse_ballot_choice("反对") == "no");
    CHECK(parse_ballot_choice("\u3000弃权") == "abstain");
    CHECK(parse_ballot_choice("无效") == "invalid");
    CHECK(parse_ballot_choice("废票") == "spoiled");
    CHECK(parse_ballot_choice("YES") == "yes");
    CHECK(parse_ballot_choice("Abstain") == "abstain");
    CHECK_FALSE(parse_ballot_choice("同 意"));
    CHECK_FALSE(parse_ballot_choice(""));
    CHECK(parse_ranking("B, A=C ,D") ==
          std::vector<std::vector<std::string>>{{"B"}, {"A", "C"}, {"D"}});
    CHECK_THROWS_AS(parse_ranking("A,,B"), input_error);
    CHECK(parse_ballot_channel("meeting") == ballot_channel::meeting);
    CHECK_THROWS_AS(parse_ballot_channel("post"), usage_error);
}

TEST_CASE("vote: ballots only while the proposal is open", "[vote]") {
    vote_community c;
    auto draft = c.propose(electorate_kind::owners);
    CHECK_THROWS_WITH(c.vote(draft, "1-1-101", "同意"),
                      "proposal #1 is draft: ballots are accepted only while it is open");
    auto closed = c.open(electorate_kind::owners);
    close_proposal(c.ctx(), std::to_string(closed));
    CHECK_THROWS_AS(c.vote(closed, "1-1-101", "同意"), conflict);
    auto withdrawn = c.open(electorate_kind::owners);
    withdraw_proposal(c.ctx(), std::to_string(withdrawn), "");
    CHECK_THROWS_AS(c.vote(withdrawn, "1-1-101", "同意"), conflict);
    CHECK(c.count("SELECT count(*) FROM ballot") == 0);
    // The database holds the same line.
    CHECK_THROWS(
        c.sql("INSERT INTO ballot(proposal_id, voter, choice, channel, at) "
              "VALUES (2, 0, 'yes', 'paper', 'x')"));
}

TEST_CASE("vote: no ballots after the deadline", "[vote]") {
    vote_community c;
    auto id = c.propose(electorate_kind::owners);
    open_proposal(c.ctx(), std::to_string(id), parse_timestamp("2026-11-30T18:00:00+08:00"));
    c.clk.set("2026-11-30T10:00:00Z");
    CHECK(c.vote(id, "1-1-101", "同意").voter == "1-1-101");
    c.clk.set("2026-11-30T10:00:01Z");
    CHECK_THROWS_WITH(c.vote(id, "1-1-102", "同意"),
                      "voting on proposal #1 ended at 2026-11-30T10:00:00Z (its deadline)");
    CHECK_THROWS_AS(open_proposal(c.ctx(), std::to_string(c.propose(electorate_kind::owners)),
                                  parse_timestamp("2026-11-01T00:00:00Z")),
                    usage_error);
}

TEST_CASE("vote: only from the electorate", "[vote]") {
    vote_community c;
    auto id = c.open(electorate_kind::owners, "", "P1");
    std::int64_t events = c.audit_events();
    // 钱七 rents 2-1-201: a resident, not an owner.
    CHECK_THROWS_WITH(c.vote(id, "2-1-201", "同意"),
                      "2-1-201 is not in the electorate of proposal P1");
    CHECK_THROWS_AS(c.vote(id, "13800000005", "同意"), conflict);
    CHECK_THROWS_WITH(c.vote(id, "9-1-101", "同意"), Catch::StartsWith("no building \"9\""));
    CHECK_THROWS_AS(c.vote(id, "1-1-999", "同意"), not_found);
    // 张三's phone names three rooms: which one must be said.
    CHECK_THROWS_WITH(c.vote(id, "13800000001", "同意"),
                      "138****0001 names 3 voters of proposal P1: 1-1-101, 1-1-102, 1-1-103; "
                      "name the room instead");
    CHECK(c.audit_events() == events);
    // A phone that names one room is that room; so is #id.
    CHECK(c.vote(id, "13800000002", "同意").voter == "1-1-201");
    CHECK(c.vote(id, "#6", "同意").voter == "2-1-101");
}

TEST_CASE("vote: a resident electorate names people, not rooms", "[vote]") {
    vote_community c;
    auto id = c.open(electorate_kind::residents);
    CHECK(c.vote(id, "13800000001", "同意").voter == "张三 (1-1-101)");  // one person, three rows
    CHECK(c.vote(id, "周九", "同意").voter == "周九 (1-1-202)");
    CHECK_THROWS_WITH(c.vote(id, "李小四", "同意"),
                      "李小四 is not in the electorate of proposal #1");  // a minor
    CHECK_THROWS_AS(c.vote(id, "#2", "同意"), conflict);  // 张三's second row is not a voter
}

TEST_CASE("vote: a second ballot replaces the first, or is refused", "[vote]") {
    vote_community c;
    auto replace = c.open(electorate_kind::owners);
    CHECK_FALSE(c.vote(replace, "1-1-101", "同意").replaced);
    CHECK(c.vote(replace, "1-1-101", "反对").replaced);
    CHECK(c.count("SELECT count(*) FROM ballot") == 1);
    CHECK(c.text("SELECT choice FROM ballot") == "no");
    auto ev = list_audit(c.ctx().db(), {std::nullopt, "proposal", "1", std::nullopt});
    auto last = nlohmann::json::parse(ev.back().payload);
    CHECK(ev.back().action == "vote.cast");
    CHECK(last["choice"] == "no");
    CHECK(last["replaced"]["choice"] == "yes");

    auto refuse = c.open(electorate_kind::owners, "", "", revote_policy::refuse);
    c.vote(refuse, "1-1-101", "同意");
    std::string before = c.dump();
    CHECK_THROWS_WITH(c.vote(refuse, "1-1-101", "反对"),
                      "1-1-101 has already voted on proposal #2 (at 2026-11-27T09:00:00Z); its "
                      "revote policy is refuse");
    CHECK(c.dump() == before);
    // One ballot per voter is the database's rule as well.
    CHECK_THROWS(
        c.sql("INSERT INTO ballot(proposal_id, voter, choice, channel, at) "
              "VALUES (2, 0, 'no', 'paper', 'x')"));
    CHECK_THROWS(c.sql("DELETE FROM ballot"));
}

TEST_CASE("vote: a proxy casts the voter's ballot", "[vote]") {
    vote_community c;
    auto id = c.open(electorate_kind::owners);
    ballot_request b;
    b.proposal = "1";
    b.voter = "钱七";  // the tenant casts for the owner of 1-1-202
    b.proxy_for = "1-1-202";
    b.choice = "弃权";
    b.channel = ballot_channel::meeting;
    CHECK(cast_ballot(c.ctx(), b).voter == "1-1-202");
    CHECK(
        c.text("SELECT voter || '|' || choice || '|' || channel || '|' || proxy_id FROM ballot") ==
        "4|abstain|meeting|10");
    CHECK(c.tally_of(id).counts.abstain.voters == 1);
    b.voter = "无名氏";
    CHECK_THROWS_AS(cast_ballot(c.ctx(), b), not_found);
}

TEST_CASE("vote: what a ballot may say depends on the method", "[vote]") {
    vote_community c;
    auto yes_no = c.open(electorate_kind::owners);
    CHECK_THROWS_WITH(c.vote(yes_no, "1-1-101", "也许"),
                      "ballot for proposal #1: \"也许\" is not a choice here; use 同意, 反对, 弃权 "
                      "(yes, no, abstain), or 无效/废票 (invalid/spoiled) for a ballot cast but "
                      "not valid");
    ballot_request b;
    b.proposal = "1";
    b.voter = "1-1-101";
    b.approve = std::vector<std::string>{"A"};
    CHECK_THROWS_AS(cast_ballot(c.ctx(), b), input_error);

    proposal_request r;
    r.title = "选物业";
    r.method = tally_method::approval;
    r.options = {"甲物业", "乙物业", "丙物业"};
    r.rule = R"({"preset": "civil-code-278", "max_choices": 1})";
    r.electorate.kind = electorate_kind::owners;
    auto approval = std::to_string(create_proposal(c.ctx(), r));
    open_proposal(c.ctx(), approval);
    b.proposal = approval;
    b.approve = std::vector<std::string>{"甲物业", "乙物业"};
    CHECK_THROWS_WITH(cast_ballot(c.ctx(), b),
                      "ballot for proposal #2: approves 2 options, but at most 1 may be "
                      "approved; record such a ballot as invalid");
    b.approve = std::vector<std::string>{"丁物业"};
    CHECK_THROWS_WITH(cast_ballot(c.ctx(), b),
                      "ballot for proposal #2: \"丁物业\" is not an option of proposal #2; "
                      "options: 甲物业, 乙物业, 丙物业");
    b.approve = std::vector<std::string>{"乙物业"};
    CHECK_NOTHROW(cast_ballot(c.ctx(), b));
    b.approve.reset();
    b.choice = "同意";
    CHECK_THROWS_AS(cast_ballot(c.ctx(), b), input_error);
    b.choice = "废票";
    b.voter = "1-1-201";
    CHECK_NOTHROW(cast_ballot(c.ctx(), b));
    auto t = c.tally_of(std::stoll(approval));
    CHECK(t.counts.spoiled.voters == 1);
    CHECK(t.option_totals[1].voters == 1);
}

TEST_CASE("vote: importing paper ballots", "[vote]") {
    vote_community c;
    auto id = c.open(electorate_kind::owners, "civil-code-278", "P2025-001");
    c.vote(id, "1-1-101", "反对");
    auto file = c.dir.write("ballots.csv",
                            "提案编号,房号,意见\r\n"
                            "P2025-001,1-1-101,同意\r\n"
                            "P2025-001,1-1-102,同意\r\n"
                            "P2025-001,2-1-102,反对\r\n"
                            "P2025-001,3-1-101,弃权\r\n");
    std::int64_t events = c.audit_events();
    auto r = import_ballots(c.ctx(), import_of(file, "P2025-001"));
    CHECK(r.rows == 4);
    REQUIRE(r.proposals.size() == 1);
    CHECK(r.proposals[0].proposal == "P2025-001");
    CHECK(r.proposals[0].added == 3);
    CHECK(r.proposals[0].replaced == 1);
    CHECK(r.sha256 == sha256_hex("提案编号,房号,意见\r\nP2025-001,1-1-101,同意\r\n"
                                 "P2025-001,1-1-102,同意\r\nP2025-001,2-1-102,反对\r\n"
                                 "P2025-001,3-1-101,弃权\r\n"));
    // One audit event for the whole file.
    CHECK(c.audit_events() == events + 1);
    auto ev = list_audit(c.ctx().db(), {std::nullopt, std::nullopt, std::nullopt, 1});
    CHECK(ev[0].action == "vote.import");
    auto payload = nlohmann::json::parse(ev[0].payload);
    CHECK(payload["rows"] == 4);
    CHECK(payload["added"] == 3);
    CHECK(payload["replaced"] == 1);
    CHECK(payload["sha256"] == r.sha256);
    CHECK(payload["file"] == "ballots.csv");
    auto t = c.tally_of(id);
    // 张三's two rooms agree, so his head is a yes though his third room has not voted.
    CHECK(t.counts.yes == measured{2, 1, 17700});
    CHECK(t.counts.cast.voters == 4);
    CHECK(c.text("SELECT group_concat(channel) FROM ballot") == "paper,paper,paper,paper");
}

TEST_CASE("vote: an import with problems lists each by line and changes nothing", "[vote]") {
    vote_community c;
    auto id = c.open(electorate_kind::owners, "", "P1", revote_policy::refuse);
    c.open(electorate_kind::households, "", "P2");
    c.vote(id, "3-1-101", "同意");
    auto file = c.dir.write("ballots.csv",
                            "提案编号,房号,意见\n"
                            "P1,1-1-101,同意\n"
                            "P1,2-1-201,同意\n"
                            "P1,1-1-101,反对\n"
                            "P2,1-1-102,同意\n"
                            "P9,1-1-102,同意\n"
                            "P1,1-1-202,可以\n"
                            "P1,,同意\n"
                            "P1,1-1-999,同意\n"
                            "P1,3-1-101,反对\n"
                            "P1,13800000001,同意\n");
    std::string before = c.dump();
    CHECK(import_problems(c, import_of(file, "P1")) ==
          std::vector<std::string>{
              "ballots.csv:3: 房号: 2-1-201 is not in the electorate of proposal P1",
              "ballots.csv:4: 房号: second ballot from 1-1-101 in this file (first: line 2)",
              "ballots.csv:5: 提案编号: \"P2\" is another proposal than P1; import only its "
              "rows, or all rows with --all",
              "ballots.csv:6: 提案编号: no proposal \"P9\"; recent proposals: P2, P1",
              "ballots.csv:7: 意见: \"可以\" is not a choice here; use 同意, 反对, 弃权 (yes, no, "
              "abstain), or 无效/废票 (invalid/spoiled) for a ballot cast but not valid",
              "ballots.csv:8: 房号: empty",
              "ballots.csv:9: 房号: no room 1-1-999",
              "ballots.csv:10: 房号: 3-1-101 has already voted on proposal P1 and its revote "
              "policy is refuse",
              "ballots.csv:11: 房号: 138****0001 names 3 voters of proposal P1: 1-1-101, "
              "1-1-102, 1-1-103; name the room instead",
          });
    CHECK(c.dump() == before);
    try {
        import_ballots(c.ctx(), import_of(file, "P1"));
    } catch (const input_error& e) {
        CHECK(std::string(e.what()) ==
              "ballots.csv: 9 problem(s) in 10 row(s); nothing was imported");
    }
}

TEST_CASE("vote: import --all takes the rows of every proposal the file names", "[vote]") {
    vote_community c;
    c.open(electorate_kind::owners, "", "P1");
    c.open(electorate_kind::households, "", "P2");
    auto closed = c.open(electorate_kind::households, "", "P3");
    close_proposal(c.ctx(), std::to_string(closed));
    auto file = c.dir.write("ballots.csv",
                            "提案编号,房号,意见\n"
                            "P2,2-1-201,同意\n"
                            "P1,1-1-101,同意\n"
                            "P2,1-1-101,反对\n");
    std::int64_t events = c.audit_events();
    auto r = import_ballots(c.ctx(), import_of(file, ""));
    REQUIRE(r.proposals.size() == 2);
    CHECK(r.proposals[0].proposal == "P2");
    CHECK(r.proposals[0].added == 2);
    CHECK(r.proposals[1].proposal == "P1");
    CHECK(r.proposals[1].added == 1);
    CHECK(c.audit_events() == events + 2);  // one per proposal, each with the file's hash

    auto bad = c.dir.write("more.csv", "提案编号,房号,意见\nP3,1-1-101,同意\nP3,1-1-102,同意\n");
    std::string before = c.dump();
    CHECK(import_problems(c, import_of(bad, "")) ==
          std::vector<std::string>{"more.csv:2: 提案编号: proposal P3 is closed: ballots are "
                                   "accepted only while it is open"});
    CHECK(c.dump() == before);
    // A named proposal that takes no ballots is refused before the file is read.
    CHECK_THROWS_AS(import_ballots(c.ctx(), import_of(bad, "P3")), conflict);
    ballot_import_request both = import_of(bad, "P1");
    both.all = true;
    CHECK_THROWS_AS(import_ballots(c.ctx(), both), usage_error);
}

TEST_CASE("vote: import columns, encodings and a file without the proposal column", "[vote]") {
    vote_community c;
    auto id = c.open(electorate_kind::residents);
    // GB18030: "姓名,票\n周九,同意\n13800000002,反对\n" as a Windows spreadsheet saves it.
    std::string gb =
        "\xD0\xD5\xC3\xFB,\xC6\xB1\r\n\xD6\xDC\xBE\xC5,\xCD\xAC\xD2\xE2\r\n"
        "13800000002,\xB7\xB4\xB6\xD4\r\n";
    auto file = c.dir.write("gb.csv", gb);
    ballot_import_request r = import_of(file, "1");
    r.voter_column = "姓名";
    r.choice_column = "票";
    r.channel = ballot_channel::meeting;
    auto result = import_ballots(c.ctx(), r);
    CHECK(result.proposals.at(0).added == 2);
    auto t = c.tally_of(id);
    CHECK(t.counts.yes.voters == 1);
    CHECK(t.counts.no.voters == 1);
    CHECK(c.text("SELECT group_concat(channel) FROM ballot") == "meeting,meeting");

    // Without --all the proposal column is needed only to be checked; missing
    // required columns are named.
    auto missing = c.dir.write("missing.csv", "房号\n1-1-101\n");
    CHECK_THROWS_WITH(import_ballots(c.ctx(), import_of(missing, "1")), Catch::Contains("意见"));
    // English headers work as well as the default Chinese ones.
    auto english = c.dir.write("english.csv", "proposal,room,choice\n1,钱七,yes\n");
    CHECK(import_ballots(c.ctx(), import_of(english, "1")).proposals.at(0).added == 1);
    auto empty = c.dir.write("empty.csv", "");
    CHECK_THROWS_AS(import_ballots(c.ctx(), import_of(empty, "1")), input_error);
    auto header_only = c.dir.write("header.csv", "提案编号,房号,意见\n");
    std::int64_t events = c.audit_events();
    CHECK(import_ballots(c.ctx(), import_of(header_only, "1")).proposals.empty());
    CHECK(c.audit_events() == events);
}

TEST_CASE("vote: a ranked ballot file", "[vote]") {
    vote_community c;
    proposal_request p;
    p.title = "排序";
    p.method = tally_method::schulze;
    p.options = {"A", "B", "C"};
    p.electorate.kind = electorate_kind::households;
    auto id = create_proposal(c.ctx(), p);
    open_proposal(c.ctx(), std::to_string(id));
    auto file = c.dir.write("ranked.csv",
                            "房号,意见\n1-1-101,\"B,A=C\"\n1-1-102,A\n1-1-103,废票\n"
                            "1-1-201,\"A,D\"\n");
    CHECK(import_problems(c, import_of(file, "1")) ==
          std::vector<std::string>{"ranked.csv:5: 意见: \"D\" is not an option of proposal #1; "
                                   "options: A, B, C"});
    file = c.dir.write("ranked2.csv", "房号,意见\n1-1-101,\"B,A=C\"\n1-1-102,A\n1-1-103,废票\n");
    import_ballots(c.ctx(), import_of(file, "1"));
    CHECK(c.text("SELECT ranking FROM ballot WHERE voter = 0") == R"(["B",["A","C"]])");
    auto t = c.tally_of(id);
    CHECK(t.counts.cast.voters == 3);
    CHECK(t.counts.spoiled.voters == 1);
    CHECK(t.tie);  // B over A and C once, A over B and C once
}

TEST_CASE("vote: an import explains spoiled phones, reports unknown columns and progress",
          "[vote]") {
    vote_community c;
    c.open(electorate_kind::households, "", "P1");
    auto file = c.dir.write("b.csv",
                            "房号,意见\r\n1.38E+10,同意\r\n138****0002,同意\r\n"
                            "13800000002.0,同意\r\n");
    auto problems = import_problems(c, import_of(file, "P1"));
    REQUIRE(problems.size() == 3);
    CHECK_THAT(problems[0], Catch::StartsWith("b.csv:2: 房号: \"1.38E+10\": Excel turned the "
                                              "phone into a number in scientific notation"));
    CHECK_THAT(problems[1], Catch::StartsWith("b.csv:3: 房号: this phone is masked "
                                              "(138****0002), as gov roster export writes it"));
    CHECK_THAT(problems[2], Catch::Contains("a spreadsheet turned the phone into a number"));

    auto named = c.dir.write("n.csv", "房号,意见,姓名\r\n1-1-101,同意,张三\r\n");
    auto req = import_of(named, "P1");
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    req.progress = [&](std::uint64_t done, std::uint64_t total) {
        calls.emplace_back(done, total);
    };
    auto r = import_ballots(c.ctx(), req);
    CHECK(r.warnings == std::vector<std::string>{
                            "n.csv:1: column 3 (C) \"姓名\" is not a ballot column; ignored"});
    const auto size = static_cast<std::uint64_t>(std::filesystem::file_size(named));
    REQUIRE_FALSE(calls.empty());
    CHECK(calls.back() == std::pair<std::uint64_t, std::uint64_t>{size, size});
    CHECK(r.sha256 == sha256_hex("房号,意见,姓名\r\n1-1-101,同意,张三\r\n"));
    req.strict = true;
    auto events = c.audit_events();
    CHECK_THROWS_WITH(import_ballots(c.ctx(), req),
                      "n.csv: 1 column(s) that gov does not read; nothing was imported (--strict)");
    CHECK(c.audit_events() == events);
}
