#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "gov/values/error.hpp"
#include "gov/voting/tally.hpp"

using gov::choice;
using gov::rational;
using gov::tally_result;

namespace {

// Builds a tally input unit by unit; groups are named and created on first use.
struct vote_builder {
    gov::tally_input in;
    std::map<std::string, std::size_t> groups;

    explicit vote_builder(std::string_view preset) { in.rule = gov::tally_preset(preset); }

    std::size_t unit(const std::string& id, std::string_view weight,
                     const std::string& group = "") {
        std::int64_t w = gov::parse_hundredths(weight);
        if (group.empty()) return in.voters.add_voter(id, w);
        auto [it, added] = groups.emplace(group, in.voters.group_names.size());
        if (added) in.voters.add_group(group);
        return in.voters.add_voter(id, w, it->second);
    }

    // n units "prefix1".."prefixN", each its own owner with the same weight.
    std::vector<std::size_t> units(const std::string& prefix, int n, std::string_view weight) {
        std::vector<std::size_t> ids;
        for (int i = 1; i <= n; ++i) ids.push_back(unit(prefix + std::to_string(i), weight));
        return ids;
    }

    void vote(std::size_t voter, choice c) { in.yes_no_ballots.push_back({voter, c}); }
    void vote(const std::vector<std::size_t>& voters, choice c) {
        for (auto v : voters) vote(v, c);
    }
    tally_result run() const { return gov::tally(in); }
};

const gov::condition_result& condition(const tally_result& r, gov::condition_kind kind,
                                       gov::measure what) {
    for (const auto& c : r.conditions)
        if (c.kind == kind && c.what == what) return c;
    FAIL("no such condition");
    return r.conditions.front();
}

using gov::condition_kind::pass;
using gov::condition_kind::quorum;
using gov::measure::headcount;
using gov::measure::weight;

}  // namespace

// ---- Civil Code art. 278 boundaries ----------------------------------------

TEST_CASE("tally: exactly 2/3 participation meets the civil-code quorum", "[tally]") {
    vote_builder v("civil-code-278");
    auto voters = v.units("a", 20, "100.00");
    v.units("b", 10, "100.00");
    v.vote(voters, choice::yes);
    tally_result r = v.run();
    const auto& by_weight = condition(r, quorum, weight);
    const auto& by_head = condition(r, quorum, headcount);
    CHECK(by_weight.value == 200000);
    CHECK(by_weight.base == 300000);
    CHECK(by_weight.ratio() == rational(2, 3));
    CHECK(by_weight.met);
    CHECK(by_head.value == 20);
    CHECK(by_head.base == 30);
    CHECK(by_head.met);
    CHECK(r.quorum_met);
    CHECK(r.passed);
    CHECK(r.reason ==
          "passed: yes weight 2000.00 of 2000.00 cast (1) > 1/2 and yes heads 20 of 20 cast (1) "
          "> 1/2");
}

TEST_CASE("tally: just below 2/3 participation fails the civil-code quorum", "[tally]") {
    SECTION("by area: 2000.00 of 3000.01") {
        vote_builder v("civil-code-278");
        auto voters = v.units("a", 20, "100.00");
        v.units("b", 9, "100.00");
        v.unit("b10", "100.01");
        v.vote(voters, choice::yes);
        tally_result r = v.run();
        CHECK(condition(r, quorum, headcount).met);
        CHECK_FALSE(condition(r, quorum, weight).met);
        CHECK(condition(r, quorum, weight).ratio() == rational(200000, 300001));
        CHECK_FALSE(r.quorum_met);
        CHECK_FALSE(r.passed);
        CHECK(r.reason ==
              "not passed: quorum not met: cast weight 2000.00 of 3000.01 entitled "
              "(200000/300001) not ≥ 2/3");
    }
    SECTION("by head: 20 of 31 owners") {
        vote_builder v("civil-code-278");
        auto voters = v.units("a", 20, "100.00");
        v.units("b", 11, "1.00");
        v.vote(voters, choice::yes);
        tally_result r = v.run();
        CHECK(condition(r, quorum, weight).met);
        CHECK_FALSE(condition(r, quorum, headcount).met);
        CHECK(r.reason ==
              "not passed: quorum not met: cast heads 20 of 31 entitled (20/31) not ≥ 2/3");
    }
}

TEST_CASE("tally: exactly 1/2 fails an ordinary matter", "[tally]") {
    vote_builder v("civil-code-278");
    v.vote(v.units("y", 15, "90.50"), choice::yes);
    v.vote(v.units("n", 15, "90.50"), choice::no);
    tally_result r = v.run();
    CHECK(r.quorum_met);
    CHECK(condition(r, pass, weight).ratio() == rational(1, 2));
    CHECK_FALSE(condition(r, pass, weight).met);
    CHECK_FALSE(condition(r, pass, headcount).met);
    CHECK_FALSE(r.passed);
    CHECK(r.reason ==
          "not passed: yes weight 1357.50 of 2715.00 cast (1/2) not > 1/2; yes heads 15 of 30 "
          "cast (1/2) not > 1/2");
}

TEST_CASE("tally: just above 1/2 passes an ordinary matter", "[tally]") {
    vote_builder v("civil-code-278");
    v.vote(v.units("y", 15, "90.50"), choice::yes);
    v.vote(v.units("n", 14, "90.50"), choice::no);
    // One more yes of the smallest possible area: 0.01 m² tips area and heads.
    v.vote(v.unit("tiny", "0.01"), choice::yes);
    v.vote(v.unit("rest", "0.00"), choice::abstain);
    tally_result r = v.run();
    CHECK(condition(r, pass, weight).value == 135751);
    CHECK(condition(r, pass, weight).base == 262451);
    CHECK(condition(r, pass, weight).met);
    CHECK(condition(r, pass, headcount).ratio() == rational(16, 31));
    CHECK(r.passed);
}

TEST_CASE("tally: exactly 3/4 passes a major matter", "[tally]") {
    vote_builder v("civil-code-278-major");
    // 29 × 250.10 + 247.10 = 7500.00 yes; 9 × 250.30 + 247.30 = 2500.00 no.
    v.vote(v.units("y", 29, "250.10"), choice::yes);
    v.vote(v.unit("y30", "247.10"), choice::yes);
    v.vote(v.units("n", 9, "250.30"), choice::no);
    v.vote(v.unit("n10", "247.30"), choice::no);
    tally_result r = v.run();
    CHECK(r.counts.yes.weight == 750000);
    CHECK(r.counts.cast.weight == 1000000);
    CHECK(condition(r, pass, weight).ratio() == rational(3, 4));
    CHECK(condition(r, pass, headcount).ratio() == rational(3, 4));
    CHECK(r.passed);
    CHECK(r.reason ==
          "passed: yes weight 7500.00 of 10000.00 cast (3/4) ≥ 3/4 and yes heads 30 of 40 cast "
          "(3/4) ≥ 3/4");

    SECTION("one yes fewer fails") {
        v.in.yes_no_ballots[0].vote = choice::abstain;  // abstaining still participates
        tally_result f = v.run();
        CHECK(f.quorum_met);
        CHECK(condition(f, pass, headcount).ratio() == rational(29, 40));
        CHECK_FALSE(f.passed);
    }
}

TEST_CASE("tally: abstentions and invalid ballots count as participation under the civil code",
          "[tally]") {
    vote_builder v("civil-code-278");
    v.vote(v.units("y", 5, "100"), choice::yes);
    v.vote(v.units("a", 3, "100"), choice::abstain);
    v.vote(v.units("i", 1, "100"), choice::invalid);
    v.vote(v.units("s", 1, "100"), choice::spoiled);
    tally_result r = v.run();
    CHECK(r.counts.cast == gov::measured{10, 10, 100000});
    CHECK(r.counts.valid == gov::measured{8, 8, 80000});
    CHECK(r.counts.invalid == gov::measured{1, 1, 10000});
    CHECK(r.counts.spoiled == gov::measured{1, 1, 10000});
    // 5 of 10 cast is not more than half although 5 of 5 yes+no would be.
    CHECK(condition(r, pass, headcount).ratio() == rational(1, 2));
    CHECK_FALSE(r.passed);
}

TEST_CASE("tally: passing by head but failing by area, and the reverse", "[tally]") {
    SECTION("many small units for, few large against") {
        vote_builder v("civil-code-278");
        v.vote(v.units("small", 8, "45.00"), choice::yes);
        v.vote(v.units("large", 2, "250.00"), choice::no);
        tally_result r = v.run();
        CHECK(condition(r, pass, headcount).met);
        CHECK_FALSE(condition(r, pass, weight).met);
        CHECK(condition(r, pass, weight).ratio() == rational(36, 86));
        CHECK_FALSE(r.passed);
        CHECK(r.reason == "not passed: yes weight 360.00 of 860.00 cast (18/43) not > 1/2");
    }
    SECTION("few large units for, many small against") {
        vote_builder v("civil-code-278");
        v.vote(v.units("small", 8, "45.00"), choice::no);
        v.vote(v.units("large", 2, "250.00"), choice::yes);
        tally_result r = v.run();
        CHECK(condition(r, pass, weight).met);
        CHECK_FALSE(condition(r, pass, headcount).met);
        CHECK(r.reason == "not passed: yes heads 2 of 10 cast (1/5) not > 1/2");
    }
}

// ---- groups: one owner, several units ------------------------------------

TEST_CASE("tally: an owner with three units is one head with three areas", "[tally]") {
    vote_builder v("civil-code-278");
    auto a = v.unit("1-101", "88.50", "owner-zhang");
    auto b = v.unit("1-102", "88.50", "owner-zhang");
    auto c = v.unit("1-103", "120.25", "owner-zhang");
    auto others = v.units("o", 3, "90.00");
    v.vote({a, b, c}, choice::yes);
    v.vote(others[0], choice::no);
    v.vote(others[1], choice::yes);
    tally_result r = v.run();
    CHECK(r.counts.entitled == gov::measured{6, 4, 56725});
    CHECK(r.counts.cast == gov::measured{5, 3, 47725});
    CHECK(r.counts.yes == gov::measured{4, 2, 38725});
    CHECK(r.counts.no == gov::measured{1, 1, 9000});
    CHECK(condition(r, pass, headcount).ratio() == rational(2, 3));
    CHECK(condition(r, pass, weight).ratio() == rational(38725, 47725));
    CHECK(r.passed);

    SECTION("counted by voter instead, the owner is three heads") {
        v.in.rule.headcount = gov::headcount_unit::voter;
        tally_result rv = v.run();
        CHECK(rv.counts.entitled.heads == 6);
        CHECK(rv.counts.yes.heads == 4);
    }
}

TEST_CASE("tally: an owner whose units vote differently counts as one head for no side",
          "[tally]") {
    vote_builder v("civil-code-278");
    auto a = v.unit("1-101", "88.50", "owner-li");
    auto b = v.unit("1-102", "88.50", "owner-li");
    auto c = v.unit("1-103", "50.00", "owner-li");
    auto x = v.unit("2-201", "70.00", "owner-wang");
    auto y = v.unit("2-202", "70.00", "owner-wang");
    auto z = v.unit("3-301", "100.00");
    v.vote(a, choice::yes);
    v.vote(b, choice::yes);
    v.vote(c, choice::no);       // owner-li mixed
    v.vote(x, choice::yes);      // owner-wang: one yes and
    v.vote(y, choice::invalid);  // an invalid ballot: the valid one decides
    v.vote(z, choice::no);
    tally_result r = v.run();
    CHECK(r.counts.mixed_heads == 1);
    CHECK(r.mixed_groups == std::vector<std::string>{"owner-li"});
    CHECK(r.counts.cast == gov::measured{6, 3, 46700});
    CHECK(r.counts.valid == gov::measured{5, 3, 39700});
    CHECK(r.counts.yes == gov::measured{3, 1, 24700});
    CHECK(r.counts.no == gov::measured{2, 1, 15000});
    CHECK(r.counts.invalid == gov::measured{1, 0, 7000});
    // Area counts unit by unit; the mixed head participates but is not a yes.
    CHECK(condition(r, pass, weight).ratio() == rational(24700, 46700));
    CHECK(condition(r, pass, headcount).ratio() == rational(1, 3));
    CHECK_FALSE(r.passed);
}

TEST_CASE("tally: the developer's unsold units together are one head", "[tally]") {
    vote_builder v("civil-code-278");
    std::vector<std::size_t> developer;
    for (int i = 1; i <= 10; ++i)
        developer.push_back(v.unit("unsold-" + std::to_string(i), "100.00", "developer"));
    auto owners = v.units("owner", 9, "80.00");
    v.vote(developer, choice::yes);
    v.vote({owners[0], owners[1], owners[2], owners[3], owners[4]}, choice::yes);
    v.vote({owners[5], owners[6], owners[7]}, choice::no);
    tally_result r = v.run();
    CHECK(r.counts.entitled == gov::measured{19, 10, 172000});
    CHECK(r.counts.cast == gov::measured{18, 9, 164000});
    CHECK(r.counts.yes == gov::measured{15, 6, 140000});
    CHECK(condition(r, quorum, headcount).ratio() == rational(9, 10));
    CHECK(condition(r, pass, headcount).ratio() == rational(6, 9));
    CHECK(condition(r, pass, weight).ratio() == rational(140000, 164000));
    CHECK(r.passed);
}

// ---- exact decimals ----------------------------------------------------------

TEST_CASE("tally: decimal areas reach a threshold exactly where floating point falls short",
          "[tally]") {
    // In binary floating point twelve 0.1s summed divided by sixteen 0.1s is
    // 0.7499999999999998 (< 0.75), and ten 0.1s over fifteen is below 2/3.
    SECTION("3/4 of the participating area") {
        vote_builder v("civil-code-278-major");
        v.vote(v.units("y", 12, "0.1"), choice::yes);
        v.vote(v.units("n", 4, "0.1"), choice::no);
        tally_result r = v.run();
        CHECK(condition(r, pass, weight).ratio() == rational(3, 4));
        CHECK(condition(r, pass, weight).met);
        CHECK(r.passed);
    }
    SECTION("2/3 of the total area") {
        vote_builder v("civil-code-278");
        v.vote(v.units("y", 10, "0.10"), choice::yes);
        v.units("away", 5, "0.10");
        tally_result r = v.run();
        CHECK(condition(r, quorum, weight).value == 100);
        CHECK(condition(r, quorum, weight).base == 150);
        CHECK(condition(r, quorum, weight).met);
        CHECK(r.quorum_met);
        CHECK(r.passed);
    }
}

TEST_CASE("tally: a million voters with large areas do not overflow", "[tally]") {
    gov::tally_input in;
    in.rule = gov::tally_preset("civil-code-278-major");
    const std::size_t n = 1000000;
    in.voters.ids.resize(n);
    in.voters.weights.assign(n, 9999999);  // 99999.99 m² each
    in.voters.groups.resize(n);
    in.voters.group_names.resize(n);
    in.yes_no_ballots.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        in.voters.groups[i] = i;
        in.yes_no_ballots.push_back({i, i % 4 == 3 ? choice::no : choice::yes});
    }
    tally_result r = gov::tally(in);
    CHECK(r.counts.entitled.weight == 9999999000000);
    CHECK(r.counts.yes.weight == 7499999250000);
    CHECK(condition(r, pass, weight).ratio() == rational(3, 4));
    CHECK(condition(r, pass, headcount).ratio() == rational(3, 4));
    CHECK(r.passed);
}

// ---- rules and presets ---------------------------------------------------------

TEST_CASE("tally: the simple presets", "[tally]") {
    SECTION("simple-majority ignores abstentions") {
        vote_builder v("simple-majority");
        v.vote(v.units("y", 3, "1"), choice::yes);
        v.vote(v.units("n", 2, "1"), choice::no);
        v.vote(v.units("a", 10, "1"), choice::abstain);
        tally_result r = v.run();
        CHECK(condition(r, pass, headcount).ratio() == rational(3, 5));
        CHECK(r.passed);
    }
    SECTION("two-thirds passes at exactly 2/3") {
        vote_builder v("two-thirds");
        v.vote(v.units("y", 4, "1"), choice::yes);
        v.vote(v.units("n", 2, "1"), choice::no);
        CHECK(v.run().passed);
        v.vote(v.unit("n3", "1"), choice::no);
        CHECK_FALSE(v.run().passed);
    }
    SECTION("majority-of-members counts those who did not vote") {
        vote_builder v("majority-of-members");
        v.vote(v.units("y", 5, "1"), choice::yes);
        v.units("away", 5, "1");
        tally_result r = v.run();
        CHECK(condition(r, pass, headcount).base == 10);
        CHECK_FALSE(r.passed);
    }
    CHECK(gov::tally_preset_names().size() == 5);
    CHECK_THROWS_WITH(gov::tally_preset("civil-code"),
                      Catch::Contains("unknown rule preset \"civil-code\""));
}

TEST_CASE("tally: a custom rule with a valid-ballot quorum and a yes+no+abstain base", "[tally]") {
    vote_builder v("simple-majority");
    v.in.rule = {};
    v.in.rule.quorum.push_back(
        {headcount, gov::ballot_set::valid, rational(1, 2), gov::comparison::more_than});
    v.in.rule.pass.push_back(
        {weight, gov::pass_base::yes_no_abstain, rational(3, 5), gov::comparison::at_least});
    v.vote(v.units("y", 3, "10"), choice::yes);
    v.vote(v.units("a", 2, "10"), choice::abstain);
    v.vote(v.units("i", 2, "10"), choice::invalid);
    v.units("away", 3, "10");
    tally_result r = v.run();
    CHECK(condition(r, quorum, headcount).value == 5);
    CHECK_FALSE(r.quorum_met);  // 5 valid of 10 is not more than half
    CHECK(condition(r, pass, weight).ratio() == rational(3, 5));
    CHECK(condition(r, pass, weight).met);
    CHECK_FALSE(r.passed);
}

TEST_CASE("tally: nothing cast is nothing to measure", "[tally]") {
    vote_builder v("simple-majority");
    v.units("away", 3, "1");
    tally_result r = v.run();
    CHECK_FALSE(condition(r, pass, headcount).ratio().has_value());
    CHECK_FALSE(r.passed);
    CHECK(r.reason == "not passed: yes heads 0 of 0 yes+no (nothing to measure) not > 1/2");
}

TEST_CASE("tally: bad input is refused with the ballot or field named", "[tally]") {
    vote_builder v("simple-majority");
    auto a = v.unit("1-101", "80");
    v.unit("1-102", "80");
    v.vote(a, choice::yes);
    SECTION("a second ballot from one voter") {
        v.vote(a, choice::no);
        CHECK_THROWS_WITH(v.run(),
                          "ballots[1].voter: second ballot from voter \"1-101\" (first: "
                          "ballots[0])");
    }
    SECTION("a voter out of range") {
        v.vote(7, choice::no);
        CHECK_THROWS_WITH(v.run(), "ballots[1].voter: voter index 7 out of range (2 voters)");
    }
    SECTION("a negative weight") {
        v.in.voters.weights[1] = -1;
        CHECK_THROWS_WITH(v.run(), "electorate.voters[1].weight: negative weight for \"1-102\"");
    }
    SECTION("a threshold above 1") {
        v.in.rule.pass[0].threshold = rational(3, 2);
        CHECK_THROWS_WITH(v.run(), "rule.pass[0].threshold: threshold 3/2 is not between 0 and 1");
    }
    SECTION("a yes-no rule without pass conditions") {
        v.in.rule.pass.clear();
        CHECK_THROWS_AS(v.run(), gov::input_error);
    }
    SECTION("a total weight beyond 64 bits") {
        v.in.voters.weights[0] = INT64_MAX;
        CHECK_THROWS_WITH(v.run(), "electorate: total weight does not fit in 64 bits");
    }
}

// ---- instant-runoff ------------------------------------------------------------

namespace {

struct option_vote {
    gov::tally_input in;
    std::map<std::string, std::size_t> option;

    option_vote(gov::tally_method m, std::vector<std::string> options) {
        in.method = m;
        in.rule.name = "none";
        for (std::size_t i = 0; i < options.size(); ++i) option[options[i]] = i;
        in.options = std::move(options);
    }

    // "v1", "v2", …: appended rather than `"v" + std::to_string(…)`, of
    // which GCC 12 warns falsely (bug 105329).
    std::string next_voter() const {
        std::string name = "v";
        name += std::to_string(in.voters.size() + 1);
        return name;
    }

    // `count` voters who rank the options named by the letters/words given;
    // a tier of several options is written "B=C".
    void rank(int count, const std::vector<std::string>& ranking) {
        for (int i = 0; i < count; ++i) {
            gov::option_ballot b;
            b.voter = in.voters.add_voter(next_voter(), 100);
            for (const auto& tier : ranking) {
                std::vector<std::size_t> t;
                std::size_t start = 0;
                while (true) {
                    auto eq = tier.find('=', start);
                    t.push_back(option.at(tier.substr(start, eq - start)));
                    if (eq == std::string::npos) break;
                    start = eq + 1;
                }
                b.ranking.push_back(std::move(t));
            }
            in.option_ballots.push_back(std::move(b));
        }
    }

    void approve(int count, const std::vector<std::string>& names) {
        for (int i = 0; i < count; ++i) {
            gov::option_ballot b;
            b.voter = in.voters.add_voter(next_voter(), 100);
            for (const auto& n : names) b.approved.push_back(option.at(n));
            in.option_ballots.push_back(std::move(b));
        }
    }

    std::vector<std::size_t> idx(const std::vector<std::string>& names) const {
        std::vector<std::size_t> v;
        for (const auto& n : names) v.push_back(option.at(n));
        return v;
    }

    tally_result run() const { return gov::tally(in); }
};

// Splits "ACBED" into single-letter option names.
std::vector<std::string> letters(std::string_view s) {
    std::vector<std::string> v;
    for (char c : s) v.emplace_back(1, c);
    return v;
}

}  // namespace

TEST_CASE("tally: IRV elects Knoxville in the Tennessee capital example", "[tally]") {
    option_vote v(gov::tally_method::irv, {"Memphis", "Nashville", "Chattanooga", "Knoxville"});
    v.rank(42, {"Memphis", "Nashville", "Chattanooga", "Knoxville"});
    v.rank(26, {"Nashville", "Chattanooga", "Knoxville", "Memphis"});
    v.rank(15, {"Chattanooga", "Knoxville", "Nashville", "Memphis"});
    v.rank(17, {"Knoxville", "Chattanooga", "Nashville", "Memphis"});
    tally_result r = v.run();
    REQUIRE(r.rounds.size() == 3);
    CHECK(r.rounds[0].votes == std::vector<std::int64_t>{42, 26, 15, 17});
    CHECK(r.rounds[0].eliminated == v.option.at("Chattanooga"));
    CHECK(r.rounds[1].votes == std::vector<std::int64_t>{42, 26, 0, 32});
    CHECK(r.rounds[1].eliminated == v.option.at("Nashville"));
    CHECK(r.rounds[2].votes == std::vector<std::int64_t>{42, 0, 0, 58});
    CHECK(r.rounds[2].continuing_total == 100);
    CHECK(r.rounds[2].elected == v.option.at("Knoxville"));
    CHECK(r.winners == v.idx({"Knoxville"}));
    CHECK_FALSE(r.tie);
    CHECK(r.passed);
    CHECK(r.option_totals[0] == gov::measured{42, 42, 4200});
    CHECK(r.reason ==
          "passed: Knoxville wins in round 3 with 58 of 100 continuing votes (29/50) > 1/2");
}

TEST_CASE("tally: IRV elimination tie broken by an earlier round", "[tally]") {
    option_vote v(gov::tally_method::irv, letters("ABCD"));
    v.rank(10, {"A"});
    v.rank(7, {"B"});
    v.rank(6, {"C", "B"});
    v.rank(1, {"D", "B"});
    v.rank(2, {"D", "C", "A"});
    tally_result r = v.run();
    REQUIRE(r.rounds.size() == 3);
    CHECK(r.rounds[0].eliminated == v.option.at("D"));
    CHECK(r.rounds[1].votes == std::vector<std::int64_t>{10, 8, 8, 0});
    CHECK(r.rounds[1].lowest == v.idx({"B", "C"}));
    CHECK(r.rounds[1].broken_by == gov::tie_break::earlier_round);
    CHECK(r.rounds[1].tie_round == 1);  // C had 6 to B's 7
    CHECK(r.rounds[1].eliminated == v.option.at("C"));
    CHECK(r.rounds[2].votes == std::vector<std::int64_t>{12, 14, 0, 0});
    CHECK(r.winners == v.idx({"B"}));
    CHECK(r.passed);
}

TEST_CASE("tally: IRV elimination tie broken by the configured order, or left unresolved",
          "[tally]") {
    option_vote v(gov::tally_method::irv, letters("ABC"));
    v.rank(5, {"A"});
    v.rank(3, {"B", "A"});
    v.rank(3, {"C", "B"});
    SECTION("C listed last goes") {
        v.in.rule.tie_order = v.idx({"A", "B", "C"});
        tally_result r = v.run();
        CHECK(r.rounds[0].broken_by == gov::tie_break::tie_order);
        CHECK(r.rounds[0].eliminated == v.option.at("C"));
        CHECK(r.winners == v.idx({"B"}));
        CHECK(r.rounds[1].votes == std::vector<std::int64_t>{5, 6, 0});
    }
    SECTION("B listed last goes") {
        v.in.rule.tie_order = v.idx({"A", "C", "B"});
        tally_result r = v.run();
        CHECK(r.rounds[0].eliminated == v.option.at("B"));
        CHECK(r.winners == v.idx({"A"}));
        CHECK(r.rounds[1].votes == std::vector<std::int64_t>{8, 0, 3});
    }
    SECTION("without an order the tie is reported") {
        tally_result r = v.run();
        REQUIRE(r.rounds.size() == 1);
        CHECK(r.rounds[0].broken_by == gov::tie_break::unresolved);
        CHECK_FALSE(r.rounds[0].eliminated.has_value());
        CHECK(r.winners.empty());
        CHECK(r.tie);
        CHECK_FALSE(r.passed);
        CHECK(r.reason == "not passed: unresolved tie for elimination in round 1 between B and C");
    }
    SECTION("a tie order must list every option once") {
        v.in.rule.tie_order = v.idx({"A", "B"});
        CHECK_THROWS_WITH(v.run(), "rule.tie_order: lists 2 options; it must list all 3");
    }
}

TEST_CASE("tally: IRV counts exhausted ballots and drops options without votes", "[tally]") {
    option_vote v(gov::tally_method::irv, letters("ABCDE"));
    v.rank(3, {"A"});
    v.rank(2, {"B"});
    v.rank(1, {"C", "B"});
    tally_result r = v.run();
    REQUIRE(r.rounds.size() == 5);
    CHECK(r.rounds[0].broken_by == gov::tie_break::no_votes);  // D and E: nothing moves
    CHECK(r.rounds[0].eliminated == v.option.at("E"));
    CHECK(r.rounds[1].eliminated == v.option.at("D"));
    CHECK(r.rounds[2].eliminated == v.option.at("C"));
    CHECK(r.rounds[3].votes == std::vector<std::int64_t>{3, 3, 0, 0, 0});
    CHECK(r.rounds[3].broken_by == gov::tie_break::earlier_round);
    CHECK(r.rounds[3].eliminated == v.option.at("B"));
    CHECK(r.rounds[4].exhausted == 3);
    CHECK(r.rounds[4].continuing_total == 3);
    CHECK(r.rounds[4].elected == v.option.at("A"));
}

TEST_CASE("tally: IRV refuses tied ranks and pass conditions", "[tally]") {
    option_vote v(gov::tally_method::irv, letters("AB"));
    SECTION("tied ranks") {
        v.rank(1, {"A=B"});
        CHECK_THROWS_WITH(v.run(),
                          "ballots[0].ranking[0]: instant-runoff rankings cannot tie "
                          "options");
    }
    SECTION("an option ranked twice") {
        v.rank(1, {"A", "A"});
        CHECK_THROWS_WITH(v.run(), "ballots[0].ranking[1]: option \"A\" ranked twice");
    }
    SECTION("a preset with pass conditions") {
        v.rank(1, {"A"});
        v.in.rule = gov::tally_preset("civil-code-278");
        CHECK_THROWS_WITH(v.run(), Catch::StartsWith("rule.pass: irv votes are decided"));
    }
}

// ---- Schulze ------------------------------------------------------------------

TEST_CASE("tally: Schulze elects E in Wikipedia's example with the published matrices", "[tally]") {
    option_vote v(gov::tally_method::schulze, letters("ABCDE"));
    v.rank(5, letters("ACBED"));
    v.rank(5, letters("ADECB"));
    v.rank(8, letters("BEDAC"));
    v.rank(3, letters("CABED"));
    v.rank(7, letters("CAEBD"));
    v.rank(2, letters("CBADE"));
    v.rank(7, letters("DCEBA"));
    v.rank(8, letters("EBADC"));
    tally_result r = v.run();
    using row = std::vector<std::int64_t>;
    CHECK(r.pairwise == std::vector<row>{{0, 20, 26, 30, 22},
                                         {25, 0, 16, 33, 18},
                                         {19, 29, 0, 17, 24},
                                         {15, 12, 28, 0, 14},
                                         {23, 27, 21, 31, 0}});
    CHECK(r.strongest_paths == std::vector<row>{{0, 28, 28, 30, 24},
                                                {25, 0, 28, 33, 24},
                                                {25, 29, 0, 29, 24},
                                                {25, 28, 28, 0, 24},
                                                {25, 28, 28, 31, 0}});
    CHECK(r.winners == v.idx({"E"}));
    CHECK_FALSE(r.tie);
    CHECK(r.passed);
    CHECK(r.counts.cast.voters == 45);
}

TEST_CASE("tally: Schulze reports a tie as a set of winners", "[tally]") {
    option_vote v(gov::tally_method::schulze, letters("ABC"));
    v.rank(1, letters("ABC"));
    v.rank(1, letters("BCA"));
    v.rank(1, letters("CAB"));
    tally_result r = v.run();
    CHECK(r.winners == v.idx({"A", "B", "C"}));
    CHECK(r.tie);
    CHECK_FALSE(r.passed);
    CHECK(r.reason ==
          "not passed: Schulze tie between A, B and C: no strongest path beats another");
}

TEST_CASE("tally: Schulze reads tied ranks and ranks unranked options last", "[tally]") {
    option_vote v(gov::tally_method::schulze, letters("ABC"));
    v.rank(1, {"A", "B=C"});
    v.rank(1, {"B"});
    tally_result r = v.run();
    using row = std::vector<std::int64_t>;
    CHECK(r.pairwise == std::vector<row>{{0, 1, 1}, {1, 0, 1}, {0, 0, 0}});
    CHECK(r.winners == v.idx({"A", "B"}));
    CHECK(r.option_totals[0].voters == 1);
    CHECK(r.option_totals[1].voters == 1);
}

TEST_CASE("tally: Schulze by group takes one ballot per owner and reports disagreement",
          "[tally]") {
    option_vote v(gov::tally_method::schulze, letters("AB"));
    v.in.rule.headcount = gov::headcount_unit::group;
    auto g = v.in.voters.add_group("owner-1");
    auto ballot = [&](std::size_t voter, std::vector<std::vector<std::size_t>> ranking) {
        gov::option_ballot b;
        b.voter = voter;
        b.ranking = std::move(ranking);
        v.in.option_ballots.push_back(std::move(b));
    };
    ballot(v.in.voters.add_voter("u1", 100, g), {{0}, {1}});
    ballot(v.in.voters.add_voter("u2", 100, g), {{0}});  // same order: A above B
    ballot(v.in.voters.add_voter("u3", 100), {{1}});
    tally_result r = v.run();
    CHECK(r.counts.cast.heads == 2);
    CHECK(r.counts.mixed_heads == 0);
    CHECK(r.pairwise[0][1] == 1);
    CHECK(r.pairwise[1][0] == 1);
    v.in.option_ballots[1].ranking = {{1}};
    tally_result m = v.run();
    CHECK(m.counts.mixed_heads == 1);
    CHECK(m.mixed_groups == std::vector<std::string>{"owner-1"});
    CHECK(m.counts.valid.heads == 2);
    CHECK(m.pairwise[1][0] == 1);
    CHECK(m.winners == v.idx({"B"}));
}

// ---- approval -------------------------------------------------------------------

TEST_CASE("tally: approval over the maximum number of choices is invalid", "[tally]") {
    option_vote v(gov::tally_method::approval, letters("ABC"));
    v.in.rule.max_choices = 1;
    v.approve(3, {"A"});
    v.approve(2, {"B"});
    v.approve(4, {"B", "C"});  // over-approved: all four invalid
    tally_result r = v.run();
    CHECK(r.counts.cast.voters == 9);
    CHECK(r.counts.valid.voters == 5);
    CHECK(r.counts.invalid.voters == 4);
    CHECK(r.option_totals[1].voters == 2);
    CHECK(r.option_totals[2].voters == 0);
    CHECK(r.winners == v.idx({"A"}));
    CHECK(r.passed);
    CHECK(r.reason == "passed: A has the most approvals (3 votes)");
}

TEST_CASE("tally: approval winner must also meet the rule's pass conditions", "[tally]") {
    option_vote v(gov::tally_method::approval, letters("AB"));
    v.in.rule = gov::tally_preset("civil-code-278");
    v.in.rule.max_choices = 1;
    v.approve(4, {"A"});
    v.approve(3, {"B"});
    v.approve(1, {});
    tally_result r = v.run();
    CHECK(r.quorum_met);
    CHECK(r.winners == v.idx({"A"}));
    CHECK_FALSE(r.passed);  // 4 of 8 participating is not more than half
    CHECK(r.reason ==
          "not passed: A has the most approvals (4 votes), but approval weight 4.00 of 8.00 "
          "cast (1/2) not > 1/2; approval heads 4 of 8 cast (1/2) not > 1/2");
    v.approve(1, {"A"});
    CHECK(v.run().passed);
}

TEST_CASE("tally: approval ties are reported, and bad approvals refused", "[tally]") {
    option_vote v(gov::tally_method::approval, letters("ABC"));
    v.approve(2, {"A", "B"});
    v.approve(1, {"C"});
    tally_result r = v.run();
    CHECK(r.tie);
    CHECK(r.winners == v.idx({"A", "B"}));
    CHECK_FALSE(r.passed);
    CHECK(r.reason == "not passed: tie between A and B with 2 approval votes each");
    v.approve(1, {"C", "C"});
    CHECK_THROWS_WITH(v.run(), "ballots[3].approve[1]: option \"C\" approved twice");
}

TEST_CASE("tally: approval by weight and by group", "[tally]") {
    option_vote v(gov::tally_method::approval, letters("AB"));
    v.in.rule.headcount = gov::headcount_unit::group;
    auto g = v.in.voters.add_group("owner-1");
    auto add = [&](std::size_t voter, std::vector<std::size_t> approved) {
        gov::option_ballot b;
        b.voter = voter;
        b.approved = std::move(approved);
        v.in.option_ballots.push_back(std::move(b));
    };
    add(v.in.voters.add_voter("u1", 30000, g), {0, 1});
    add(v.in.voters.add_voter("u2", 30000, g), {0});
    add(v.in.voters.add_voter("u3", 10000), {1});
    add(v.in.voters.add_voter("u4", 10000), {1});
    tally_result r = v.run();
    // owner-1 approves A on both units, B on one: one head for A, none for B.
    CHECK(r.option_totals[0] == gov::measured{2, 1, 60000});
    CHECK(r.option_totals[1] == gov::measured{3, 2, 50000});
    CHECK(r.mixed_groups == std::vector<std::string>{"owner-1"});
    CHECK(r.winners == v.idx({"B"}));
    v.in.rule.count_by = gov::measure::weight;
    CHECK(v.run().winners == v.idx({"A"}));
}
