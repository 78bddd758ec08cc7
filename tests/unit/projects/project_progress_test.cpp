#include <catch2/catch.hpp>

#include "gov/projects/project.hpp"
#include "gov/projects/project_progress.hpp"
#include "gov/values/error.hpp"

using namespace gov;

TEST_CASE("project progress: percents are rounded down with integers", "[project_progress]") {
    CHECK(percent_floor(0, 0) == std::nullopt);
    CHECK(percent_floor(1, -3) == std::nullopt);
    CHECK(percent_floor(0, 6) == 0);
    CHECK(percent_floor(2, 3) == 66);
    CHECK(percent_floor(5, 6) == 83);
    CHECK(percent_floor(199, 200) == 99);  // never "done" before it is
    CHECK(percent_floor(200, 200) == 100);
    CHECK(percent_floor(7, 6) == 100);  // clamped
    CHECK(percent_floor(-1, 6) == 0);
    // 100 × part would overflow 64 bits; the arithmetic is 128-bit.
    CHECK(percent_floor(INT64_MAX / 2, INT64_MAX) == 49);
}

TEST_CASE("project progress: from milestones, done of all", "[project_progress]") {
    CHECK(progress_from_milestones(0, 0) == std::nullopt);
    CHECK(progress_from_milestones(1, 3) == 33);
    CHECK(progress_from_milestones(2, 4) == 50);
    CHECK(progress_from_milestones(3, 3) == 100);
}

TEST_CASE("project progress: from deliverables, items delivered of items targeted",
          "[project_progress]") {
    CHECK(progress_from_deliverables({}) == std::nullopt);
    CHECK(progress_from_deliverables({{"健身器材", 6, 4}}) == 66);
    CHECK(progress_from_deliverables({{"健身器材", 6, 6}}) == 100);
    // 4 of 6 stations and 1 of 1 pavilion: 5 of 7 items.
    CHECK(progress_from_deliverables({{"健身器材", 6, 4}, {"凉亭", 1, 1}}) == 71);
    // Extra stations do not make up for a missing bench: 6 + 0 of 10.
    CHECK(progress_from_deliverables({{"健身器材", 6, 8}, {"长椅", 4, 0}}) == 60);
    CHECK(progress_from_deliverables({{"健身器材", 6, 7}}) == 100);
}

TEST_CASE("project progress: the bar has ten cells and the percent", "[project_progress]") {
    CHECK(progress_bar(40) == "▓▓▓▓░░░░░░ 40%");
    CHECK(progress_bar(0) == "░░░░░░░░░░ 0%");
    CHECK(progress_bar(100) == "▓▓▓▓▓▓▓▓▓▓ 100%");
    CHECK(progress_bar(66) == "▓▓▓▓▓▓░░░░ 66%");
    CHECK(progress_bar(9) == "░░░░░░░░░░ 9%");
    CHECK(progress_bar(150) == "▓▓▓▓▓▓▓▓▓▓ 100%");
    CHECK(progress_bar(50, 4) == "▓▓░░ 50%");
}

TEST_CASE("project progress: rule names", "[project_progress]") {
    CHECK(parse_progress_rule("milestones") == progress_rule::milestones);
    CHECK(parse_progress_rule("deliverables") == progress_rule::deliverables);
    CHECK(parse_progress_rule("manual") == std::nullopt);
    CHECK(to_string(progress_rule::milestones) == "milestones");
}

TEST_CASE("project money: yuan to fen exactly, 0.10 + 0.20 is 0.30", "[project_progress]") {
    CHECK(parse_money("12000.00") == 1200000);
    CHECK(parse_money("0.1") == 10);
    CHECK(parse_money("36000") == 3600000);
    CHECK(parse_money("0.10") + parse_money("0.20") == parse_money("0.30"));
    CHECK(format_money(parse_money("0.10") + parse_money("0.20")) == "0.30");
    CHECK(format_money(-5) == "-0.05");
    for (const char* bad : {"1e5", "12,000.00", "-5", "0.123", "", " 5", "5.", ".5", "¥5", "5元"}) {
        INFO(bad);
        try {
            parse_money(bad);
            FAIL("accepted");
        } catch (const input_error& e) {
            CHECK_THAT(e.what(), Catch::Contains("like 12000.00"));
        }
    }
}

TEST_CASE("project status: the workflow", "[project_progress]") {
    using ps = project_status;
    CHECK(next_project_statuses(ps::planned) ==
          std::vector<ps>{ps::active, ps::blocked, ps::cancelled});
    CHECK(next_project_statuses(ps::active) ==
          std::vector<ps>{ps::blocked, ps::done, ps::cancelled});
    CHECK(next_project_statuses(ps::blocked) == std::vector<ps>{ps::active, ps::cancelled});
    CHECK(next_project_statuses(ps::done).empty());
    CHECK(next_project_statuses(ps::cancelled).empty());
    CHECK(parse_project_status("blocked") == ps::blocked);
    CHECK_THROWS_WITH(parse_project_status("finished"),
                      Catch::Contains("planned, active, blocked, done, cancelled"));
    CHECK(is_closed(ps::done));
    CHECK(is_closed(ps::cancelled));
    CHECK_FALSE(is_closed(ps::blocked));
}
